// An offset/length view into a received SIP message buffer (zero-copy parsing, RFC 3261 §7).
namespace Phone.Core.Sip
{
    /// <summary>
    /// A slice of the caller-owned message buffer. Start is -1 when the element is absent.
    /// A slice of a header value may contain folded line breaks (CRLF + SP/HTAB, RFC 3261 §7.3.1);
    /// <see cref="SipText"/> helpers treat them as a single space.
    /// </summary>
    public struct SipSlice
    {
        /// <summary>Offset of the first byte in the buffer, or -1 when absent.</summary>
        public int Start;

        /// <summary>Number of bytes (0 for an absent or empty element).</summary>
        public int Length;

        /// <summary>The absent slice.</summary>
        public static readonly SipSlice None = new SipSlice(-1, 0);

        /// <summary>Creates a slice.</summary>
        public SipSlice(int start, int length)
        {
            Start = start;
            Length = length;
        }

        /// <summary>True when the element was present (even if empty).</summary>
        public bool IsPresent => Start >= 0;

        /// <summary>Offset one past the last byte.</summary>
        public int End => Start + Length;

        /// <summary>Case-sensitive comparison with an ASCII constant, without allocating.</summary>
        public bool Equals(byte[] buffer, string ascii) => Start >= 0 && SipText.Equals(buffer, Start, Length, ascii);

        /// <summary>Case-insensitive comparison with an ASCII constant, without allocating.</summary>
        public bool EqualsIgnoreCase(byte[] buffer, string ascii) => Start >= 0 && SipText.EqualsIgnoreCase(buffer, Start, Length, ascii);

        /// <summary>The slice as a string, bytes as received (UTF-8 decoded); for the edges only: it allocates.</summary>
        public string ToString(byte[] buffer) => Start < 0 ? null : SipText.ToAsciiString(buffer, Start, Length);

        /// <summary>Sets Start/Length.</summary>
        public void Set(int start, int length)
        {
            Start = start;
            Length = length;
        }

        /// <summary>
        /// Largest message a parsed element table can index: starts are kept as 16-bit codes relative to the message
        /// (0 = offset 0 of the buffer, the default struct's value; 1 = absent; n = message offset + n - 2).
        /// </summary>
        internal const int MaxIndexed = 65533;

        /// <summary>Writes s as two ushorts at t[at], t[at + 1] (a parsed message's element table), start relative to origin.</summary>
        [HotPath]
        internal static void Store(ushort[] t, int at, ref SipSlice s, int origin)
        {
            int start = s.Start;
            t[at] = start < 0 ? (ushort)1 : start == 0 ? (ushort)0 : (ushort)(start - origin + 2);
            t[at + 1] = (ushort)s.Length;
        }

        /// <summary>Reads back what <see cref="Store"/> wrote.</summary>
        [HotPath]
        internal static void Load(ushort[] t, int at, out SipSlice s, int origin)
        {
            int code = t[at];
            s.Start = code == 1 ? -1 : code == 0 ? 0 : origin + code - 2;
            s.Length = t[at + 1];
        }

        /// <summary>Writes a 32-bit value as two ushorts at t[at] (high), t[at + 1] (low).</summary>
        [HotPath]
        internal static void Store32(ushort[] t, int at, int v)
        {
            t[at] = (ushort)((uint)v >> 16);
            t[at + 1] = (ushort)v;
        }

        /// <summary>Reads back what <see cref="Store32"/> wrote.</summary>
        [HotPath]
        internal static int Load32(ushort[] t, int at) => (int)(((uint)t[at] << 16) | t[at + 1]);

        /// <summary>Marks the slice absent.</summary>
        public void Clear()
        {
            Start = -1;
            Length = 0;
        }
    }
}
