// ASCII byte helpers for SIP text (RFC 3261 §25.1 character classes) over caller-owned buffers.
namespace Phone.Core.Sip
{
    /// <summary>
    /// Allocation-free helpers over byte[] + offset + length: character classes, case-insensitive comparison
    /// against ASCII constants, LWS skipping (folded lines count as whitespace), integer parsing and
    /// parameter lookup. String-returning helpers are for the edges (logs, UI, configuration) only.
    /// </summary>
    public static class SipText
    {
        /// <summary>token character (RFC 3261 §25.1: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").</summary>
        public const byte ClassToken = 1;
        /// <summary>SP or HTAB.</summary>
        public const byte ClassWsp = 2;
        /// <summary>DIGIT.</summary>
        public const byte ClassDigit = 4;
        /// <summary>ALPHA.</summary>
        public const byte ClassAlpha = 8;
        /// <summary>HEXDIG.</summary>
        public const byte ClassHex = 16;
        /// <summary>A byte that may appear in a URI (unreserved, reserved, '%', '[', ']').</summary>
        public const byte ClassUri = 32;
        /// <summary>A byte allowed in a hostname or IPv4 address (alphanum, '-', '.').</summary>
        public const byte ClassHost = 64;
        /// <summary>A byte allowed in an unquoted generic-param value: token chars plus ':' '[' ']' (gen-value = token / host).</summary>
        public const byte ClassParamValue = 128;

        private static readonly byte[] s_class = BuildClasses();

        private static byte[] BuildClasses()
        {
            byte[] t = new byte[256];
            for (int c = '0'; c <= '9'; c++) t[c] = ClassToken | ClassDigit | ClassHex | ClassUri | ClassHost | ClassParamValue;
            for (int c = 'a'; c <= 'z'; c++) t[c] = ClassToken | ClassAlpha | ClassUri | ClassHost | ClassParamValue;
            for (int c = 'A'; c <= 'Z'; c++) t[c] = ClassToken | ClassAlpha | ClassUri | ClassHost | ClassParamValue;
            for (int c = 'a'; c <= 'f'; c++) t[c] |= ClassHex;
            for (int c = 'A'; c <= 'F'; c++) t[c] |= ClassHex;
            string tok = "-.!%*_+`'~";
            for (int i = 0; i < tok.Length; i++) t[tok[i]] |= ClassToken | ClassUri | ClassParamValue;
            t['-'] |= ClassHost;
            t['.'] |= ClassHost;
            string uri = ";/?:@&=+$,()[]";
            for (int i = 0; i < uri.Length; i++) t[uri[i]] |= ClassUri;
            t[':'] |= ClassParamValue;
            t['['] |= ClassParamValue;
            t[']'] |= ClassParamValue;
            t[' '] = ClassWsp;
            t['\t'] = ClassWsp;
            return t;
        }

        /// <summary>True when b belongs to every class in mask.</summary>
        public static bool Is(byte b, byte mask) => (s_class[b] & mask) == mask;

        /// <summary>True for a token character.</summary>
        public static bool IsToken(byte b) => (s_class[b] & ClassToken) != 0;

        /// <summary>True for a decimal digit.</summary>
        public static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';

        /// <summary>True for SP, HTAB, CR or LF (a folded line break is whitespace inside a value).</summary>
        public static bool IsLws(byte b) => b <= 32 && (b == 32 || b == 9 || b == 13 || b == 10);

        /// <summary>Value of a hex digit, or -1.</summary>
        public static int HexValue(byte b)
        {
            if (b >= (byte)'0' && b <= (byte)'9') return b - '0';
            if (b >= (byte)'a' && b <= (byte)'f') return b - 'a' + 10;
            if (b >= (byte)'A' && b <= (byte)'F') return b - 'A' + 10;
            return -1;
        }

        /// <summary>Lower-cases an ASCII letter.</summary>
        public static int Lower(int b) => (b >= 'A' && b <= 'Z') ? b + 32 : b;

        /// <summary>
        /// Index of the first byte equal to value in buf[pos..end), or end when there is none. The host build uses the
        /// runtime's vectorised search; the device build a plain loop (same result).
        /// </summary>
        [HotPath]
        public static int IndexOf(byte[] buf, int pos, int end, byte value)
        {
#if HOST
            int i = System.MemoryExtensions.IndexOf(new System.ReadOnlySpan<byte>(buf, pos, end - pos), value);
            return i < 0 ? end : pos + i;
#else
            while (pos < end && buf[pos] != value) pos++;
            return pos;
#endif
        }

        /// <summary>Skips SP/HTAB/CR/LF from pos; returns the first other position (or end).</summary>
        [HotPath]
        public static int SkipLws(byte[] buf, int pos, int end)
        {
            while (pos < end && IsLws(buf[pos])) pos++;
            return pos;
        }

