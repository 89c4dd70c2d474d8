// Audio port for the smoke run: captures a fixed sawtooth frame and remembers the peak of what it is asked to play.
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Ports;

    /// <summary>Capture returns the same 20 ms sawtooth; playout records the largest magnitude played.</summary>
    public sealed class ToneAudio : IAudioPort
    {
        private readonly short[] _tone = new short[160];

        /// <summary>Largest |sample| passed to <see cref="WriteFrame"/> so far.</summary>
        public int PlayedPeak;

        /// <summary>Frames passed to <see cref="WriteFrame"/>.</summary>
        public int FramesPlayed;

        private readonly bool _trackPeak;

        /// <summary>Builds the capture frame; <paramref name="trackPeak"/> false makes playout free (for timing).</summary>
        public ToneAudio(bool trackPeak)
        {
            _trackPeak = trackPeak;
            for (int i = 0; i < 160; i++) _tone[i] = (short)((i % 20) * 1500 - 15000);
        }

        /// <inheritdoc/>
        public bool ReadFrame(short[] frame, int offset)
        {
            Array.Copy(_tone, 0, frame, offset, 160);
            return true;
        }

        /// <inheritdoc/>
        public void WriteFrame(short[] frame, int offset)
        {
            FramesPlayed++;
            if (!_trackPeak) return;
            for (int i = 0; i < 160; i++)
            {
                int v = frame[offset + i];
                if (v < 0) v = -v;
                if (v > PlayedPeak) PlayedPeak = v;
            }
        }
    }
}
