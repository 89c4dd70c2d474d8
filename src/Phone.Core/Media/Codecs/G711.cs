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
    /// Tables (<see cref="TableBytes"/> = 2,003 bytes): two 256-entry decode tables (256 shorts each, 1 KB: decoding
    /// is one load per sample) and, per law, two encode tables over the 16-bit magnitude, one fine-grained for
    /// quiet samples and one coarse for loud ones, each as coarse as that law's decision levels allow (µ-law 112 +
    /// 499 bytes, A-law 128 + 240 bytes). Encoding is then a sign test, a range test, one add/shift and one load
    /// per sample: on nanoFramework's interpreter every IL operation per sample costs about 1 µs a frame, and a
    /// direct table (16 KB at the coarsest exact resolution) does not fit the 2 KB budget.
    /// The tables are computed at type initialisation from the G.191 formulas (no data blobs).
    /// </para>
    /// </summary>
    public static class G711
    {
        /// <summary>RTP static payload type of PCMU (RFC 3551 §6).</summary>
        public const int PayloadTypePcmu = 0;

        /// <summary>RTP static payload type of PCMA (RFC 3551 §6).</summary>
        public const int PayloadTypePcma = 8;

        // µ-law: magnitudes below UlawSplit (G.191's biased magnitude absno = (m >> 2) + 33 below 256, segments
        // 0..2) have decision levels at m = 8k - 4 (absno even), so they are looked up by (m + 4) >> 3; from
        // UlawSplit up (segments 3..7, and the clip at absno 0x1FFF) every decision level is at m = 892 + 64k,
        // so by (m - 892) >> 6.
        private const int UlawSplit = 892;
        // A-law: below 2048 (G.191's ix = m >> 4 below 128, segments 0..3) every ix matters; from there
        // (segments 4..7) the code changes every 8 ix, i.e. at m = 2048 + 128k.
        private const int AlawSplit = 2048;

        private static readonly short[] s_ulawToLinear = new short[256];
        private static readonly short[] s_alawToLinear = new short[256];

        // Encode tables hold the code of a positive sample; a negative sample's code differs only in bit 7.
        private static readonly byte[] s_ulawLow = new byte[((UlawSplit - 1 + 4) >> 3) + 1];  // 112
        private static readonly byte[] s_ulawHigh = new byte[((32767 - UlawSplit) >> 6) + 1];  // 499
        private static readonly byte[] s_alawLow = new byte[AlawSplit >> 4];                   // 128
        private static readonly byte[] s_alawHigh = new byte[((32767 - AlawSplit) >> 7) + 1];  // 240

        static G711()
        {
            // Each table entry is the code of the smallest magnitude in its bucket, from the G.191 formulas.
            for (int k = 0; k < s_ulawLow.Length; k++) s_ulawLow[k] = UlawFromMagnitude(k << 3);
            for (int k = 0; k < s_ulawHigh.Length; k++) s_ulawHigh[k] = UlawFromMagnitude(UlawSplit + (k << 6));
            for (int k = 0; k < s_alawLow.Length; k++) s_alawLow[k] = AlawFromMagnitude(k << 4);
            for (int k = 0; k < s_alawHigh.Length; k++) s_alawHigh[k] = AlawFromMagnitude(AlawSplit + (k << 7));
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

        /// <summary>Bytes of codec tables held in memory (the budget is 2 KB).</summary>
        public static int TableBytes =>
            2 * (s_ulawToLinear.Length + s_alawToLinear.Length)
            + s_ulawLow.Length + s_ulawHigh.Length + s_alawLow.Length + s_alawHigh.Length;

        // G.191 ulaw_compress of a non-negative 16-bit magnitude m (start-up only): absno = (m >> 2) + 33 clipped
        // to 13 bits; segment = bit length of absno >> 6; the code is all bits inverted, sign bit 1 (positive).
        private static byte UlawFromMagnitude(int m)
        {
            int absno = (m >> 2) + 33;
            if (absno > 0x1FFF) absno = 0x1FFF;
            int seg = BitLength(absno >> 6);
            return (byte)(((seg << 4) | ((absno >> (seg + 1)) & 0x0F)) ^ 0xFF);
        }

        // G.191 alaw_compress of a non-negative 16-bit magnitude m (start-up only): ix = m >> 4 (12 bits); segment
        // = bit length of ix >> 4; segment 0 has no leading one; sign bit 1 (positive); even bits inverted.
        private static byte AlawFromMagnitude(int m)
        {
            int ix = m >> 4;
            int exp = BitLength(ix >> 4);
            int shift = exp > 1 ? exp - 1 : 0;
            return (byte)((0x80 | (exp << 4) | ((ix >> shift) & 0x0F)) ^ 0x55);
        }

        private static int BitLength(int v)
        {
            int n = 0;
            while (v != 0) { n++; v >>= 1; }
            return n;
        }

        /// <summary>Encodes one 16-bit sample to a µ-law code (G.191 ulaw_compress).</summary>
        [HotPath]
        public static byte LinearToUlaw(short sample)
        {
            // A negative sample's magnitude is ~x = -1 - x (G.191's one's complement), so its bucket indices are
            // (3 - x) >> 3 and (-893 - x) >> 6; its code is the positive one with the sign bit (bit 7) cleared.
            int x = sample;
            if (x >= 0) return x < UlawSplit ? s_ulawLow[(x + 4) >> 3] : s_ulawHigh[(x - UlawSplit) >> 6];
            return (byte)(0x80 ^ (x > -UlawSplit - 1 ? s_ulawLow[(3 - x) >> 3] : s_ulawHigh[(-UlawSplit - 1 - x) >> 6]));
        }

        /// <summary>Encodes one 16-bit sample to an A-law code (G.191 alaw_compress).</summary>
        [HotPath]
        public static byte LinearToAlaw(short sample)
        {
            // Negative: magnitude ~x, code = positive code with bit 7 flipped (the sign bit before the 0x55 mask).
            int x = sample;
            if (x >= 0) return x < AlawSplit ? s_alawLow[x >> 4] : s_alawHigh[(x - AlawSplit) >> 7];
            return (byte)(0x80 ^ (x >= -AlawSplit ? s_alawLow[~x >> 4] : s_alawHigh[(-AlawSplit - 1 - x) >> 7]));
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
            // LinearToUlaw inlined, four samples per pass and one index for both arrays: on the interpreter the
            // cost is the number of IL operations per sample, and the loop's own share is a quarter this way.
            byte[] low = s_ulawLow;
            byte[] high = s_ulawHigh;
            int delta = destinationOffset - sourceOffset;
            int end = sourceOffset + count;
            int i = sourceOffset;
            for (int end4 = end - 3; i < end4; i += 4)
            {
                int d = i + delta;
                int x = source[i];
                if (x >= 0) destination[d] = x < UlawSplit ? low[(x + 4) >> 3] : high[(x - UlawSplit) >> 6];
                else destination[d] = (byte)(0x80 ^ (x > -UlawSplit - 1 ? low[(3 - x) >> 3] : high[(-UlawSplit - 1 - x) >> 6]));
                x = source[i + 1];
                if (x >= 0) destination[d + 1] = x < UlawSplit ? low[(x + 4) >> 3] : high[(x - UlawSplit) >> 6];
                else destination[d + 1] = (byte)(0x80 ^ (x > -UlawSplit - 1 ? low[(3 - x) >> 3] : high[(-UlawSplit - 1 - x) >> 6]));
                x = source[i + 2];
                if (x >= 0) destination[d + 2] = x < UlawSplit ? low[(x + 4) >> 3] : high[(x - UlawSplit) >> 6];
                else destination[d + 2] = (byte)(0x80 ^ (x > -UlawSplit - 1 ? low[(3 - x) >> 3] : high[(-UlawSplit - 1 - x) >> 6]));
                x = source[i + 3];
                if (x >= 0) destination[d + 3] = x < UlawSplit ? low[(x + 4) >> 3] : high[(x - UlawSplit) >> 6];
                else destination[d + 3] = (byte)(0x80 ^ (x > -UlawSplit - 1 ? low[(3 - x) >> 3] : high[(-UlawSplit - 1 - x) >> 6]));
            }
            for (; i < end; i++) destination[i + delta] = LinearToUlaw(source[i]);
        }

        /// <summary>Encodes <paramref name="count"/> samples to A-law codes.</summary>
        [HotPath]
        public static void EncodeAlaw(short[] source, int sourceOffset, byte[] destination, int destinationOffset, int count)
        {
            byte[] low = s_alawLow;
            byte[] high = s_alawHigh;
            int delta = destinationOffset - sourceOffset;
            int end = sourceOffset + count;
            int i = sourceOffset;
            for (int end4 = end - 3; i < end4; i += 4)
            {
                int d = i + delta;
                int x = source[i];
                if (x >= 0) destination[d] = x < AlawSplit ? low[x >> 4] : high[(x - AlawSplit) >> 7];
                else destination[d] = (byte)(0x80 ^ (x >= -AlawSplit ? low[~x >> 4] : high[(-AlawSplit - 1 - x) >> 7]));
                x = source[i + 1];
                if (x >= 0) destination[d + 1] = x < AlawSplit ? low[x >> 4] : high[(x - AlawSplit) >> 7];
                else destination[d + 1] = (byte)(0x80 ^ (x >= -AlawSplit ? low[~x >> 4] : high[(-AlawSplit - 1 - x) >> 7]));
                x = source[i + 2];
                if (x >= 0) destination[d + 2] = x < AlawSplit ? low[x >> 4] : high[(x - AlawSplit) >> 7];
                else destination[d + 2] = (byte)(0x80 ^ (x >= -AlawSplit ? low[~x >> 4] : high[(-AlawSplit - 1 - x) >> 7]));
                x = source[i + 3];
                if (x >= 0) destination[d + 3] = x < AlawSplit ? low[x >> 4] : high[(x - AlawSplit) >> 7];
                else destination[d + 3] = (byte)(0x80 ^ (x >= -AlawSplit ? low[~x >> 4] : high[(-AlawSplit - 1 - x) >> 7]));
            }
            for (; i < end; i++) destination[i + delta] = LinearToAlaw(source[i]);
        }

        /// <summary>Decodes <paramref name="count"/> µ-law codes.</summary>
        [HotPath]
        public static void DecodeUlaw(byte[] source, int sourceOffset, short[] destination, int destinationOffset, int count)
        {
            short[] table = s_ulawToLinear;
            int end = sourceOffset + count;
            int i = sourceOffset;
            int d = destinationOffset;
            // Eight samples per pass, each array with its own index: the loop's increments and test are then a
            // small share of the IL per sample (measured on nanoCLR: about 1 µs a frame less than four per pass).
            for (int end8 = end - 7; i < end8; i += 8, d += 8)
            {
                destination[d] = table[source[i]];
                destination[d + 1] = table[source[i + 1]];
                destination[d + 2] = table[source[i + 2]];
                destination[d + 3] = table[source[i + 3]];
                destination[d + 4] = table[source[i + 4]];
                destination[d + 5] = table[source[i + 5]];
                destination[d + 6] = table[source[i + 6]];
                destination[d + 7] = table[source[i + 7]];
            }
            for (; i < end; i++, d++) destination[d] = table[source[i]];
        }

        /// <summary>Decodes <paramref name="count"/> A-law codes.</summary>
        [HotPath]
        public static void DecodeAlaw(byte[] source, int sourceOffset, short[] destination, int destinationOffset, int count)
        {
            short[] table = s_alawToLinear;
            int end = sourceOffset + count;
            int i = sourceOffset;
            int d = destinationOffset;
            // Eight samples per pass, each array with its own index: the loop's increments and test are then a
            // small share of the IL per sample (measured on nanoCLR: about 1 µs a frame less than four per pass).
            for (int end8 = end - 7; i < end8; i += 8, d += 8)
            {
                destination[d] = table[source[i]];
                destination[d + 1] = table[source[i + 1]];
                destination[d + 2] = table[source[i + 2]];
                destination[d + 3] = table[source[i + 3]];
                destination[d + 4] = table[source[i + 4]];
                destination[d + 5] = table[source[i + 5]];
                destination[d + 6] = table[source[i + 6]];
                destination[d + 7] = table[source[i + 7]];
            }
            for (; i < end; i++, d++) destination[d] = table[source[i]];
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
