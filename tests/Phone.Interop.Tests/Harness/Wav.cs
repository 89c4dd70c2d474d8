// Minimal RIFF/WAVE 16-bit PCM mono writer and reader for test signals and baresip's sndfile recordings.
namespace Phone.Interop.Tests.Harness
{
    using System;
    using System.IO;

    /// <summary>16-bit PCM mono WAV files.</summary>
    public static class Wav
    {
        /// <summary>Writes samples as a 16-bit mono WAV.</summary>
        public static void Write(string path, short[] samples, int rate)
        {
            using var w = new BinaryWriter(File.Create(path));
            w.Write("RIFF"u8.ToArray()); w.Write(36 + samples.Length * 2); w.Write("WAVE"u8.ToArray());
            w.Write("fmt "u8.ToArray()); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(rate); w.Write(rate * 2); w.Write((short)2); w.Write((short)16);
            w.Write("data"u8.ToArray()); w.Write(samples.Length * 2);
            foreach (short s in samples) w.Write(s);
        }

        /// <summary>Reads the data chunk of a 16-bit PCM WAV (chunks walked, so extra chunks are skipped).</summary>
        public static short[] Read(string path)
        {
            byte[] b = File.ReadAllBytes(path);
            int pos = 12;
            while (pos + 8 <= b.Length)
            {
                string id = System.Text.Encoding.ASCII.GetString(b, pos, 4);
                int size = BitConverter.ToInt32(b, pos + 4);
                if (id == "data")
                {
                    if (size < 0 || pos + 8 + size > b.Length) size = b.Length - pos - 8; // header written before the end of recording
                    var s = new short[size / 2];
                    Buffer.BlockCopy(b, pos + 8, s, 0, s.Length * 2);
                    return s;
                }
                pos += 8 + size + (size & 1);
            }
            return Array.Empty<short>();
        }

        /// <summary>A sine tone.</summary>
        public static short[] Tone(int hz, int ms, int amplitude, int rate = 8000)
        {
            var s = new short[rate * ms / 1000];
            for (int i = 0; i < s.Length; i++) s[i] = (short)(amplitude * Math.Sin(2 * Math.PI * hz * i / rate));
            return s;
        }

        /// <summary>
        /// Fraction of the signal's energy at <paramref name="hz"/> (Goertzel over 20 ms blocks), ignoring silent blocks:
        /// near 1 for a clean tone, near 0 for silence, noise or another frequency.
        /// </summary>
        public static double ToneRatio(short[] samples, int hz, int rate = 8000)
        {
            const int block = 160;
            double tone = 0, total = 0;
            double coeff = 2 * Math.Cos(2 * Math.PI * hz / rate);
            for (int start = 0; start + block <= samples.Length; start += block)
            {
                double s1 = 0, s2 = 0, energy = 0;
                for (int i = 0; i < block; i++)
                {
                    double x = samples[start + i];
                    energy += x * x;
                    double s0 = x + coeff * s1 - s2;
                    s2 = s1;
                    s1 = s0;
                }
                if (energy < block * 100.0 * 100.0) continue; // below -50 dBFS: silence before/after media
                double power = s1 * s1 + s2 * s2 - coeff * s1 * s2; // |X(k)|^2
                tone += 2 * power / block;
                total += energy;
            }
            return total == 0 ? 0 : tone / total;
        }

        /// <summary>
        /// Signal-to-noise ratio in dB of the tone at <paramref name="hz"/> in samples[start, start+count): Goertzel
        /// power at that frequency against everything else, over the 20 ms blocks above -50 dBFS. Below -100 when no
        /// block carries signal. A clean G.711 tone gives well over 20 dB; another tone or noise gives below 0.
        /// </summary>
        public static double ToneSnrDb(short[] samples, int hz, int start = 0, int count = -1, int rate = 8000)
        {
            if (count < 0) count = samples.Length - start;
            var window = new short[Math.Max(0, Math.Min(count, samples.Length - start))];
            Array.Copy(samples, start, window, 0, window.Length);
            double ratio = ToneRatio(window, hz, rate);
            if (ratio <= 0) return -120;
            if (ratio >= 1) return 120;
            return 10 * Math.Log10(ratio / (1 - ratio));
        }

        /// <summary>RMS level in dBFS of samples[start, start+count) (-120 for digital silence).</summary>
        public static double RmsDbfs(short[] samples, int start, int count)
        {
            double sum = 0;
            int end = Math.Min(samples.Length, start + count);
            for (int i = start; i < end; i++) sum += (double)samples[i] * samples[i];
            if (end <= start || sum == 0) return -120;
            return 10 * Math.Log10(sum / (end - start) / (32768.0 * 32768.0));
        }

        /// <summary>
        /// Per 20 ms block above -50 dBFS: the SNR in dB of the tone at <paramref name="hz"/>, capped at 60 dB. The
        /// block is Hann-windowed and the energy of the three DFT bins around the tone (±50 Hz, both signs of
        /// frequency) is set against the rest (Parseval), so the receiver's time-scaling (nearest-sample resampling by
        /// up to 5 %, 20 Hz at 400 Hz) still counts as the tone while another tone or noise does not.
        /// </summary>
        public static double[] BlockSnrDb(short[] samples, int hz, int rate = 8000)
        {
            const int block = 160;
            var result = new System.Collections.Generic.List<double>();
            var x = new double[block];
            int k0 = (int)Math.Round((double)hz * block / rate);
            for (int start = 0; start + block <= samples.Length; start += block)
            {
                double raw = 0, windowed = 0;
                for (int i = 0; i < block; i++)
                {
                    double v = samples[start + i];
                    raw += v * v;
                    x[i] = v * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / block));
                    windowed += x[i] * x[i];
                }
                if (raw < block * 100.0 * 100.0) continue;
                double band = 0;
                for (int k = k0 - 1; k <= k0 + 1; k++)
                {
                    double re = 0, im = 0;
                    for (int i = 0; i < block; i++)
                    {
                        re += x[i] * Math.Cos(2 * Math.PI * k * i / block);
                        im -= x[i] * Math.Sin(2 * Math.PI * k * i / block);
                    }
                    band += 2 * (re * re + im * im); // bin k and its mirror N - k
                }
                double total = block * windowed;
                double rest = total - band;
                result.Add(rest <= band * 1e-6 ? 60 : Math.Min(60, 10 * Math.Log10(band / rest)));
            }
            return result.ToArray();
        }

        /// <summary>Median of <see cref="BlockSnrDb"/> over samples[start, start+count) (-120 when no block carries signal).</summary>
        public static double MedianSnrDb(short[] samples, int hz, int start = 0, int count = -1)
        {
            if (count < 0) count = samples.Length - start;
            var window = new short[Math.Max(0, Math.Min(count, samples.Length - start))];
            Array.Copy(samples, start, window, 0, window.Length);
            double[] snr = BlockSnrDb(window, hz);
            if (snr.Length == 0) return -120;
            Array.Sort(snr);
            return snr[snr.Length / 2];
        }
    }
}
