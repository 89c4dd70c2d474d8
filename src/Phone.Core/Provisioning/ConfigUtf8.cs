// Strict UTF-8 (RFC 3629) decoding and encoding for configuration text; mscorlib on the device has no Encoding.
namespace Phone.Core.Provisioning
{
    /// <summary>UTF-8 helpers used by the configuration parser and serialiser.</summary>
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

        /// <summary>Bytes needed to encode <paramref name="s"/>.</summary>
        public static int ByteCount(string s)
        {
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                int c = s[i];
                if (c < 0x80) n += 1;
                else if (c < 0x800) n += 2;
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length) { n += 4; i++; }
                else n += 3;
            }
            return n;
        }

        /// <summary>Encodes <paramref name="s"/> at buffer[offset]; returns bytes written, or -1 if it does not fit.</summary>
        public static int Encode(string s, byte[] buffer, int offset)
        {
            int p = offset;
            for (int i = 0; i < s.Length; i++)
            {
                int c = s[i];
                if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length)
                {
                    int lo = s[i + 1];
                    c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                    i++;
                }
                int need = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
                if (p + need > buffer.Length) return -1;
                if (need == 1) buffer[p++] = (byte)c;
                else if (need == 2) { buffer[p++] = (byte)(0xC0 | (c >> 6)); buffer[p++] = (byte)(0x80 | (c & 0x3F)); }
                else if (need == 3)
                {
                    buffer[p++] = (byte)(0xE0 | (c >> 12));
                    buffer[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[p++] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    buffer[p++] = (byte)(0xF0 | (c >> 18));
                    buffer[p++] = (byte)(0x80 | ((c >> 12) & 0x3F));
                    buffer[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[p++] = (byte)(0x80 | (c & 0x3F));
                }
            }
            return p - offset;
        }
    }
}
