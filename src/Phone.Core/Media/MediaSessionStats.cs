// Call-quality counters of one media session, for the call report.
namespace Phone.Core.Media
{
    /// <summary>Snapshot, refreshed each time <see cref="MediaSession.Stats"/> is read.</summary>
    public sealed class MediaSessionStats
    {
        /// <summary>RTP packets sent (audio and events).</summary>
        public int PacketsSent;
        /// <summary>Datagrams the socket refused.</summary>
        public int SendFailures;
        /// <summary>RTP packets accepted from the far end.</summary>
        public int PacketsReceived;
        /// <summary>RTP packets dropped as malformed or foreign (see RtpStats for reasons).</summary>
        public int PacketsDropped;
        /// <summary>Far-end packets lost (RFC 3550 A.3 cumulative).</summary>
        public int PacketsLost;
        /// <summary>Packets that arrived too late to play.</summary>
        public int PacketsLate;
        /// <summary>Frames played with concealment.</summary>
        public int ConcealedFrames;
        /// <summary>Interarrival jitter of the far end's stream, ms (RFC 3550 A.8).</summary>
        public int JitterMs;
        /// <summary>Jitter buffer target delay, ms.</summary>
        public int JitterBufferDelayMs;
        /// <summary>Round-trip time from RTCP, ms; -1 until known.</summary>
        public int RoundTripMs;
        /// <summary>Loss of our stream as the far end reports it, 8-bit fixed point.</summary>
        public int RemoteFractionLost;
        /// <summary>RTCP compound packets sent.</summary>
        public int RtcpSent;
        /// <summary>RTCP compound packets received and valid.</summary>
        public int RtcpReceived;
        /// <summary>DTMF events sent.</summary>
        public int DtmfSent;
        /// <summary>DTMF event notices received (starts and ends).</summary>
        public int DtmfReceived;
        /// <summary>SSRC collisions resolved by choosing a new SSRC (RFC 3550 §8.2).</summary>
        public int SsrcCollisions;
        /// <summary>Frames the audio port could not capture (silence sent instead).</summary>
        public int CaptureMisses;
    }
}
