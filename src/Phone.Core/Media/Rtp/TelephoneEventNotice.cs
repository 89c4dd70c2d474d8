// A received DTMF digit start or end, from RFC 4733 telephone-event packets.
namespace Phone.Core.Media.Rtp
{
    /// <summary>One start or end of a received telephone event.</summary>
    public struct TelephoneEventNotice
    {
        /// <summary>RFC 4733 §3.2 event code (0-9 digits, 10 '*', 11 '#', 12-15 A-D, 16 flash).</summary>
        public int EventCode;
        /// <summary>The digit as a character ('0'..'9', '*', '#', 'A'..'D', '!' for flash, '?' otherwise).</summary>
        public char Digit;
        /// <summary>False for the start of the event, true for its end.</summary>
        public bool IsEnd;
        /// <summary>Duration in ms (at the end: the event's total duration; at the start: as far as known).</summary>
        public int DurationMs;
        /// <summary>RTP timestamp of the event's start.</summary>
        public uint Timestamp;
    }
}
