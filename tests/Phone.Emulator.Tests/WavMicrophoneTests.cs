// The WAV-file microphone: 8 kHz used as is, 16 kHz and stereo converted, other formats refused with a clear message.
namespace Phone.Emulator.Tests
{
    using System;
    using System.IO;
    using System.Text;
    using Phone.Host.Audio;

    public sealed class WavMicrophoneTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "wavmic-" + Guid.NewGuid().ToString("N"));

        public WavMicrophoneTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        private static void WriteWav(string path, short[] interleaved, int rate, int channels, int bits = 16, int format = 1)
        {
            using var w = new BinaryWriter(File.Create(path), Encoding.ASCII);
            int bytes = interleaved.Length * bits / 8;
            w.Write(Encoding.ASCII.GetBytes("RIFF"));
            w.Write(36 + 12 + bytes);
            w.Write(Encoding.ASCII.GetBytes("WAVE"));
            // A LIST chunk before fmt, as many editors write: the reader must skip it.
            w.Write(Encoding.ASCII.GetBytes("LIST"));
            w.Write(4);
            w.Write(Encoding.ASCII.GetBytes("INFO"));
            w.Write(Encoding.ASCII.GetBytes("fmt "));
            w.Write(16);
            w.Write((short)format);
            w.Write((short)channels);
            w.Write(rate);
            w.Write(rate * channels * bits / 8);
            w.Write((short)(channels * bits / 8));
            w.Write((short)bits);
            w.Write(Encoding.ASCII.GetBytes("data"));
            w.Write(bytes);
            foreach (short s in interleaved)
            {
                if (bits == 16) w.Write(s);
                else w.Write((byte)((s >> 8) + 128));
            }
        }

        private static short[] Frames(WavAudioPort port, int frames)
        {
            var all = new short[frames * 160];
            for (int f = 0; f < frames; f++) Assert.True(port.ReadFrame(all, f * 160));
            return all;
        }

        private static double Goertzel(short[] x, int start, int count, double hz)
        {
            double w = 2 * Math.PI * hz / 8000, coeff = 2 * Math.Cos(w), s1 = 0, s2 = 0;
            for (int i = start; i < start + count; i++)
            {
                double s0 = x[i] + coeff * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            return 2 * Math.Sqrt(Math.Max(0, s1 * s1 + s2 * s2 - coeff * s1 * s2)) / count;
        }

        [Fact]
        public void An8kHzMonoFileIsPlayedSampleForSampleAndLoops()
        {
            string path = Path.Combine(_dir, "a.wav");
            short[] tone = PhoneConsoleTests.Sine(1000, 8000, 0.5, 8000);
            WriteWav(path, tone, 8000, 1);
            WavAudioPort port = WavAudioPort.FromWav(path, loop: true);
            Assert.Equal(4000, port.SourceSamples);
            short[] got = Frames(port, 50);   // 1 s: the 0.5 s file twice
            for (int i = 0; i < got.Length; i++) Assert.Equal(tone[i % tone.Length], got[i]);
            Assert.False(port.Ended);
        }

        [Fact]
        public void WithoutLoopTheFileEndsInSilence()
        {
            string path = Path.Combine(_dir, "once.wav");
            WriteWav(path, PhoneConsoleTests.Sine(1000, 8000, 0.1, 8000), 8000, 1);
            WavAudioPort port = WavAudioPort.FromWav(path, loop: false);
            short[] got = Frames(port, 10);
            Assert.True(port.Ended);
            Assert.True(Goertzel(got, 0, 800, 1000) > 6000);
            for (int i = 800; i < got.Length; i++) Assert.Equal(0, got[i]);
        }

        [Fact]
        public void A16kHzStereoFileIsDownmixedAndDecimatedKeepingTheToneAndDroppingWhatIsAbove4kHz()
        {
            string path = Path.Combine(_dir, "wide.wav");
            // Left and right carry 1000 Hz; 6000 Hz is added to both (it must not fold back to 2000 Hz at 8 kHz).
            short[] low = PhoneConsoleTests.Sine(1000, 16000, 1, 6000, channels: 2);
            short[] high = PhoneConsoleTests.Sine(6000, 16000, 1, 6000, channels: 2);
            var mixed = new short[low.Length];
            for (int i = 0; i < mixed.Length; i++) mixed[i] = (short)(low[i] + high[i]);
            WriteWav(path, mixed, 16000, 2);
            WavAudioPort port = WavAudioPort.FromWav(path, loop: false);
            Assert.Equal(8000, port.SourceSamples);
            short[] got = Frames(port, 40);
            double at1000 = Goertzel(got, 800, 4000, 1000), alias = Goertzel(got, 800, 4000, 2000);
            Assert.InRange(at1000, 5400, 6600);            // within 1 dB
            Assert.True(alias < at1000 / 30, "6 kHz folded to 2 kHz: " + alias);
        }

        [Theory]
        [InlineData(44100, 16, 1, "44100 Hz")]
        [InlineData(8000, 8, 1, "8-bit samples")]
        [InlineData(8000, 16, 3, "not linear PCM")]
        public void OtherFormatsAreRefusedWithAMessageSayingWhy(int rate, int bits, int format, string why)
        {
            string path = Path.Combine(_dir, "bad.wav");
            WriteWav(path, PhoneConsoleTests.Sine(440, rate, 0.1, 1000), rate, 1, bits, format);
            var e = Assert.Throws<InvalidDataException>(() => WavAudioPort.FromWav(path, true));
            Assert.Contains(why, e.Message);
        }

        [Fact]
        public void ANonWavFileIsRefused()
        {
            string path = Path.Combine(_dir, "x.wav");
            File.WriteAllText(path, "hello, not audio");
            var e = Assert.Throws<InvalidDataException>(() => WavAudioPort.FromWav(path, true));
            Assert.Contains("not a WAV file", e.Message);
        }
    }
}
