// UTF-8 encode/decode, RFC 3629, because nanoFramework mscorlib has no System.Text.Encoding.
namespace Phone.Core.Text
{
    /// <summary>
    /// UTF-8 conversion between strings and caller-owned byte arrays (ASCII is the common case: one byte per char).
    /// Unpaired surrogates encode as U+FFFD; malformed or overlong input sequences decode as U+FFFD (RFC 3629 §3, §10).
    /// </summary>
    public static class Utf8
    {
        private const char Replacement = '\uFFFD';

        /// <summary>Number of bytes <see cref="GetBytes"/> writes for <paramref name="s"/> (0 for null).</summary>
        public static int ByteCount(string s)
        {
            if (s == null) return 0;
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                int c = s[i];
                if (c < 0x80) n += 1;
                else if (c < 0x800) n += 2;
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    n += 4;
                    i++;
                }
                else n += 3;
            }
            return n;
        }

        /// <summary>
        /// Writes the UTF-8 bytes of <paramref name="s"/> at dst[offset]; returns the number of bytes written.
        /// The caller sizes dst with <see cref="ByteCount"/>; an index exception here is a caller bug.
        /// </summary>
        public static int GetBytes(string s, byte[] dst, int offset)
        {
            if (s == null) return 0;
            return GetBytes(s, 0, s.Length, dst, offset);
        }

        /// <summary>
        /// Writes the UTF-8 bytes of s[charIndex..charIndex+charCount) at dst[offset]; returns the number of bytes
        /// written (at most 3 per char). A surrogate pair cut by the range end encodes as U+FFFD.
        /// </summary>
        public static int GetBytes(string s, int charIndex, int charCount, byte[] dst, int offset)
        {
            int o = offset;
            int end = charIndex + charCount;
            for (int i = charIndex; i < end; i++)
            {
                int c = s[i];
                if (c < 0x80)
                {
                    dst[o++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    dst[o++] = (byte)(0xC0 | (c >> 6));
                    dst[o++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < end && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                    i++;
                    dst[o++] = (byte)(0xF0 | (cp >> 18));
                    dst[o++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                    dst[o++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                    dst[o++] = (byte)(0x80 | (cp & 0x3F));
                }
                else
                {
                    if (c >= 0xD800 && c <= 0xDFFF) c = Replacement;
                    dst[o++] = (byte)(0xE0 | (c >> 12));
                    dst[o++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    dst[o++] = (byte)(0x80 | (c & 0x3F));
                }
            }
            return o - offset;
        }

        /// <summary>Decodes src[offset..offset+count) to a string (allocates the string and one char array).</summary>
        public static string GetString(byte[] src, int offset, int count)
        {
            if (count <= 0) return string.Empty;
            int n = Decode(src, offset, count, null);
            char[] chars = new char[n];
            Decode(src, offset, count, chars);
            return new string(chars);
        }

        /// <summary>True when src[offset..offset+count) is 7-bit ASCII only.</summary>
        public static bool IsAscii(byte[] src, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (src[offset + i] >= 0x80) return false;
            }
            return true;
        }

        // Counts (chars == null) or writes UTF-16 code units; both passes take identical decisions.
        private static int Decode(byte[] src, int offset, int count, char[] chars)
        {
            int end = offset + count;
            int n = 0;
            int i = offset;
            while (i < end)
            {
                int b = src[i];
                int need;
                int cp;
                int min;
                if (b < 0x80)
                {
                    if (chars != null) chars[n] = (char)b;
                    n++;
                    i++;
                    continue;
                }
                if ((b & 0xE0) == 0xC0) { need = 1; cp = b & 0x1F; min = 0x80; }
                else if ((b & 0xF0) == 0xE0) { need = 2; cp = b & 0x0F; min = 0x800; }
                else if ((b & 0xF8) == 0xF0) { need = 3; cp = b & 0x07; min = 0x10000; }
                else
                {
                    if (chars != null) chars[n] = Replacement;
                    n++;
                    i++;
                    continue;
                }
                int j = 1;
                while (j <= need && i + j < end && (src[i + j] & 0xC0) == 0x80)
                {
                    cp = (cp << 6) | (src[i + j] & 0x3F);
                    j++;
                }
                if (j <= need || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                {
                    // Truncated, overlong or out-of-range: one replacement for the bytes consumed (RFC 3629 §10).
                    if (chars != null) chars[n] = Replacement;
                    n++;
                    i += j;
                    continue;
                }
                i += j;
                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    if (chars != null)
                    {
                        chars[n] = (char)(0xD800 + (cp >> 10));
                        chars[n + 1] = (char)(0xDC00 + (cp & 0x3FF));
                    }
                    n += 2;
                }
                else
                {
                    if (chars != null) chars[n] = (char)cp;
                    n++;
                }
            }
            return n;
        }
    }
}
