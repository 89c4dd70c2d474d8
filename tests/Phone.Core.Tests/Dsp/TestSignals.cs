// Test-side signal helpers in double precision (independent of the fixed-point code under test).
namespace Phone.Core.Tests.Dsp
{
    using System;

    internal static class TestSignals
    {
        public const double Fs = 8000.0;

        /// <summary>Amplitude of the component at <paramref name="hz"/> over x[start..start+n) (single-bin DFT).</summary>
        public static double Amplitude(short[] x, int start, int n, double hz)
        {
            double re = 0, im = 0;
            double w = 2 * Math.PI * hz / Fs;
            for (int i = 0; i < n; i++)
            {
                re += x[start + i] * Math.Cos(w * i);
                im -= x[start + i] * Math.Sin(w * i);
            }

            return 2 * Math.Sqrt((re * re) + (im * im)) / n;
        }

        public static double Rms(short[] x, int start, int n)
        {
            double e = 0;
            for (int i = 0; i < n; i++)
            {
                e += (double)x[start + i] * x[start + i];
            }

            return Math.Sqrt(e / n);
        }

        public static double Db(double ratio) => 20 * Math.Log10(ratio);

        /// <summary>Adds a sine; amplitude is the peak.</summary>
        public static void AddSine(double[] x, int start, int n, double hz, double amplitude, double phase = 0)
        {
            double w = 2 * Math.PI * hz / Fs;
            for (int i = 0; i < n; i++)
            {
                x[start + i] += amplitude * Math.Sin((w * i) + phase);
            }
        }

        /// <summary>Adds Gaussian white noise with the given RMS.</summary>
        public static void AddNoise(double[] x, int start, int n, double rms, Random rng)
        {
            for (int i = 0; i < n; i++)
            {
                double u1 = 1.0 - rng.NextDouble();
                double u2 = rng.NextDouble();
                x[start + i] += rms * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            }
        }

        public static short[] ToPcm(double[] x)
        {
            var y = new short[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                double v = Math.Round(x[i]);
                y[i] = (short)Math.Max(short.MinValue, Math.Min(short.MaxValue, v));
            }

            return y;
        }

        /// <summary>Peak amplitude of a sine at the given dBm0 (0 dBm0 = 22400 peak, as in the code's convention).</summary>
        public static double PeakForDbm0(double dbm0) => 22400 * Math.Pow(10, dbm0 / 20);

        /// <summary>Runs of on/off (1 ms resolution: a millisecond is "on" if its peak exceeds the threshold).</summary>
        public static int[] OnOffRunsMs(short[] x, int threshold)
        {
            var runs = new System.Collections.Generic.List<int>();
            bool? state = null;
            int len = 0;
            for (int ms = 0; ms < x.Length / 8; ms++)
            {
                int peak = 0;
                for (int i = 0; i < 8; i++)
                {
                    peak = Math.Max(peak, Math.Abs((int)x[(ms * 8) + i]));
                }

                bool on = peak > threshold;
                if (state == null || on == state)
                {
                    state = on;
                    len++;
                }
                else
                {
                    runs.Add(state.Value ? len : -len);
                    state = on;
                    len = 1;
                }
            }

            runs.Add(state.Value ? len : -len);
            return runs.ToArray();
        }
    }
}
