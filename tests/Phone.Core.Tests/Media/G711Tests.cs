// G.711 against expectations built from the G.711 tables themselves (Table 1 A-law, Table 2 µ-law), not from the code.
namespace Phone.Core.Tests.Media
{
    using Phone.Core.Media.Codecs;

    public class G711Tests
    {
        // ---- An independent model of G.711 Tables 1/2: 128 quantisation intervals per sign, each with its lower
        // decision value, step and reconstruction (decoder output) value, built segment by segment from the tables.
        private struct Interval
        {
            public int Lo;     // lower decision value (inclusive), in 13-bit (A) or 14-bit (µ) units
            public int Hi;     // upper decision value (exclusive)
            public int Y;      // reconstruction value
        }

        // µ-law Table 2/G.711: 8 segments of 16 intervals. Segment 1 starts with the half interval 0..1 (y = 0),
        // then steps of 2 up to 31; segment k (2..8) runs from 2^(k+4)-33 with step 2^k.
        private static Interval[] UlawIntervals()
        {
            var t = new Interval[128];
            t[0] = new Interval { Lo = 0, Hi = 1, Y = 0 };
            for (int n = 1; n < 16; n++) t[n] = new Interval { Lo = 2 * n - 1, Hi = 2 * n + 1, Y = 2 * n };
            for (int seg = 2; seg <= 8; seg++)
            {
                int start = (1 << (seg + 4)) - 33;   // 31, 95, 223, 479, 991, 2015, 4063
                int step = 1 << seg;                 // 4, 8, ..., 256
                for (int j = 0; j < 16; j++)
                {
                    int lo = start + j * step;
                    t[(seg - 1) * 16 + j] = new Interval { Lo = lo, Hi = lo + step, Y = lo + step / 2 };
                }
            }
            return t;
        }

        // A-law Table 1/G.711: segments 1 and 2 (0..32, 32..64) both step 2, then segment k from 2^(k+4) with step 2^(k-1).
        private static Interval[] AlawIntervals()
        {
            var t = new Interval[128];
            for (int seg = 0; seg < 8; seg++)
            {
                int start = seg == 0 ? 0 : 1 << (seg + 4);
                int step = seg <= 1 ? 2 : 1 << seg;
                for (int j = 0; j < 16; j++)
                {
                    int lo = start + j * step;
                    t[seg * 16 + j] = new Interval { Lo = lo, Hi = lo + step, Y = lo + step / 2 };
                }
            }
            return t;
        }

        // Index of the interval whose [Lo, Hi) holds the magnitude; magnitudes past the last decision value
        // (overload) go to the last interval.
        private static int Find(Interval[] t, int magnitude)
        {
            for (int n = 0; n < t.Length; n++)
                if (magnitude >= t[n].Lo && magnitude < t[n].Hi) return n;
            return t.Length - 1;
        }

        // A 16-bit sample is x>>2 (µ) or x>>3 (A); a negative value's magnitude is its one's complement, so the
        // integer k stands for the level k + 1/2 and the two signs are symmetric.
        private static int Magnitude(int x, int shift) => x < 0 ? (~x) >> shift : x >> shift;

        private static byte ExpectedUlaw(short x)
        {
            int n = Find(UlawIntervals(), Magnitude(x, 2));
            // Table 2: sign bit 1 = positive; the code is the interval number with all bits inverted.
            return (byte)(x >= 0 ? 0xFF - n : 0x7F - n);
        }

        private static byte ExpectedAlaw(short x)
        {
            int n = Find(AlawIntervals(), Magnitude(x, 3));
            // Table 1: sign bit 1 = positive; even bits inverted on the line.
            return (byte)((x >= 0 ? 0x80 | n : n) ^ 0x55);
        }

        [Fact]
        public void UlawEncodesEverySixteenBitInputAsTheTableSays()
        {
            Interval[] t = UlawIntervals();
            var src = new short[65536];
            for (int i = 0; i < 65536; i++) src[i] = (short)(i - 32768);
            var dst = new byte[65536];
            G711.EncodeUlaw(src, 0, dst, 0, 65536);
            for (int i = 0; i < 65536; i++)
            {
                short x = src[i];
                int n = Find(t, Magnitude(x, 2));
                byte expected = (byte)(x >= 0 ? 0xFF - n : 0x7F - n);
                if (expected != dst[i] || expected != G711.LinearToUlaw(x))
                    Assert.Fail($"µ-law {x}: expected 0x{expected:X2}, got 0x{dst[i]:X2}/0x{G711.LinearToUlaw(x):X2}");
            }
        }

