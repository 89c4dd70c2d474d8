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
    }
}
