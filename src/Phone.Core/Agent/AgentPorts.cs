// The platform ports one phone agent runs on: the SIP socket, RTP/RTCP sockets per call slot, audio, log, a seed.
namespace Phone.Core.Agent
{
    using Phone.Core.Ports;

    /// <summary>
    /// Everything a <see cref="PhoneAgent"/> uses of the platform, opened once at start-up: no socket is created
    /// per call. <see cref="Rtp"/>[n] must be bound to AgentConfig.RtpPortBase + 2n, <see cref="Rtcp"/>[n] to the
    /// port above (or null entries for RTCP multiplexed on the RTP socket, RFC 5761).
    /// </summary>
    public sealed class AgentPorts
    {
        /// <summary>Bound SIP UDP socket (AgentConfig.SipPort).</summary>
        public IDatagramSocket Sip;

        /// <summary>RTP socket per call slot (at least AgentConfig.MaxCalls).</summary>
        public IDatagramSocket[] Rtp;

        /// <summary>RTCP socket per call slot; null (or null entries) multiplexes RTCP on RTP.</summary>
        public IDatagramSocket[] Rtcp;

        /// <summary>Microphone and speaker, 20 ms frames.</summary>
        public IAudioPort Audio;

        /// <summary>
        /// UDP socket for DNS queries (any local port), used only when the registrar is a name
        /// (AgentConfig.RegistrarName); null: such a registrar is not used.
        /// </summary>
        public IDatagramSocket Dns;

        /// <summary>Log sink, or null for none.</summary>
        public ILog Log;

        /// <summary>Seed of the agent's random numbers (tags, Call-IDs, SSRCs, cnonces); differ per device.</summary>
        public int Seed = 1;
    }
}