        [Fact]
        public void AlawEncodesEverySixteenBitInputAsTheTableSays()
        {
            Interval[] t = AlawIntervals();
            var src = new short[65536];
            for (int i = 0; i < 65536; i++) src[i] = (short)(i - 32768);
            var dst = new byte[65536];
            G711.EncodeAlaw(src, 0, dst, 0, 65536);
            for (int i = 0; i < 65536; i++)
            {
                short x = src[i];
                int n = Find(t, Magnitude(x, 3));
                byte expected = (byte)((x >= 0 ? 0x80 | n : n) ^ 0x55);
                if (expected != dst[i] || expected != G711.LinearToAlaw(x))
                    Assert.Fail($"A-law {x}: expected 0x{expected:X2}, got 0x{dst[i]:X2}/0x{G711.LinearToAlaw(x):X2}");
            }
        }

        [Fact]
        public void UlawDecodesAll256CodesToTheReconstructionValues()
        {
            Interval[] t = UlawIntervals();
            var codes = new byte[256];
            for (int i = 0; i < 256; i++) codes[i] = (byte)i;
            var pcm = new short[256];
            G711.DecodeUlaw(codes, 0, pcm, 0, 256);
            for (int code = 0; code < 256; code++)
            {
                int n = (code & 0x80) != 0 ? 0xFF - code : 0x7F - code;
                int y = t[n].Y * 4;                       // 14-bit value, left-justified to 16 bits
                int expected = (code & 0x80) != 0 ? y : -y;
                Assert.Equal(expected, pcm[code]);
                Assert.Equal(expected, G711.UlawToLinear((byte)code));
            }
        }

        [Fact]
        public void AlawDecodesAll256CodesToTheReconstructionValues()
        {
            Interval[] t = AlawIntervals();
            var codes = new byte[256];
            for (int i = 0; i < 256; i++) codes[i] = (byte)i;
            var pcm = new short[256];
            G711.DecodeAlaw(codes, 0, pcm, 0, 256);
            for (int code = 0; code < 256; code++)
            {
                int line = code ^ 0x55;
                int y = t[line & 0x7F].Y * 8;             // 13-bit value, left-justified to 16 bits
                int expected = (line & 0x80) != 0 ? y : -y;
                Assert.Equal(expected, pcm[code]);
                Assert.Equal(expected, G711.AlawToLinear((byte)code));
            }
        }

        // Values read straight off the printed tables (and G.191's test vectors), as a check on the model above.
        [Theory]
        [InlineData((short)0, 0xFF, 0xD5)]
        [InlineData((short)-1, 0x7F, 0x55)]
        [InlineData((short)32767, 0x80, 0xAA)]
        [InlineData((short)-32768, 0x00, 0x2A)]   // NAudio encodes this as silence; G.711 says full scale
        [InlineData((short)1000, 0xCE, 0xFA)]
        [InlineData((short)-1000, 0x4E, 0x7A)]
        public void KnownCodes(short sample, int ulaw, int alaw)
        {
            Assert.Equal(ulaw, G711.LinearToUlaw(sample));
            Assert.Equal(alaw, G711.LinearToAlaw(sample));
            Assert.Equal(ulaw, ExpectedUlaw(sample));
            Assert.Equal(alaw, ExpectedAlaw(sample));
        }

        [Theory]
        [InlineData(0x80, 32124)]   // µ-law top interval 7903..8159, y = 8031 (×4)
        [InlineData(0xFF, 0)]
        [InlineData(0x00, -32124)]
        [InlineData(0xEF, 132)]     // first interval of segment 2: 31..35, y = 33 (×4)
        public void UlawKnownLevels(int code, int linear) => Assert.Equal(linear, G711.UlawToLinear((byte)code));

        [Theory]
        [InlineData(0xD5, 8)]       // A-law first interval 0..2, y = 1 (×8)
        [InlineData(0xAA, 32256)]   // top interval 3968..4096, y = 4032 (×8)
        [InlineData(0x2A, -32256)]
        [InlineData(0x55, -8)]
        public void AlawKnownLevels(int code, int linear) => Assert.Equal(linear, G711.AlawToLinear((byte)code));

        [Fact]
        public void CodecTablesFitTheTwoKilobyteBudget()
        {
            // The device goal: all G.711 tables together at most 2 KB (they live in the interpreter's heap).
            Assert.InRange(G711.TableBytes, 1, 2048);
        }

