// SDP parser counters (malformed bodies are dropped and counted, never thrown).
namespace Phone.Core.Sdp
{
    /// <summary>Counters for SDP parsing and negotiation.</summary>
    public sealed class SdpStats
    {
        // The counters in one array: on nanoCLR a field costs a 12-byte heap block, an int[] element 4 bytes.
        private readonly int[] _counts = new int[5];

        /// <summary>Bodies parsed successfully.</summary>
        public int Parsed { get => _counts[0]; set => _counts[0] = value; }

        /// <summary>Bodies refused as malformed.</summary>
        public int Malformed { get => _counts[1]; set => _counts[1] = value; }

        /// <summary>Bodies with more m= lines than the fixed table holds (also counted as malformed).</summary>
        public int TooManyMedia { get => _counts[2]; set => _counts[2] = value; }

        /// <summary>RTP payload types dropped because an m= line had more than the fixed table holds.</summary>
        public int DroppedFormats { get => _counts[3]; set => _counts[3] = value; }

        /// <summary>Offers answered with 488 (no common codec).</summary>
        public int NotAcceptable { get => _counts[4]; set => _counts[4] = value; }

        /// <summary>Summary for logs.</summary>
        public override string ToString()
            => "parsed=" + Parsed + " malformed=" + Malformed + " toomanymedia=" + TooManyMedia + " droppedfmt=" + DroppedFormats + " 488=" + NotAcceptable;
    }
}
