// Lower-case hexadecimal encoding (RFC 2617 §3.1.3 / RFC 7616 §3.4 "LHEX") and decoding.
namespace Phone.Core.Crypto
{
    /// <summary>Lower-case hex to ASCII bytes or string, and hex parsing; no allocation in the byte variants.</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        /// <summary>Writes 2*count ASCII lower-case hex digits of src[off..off+count) at dst[dstOff]; returns the number of bytes written.</summary>
        public static int ToLowerHex(byte[] src, int off, int count, byte[] dst, int dstOff)
        {
            for (int i = 0; i < count; i++)
            {
                int v = src[off + i];
                dst[dstOff + 2 * i] = (byte)Digits[v >> 4];
                dst[dstOff + 2 * i + 1] = (byte)Digits[v & 0xF];
            }
            return 2 * count;
        }

        /// <summary>Lower-case hex string of src[off..off+count) (allocates the string).</summary>
        public static string ToLowerHex(byte[] src, int off, int count)
        {
            char[] chars = new char[2 * count];
            for (int i = 0; i < count; i++)
            {
                int v = src[off + i];
                chars[2 * i] = Digits[v >> 4];
                chars[2 * i + 1] = Digits[v & 0xF];
            }
            return new string(chars);
        }

        /// <summary>Value of one hex digit (either case), or -1.</summary>
        public static int DigitValue(int c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        /// <summary>Decodes 2*count hex characters of text starting at textOff into dst[dstOff..+count); false on a non-hex character or short text.</summary>
        public static bool TryDecode(string text, int textOff, int count, byte[] dst, int dstOff)
        {
            if (text == null || textOff < 0 || count < 0 || textOff + 2 * count > text.Length) return false;
            for (int i = 0; i < count; i++)
            {
                int hi = DigitValue(text[textOff + 2 * i]);
                int lo = DigitValue(text[textOff + 2 * i + 1]);
                if (hi < 0 || lo < 0) return false;
                dst[dstOff + i] = (byte)((hi << 4) | lo);
            }
            return true;
        }
    }
}
