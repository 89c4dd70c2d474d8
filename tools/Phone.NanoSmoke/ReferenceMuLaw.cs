// G.711 µ-law (ITU-T G.711 §2, bit-exact with the G.191 reference ulaw_compress/ulaw_expand) as three timing variants.
namespace Phone.NanoSmoke
{
    /// <summary>
    /// Reference µ-law kernels used only to calibrate the interpreter: the same encoder written as a method call per
    /// sample, inlined into the frame loop, and as a 16 KB direct table. Their timings show what each style costs
    /// on nanoCLR, independent of how the core's codec is written.
    /// </summary>
    public static class ReferenceMuLaw
    {
        /// <summary>floor(log2(k)) for k = 1..255 (0 for k = 0): the segment of a biased 14-bit magnitude >> 5.</summary>
        public static readonly byte[] Segment = new byte[256];

        /// <summary>Code → 16-bit linear sample, G.191 ulaw_expand.</summary>
        public static readonly short[] Expand = new short[256];

        /// <summary>Code for every 14-bit input ((pcm >> 2) &amp; 0x3FFF): a 16 KB table, no arithmetic per sample.</summary>
        public static readonly byte[] Direct = new byte[16384];

        static ReferenceMuLaw()
        {
            for (int k = 1; k < 256; k++)
            {
                int e = 0;
                while ((k >> (e + 1)) != 0) e++;
                Segment[k] = (byte)e;
            }
            for (int c = 0; c < 256; c++)
            {
                int m = ~c & 0xFF;
                int exponent = (m >> 4) & 7;
                int mantissa = m & 0x0F;
                int step = 4 << (exponent + 1);
                int magnitude = (0x80 << exponent) + step * mantissa + step / 2 - 4 * 33;
                Expand[c] = (short)(c < 0x80 ? -magnitude : magnitude);
            }
            for (int i = 0; i < 16384; i++)
            {
                Direct[i] = Encode((short)(i << 2));
            }
        }

        /// <summary>One sample, G.191 ulaw_compress: bias 33 on the 14-bit magnitude, clip at 0x1FFF.</summary>
        public static byte Encode(short pcm)
        {
            int x = pcm;
            int absno = (x < 0 ? (~x >> 2) : (x >> 2)) + 33;
            if (absno > 0x1FFF) absno = 0x1FFF;
            int e = Segment[absno >> 5];
            int code = (e << 4) | ((absno >> (e + 1)) & 0x0F);
            return (byte)(x >= 0 ? 0xFF - code : 0x7F - code);
        }
    }
}
