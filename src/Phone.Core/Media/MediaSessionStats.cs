// Call-quality counters of one media session, for the call report.
namespace Phone.Core.Media
{
    /// <summary>Snapshot, refreshed each time <see cref="MediaSession.Stats"/> is read.</summary>
    public sealed class MediaSessionStats
    {
        // The counters in one array: on nanoCLR a field costs a 12-byte heap block, an int[] element 4 bytes.
        private readonly int[] _counts = new int[17];

        /// <summary>RTP packets sent (audio and events).</summary>
        public int PacketsSent { get => _counts[0]; set => _counts[0] = value; }
        /// <summary>Datagrams the socket refused.</summary>
        public int SendFailures { get => _counts[1]; set => _counts[1] = value; }
        /// <summary>RTP packets accepted from the far end.</summary>
        public int PacketsReceived { get => _counts[2]; set => _counts[2] = value; }
        /// <summary>RTP packets dropped as malformed or foreign (see RtpStats for reasons).</summary>
        public int PacketsDropped { get => _counts[3]; set => _counts[3] = value; }
        /// <summary>Far-end packets lost (RFC 3550 A.3 cumulative).</summary>
        public int PacketsLost { get => _counts[4]; set => _counts[4] = value; }
        /// <summary>Packets that arrived too late to play.</summary>
        public int PacketsLate { get => _counts[5]; set => _counts[5] = value; }
        /// <summary>Frames played with concealment.</summary>
        public int ConcealedFrames { get => _counts[6]; set => _counts[6] = value; }
        /// <summary>Interarrival jitter of the far end's stream, ms (RFC 3550 A.8).</summary>
        public int JitterMs { get => _counts[7]; set => _counts[7] = value; }
        /// <summary>Jitter buffer target delay, ms.</summary>
        public int JitterBufferDelayMs { get => _counts[8]; set => _counts[8] = value; }
        /// <summary>Round-trip time from RTCP, ms; -1 until known.</summary>
        public int RoundTripMs { get => _counts[9]; set => _counts[9] = value; }
        /// <summary>Loss of our stream as the far end reports it, 8-bit fixed point.</summary>
        public int RemoteFractionLost { get => _counts[10]; set => _counts[10] = value; }
        /// <summary>RTCP compound packets sent.</summary>
        public int RtcpSent { get => _counts[11]; set => _counts[11] = value; }
        /// <summary>RTCP compound packets received and valid.</summary>
        public int RtcpReceived { get => _counts[12]; set => _counts[12] = value; }
        /// <summary>DTMF events sent.</summary>
        public int DtmfSent { get => _counts[13]; set => _counts[13] = value; }
        /// <summary>DTMF event notices received (starts and ends).</summary>
        public int DtmfReceived { get => _counts[14]; set => _counts[14] = value; }
        /// <summary>SSRC collisions resolved by choosing a new SSRC (RFC 3550 §8.2).</summary>
        public int SsrcCollisions { get => _counts[15]; set => _counts[15] = value; }
        /// <summary>Frames the audio port could not capture (silence sent instead).</summary>
        public int CaptureMisses { get => _counts[16]; set => _counts[16] = value; }
    }
}
