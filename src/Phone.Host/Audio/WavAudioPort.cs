// Host audio port with a WAV file (or any sample buffer) as the microphone and a recorded speaker.
namespace Phone.Host.Audio
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using Phone.Core.Ports;

    /// <summary>
    /// The microphone plays a buffer of 8 kHz mono samples, looping or followed by silence; the speaker is
    /// recorded (<see cref="Played"/>). <see cref="FromWav"/> accepts 16-bit PCM at 8 kHz, or at 16 kHz (decimated
    /// 2:1 after a low-pass FIR), mono or with several channels (averaged); anything else is refused with a message
    /// saying what the file is.
    /// </summary>
    public sealed class WavAudioPort : IAudioPort
    {
        // Half-band low-pass for 16 → 8 kHz (cut-off 4 kHz, 15 taps, Hamming window): keeps 300-3400 Hz within
        // 0.5 dB and folds little above 4 kHz back into the band.
        private static readonly double[] HalfBand = MakeHalfBand(15);

        private readonly short[] _mic;
        private readonly bool _loop;
        private readonly List<short> _played = new List<short>();
        private readonly List<short> _captured = new List<short>();
        private int _position;

        /// <summary>A microphone of <paramref name="samples"/> (8 kHz mono), looping when <paramref name="loop"/>, else silence after the end.</summary>
        public WavAudioPort(short[] samples, bool loop)
        {
            _mic = samples ?? new short[0];
            _loop = loop;
        }

        /// <summary>Samples of the microphone source (8 kHz mono).</summary>
        public int SourceSamples => _mic.Length;

        /// <summary>True once a non-looping source has been played to its end (the microphone now sends silence).</summary>
        public bool Ended => !_loop && _position >= _mic.Length;

        /// <summary>Everything written to the speaker.</summary>
        public IReadOnlyList<short> Played => _played;

        /// <summary>Everything the microphone captured.</summary>
        public IReadOnlyList<short> Captured => _captured;

        /// <summary>
        /// Reads a WAV file as the microphone. 8 kHz is used as is, 16 kHz is low-passed and decimated to 8 kHz, several
        /// channels are averaged; other rates and sample formats throw <see cref="InvalidDataException"/> saying why.
        /// </summary>
        public static WavAudioPort FromWav(string path, bool loop)
        {
            short[] raw = WavFile.ReadPcm16(path, out int rate, out int channels);
            short[] mono = channels == 1 ? raw : Downmix(raw, channels);
            if (rate == AudioFormat.SampleRate) return new WavAudioPort(mono, loop);
            if (rate == 2 * AudioFormat.SampleRate) return new WavAudioPort(Decimate2(mono), loop);
            throw new InvalidDataException(path + ": " + rate + " Hz; the phone's microphone takes 8000 Hz (16000 Hz is converted), "
                + "resample it first, e.g. `sox in.wav -r 8000 -c 1 -b 16 out.wav`");
        }

        /// <summary>A microphone of a steady sine at <paramref name="hz"/> (one second, looped: whole cycles, no click) at peak <paramref name="amplitude"/>.</summary>
        public static WavAudioPort Tone(double hz, double amplitude = 8000)
        {
            var s = new short[AudioFormat.SampleRate];
            for (int i = 0; i < s.Length; i++) s[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * hz * i / AudioFormat.SampleRate));
            return new WavAudioPort(s, true);
        }

        /// <inheritdoc/>
        public bool ReadFrame(short[] frame, int offset)
        {
            for (int i = 0; i < AudioFormat.FrameSamples; i++)
            {
                if (_position >= _mic.Length && _loop && _mic.Length > 0) _position = 0;
                short v = _position < _mic.Length ? _mic[_position++] : (short)0;
                frame[offset + i] = v;
                _captured.Add(v);
            }
            return true;
        }

        /// <inheritdoc/>
        public void WriteFrame(short[] frame, int offset)
        {
            for (int i = 0; i < AudioFormat.FrameSamples; i++) _played.Add(frame[offset + i]);
        }

        private static short[] Downmix(short[] interleaved, int channels)
        {
            var mono = new short[interleaved.Length / channels];
            for (int i = 0; i < mono.Length; i++)
            {
                int sum = 0;
                for (int c = 0; c < channels; c++) sum += interleaved[i * channels + c];
                mono[i] = (short)(sum / channels);
            }
            return mono;
        }

        private static short[] Decimate2(short[] x)
        {
            var y = new short[x.Length / 2];
            int half = HalfBand.Length / 2;
            for (int n = 0; n < y.Length; n++)
            {
                double acc = 0;
                for (int k = 0; k < HalfBand.Length; k++)
                {
                    int j = 2 * n + k - half;
                    if (j >= 0 && j < x.Length) acc += HalfBand[k] * x[j];
                }
                y[n] = (short)Math.Clamp(Math.Round(acc), short.MinValue, short.MaxValue);
            }
            return y;
        }

        private static double[] MakeHalfBand(int taps)
        {
            var h = new double[taps];
            int m = taps / 2;
            double sum = 0;
            for (int i = 0; i < taps; i++)
            {
                int k = i - m;
                double sinc = k == 0 ? 0.5 : Math.Sin(Math.PI * k / 2) / (Math.PI * k);
                double window = 0.54 - 0.46 * Math.Cos(2 * Math.PI * i / (taps - 1));
                h[i] = sinc * window;
                sum += h[i];
            }
            for (int i = 0; i < taps; i++) h[i] /= sum;
            return h;
        }
    }
}
