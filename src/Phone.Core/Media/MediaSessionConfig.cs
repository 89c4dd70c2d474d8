// Parameters of one RTP audio session, as negotiated by SDP (RFC 3264) and chosen locally.
namespace Phone.Core.Media
{
    using Phone.Core.Net;

    /// <summary>Settings read once by <see cref="MediaSession"/>'s constructor.</summary>
    public sealed class MediaSessionConfig
    {
        /// <summary>Creates the defaults: PCMU, telephone-event 101, 32 jitter slots.</summary>
        public MediaSessionConfig()
        {
            PayloadType = 0;
            TelephoneEventPayloadType = 101;
            JitterSlots = 32;
            JitterSlotBytes = 240;
            Cname = "phone@0.0.0.0";
            RandomSeed = 0x12345678;
        }

        /// <summary>Audio payload type to send: 0 = PCMU, 8 = PCMA (RFC 3551). Both are accepted on receive.</summary>
        public int PayloadType;

        /// <summary>Payload type of telephone-event as the far end's SDP gave it (RFC 4733 §7), -1 if none.</summary>
        public int TelephoneEventPayloadType;

        /// <summary>Where to send RTP until media arrives from elsewhere (symmetric RTP).</summary>
        public NetEndPoint RemoteRtp;

        /// <summary>
        /// Where to send RTCP; empty means the RTP port + 1 (RFC 3550 §11). Ignored when RTCP is multiplexed on the
        /// RTP socket.
        /// </summary>
        public NetEndPoint RemoteRtcp;

        /// <summary>Our SSRC; 0 draws one from <see cref="RandomSeed"/>.</summary>
        public uint Ssrc;

        /// <summary>Seed of the session's random numbers (SSRC, initial sequence and timestamp, RTCP timing).</summary>
        public uint RandomSeed;

        /// <summary>RTCP CNAME (RFC 3550 §6.5.1), ASCII, e.g. "user@host".</summary>
        public string Cname;

        /// <summary>Jitter buffer slots (each one packet).</summary>
        public int JitterSlots;

        /// <summary>Largest payload a jitter buffer slot holds (G.711: samples).</summary>
        public int JitterSlotBytes;

        /// <summary>Receive buffer for one RTP or RTCP datagram; 0: 1500 (an Ethernet MTU). Longer datagrams are cut short.</summary>
        public int MaxDatagramBytes;

        /// <summary>
        /// The session's audio frame, lent by the owner: at least <see cref="Jitter.JitterBuffer.WorkSamples"/> samples,
        /// used by the session's tick (play, capture, the jitter buffer's time scaling) and free for the owner between
        /// ticks. Null (or shorter): the session allocates its own.
        /// </summary>
        public short[] WorkFrame;
    }
}
