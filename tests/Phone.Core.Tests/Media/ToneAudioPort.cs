// Test audio port: captures a repeating tone (or silence), records what is played; allocation-free per frame.
namespace Phone.Core.Tests.Media
{
    using Phone.Core.Ports;

    public sealed class ToneAudioPort : IAudioPort
    {
        private readonly short[] _tone;
        private int _pos;
        public int FramesPlayed;
        public long PlayedEnergy;           // sum of |sample| over all played frames
        public readonly short[] LastPlayed = new short[AudioFormat.FrameSamples];
        public bool Silent;

        /// <summary>A tone of <paramref name="periodSamples"/> (e.g. 20 → 400 Hz) as a triangle wave of the given peak.</summary>
        public ToneAudioPort(int periodSamples, int peak)
        {
            _tone = new short[periodSamples * 8];
            for (int i = 0; i < _tone.Length; i++)
            {
                int phase = i % periodSamples;
                int tri = phase < periodSamples / 2 ? phase : periodSamples - phase;
                _tone[i] = (short)((tri * 4 * peak) / periodSamples - peak);
            }
        }

        public bool ReadFrame(short[] frame, int offset)
        {
            for (int i = 0; i < AudioFormat.FrameSamples; i++)
            {
                frame[offset + i] = Silent ? (short)0 : _tone[_pos];
                _pos = (_pos + 1) % _tone.Length;
            }
            return true;
        }

        public void WriteFrame(short[] frame, int offset)
        {
            FramesPlayed++;
            for (int i = 0; i < AudioFormat.FrameSamples; i++)
            {
                int v = frame[offset + i];
                PlayedEnergy += v < 0 ? -v : v;
                LastPlayed[i] = frame[offset + i];
            }
        }
    }
}
