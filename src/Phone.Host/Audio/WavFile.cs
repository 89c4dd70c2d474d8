// Minimal RIFF/WAVE writer and reader for 16-bit PCM mono (the emulator's recordings).
namespace Phone.Host.Audio
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using System.Text;

    /// <summary>Writes and reads 16-bit little-endian PCM mono WAV files.</summary>
    public static class WavFile
    {
        /// <summary>Writes <paramref name="samples"/> at <paramref name="sampleRate"/> Hz.</summary>
        public static void Write(string path, IReadOnlyList<short> samples, int sampleRate)
        {
            using var stream = File.Create(path);
            using var w = new BinaryWriter(stream, Encoding.ASCII);
            int dataBytes = samples.Count * 2;
            w.Write(Encoding.ASCII.GetBytes("RIFF"));
            w.Write(36 + dataBytes);
            w.Write(Encoding.ASCII.GetBytes("WAVEfmt "));
            w.Write(16);
            w.Write((short)1);          // PCM
            w.Write((short)1);          // mono
            w.Write(sampleRate);
            w.Write(sampleRate * 2);    // byte rate
            w.Write((short)2);          // block align
            w.Write((short)16);         // bits per sample
            w.Write(Encoding.ASCII.GetBytes("data"));
            w.Write(dataBytes);
            foreach (short s in samples) w.Write(s);
        }

        /// <summary>
        /// Reads any 16-bit PCM WAV (chunks in any order, any channel count and rate): samples interleaved by
        /// channel. Throws <see cref="InvalidDataException"/> with a message saying what the file is when it is not
        /// 16-bit PCM.
        /// </summary>
        public static short[] ReadPcm16(string path, out int sampleRate, out int channels)
        {
            using var r = new BinaryReader(File.OpenRead(path));
            if (r.BaseStream.Length < 12 || Encoding.ASCII.GetString(r.ReadBytes(4)) != "RIFF") throw new InvalidDataException(path + ": not a WAV file (no RIFF header)");
            r.ReadInt32();
            if (Encoding.ASCII.GetString(r.ReadBytes(4)) != "WAVE") throw new InvalidDataException(path + ": not a WAV file (RIFF but not WAVE)");
            sampleRate = 0;
            channels = 0;
            short format = 0, bits = 0;
            bool haveFormat = false;
            while (r.BaseStream.Position + 8 <= r.BaseStream.Length)
            {
                string id = Encoding.ASCII.GetString(r.ReadBytes(4));
                int length = r.ReadInt32();
                if (id == "fmt ")
                {
                    format = r.ReadInt16();
                    channels = r.ReadInt16();
                    sampleRate = r.ReadInt32();
                    r.ReadInt32();
                    r.ReadInt16();
                    bits = r.ReadInt16();
                    if (format == unchecked((short)0xFFFE) && length >= 40)
                    {
                        // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
                        r.ReadBytes(8);
                        format = r.ReadInt16();
                        r.ReadBytes(length - 26);
                    }
                    else
                    {
                        r.ReadBytes(length - 16);
                    }
                    haveFormat = true;
                }
                else if (id == "data")
                {
                    if (!haveFormat) throw new InvalidDataException(path + ": data before the fmt chunk");
                    if (format != 1) throw new InvalidDataException(path + ": WAV format tag " + format + " is not linear PCM (1); convert it to 16-bit PCM");
                    if (bits != 16) throw new InvalidDataException(path + ": " + bits + "-bit samples; only 16-bit PCM is supported");
                    if (channels < 1) throw new InvalidDataException(path + ": no channels");
                    long available = r.BaseStream.Length - r.BaseStream.Position;
                    if (length < 0 || length > available) length = (int)available;   // a streamed file's header may say 0 or too much
                    var samples = new short[length / 2];
                    for (int i = 0; i < samples.Length; i++) samples[i] = r.ReadInt16();
                    return samples;
                }
                else
                {
                    r.ReadBytes(length + (length & 1));
                }
            }
            throw new InvalidDataException(path + ": no data chunk");
        }

        /// <summary>Reads a file written by <see cref="Write"/> (16-bit PCM mono); throws on anything else.</summary>
        public static short[] Read(string path, out int sampleRate)
        {
            using var r = new BinaryReader(File.OpenRead(path));
            if (Encoding.ASCII.GetString(r.ReadBytes(4)) != "RIFF") throw new InvalidDataException(path + ": not RIFF");
            r.ReadInt32();
            if (Encoding.ASCII.GetString(r.ReadBytes(8)) != "WAVEfmt ") throw new InvalidDataException(path + ": not WAVE");
            int fmtLength = r.ReadInt32();
            short format = r.ReadInt16(), channels = r.ReadInt16();
            sampleRate = r.ReadInt32();
            r.ReadInt32();
            r.ReadInt16();
            short bits = r.ReadInt16();
            if (format != 1 || channels != 1 || bits != 16) throw new InvalidDataException(path + ": not 16-bit PCM mono");
            r.ReadBytes(fmtLength - 16);
            while (Encoding.ASCII.GetString(r.ReadBytes(4)) != "data") r.ReadBytes(r.ReadInt32());
            int length = r.ReadInt32();
            var samples = new short[length / 2];
            for (int i = 0; i < samples.Length; i++) samples[i] = r.ReadInt16();
            return samples;
        }
    }
}