        [Fact]
        public void BlockCodecsHonourOffsetsAndTouchNothingOutsideTheirRange()
        {
            // Every 16-bit input, encoded from an odd source offset to a different destination offset (as the
            // session does into the packet after the RTP header), then decoded back the same way.
            var src = new short[65536 + 7];
            for (int i = 0; i < 65536; i++) src[3 + i] = (short)(i - 32768);
            var ulaw = new byte[65536 + 20];
            var alaw = new byte[65536 + 20];
            for (int i = 0; i < ulaw.Length; i++) { ulaw[i] = 0x5A; alaw[i] = 0x5A; }
            G711.EncodeUlaw(src, 3, ulaw, 12, 65536);
            G711.EncodeAlaw(src, 3, alaw, 12, 65536);
            for (int i = 0; i < 12; i++) Assert.True(ulaw[i] == 0x5A && alaw[i] == 0x5A);
            for (int i = 12 + 65536; i < ulaw.Length; i++) Assert.True(ulaw[i] == 0x5A && alaw[i] == 0x5A);
            for (int i = 0; i < 65536; i++)
            {
                short x = src[3 + i];
                if (ulaw[12 + i] != G711.LinearToUlaw(x) || alaw[12 + i] != G711.LinearToAlaw(x))
                    Assert.Fail($"{x}: block 0x{ulaw[12 + i]:X2}/0x{alaw[12 + i]:X2}, per sample 0x{G711.LinearToUlaw(x):X2}/0x{G711.LinearToAlaw(x):X2}");
            }
            var back = new short[65536 + 9];
            G711.DecodeUlaw(ulaw, 12, back, 5, 65536);
            for (int i = 0; i < 65536; i++) Assert.Equal(G711.UlawToLinear(ulaw[12 + i]), back[5 + i]);
            Assert.Equal(0, back[4]);
            Assert.Equal(0, back[5 + 65536]);
            G711.DecodeAlaw(alaw, 12, back, 5, 65536);
            for (int i = 0; i < 65536; i++) Assert.Equal(G711.AlawToLinear(alaw[12 + i]), back[5 + i]);
            Assert.Equal(0, back[4]);
        }

        [Fact]
        public void BlockDecodeOfShortRunsMatchesPerCodeDecode()
        {
            // Runs of 0..9 codes at odd offsets exercise the four-at-a-time loop and its remainder.
            var codes = new byte[32];
            for (int i = 0; i < codes.Length; i++) codes[i] = (byte)(i * 37 + 11);
            for (int count = 0; count < 10; count++)
            {
                var u = new short[24];
                var a = new short[24];
                G711.DecodeUlaw(codes, 5, u, 3, count);
                G711.DecodeAlaw(codes, 5, a, 3, count);
                for (int i = 0; i < u.Length; i++)
                {
                    bool inside = i >= 3 && i < 3 + count;
                    Assert.Equal(inside ? G711.UlawToLinear(codes[i + 2]) : (short)0, u[i]);
                    Assert.Equal(inside ? G711.AlawToLinear(codes[i + 2]) : (short)0, a[i]);
                }
            }
        }

        [Fact]
        public void BlockEncodeOfShortRunsMatchesPerSampleEncode()
        {
            // Runs of 0..9 samples (odd and even: the loop takes two per pass) at different offsets.
            var pcm = new short[32];
            for (int i = 0; i < pcm.Length; i++) pcm[i] = (short)(i * 2111 - 30000);
            for (int count = 0; count < 10; count++)
            {
                var u = new byte[24];
                var a = new byte[24];
                G711.EncodeUlaw(pcm, 5, u, 3, count);
                G711.EncodeAlaw(pcm, 5, a, 3, count);
                for (int i = 0; i < u.Length; i++)
                {
                    bool inside = i >= 3 && i < 3 + count;
                    Assert.Equal(inside ? G711.LinearToUlaw(pcm[i + 2]) : (byte)0, u[i]);
                    Assert.Equal(inside ? G711.LinearToAlaw(pcm[i + 2]) : (byte)0, a[i]);
                }
            }
        }

        [Fact]
        public void DecodeThenEncodeIsIdentityForEveryCode()
        {
            for (int code = 0; code < 256; code++)
            {
                // µ-law 0x7F (negative zero) decodes to 0, which is positive zero: the one code that cannot round-trip.
                if (code != 0x7F) Assert.Equal(code, G711.LinearToUlaw(G711.UlawToLinear((byte)code)));
                Assert.Equal(code, G711.LinearToAlaw(G711.AlawToLinear((byte)code)));
            }
        }
    }
}
