// SDP parser counters (malformed bodies are dropped and counted, never thrown).
namespace Phone.Core.Sdp
{
    /// <summary>Counters for SDP parsing and negotiation.</summary>
    public sealed class SdpStats
    {
        /// <summary>Bodies parsed successfully.</summary>
        public int Parsed;

        /// <summary>Bodies refused as malformed.</summary>
        public int Malformed;

        /// <summary>Bodies with more m= lines than the fixed table holds (also counted as malformed).</summary>
        public int TooManyMedia;

        /// <summary>RTP payload types dropped because an m= line had more than the fixed table holds.</summary>
        public int DroppedFormats;

        /// <summary>Offers answered with 488 (no common codec).</summary>
        public int NotAcceptable;

        /// <summary>Summary for logs.</summary>
        public override string ToString()
            => "parsed=" + Parsed + " malformed=" + Malformed + " toomanymedia=" + TooManyMedia + " droppedfmt=" + DroppedFormats + " 488=" + NotAcceptable;
    }
}