        /// <summary>Moves end back over trailing SP/HTAB/CR/LF; returns the new end.</summary>
        [HotPath]
        public static int TrimEnd(byte[] buf, int start, int end)
        {
            while (end > start && IsLws(buf[end - 1])) end--;
            return end;
        }

        /// <summary>Skips a run of token characters from pos; returns the first non-token position.</summary>
        [HotPath]
        public static int SkipToken(byte[] buf, int pos, int end)
        {
            while (pos < end && (s_class[buf[pos]] & ClassToken) != 0) pos++;
            return pos;
        }

        /// <summary>
        /// Skips a quoted-string starting at the opening '"' (RFC 3261 §25.1, quoted-pair allowed);
        /// returns the position after the closing '"', or -1 when it is not terminated.
        /// </summary>
        [HotPath]
        public static int SkipQuoted(byte[] buf, int pos, int end)
        {
            if (pos >= end || buf[pos] != (byte)'"') return -1;
            pos++;
            while (pos < end)
            {
                byte b = buf[pos];
                if (b == (byte)'"') return pos + 1;
                if (b == (byte)'\\')
                {
                    // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                    if (pos + 1 >= end) return -1;
                    byte q = buf[pos + 1];
                    if (q == 10 || q == 13 || q > 0x7F) return -1;
                    pos += 2;
                    continue;
                }
                if (b == 13 || b == 10)
                {
                    // Only folding (CRLF followed by WSP) may appear inside a quoted string.
                    if (b == 13 && pos + 1 < end && buf[pos + 1] == 10) pos++;
                    if (pos + 1 >= end || (buf[pos + 1] != 32 && buf[pos + 1] != 9)) return -1;
                }
                else if (b < 32 && b != 9)
                {
                    return -1;
                }
                pos++;
            }
            return -1;
        }

        /// <summary>Case-sensitive comparison of a slice with an ASCII constant.</summary>
        [HotPath]
        public static bool Equals(byte[] buf, int start, int length, string ascii)
        {
            if (length != ascii.Length) return false;
            for (int i = 0; i < length; i++)
            {
                if (buf[start + i] != ascii[i]) return false;
            }
            return true;
        }

        /// <summary>Case-insensitive (ASCII) comparison of a slice with an ASCII constant.</summary>
        [HotPath]
        public static bool EqualsIgnoreCase(byte[] buf, int start, int length, string ascii)
        {
            if (length != ascii.Length) return false;
            for (int i = 0; i < length; i++)
            {
                int a = buf[start + i];
                int b = ascii[i];
                if (a != b && Lower(a) != Lower(b)) return false;
            }
            return true;
        }

        /// <summary>Case-insensitive (ASCII) comparison of two slices, possibly in different buffers.</summary>
        [HotPath]
        public static bool EqualsIgnoreCase(byte[] a, int aStart, int aLength, byte[] b, int bStart, int bLength)
        {
            if (aLength != bLength) return false;
            for (int i = 0; i < aLength; i++)
            {
                int x = a[aStart + i];
                int y = b[bStart + i];
                if (x != y && Lower(x) != Lower(y)) return false;
            }
            return true;
        }

        /// <summary>Byte-exact comparison of two slices.</summary>
        [HotPath]
        public static bool Equals(byte[] a, int aStart, int aLength, byte[] b, int bStart, int bLength)
        {
            if (aLength != bLength) return false;
            for (int i = 0; i < aLength; i++)
            {
                if (a[aStart + i] != b[bStart + i]) return false;
            }
            return true;
        }

        /// <summary>Case-sensitive prefix test against an ASCII constant.</summary>
        [HotPath]
        public static bool StartsWith(byte[] buf, int start, int length, string ascii)
        {
            if (length < ascii.Length) return false;
            for (int i = 0; i < ascii.Length; i++)
            {
                if (buf[start + i] != ascii[i]) return false;
            }
            return true;
        }

        /// <summary>
        /// Compares a slice holding %HH escapes with an unescaped ASCII constant, decoding escapes as it goes
        /// (RFC 3261 §19.1.4: escaped and unescaped forms of a URI component are equivalent).
        /// </summary>
        [HotPath]
        public static bool EqualsUnescaped(byte[] buf, int start, int length, string ascii)
        {
            int i = start, end = start + length, j = 0;
            while (i < end)
            {
                int c = buf[i];
                if (c == '%' && i + 2 < end)
                {
                    int hi = HexValue(buf[i + 1]);
                    int lo = HexValue(buf[i + 2]);
                    if (hi >= 0 && lo >= 0)
                    {
                        c = (hi << 4) | lo;
                        i += 2;
                    }
                }
                if (j >= ascii.Length || ascii[j] != c) return false;
                i++;
                j++;
            }
            return j == ascii.Length;
        }

