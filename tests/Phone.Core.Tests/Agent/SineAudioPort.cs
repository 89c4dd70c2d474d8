// Test audio port for agent tests: a sine microphone (or silence) and a speaker recording every played sample, allocation-free per frame.
namespace Phone.Core.Tests.Agent
{
    using System;
    using Phone.Core.Ports;

    public sealed class SineAudioPort : IAudioPort
    {
        private readonly short[] _wave;
        private readonly short[] _played;
        private int _pos;

        /// <summary>Microphone: a sine of <paramref name="hz"/> at <paramref name="peak"/>; speaker: records up to <paramref name="seconds"/>.</summary>
        public SineAudioPort(int hz, int peak, int seconds = 60)
        {
            _wave = new short[AudioFormat.SampleRate];   // one second: whole periods for integer frequencies
            for (int i = 0; i < _wave.Length; i++) _wave[i] = (short)(peak * Math.Sin(2 * Math.PI * hz * i / AudioFormat.SampleRate));
            _played = new short[seconds * AudioFormat.SampleRate];
        }

        public bool Muted;
        public int FramesRead;
        public int PlayedSamples { get; private set; }

        public bool ReadFrame(short[] frame, int offset)
        {
            FramesRead++;
            for (int i = 0; i < AudioFormat.FrameSamples; i++)
            {
                frame[offset + i] = Muted ? (short)0 : _wave[_pos];
                _pos = _pos + 1 == _wave.Length ? 0 : _pos + 1;
            }
            return true;
        }

        public void WriteFrame(short[] frame, int offset)
        {
            int n = AudioFormat.FrameSamples;
            if (PlayedSamples + n > _played.Length) PlayedSamples = 0;   // wrap: long runs keep only the recent past
            Array.Copy(frame, offset, _played, PlayedSamples, n);
            PlayedSamples += n;
        }

        /// <summary>Goertzel power of <paramref name="hz"/> over the last <paramref name="ms"/> played, normalised to a 0..~1 level relative to full scale.</summary>
        public double Level(int hz, int ms)
        {
            int n = ms * AudioFormat.SampleRate / 1000;
            int start = Math.Max(0, PlayedSamples - n);
            return Goertzel(_played, start, PlayedSamples - start, hz);
        }

        /// <summary>RMS of the last <paramref name="ms"/> played.</summary>
        public double Rms(int ms)
        {
            int n = ms * AudioFormat.SampleRate / 1000;
            int start = Math.Max(0, PlayedSamples - n);
            double sum = 0;
            for (int i = start; i < PlayedSamples; i++) sum += (double)_played[i] * _played[i];
            return PlayedSamples > start ? Math.Sqrt(sum / (PlayedSamples - start)) : 0;
        }

        /// <summary>Amplitude of the <paramref name="hz"/> component of x[start..start+count) (a sine of peak P gives about P).</summary>
        public static double Goertzel(short[] x, int start, int count, int hz)
        {
            if (count <= 0) return 0;
            double w = 2 * Math.PI * hz / AudioFormat.SampleRate;
            double coeff = 2 * Math.Cos(w);
            double s1 = 0, s2 = 0;
            for (int i = 0; i < count; i++)
            {
                double s0 = x[start + i] + coeff * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
            return 2 * Math.Sqrt(Math.Max(0, power)) / count;
        }
    }
}
