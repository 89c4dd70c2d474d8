// Host audio port: a generated microphone signal and a recorded speaker, for the emulator and tests.
namespace Phone.Host.Audio
{
    using System;
    using System.Collections.Generic;
    using Phone.Core.Ports;

    /// <summary>
    /// The microphone plays a test signal (the sum of two tones under a slow amplitude envelope, so a recording of
    /// it can be recognised by correlation); the speaker is recorded. Mute silences the microphone.
    /// </summary>
    public sealed class SignalAudioPort : IAudioPort
    {
        private readonly double _f1;
        private readonly double _f2;
        private readonly double _amplitude;
        private readonly List<short> _played = new List<short>();
        private readonly List<short> _captured = new List<short>();
        private long _sample;

        /// <summary>A microphone of tones <paramref name="f1"/> and <paramref name="f2"/> Hz at peak <paramref name="amplitude"/>.</summary>
        public SignalAudioPort(double f1, double f2, double amplitude = 8000)
        {
            _f1 = f1;
            _f2 = f2;
            _amplitude = amplitude;
        }

        /// <summary>When true the microphone captures silence.</summary>
        public bool Muted { get; set; }

        /// <summary>Everything written to the speaker.</summary>
        public IReadOnlyList<short> Played => _played;

        /// <summary>Everything the microphone captured.</summary>
        public IReadOnlyList<short> Captured => _captured;

        /// <inheritdoc/>
        public bool ReadFrame(short[] frame, int offset)
        {
            for (int i = 0; i < AudioFormat.FrameSamples; i++, _sample++)
            {
                double t = _sample / (double)AudioFormat.SampleRate;
                double envelope = 0.6 + 0.4 * Math.Sin(2 * Math.PI * 1.3 * t);
                double v = Muted ? 0 : _amplitude * envelope * 0.5 * (Math.Sin(2 * Math.PI * _f1 * t) + Math.Sin(2 * Math.PI * _f2 * t));
                frame[offset + i] = (short)Math.Round(v);
                _captured.Add(frame[offset + i]);
            }
            return true;
        }

        /// <inheritdoc/>
        public void WriteFrame(short[] frame, int offset)
        {
            for (int i = 0; i < AudioFormat.FrameSamples; i++) _played.Add(frame[offset + i]);
        }
    }
}
