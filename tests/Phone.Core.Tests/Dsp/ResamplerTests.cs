namespace Phone.Core.Tests.Dsp
{
    using System;
    using Phone.Core.Dsp;

    public class ResamplerTests
    {
        private const double Amp = 16000;

        private static short[] Sine(double hz, double fs, int n)
        {
            var x = new short[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = (short)Math.Round(Amp * Math.Sin(2 * Math.PI * hz * i / fs));
            }

            return x;
        }

        private static double AmplitudeAt(short[] x, int start, int n, double hz, double fs)
        {
            double re = 0, im = 0;
            for (int i = 0; i < n; i++)
            {
                re += x[start + i] * Math.Cos(2 * Math.PI * hz * i / fs);
                im += x[start + i] * Math.Sin(2 * Math.PI * hz * i / fs);
            }

            return 2 * Math.Sqrt((re * re) + (im * im)) / n;
        }

        [Fact]
        public void DecimatorPassbandIsFlatTo3400Hz()
        {
            for (int hz = 100; hz <= 3400; hz += 100)
            {
                short[] y = Decimate(Sine(hz, 16000, 16000));
                double gainDb = TestSignals.Db(AmplitudeAt(y, 400, 4000, hz, 8000) / Amp);
                Assert.InRange(gainDb, -1.0, 1.0);
            }
        }

        [Fact]
        public void DecimatorAttenuatesAliasesFrom4600HzByAtLeast40Db()
        {
            for (int hz = 4600; hz <= 7950; hz += 50)
            {
                short[] y = Decimate(Sine(hz, 16000, 16000));

                // Everything left after decimation is the alias at 8000 - hz: measure total output power.
                double outDb = TestSignals.Db(TestSignals.Rms(y, 400, 4000) * Math.Sqrt(2) / Amp);
                Assert.True(outDb <= -40, $"{hz} Hz: {outDb:F1} dB");
            }
        }

        [Fact]
        public void InterpolatorPassbandIsFlatAndImagesAreSuppressed()
        {
            for (int hz = 100; hz <= 3400; hz += 100)
            {
                short[] y = Interpolate(Sine(hz, 8000, 8000));
                double gainDb = TestSignals.Db(AmplitudeAt(y, 800, 8000, hz, 16000) / Amp);
                Assert.InRange(gainDb, -1.0, 1.0);
                double imageDb = TestSignals.Db(AmplitudeAt(y, 800, 8000, 8000 - hz, 16000) / Amp);
                Assert.True(imageDb <= -40, $"{hz} Hz image: {imageDb:F1} dB");
            }
        }

        [Fact]
        public void RoundTripReturnsTheSignalDelayed()
        {
            short[] x = Sine(1000, 8000, 1600);
            short[] up = Interpolate(x);
            short[] back = Decimate(up);

            // Interpolator and decimator each delay 23 samples at 16 kHz: 46 in all, 23 at 8 kHz.
            int best = -1;
            double bestErr = double.MaxValue;
            for (int d = 20; d < 30; d++)
            {
                double e = 0;
                for (int i = 100; i < 1500; i++)
                {
                    e += Math.Abs(back[i + d] - x[i]);
                }

                if (e < bestErr)
                {
                    bestErr = e;
                    best = d;
                }
            }

            Assert.Equal(23, best);
            Assert.True(bestErr / 1400 < 40, $"mean error {bestErr / 1400}");
        }

        [Fact]
        public void OddInputCountsCarryTheirPhase()
        {
            short[] x = Sine(700, 16000, 3200);
            short[] whole = Decimate(x);
            var dec = new HalfBandDecimator();
            var parts = new short[1600];
            int o = 0, i = 0, step = 1;
            while (i < x.Length)
            {
                int n = Math.Min(step, x.Length - i);
                o += dec.Process(x, i, n, parts, o);
                i += n;
                step = (step % 7) + 2;
            }

            Assert.Equal(1600, o);
            Assert.Equal(whole, parts);
        }

        [Fact]
        public void ProcessAllocatesNothing()
        {
            var dec = new HalfBandDecimator();
            var inter = new HalfBandInterpolator();
            var a = new short[320];
            var b = new short[160];
            dec.Process(a, 0, 320, b, 0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                dec.Process(a, 0, 320, b, 0);
                inter.Process(b, 0, 160, a, 0);
            }

            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }

        [Fact]
        public void I2s16BitStereoIsLittleEndianLeftThenRight()
        {
            byte[] raw = { 0x34, 0x12, 0xCD, 0xAB, 0xFF, 0x7F, 0x00, 0x80 };
            var left = new short[2];
            var right = new short[2];
            Assert.Equal(2, I2sFrames.StereoToMono16(raw, 0, 2, I2sFrames.Left, left, 0));
            I2sFrames.StereoToMono16(raw, 0, 2, I2sFrames.Right, right, 0);
            Assert.Equal(new short[] { 0x1234, 32767 }, left);
            Assert.Equal(new short[] { unchecked((short)0xABCD), -32768 }, right);

            var back = new byte[8];
            I2sFrames.MonoToStereo16(left, 0, 2, back, 0, I2sFrames.Left);
            Assert.Equal(new byte[] { 0x34, 0x12, 0, 0, 0xFF, 0x7F, 0, 0 }, back);
            I2sFrames.MonoToStereo16(right, 0, 2, back, 0, I2sFrames.Both);
            Assert.Equal(new byte[] { 0xCD, 0xAB, 0xCD, 0xAB, 0x00, 0x80, 0x00, 0x80 }, back);
        }

        [Fact]
        public void I2s32BitSlotsCarryTheSampleInTheTop16Bits()
        {
            // Left = 0x12345678 (sample 0x1234), right = 0xFEDC0000 (sample -292).
            byte[] raw = { 0x78, 0x56, 0x34, 0x12, 0x00, 0x00, 0xDC, 0xFE };
            var s = new short[1];
            I2sFrames.StereoToMono32(raw, 0, 1, I2sFrames.Left, s, 0);
            Assert.Equal(0x1234, s[0]);
            I2sFrames.StereoToMono32(raw, 0, 1, I2sFrames.Right, s, 0);
            Assert.Equal(unchecked((short)0xFEDC), s[0]);

            var pcm = new short[] { -2, 300, 32767 };
            var frames = new byte[24];
            I2sFrames.MonoToStereo32(pcm, 0, 3, frames, 0, I2sFrames.Right);
            var l = new short[3];
            var r = new short[3];
            I2sFrames.StereoToMono32(frames, 0, 3, I2sFrames.Left, l, 0);
            I2sFrames.StereoToMono32(frames, 0, 3, I2sFrames.Right, r, 0);
            Assert.Equal(new short[3], l);
            Assert.Equal(pcm, r);
            Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0xFE, 0xFF }, frames.AsSpan(0, 8).ToArray());
        }

        private static short[] Decimate(short[] x)
        {
            var dec = new HalfBandDecimator();
            var y = new short[x.Length / 2];
            int o = 0;
            for (int i = 0; i < x.Length; i += 320)
            {
                o += dec.Process(x, i, Math.Min(320, x.Length - i), y, o);
            }

            Assert.Equal(y.Length, o);
            return y;
        }

        private static short[] Interpolate(short[] x)
        {
            var inter = new HalfBandInterpolator();
            var y = new short[x.Length * 2];
            int o = 0;
            for (int i = 0; i < x.Length; i += 160)
            {
                o += inter.Process(x, i, Math.Min(160, x.Length - i), y, o);
            }

            Assert.Equal(y.Length, o);
            return y;
        }
    }
}