        /// <summary>
        /// Decodes %HH escapes of a slice into dst at dstOffset; returns the decoded length, or -1 when dst is too small.
        /// </summary>
        [HotPath]
        public static int Unescape(byte[] buf, int start, int length, byte[] dst, int dstOffset)
        {
            int i = start, end = start + length, o = dstOffset;
            while (i < end)
            {
                if (o >= dst.Length) return -1;
                int c = buf[i];
                if (c == '%' && i + 2 < end)
                {
                    int hi = HexValue(buf[i + 1]);
                    int lo = HexValue(buf[i + 2]);
                    if (hi >= 0 && lo >= 0)
                    {
                        c = (hi << 4) | lo;
                        i += 2;
                    }
                }
                dst[o++] = (byte)c;
                i++;
            }
            return o - dstOffset;
        }

        /// <summary>
        /// Parses an unsigned decimal slice (leading zeros allowed, no sign) up to 2^32-1.
        /// False on an empty slice, a non-digit or overflow.
        /// </summary>
        [HotPath]
        public static bool TryParseUInt32(byte[] buf, int start, int length, out uint value)
        {
            value = 0;
            if (length <= 0) return false;
            ulong v = 0;
            for (int i = start; i < start + length; i++)
            {
                int d = buf[i] - '0';
                if (d < 0 || d > 9) return false;
                v = v * 10 + (ulong)d;
                if (v > 0xFFFFFFFFUL) return false;
            }
            value = (uint)v;
            return true;
        }

        /// <summary>
        /// Parses a decimal slice that must fit in 0..max (int); false on empty, non-digit or overflow.
        /// </summary>
        [HotPath]
        public static bool TryParseInt(byte[] buf, int start, int length, int max, out int value)
        {
            value = 0;
            if (length <= 0) return false;
            long v = 0;
            for (int i = start; i < start + length; i++)
            {
                int d = buf[i] - '0';
                if (d < 0 || d > 9) return false;
                v = v * 10 + d;
                if (v > max) return false;
            }
            value = (int)v;
            return true;
        }

        /// <summary>
        /// Finds a generic-param by name (case-insensitive) in a parameter list such as ";a=1 ; b ;c=\"x\""
        /// (RFC 3261 §25.1: SEMI = SWS ";" SWS, EQUAL = SWS "=" SWS). The region may start with ';' or directly with a name.
        /// Returns true when found; value is the unquoted-as-written value slice (Length 0 and Start at the name end when
        /// the parameter has no value). Quoted values keep their quotes.
        /// </summary>
        [HotPath]
        public static bool TryFindParam(byte[] buf, int start, int end, string name, out SipSlice value)
        {
            value = SipSlice.None;
            int pos = start;
            while (pos < end)
            {
                pos = SkipLws(buf, pos, end);
                if (pos < end && buf[pos] == (byte)';') pos = SkipLws(buf, pos + 1, end);
                int nameStart = pos;
                while (pos < end && buf[pos] != (byte)'=' && buf[pos] != (byte)';' && !IsLws(buf[pos])) pos++;
                int nameEnd = pos;
                pos = SkipLws(buf, pos, end);
                int vStart = nameEnd, vEnd = nameEnd;
                if (pos < end && buf[pos] == (byte)'=')
                {
                    pos = SkipLws(buf, pos + 1, end);
                    vStart = pos;
                    if (pos < end && buf[pos] == (byte)'"')
                    {
                        int q = SkipQuoted(buf, pos, end);
                        pos = q < 0 ? end : q;
                    }
                    else
                    {
                        while (pos < end && buf[pos] != (byte)';' && !IsLws(buf[pos])) pos++;
                    }
                    vEnd = pos;
                }
                if (nameEnd > nameStart && EqualsIgnoreCase(buf, nameStart, nameEnd - nameStart, name))
                {
                    value.Set(vStart, vEnd - vStart);
                    return true;
                }
                if (nameEnd == nameStart && pos == nameStart)
                {
                    pos++;
                }
            }
            return false;
        }

        /// <summary>
        /// Reads one generic-param after a ';' (RFC 3261 §25.1: generic-param = token [ EQUAL gen-value ],
        /// gen-value = token / host / quoted-string). pos is just after the ';'. Returns the position after the
        /// parameter, or -1 when it is malformed (empty name, empty value, unterminated quote).
        /// value.Start is -1 when the parameter has no '='.
        /// </summary>
        [HotPath]
        public static int ReadParam(byte[] buf, int pos, int end, out SipSlice name, out SipSlice value)
        {
            name = SipSlice.None;
            value = SipSlice.None;
            pos = SkipLws(buf, pos, end);
            int ns = pos;
            pos = SkipToken(buf, pos, end);
            if (pos == ns) return -1;
            name.Set(ns, pos - ns);
            int p = SkipLws(buf, pos, end);
            if (p >= end || buf[p] != (byte)'=') return pos;
            p = SkipLws(buf, p + 1, end);
            int vs = p;
            if (p < end && buf[p] == (byte)'"')
            {
                p = SkipQuoted(buf, p, end);
                if (p < 0) return -1;
            }
            else
            {
                while (p < end && (s_class[buf[p]] & ClassParamValue) != 0) p++;
                if (p == vs) return -1;
            }
            value.Set(vs, p - vs);
            return p;
        }

