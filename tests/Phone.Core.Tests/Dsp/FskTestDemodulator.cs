// Independent FSK receiver for tests: sliding non-coherent mark/space correlators plus UART framing.
namespace Phone.Core.Tests.Dsp
{
    using System;
    using System.Collections.Generic;

    internal static class FskTestDemodulator
    {
        private const double Fs = 8000;
        private const double SamplesPerBit = Fs / 1200.0;

        /// <summary>
        /// Demodulates 1200 baud FSK starting at <paramref name="start"/>: a 7-sample sliding correlator at each
        /// tone gives a hard bit per sample (1 = mark stronger); the channel seizure is counted as bit transitions,
        /// the mark run measured, then bytes are read as start bit 0, 8 data bits LSB first, stop bit 1.
        /// </summary>
        public static byte[] Decode(short[] pcm, int start, double markHz, double spaceHz, out int seizureTransitions, out int markBits)
        {
            const int W = 7;
            int n = pcm.Length - start;
            var bit = new int[n];
            var energy = new double[n];
            for (int i = W; i < n; i++)
            {
                double mr = 0, mi = 0, sr = 0, si = 0, e = 0;
                for (int k = 0; k < W; k++)
                {
                    double x = pcm[start + i - k];
                    double tm = 2 * Math.PI * markHz * (i - k) / Fs;
                    double ts = 2 * Math.PI * spaceHz * (i - k) / Fs;
                    mr += x * Math.Cos(tm);
                    mi += x * Math.Sin(tm);
                    sr += x * Math.Cos(ts);
                    si += x * Math.Sin(ts);
                    e += x * x;
                }

                bit[i] = (mr * mr) + (mi * mi) > (sr * sr) + (si * si) ? 1 : 0;
                energy[i] = e / W;
            }

            // The correlator output lags the signal by about half its length.
            int lag = W / 2;
            Func<double, int> sampleBit = t =>
            {
                int idx = (int)Math.Round(t) + lag;
                return idx < n ? bit[idx] : 1;
            };

            // Seizure: count transitions over the first 300 bit centres.
            seizureTransitions = 0;
            int prev = sampleBit(0.5 * SamplesPerBit);
            double tBit = 1.5 * SamplesPerBit;
            int b = 1;
            for (; b < 300; b++, tBit += SamplesPerBit)
            {
                int v = sampleBit(tBit);
                if (v != prev)
                {
                    seizureTransitions++;
                }

                prev = v;
            }

            // Mark run: count consecutive 1 bit-centres.
            markBits = 0;
            while (sampleBit(tBit) == 1 && tBit < n)
            {
                markBits++;
                tBit += SamplesPerBit;
            }

            // UART: tBit is the centre of the first start bit; re-synchronise on every start bit edge.
            var bytes = new List<byte>();
            double edge = tBit - (SamplesPerBit / 2);
            while (edge + (10 * SamplesPerBit) < n)
            {
                // Find the exact 1->0 edge near the expected position.
                int e0 = (int)edge + lag;
                for (int k = Math.Max(1, e0 - 3); k <= e0 + 3 && k < n; k++)
                {
                    if (bit[k - 1] == 1 && bit[k] == 0)
                    {
                        e0 = k;
                        break;
                    }
                }

                double centre = e0 - lag + (SamplesPerBit / 2);
                if (sampleBit(centre) != 0 || energy[Math.Min(n - 1, (int)centre + lag)] < 1000)
                {
                    break;
                }

                int value = 0;
                for (int k = 0; k < 8; k++)
                {
                    value |= sampleBit(centre + ((k + 1) * SamplesPerBit)) << k;
                }

                if (sampleBit(centre + (9 * SamplesPerBit)) != 1)
                {
                    break;
                }

                bytes.Add((byte)value);
                edge = centre + (9.5 * SamplesPerBit);

                // Skip any idle mark bits before the next start bit.
                while (edge + lag < n - 1 && sampleBit(edge + (SamplesPerBit / 2)) == 1 && energy[Math.Min(n - 1, (int)edge + lag)] > 1000)
                {
                    edge += SamplesPerBit;
                }
            }

            return bytes.ToArray();
        }
    }
}
