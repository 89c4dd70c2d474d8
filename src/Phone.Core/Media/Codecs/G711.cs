// G.711 µ-law (PCMU) and A-law (PCMA) companding, ITU-T G.711 (11/88) Tables 1 and 2, bit-exact with the
// ITU-T G.191 STL reference (g711.c: ulaw_compress/ulaw_expand/alaw_compress/alaw_expand).
namespace Phone.Core.Media.Codecs
{
    /// <summary>
    /// G.711 encoder/decoder over 16-bit linear samples.
    /// <para>
    /// Input mapping (as G.191 does it): µ-law works on a 14-bit signed value, the top 14 bits of the 16-bit sample
    /// (sample &gt;&gt; 2); A-law on a 13-bit signed value (sample &gt;&gt; 3; G.191 shifts by 4 because A-law's first two
    /// segments have a step of 2 in 13-bit units). Negative values take their magnitude as the one's complement
    /// (~x), so -1 is the smallest negative magnitude, not zero: the 16-bit range is split symmetrically around
    /// -0.5 and -32768 encodes as the largest negative code (0x00 µ-law, 0x2A A-law), never as silence.
    /// Sign bit: 1 = positive for both laws; µ-law then inverts all bits, A-law inverts the even bits (XOR 0x55).
    /// Decoded values are the G.711 reconstruction levels left-justified to 16 bits (×4 µ-law, ×8 A-law).
    /// </para>
    /// <para>
    /// Tables: two 256-entry decode tables (256 shorts each, 1 KB together) plus one 128-byte bit-length table
    /// that finds the segment for both encoders: 1,152 bytes in all, against 64 KB for a direct encode table.
    /// Decode is one load per sample; encode is a shift, a table load and a few ALU operations, which costs
    /// about the same as a full table in practice on a cache-starved ESP32 and keeps the flash/RAM cost small.
    /// The tables are computed at type initialisation from the G.191 expansion formulas (no data blobs).
    /// </para>
    /// </summary>
    public static class G711
    {
        /// <summary>RTP static payload type of PCMU (RFC 3551 §6).</summary>
        public const int PayloadTypePcmu = 0;

        /// <summary>RTP static payload type of PCMA (RFC 3551 §6).</summary>
        public const int PayloadTypePcma = 8;

        private static readonly short[] s_ulawToLinear = new short[256];
        private static readonly short[] s_alawToLinear = new short[256];

        // s_bitLength[i] = number of significant bits of i (0 for 0), i < 128: the segment search of both laws.
        private static readonly byte[] s_bitLength = new byte[128];

        static G711()
        {
            for (int i = 1; i < 128; i++)
            {
                int n = 0, v = i;
                while (v != 0) { n++; v >>= 1; }
                s_bitLength[i] = (byte)n;
            }
            for (int code = 0; code < 256; code++)
            {
                // µ-law, G.191 ulaw_expand: bits inverted, 3-bit exponent, 4-bit mantissa, bias 33 (in 14-bit units).
                int inv = ~code;
                int exponent = (inv >> 4) & 7;
                int mantissa = inv & 0x0F;
                int step = 4 << (exponent + 1);
                int mag = (0x80 << exponent) + step * mantissa + step / 2 - 4 * 33;
                s_ulawToLinear[code] = (short)(code < 0x80 ? -mag : mag);

                // A-law, G.191 alaw_expand: even bits inverted, segment 0 has no leading one.
                int ix = (code ^ 0x55) & 0x7F;
                int iexp = ix >> 4;
                int mant = ix & 0x0F;
                if (iexp > 0) mant += 16;
                mant = (mant << 4) + 8;
                if (iexp > 1) mant <<= iexp - 1;
                s_alawToLinear[code] = (short)(code > 127 ? mant : -mant);
            }
        }

        /// <summary>Encodes one 16-bit sample to a µ-law code (G.191 ulaw_compress).</summary>
        [HotPath]
        public static byte LinearToUlaw(short sample)
        {
            int x = sample;
            // Branch-free: mask is -1 for negative samples, so x ^ mask is the one's complement magnitude G.191
            // uses. 33 aligns µ-law's decision levels with powers of two. With seg = segment - 1 and m the
            // mantissa, G.191's ((8 - segno) << 4) | (15 - m) equals 0x7F - (seg << 4 | m); the sign bit is 1 for
            // positive samples, hence the final XOR.
            int mask = x >> 31;
            int absno = ((x ^ mask) >> 2) + 33;
            if (absno > 0x1FFF) absno = 0x1FFF;
            int seg = s_bitLength[absno >> 6];
            int v = (seg << 4) | ((absno >> (seg + 1)) & 0x0F);
            return (byte)(v ^ 0xFF ^ (mask & 0x80));
        }