        /// <summary>
        /// True when a comma-separated token list (Require, Supported, Allow …) contains token, case-insensitive.
        /// </summary>
        [HotPath]
        public static bool ListContainsToken(byte[] buf, int start, int end, string token)
        {
            int pos = start;
            while (pos < end)
            {
                pos = SkipLws(buf, pos, end);
                int s = pos;
                while (pos < end && buf[pos] != (byte)',') pos++;
                int e = TrimEnd(buf, s, pos);
                if (EqualsIgnoreCase(buf, s, e - s, token)) return true;
                pos++;
            }
            return false;
        }

        /// <summary>
        /// Copies a header value to dst with every folded line break (CRLF + WSP run) replaced by one SP
        /// (RFC 3261 §7.3.1); returns the number of bytes written, or -1 when dst is too small.
        /// </summary>
        [HotPath]
        public static int CopyUnfolded(byte[] buf, int start, int length, byte[] dst, int dstOffset)
            => CopyUnfolded(buf, start, length, dst, dstOffset, dst.Length);

        /// <summary>As <see cref="CopyUnfolded(byte[], int, int, byte[], int)"/>, writing nothing at or beyond dstEnd.</summary>
        [HotPath]
        public static int CopyUnfolded(byte[] buf, int start, int length, byte[] dst, int dstOffset, int dstEnd)
        {
            if (dstEnd > dst.Length) dstEnd = dst.Length;
            int o = dstOffset, end = start + length;
            for (int i = start; i < end; i++)
            {
                byte b = buf[i];
                if (b == 13 || b == 10)
                {
                    // Collapse the line break and the whitespace around it into one SP.
                    while (o > dstOffset && (dst[o - 1] == 32 || dst[o - 1] == 9)) o--;
                    while (i + 1 < end && IsLws(buf[i + 1])) i++;
                    b = 32;
                }
                if (o >= dstEnd) return -1;
                dst[o++] = b;
            }
            return o - dstOffset;
        }

        /// <summary>Decodes a slice as UTF-8 (invalid sequences become U+FFFD), bytes as they are. Allocates: edges only.</summary>
        public static string ToAsciiString(byte[] buf, int start, int length) => Decode(buf, start, length, false);

        /// <summary>
        /// Decodes a header value slice as UTF-8 with every folded line break (and the whitespace around it) replaced
        /// by one SP (RFC 3261 §7.3.1). Allocates: edges only.
        /// </summary>
        public static string ToUnfoldedString(byte[] buf, int start, int length) => Decode(buf, start, length, true);

        private static string Decode(byte[] buf, int start, int length, bool unfold)
        {
            if (buf == null || start < 0 || length <= 0) return string.Empty;
            char[] chars = new char[length];
            int n = 0, end = start + length;
            for (int i = start; i < end; i++)
            {
                int b = buf[i];
                if (unfold && (b == 13 || b == 10))
                {
                    while (n > 0 && (chars[n - 1] == ' ' || chars[n - 1] == '\t')) n--;
                    while (i + 1 < end && IsLws(buf[i + 1])) i++;
                    chars[n++] = ' ';
                    continue;
                }
                if (b < 0x80)
                {
                    chars[n++] = (char)b;
                    continue;
                }
                int need, cp;
                if ((b & 0xE0) == 0xC0) { need = 1; cp = b & 0x1F; }
                else if ((b & 0xF0) == 0xE0) { need = 2; cp = b & 0x0F; }
                else if ((b & 0xF8) == 0xF0) { need = 3; cp = b & 0x07; }
                else { chars[n++] = '\uFFFD'; continue; }
                if (i + need >= end) { chars[n++] = '\uFFFD'; continue; }
                bool ok = true;
                for (int k = 1; k <= need; k++)
                {
                    int c = buf[i + k];
                    if ((c & 0xC0) != 0x80) { ok = false; break; }
                    cp = (cp << 6) | (c & 0x3F);
                }
                if (!ok) { chars[n++] = '\uFFFD'; continue; }
                i += need;
                if (cp >= 0x10000)
                {
                    // Needs a surrogate pair: 2 chars for 4 bytes, so the array is always long enough.
                    cp -= 0x10000;
                    chars[n++] = (char)(0xD800 + (cp >> 10));
                    chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)cp;
                }
            }
            return new string(chars, 0, n);
        }
    }
}
