// One side of an emulated call: RTP/RTCP sockets on 127.0.0.1, a signal microphone, a recorded speaker, a MediaSession.
namespace Phone.Emulator
{
    using System;
    using System.Collections.Generic;
    using Phone.Core.Media;
    using Phone.Core.Media.Rtp;
    using Phone.Core.Net;
    using Phone.Host.Audio;
    using Phone.Host.Net;

    internal sealed class CallLeg : IDisposable
    {
        public const uint Loopback = 0x7F000001;

        public CallLeg(string name, double f1, double f2)
        {
            Name = name;
            Audio = new SignalAudioPort(f1, f2);
            Rtp = new HostDatagramSocket(new NetEndPoint(Loopback, 0));
            Rtcp = new HostDatagramSocket(new NetEndPoint(Loopback, 0));
        }

        public string Name { get; }
        public SignalAudioPort Audio { get; }
        public HostDatagramSocket Rtp { get; }
        public HostDatagramSocket Rtcp { get; }
        public MediaSession Session { get; private set; }
        public List<char> DigitsReceived { get; } = new List<char>();

        /// <summary>Starts media towards <paramref name="remote"/> with the negotiated payload types.</summary>
        public void Start(CallLeg remote, int payloadType, int eventPayloadType, long nowMs, uint seed)
        {
            var config = new MediaSessionConfig
            {
                PayloadType = payloadType,
                TelephoneEventPayloadType = eventPayloadType,
                RemoteRtp = remote.Rtp.LocalEndPoint,
                RemoteRtcp = remote.Rtcp.LocalEndPoint,
                RandomSeed = seed,
                Cname = Name,
            };
            Session = new MediaSession(Audio, Rtp, Rtcp, config, nowMs);
        }

        public void Tick(long nowMs)
        {
            Session.Tick(nowMs);
            while (Session.TryReadDtmf(out TelephoneEventNotice notice))
            {
                if (notice.IsEnd) DigitsReceived.Add(notice.Digit);
            }
        }

        public void Dispose()
        {
            Rtp.Close();
            Rtcp.Close();
        }
    }
}
