// Strict UTF-8 (RFC 3629) decoding for configuration text: unlike Text.Utf8 (which substitutes U+FFFD), a malformed
// sequence rejects the file, because a corrupted configuration must not be guessed at.
namespace Phone.Core.Provisioning
{
    using Phone.Core.Text;

    /// <summary>UTF-8 helpers used by the configuration parser and serialiser (encoding delegates to Text.Utf8).</summary>
    internal static class ConfigUtf8
    {
        /// <summary>
        /// Decodes data[offset .. offset+count) into <paramref name="text"/>. False on any malformed, overlong or
        /// surrogate sequence (RFC 3629 §3), so a corrupted file is rejected rather than guessed at.
        /// </summary>
        public static bool TryDecode(byte[] data, int offset, int count, out string text)
        {
            text = null;
            char[] chars = new char[count];
            int n = 0, i = offset, end = offset + count;
            while (i < end)
            {
                int b = data[i];
                if (b < 0x80) { chars[n++] = (char)b; i++; continue; }
                int need, cp, min;
                if ((b & 0xE0) == 0xC0) { need = 1; cp = b & 0x1F; min = 0x80; }
                else if ((b & 0xF0) == 0xE0) { need = 2; cp = b & 0x0F; min = 0x800; }
                else if ((b & 0xF8) == 0xF0) { need = 3; cp = b & 0x07; min = 0x10000; }
                else return false;
                if (i + need >= end) return false;
                for (int k = 1; k <= need; k++)
                {
                    int c = data[i + k];
                    if ((c & 0xC0) != 0x80) return false;
                    cp = (cp << 6) | (c & 0x3F);
                }
                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    chars[n++] = (char)(0xD800 + (cp >> 10));
                    chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)cp;
                }
                i += need + 1;
            }
            text = new string(chars, 0, n);
            return true;
        }

        /// <summary>
        /// True when data[offset .. offset+count) is exactly the UTF-8 form of <paramref name="s"/> (as
        /// <see cref="Encode"/> writes it), compared in place without allocating.
        /// </summary>
        public static bool Matches(string s, byte[] data, int offset, int count)
        {
            int p = offset, end = offset + count;
            for (int i = 0; i < s.Length; i++)
            {
                int c = s[i];
                if (c < 0x80)
                {
                    if (p >= end || data[p] != c) return false;
                    p++;
                    continue;
                }
                int n;
                if (c < 0x800) n = 2;
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                    i++;
                    n = 4;
                }
                else
                {
                    if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD; // an unpaired surrogate encodes as U+FFFD (Text.Utf8)
                    n = 3;
                }
                if (end - p < n) return false;
                int lead = n == 2 ? 0xC0 | (c >> 6) : n == 3 ? 0xE0 | (c >> 12) : 0xF0 | (c >> 18);
                if (data[p] != lead) return false;
                for (int k = 1; k < n; k++)
                {
                    if (data[p + k] != (0x80 | ((c >> (6 * (n - 1 - k))) & 0x3F))) return false;
                }
                p += n;
            }
            return p == end;
        }

        /// <summary>Bytes needed to encode <paramref name="s"/>.</summary>
        public static int ByteCount(string s) => Utf8.ByteCount(s);

        /// <summary>Encodes <paramref name="s"/> at buffer[offset]; returns bytes written, or -1 if it does not fit.</summary>
        public static int Encode(string s, byte[] buffer, int offset)
        {
            int n = Utf8.ByteCount(s);
            if (offset + n > buffer.Length) return -1;
            return Utf8.GetBytes(s, buffer, offset);
        }
    }
}
