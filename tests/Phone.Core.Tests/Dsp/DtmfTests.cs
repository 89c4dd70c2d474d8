namespace Phone.Core.Tests.Dsp
{
    using System;
    using System.Text;
    using Phone.Core.Dsp;

    public class DtmfTests
    {
        private static readonly double[] Rows = { 697, 770, 852, 941 };
        private static readonly double[] Cols = { 1209, 1336, 1477, 1633 };

        [Fact]
        public void Row_and_column_frequencies_are_those_of_Q23()
        {
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(Rows[i], DtmfDigits.RowHz(i));
                Assert.Equal(Cols[i], DtmfDigits.ColumnHz(i));
            }
            Assert.Throws<ArgumentOutOfRangeException>(() => DtmfDigits.RowHz(4));
            Assert.Throws<ArgumentOutOfRangeException>(() => DtmfDigits.ColumnHz(-1));
        }

        [Fact]
        public void GeneratorPlaysBothTonesAtMinus7AndMinus5Dbm0()
        {
            var gen = new DtmfGenerator();
            var pcm = new short[800];
            for (int d = 0; d < 16; d++)
            {
                Assert.True(gen.Start(DtmfDigits.At(d), 100));
                Assert.Equal(800, gen.Fill(pcm, 0, 800));
                Assert.False(gen.IsPlaying);
                double low = TestSignals.Amplitude(pcm, 0, 800, Rows[d / 4]);
                double high = TestSignals.Amplitude(pcm, 0, 800, Cols[d % 4]);
                Assert.InRange(TestSignals.Db(low / TestSignals.PeakForDbm0(-7)), -0.3, 0.3);
                Assert.InRange(TestSignals.Db(high / TestSignals.PeakForDbm0(-5)), -0.3, 0.3);
            }

            Assert.False(gen.Start('X', 100));
            Assert.True(gen.Start('b', 100));
        }

        [Fact]
        public void DetectsAll16DigitsFromTheGenerator()
        {
            var gen = new DtmfGenerator();
            var pcm = new short[16 * 1200];
            int pos = 0;
            foreach (char c in DtmfDigits.Keys)
            {
                gen.Start(c, 60);
                gen.Fill(pcm, pos, 1200);
                pos += 1200;
            }

            Assert.Equal(DtmfDigits.Keys, Detect(pcm, 160));
            Assert.Equal(DtmfDigits.Keys, Detect(pcm, 37));
            Assert.Equal(DtmfDigits.Keys, Detect(pcm, 1));
        }

        [Theory]
        [InlineData(15.0, 1)]
        [InlineData(15.0, 2)]
        [InlineData(18.0, 3)]
        [InlineData(20.0, 4)]
        public void DetectsAll16DigitsInWhiteNoise(double snrDb, int seed)
        {
            var rng = new Random(seed);
            double low = TestSignals.PeakForDbm0(-7);
            double high = TestSignals.PeakForDbm0(-5);
            double signalPower = ((low * low) + (high * high)) / 2;
            double noiseRms = Math.Sqrt(signalPower / Math.Pow(10, snrDb / 10));
            var x = new double[16 * 1000];
            for (int d = 0; d < 16; d++)
            {
                TestSignals.AddSine(x, d * 1000, 480, Rows[d / 4], low, rng.NextDouble() * 6);
                TestSignals.AddSine(x, d * 1000, 480, Cols[d % 4], high, rng.NextDouble() * 6);
            }

            TestSignals.AddNoise(x, 0, x.Length, noiseRms, rng);
            Assert.Equal(DtmfDigits.Keys, Detect(TestSignals.ToPcm(x), 160));
        }

        [Theory]
        [InlineData(0.015, 0.015)]
        [InlineData(-0.015, -0.015)]
        [InlineData(0.015, -0.015)]
        [InlineData(-0.015, 0.015)]
        public void AcceptsDigitsOffBy1Point5Percent(double rowDev, double colDev)
        {
            for (int d = 0; d < 16; d++)
            {
                short[] pcm = DualTone(Rows[d / 4] * (1 + rowDev), Cols[d % 4] * (1 + colDev), -7, -5, 100, 50, 50);
                Assert.Equal(DtmfDigits.At(d).ToString(), Detect(pcm, 160));
            }
        }

        [Theory]
        [InlineData(0.035, 0.0)]
        [InlineData(-0.035, 0.0)]
        [InlineData(0.0, 0.035)]
        [InlineData(0.0, -0.035)]
        [InlineData(0.035, 0.035)]
        [InlineData(-0.035, -0.035)]
        [InlineData(0.05, 0.0)]
        [InlineData(0.0, -0.06)]
        public void RejectsDigitsOffBy3Point5PercentOrMore(double rowDev, double colDev)
        {
            for (int d = 0; d < 16; d++)
            {
                short[] pcm = DualTone(Rows[d / 4] * (1 + rowDev), Cols[d % 4] * (1 + colDev), -7, -5, 100, 50, 50);
                Assert.Equal(string.Empty, Detect(pcm, 160));
            }
        }

        [Fact]
        public void AcceptsFortyMillisecondTonesAtEveryAlignment()
        {
            for (int lead = 0; lead < DtmfDetector.HopSamples; lead += 3)
            {
                short[] pcm = DualTone(852, 1477, -7, -5, 40, lead, 50);
                Assert.Equal("9", Detect(pcm, 160));
            }
        }

        [Theory]
        [InlineData(10)]
        [InlineData(20)]
        [InlineData(22)]
        public void RejectsTonesShorterThan23Milliseconds(int ms)
        {
            for (int lead = 0; lead < DtmfDetector.HopSamples; lead += 2)
            {
                short[] pcm = DualTone(852, 1477, -7, -5, ms, lead, 50);
                Assert.Equal(string.Empty, Detect(pcm, 160));
            }
        }

        [Fact]
        public void FortyMillisecondPauseSeparatesRepeatedDigitsAndShortDropoutIsBridged()
        {
            short[] a = DualTone(770, 1336, -7, -5, 60, 0, 0).AsSpan(0, 480).ToArray();
            short[] pause = new short[320];
            short[] dropout = new short[40];
            Assert.Equal("55", Detect(Concat(a, pause, a, pause), 160));
            Assert.Equal("5", Detect(Concat(a, dropout, a, pause), 160));
        }

        [Theory]
        [InlineData(-7, -4, "2")]   // 3 dB normal twist
        [InlineData(-4, -11, "2")]  // 7 dB reverse twist
        [InlineData(-12, -6, "")]   // 6 dB normal twist
        [InlineData(-4, -14, "")]   // 10 dB reverse twist
        [InlineData(-30, -28, "2")] // weak but above the -33 dBm0 sensitivity
        [InlineData(-42, -40, "")]  // below sensitivity
        public void TwistAndLevelLimits(int lowDbm0, int highDbm0, string expected)
        {
            Assert.Equal(expected, Detect(DualTone(697, 1336, lowDbm0, highDbm0, 100, 50, 50), 160));
        }

        [Theory]
        [InlineData(697, 1477, 0, 1, -8)]  // column tone with a 2nd harmonic 8 dB down (F5 + F#6 played on an instrument)
        [InlineData(697, 1477, 1, 0, -3)]  // row tone with a 2nd harmonic 3 dB down
        public void RejectsToneWithStrongSecondHarmonic(double row, double col, int rowH, int colH, double harmonicDb)
        {
            double lo = TestSignals.PeakForDbm0(-7), hi = TestSignals.PeakForDbm0(-5);
            var x = new double[1600];
            TestSignals.AddSine(x, 200, 1000, row, lo);
            TestSignals.AddSine(x, 200, 1000, col, hi);
            double g = Math.Pow(10, harmonicDb / 20);
            TestSignals.AddSine(x, 200, 1000, 2 * row, rowH * lo * g);
            TestSignals.AddSine(x, 200, 1000, 2 * col, colH * hi * g);
            var det = new DtmfDetector();
            short[] pcm = TestSignals.ToPcm(x);
            det.Process(pcm, 0, pcm.Length);
            Assert.False(det.TryReadDigit(out _));
            Assert.True(det.RejectedHarmonic > 0);

            // The same pair without the harmonic is a digit.
            Assert.Equal("3", Detect(DualTone(row, col, -7, -5, 125, 200, 50), 160));
        }

        [Fact]
        public void NoFalseDigitsInVowelLikeSpeech()
        {
            // 40 s of synthetic voiced speech: a glottal-like harmonic series (up to 3.8 kHz) whose pitch glides
            // between 80 and 320 Hz, shaped by three formants that move between vowel targets every 150-400 ms.
            var rng = new Random(7);
            double[][] vowels =
            {
                new double[] { 730, 1090, 2440 }, new double[] { 270, 2290, 3010 }, new double[] { 300, 870, 2240 },
                new double[] { 530, 1840, 2480 }, new double[] { 570, 840, 2410 }, new double[] { 660, 1720, 2410 },
                new double[] { 440, 1020, 2240 }, new double[] { 390, 1990, 2550 },
            };
            int total = 8000 * 40;
            var x = new double[total];
            double f0 = 120, phase = 0;
            var gains = new double[64];
            double[] formants = (double[])vowels[0].Clone();
            double[] target = vowels[1];
            int next = 0;
            var harmonicPhase = new double[64];
            for (int n = 0; n < total; n++)
            {
                if (n == next)
                {
                    target = vowels[rng.Next(vowels.Length)];
                    next += 1200 + rng.Next(2000);
                }

                for (int k = 0; k < 3; k++)
                {
                    formants[k] += (target[k] - formants[k]) * 0.002;
                }

                f0 = Math.Clamp(f0 + ((rng.NextDouble() - 0.5) * 2.0), 80, 320);
                phase += 2 * Math.PI * f0 / 8000;
                double s = 0;
                for (int h = 1; h * f0 < 3800 && h < 64; h++)
                {
                    if ((n & 31) == 0)
                    {
                        double f = h * f0;
                        double gain = 1.0 / h;
                        for (int k = 0; k < 3; k++)
                        {
                            double bw = 80 + (k * 40);
                            double r = (f - formants[k]) / bw;
                            gain *= 1 + (6.0 / (1 + (r * r)));
                        }

                        gains[h] = gain;
                    }

                    s += gains[h] * Math.Sin(h * phase);
                }

                x[n] = s;
            }

            Normalise(x, 6000);
            AssertNoDigits(TestSignals.ToPcm(x));
        }

        [Fact]
        public void NoFalseDigitsInMusicLikeChords()
        {
            // 60 s of chords: 2-4 equal-tempered notes (some within 0.2 % of DTMF frequencies, e.g. F5 = 698.5 Hz,
            // F#6 = 1480 Hz), each note with 6 harmonics of falling amplitude, 250-750 ms per chord.
            var rng = new Random(11);
            int total = 8000 * 60;
            var x = new double[total];
            int pos = 0;
            while (pos < total)
            {
                int len = Math.Min(total - pos, 2000 + rng.Next(4000));
                int notes = 2 + rng.Next(3);
                for (int i = 0; i < notes; i++)
                {
                    int semitone = rng.Next(-12, 24);
                    double f = 440 * Math.Pow(2, semitone / 12.0);
                    for (int h = 1; h <= 6 && h * f < 3900; h++)
                    {
                        TestSignals.AddSine(x, pos, len, h * f, 3000.0 / (h * h * 0.7 + 0.3), rng.NextDouble() * 6);
                    }
                }

                pos += len;
            }

            Normalise(x, 7000);
            AssertNoDigits(TestSignals.ToPcm(x));
        }

        [Fact]
        public void NoFalseDigitsInNoise()
        {
            var rng = new Random(3);
            var x = new double[8000 * 30];
            for (int seg = 0; seg < 30; seg++)
            {
                TestSignals.AddNoise(x, seg * 8000, 8000, 100 + (seg * 300), rng);
            }

            AssertNoDigits(TestSignals.ToPcm(x));
        }

        [Fact]
        public void ProcessAllocatesNothing()
        {
            var det = new DtmfDetector();
            var gen = new DtmfGenerator();
            var frame = new short[160];
            // Warm up every call the loop makes, so static constructors and first-call work are not counted.
            gen.Start(DtmfDigits.At(0), 80);
            gen.Fill(frame, 0, 160);
            det.Process(frame, 0, 160);
            while (gen.IsPlaying) gen.Fill(frame, 0, 160);
            det.Reset();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 200; i++)
            {
                if (!gen.IsPlaying && (i % 10) == 0)
                {
                    gen.Start(DtmfDigits.At(i % 16), 80);
                }

                gen.Fill(frame, 0, 160);
                det.Process(frame, 0, 160);
            }

            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
            Assert.True(det.DigitsDetected > 5);
        }

        private static void AssertNoDigits(short[] pcm)
        {
            var det = new DtmfDetector();
            var sb = new StringBuilder();
            for (int i = 0; i + 160 <= pcm.Length; i += 160)
            {
                det.Process(pcm, i, 160);
                while (det.TryReadDigit(out char c))
                {
                    sb.Append(c).Append('@').Append(i / 8).Append("ms ");
                }
            }

            Assert.Equal(string.Empty, sb.ToString());
        }

        private static void Normalise(double[] x, double rms)
        {
            double e = 0;
            foreach (double v in x)
            {
                e += v * v;
            }

            double g = rms / Math.Sqrt(e / x.Length);
            for (int i = 0; i < x.Length; i++)
            {
                x[i] *= g;
            }
        }

        internal static string Detect(short[] pcm, int frame)
        {
            var det = new DtmfDetector();
            var sb = new StringBuilder();
            for (int i = 0; i < pcm.Length; i += frame)
            {
                det.Process(pcm, i, Math.Min(frame, pcm.Length - i));
                while (det.TryReadDigit(out char c))
                {
                    sb.Append(c);
                }
            }

            return sb.ToString();
        }

        internal static short[] DualTone(double f1, double f2, double dbm1, double dbm2, int ms, int leadSamples, int tailMs)
        {
            int n = ms * 8;
            var x = new double[leadSamples + n + (tailMs * 8) + 160];
            TestSignals.AddSine(x, leadSamples, n, f1, TestSignals.PeakForDbm0(dbm1), 0.3);
            TestSignals.AddSine(x, leadSamples, n, f2, TestSignals.PeakForDbm0(dbm2), 1.1);
            return TestSignals.ToPcm(x);
        }

        private static short[] Concat(params short[][] parts)
        {
            int len = 0;
            foreach (short[] p in parts)
            {
                len += p.Length;
            }

            var r = new short[len];
            int pos = 0;
            foreach (short[] p in parts)
            {
                Array.Copy(p, 0, r, pos, p.Length);
                pos += p.Length;
            }

            return r;
        }
    }
}