        /// <summary>Encodes one 16-bit sample to an A-law code (G.191 alaw_compress).</summary>
        [HotPath]
        public static byte LinearToAlaw(short sample)
        {
            int x = sample;
            // Branch-free G.191 alaw_compress: one's complement magnitude in 12 bits (x ^ mask >> 4); segment
            // exp from the bit length of ix >> 4; the mantissa is the 4 bits below the leading one (segment 0 has
            // none, and shifts by 0); sign bit 1 for positive; even bits inverted.
            int mask = x >> 31;
            int ix = (x ^ mask) >> 4;
            int exp = s_bitLength[ix >> 4];
            int shift = (exp - 1) & ~((exp - 1) >> 31);
            ix = ((ix >> shift) & 0x0F) | (exp << 4);
            return (byte)((ix | (~mask & 0x80)) ^ 0x55);
        }

        /// <summary>Decodes one µ-law code (G.191 ulaw_expand).</summary>
        [HotPath]
        public static short UlawToLinear(byte code) => s_ulawToLinear[code];

        /// <summary>Decodes one A-law code (G.191 alaw_expand).</summary>
        [HotPath]
        public static short AlawToLinear(byte code) => s_alawToLinear[code];

        /// <summary>Encodes <paramref name="count"/> samples to µ-law codes.</summary>
        [HotPath]
        public static void EncodeUlaw(short[] source, int sourceOffset, byte[] destination, int destinationOffset, int count)
        {
            byte[] bits = s_bitLength;
            for (int i = 0; i < count; i++)
            {
                int x = source[sourceOffset + i];
                int mask = x >> 31;
                int absno = ((x ^ mask) >> 2) + 33;
                if (absno > 0x1FFF) absno = 0x1FFF;
                int seg = bits[absno >> 6];
                int v = (seg << 4) | ((absno >> (seg + 1)) & 0x0F);
                destination[destinationOffset + i] = (byte)(v ^ 0xFF ^ (mask & 0x80));
            }
        }

        /// <summary>Encodes <paramref name="count"/> samples to A-law codes.</summary>
        [HotPath]
        public static void EncodeAlaw(short[] source, int sourceOffset, byte[] destination, int destinationOffset, int count)
        {
            byte[] bits = s_bitLength;
            for (int i = 0; i < count; i++)
            {
                int x = source[sourceOffset + i];
                int mask = x >> 31;
                int ix = (x ^ mask) >> 4;
                int exp = bits[ix >> 4];
                int shift = (exp - 1) & ~((exp - 1) >> 31);
                ix = ((ix >> shift) & 0x0F) | (exp << 4);
                destination[destinationOffset + i] = (byte)((ix | (~mask & 0x80)) ^ 0x55);
            }
        }

        /// <summary>Decodes <paramref name="count"/> µ-law codes.</summary>
        [HotPath]
        public static void DecodeUlaw(byte[] source, int sourceOffset, short[] destination, int destinationOffset, int count)
        {
            short[] table = s_ulawToLinear;
            for (int i = 0; i < count; i++) destination[destinationOffset + i] = table[source[sourceOffset + i]];
        }

        /// <summary>Decodes <paramref name="count"/> A-law codes.</summary>
        [HotPath]
        public static void DecodeAlaw(byte[] source, int sourceOffset, short[] destination, int destinationOffset, int count)
        {
            short[] table = s_alawToLinear;
            for (int i = 0; i < count; i++) destination[destinationOffset + i] = table[source[sourceOffset + i]];
        }

        /// <summary>Encodes with the law of an RTP payload type: 0 = PCMU, anything else = PCMA.</summary>
        [HotPath]
        public static void Encode(int payloadType, short[] source, int sourceOffset, byte[] destination, int destinationOffset, int count)
        {
            if (payloadType == PayloadTypePcmu) EncodeUlaw(source, sourceOffset, destination, destinationOffset, count);
            else EncodeAlaw(source, sourceOffset, destination, destinationOffset, count);
        }

        /// <summary>Decodes with the law of an RTP payload type: 0 = PCMU, anything else = PCMA.</summary>
        [HotPath]
        public static void Decode(int payloadType, byte[] source, int sourceOffset, short[] destination, int destinationOffset, int count)
        {
            if (payloadType == PayloadTypePcmu) DecodeUlaw(source, sourceOffset, destination, destinationOffset, count);
            else DecodeAlaw(source, sourceOffset, destination, destinationOffset, count);
        }
    }
}
