// 8 kHz -> 16 kHz interpolation by 2 through the half-band FIR (polyphase: one branch is a pure delay).
namespace Phone.Core.Dsp
{
    /// <summary>
    /// Doubles the sample rate: for each 8 kHz input it emits the interpolated sample (the 12 odd taps, gain 2)
    /// and then the input delayed by 12 samples (the centre tap, 0.5 × 2). Images above 4 kHz are at least 54 dB
    /// down from 4.6 kHz. Allocation-free; fixed 2×24-sample delay line.
    /// </summary>
    public sealed class HalfBandInterpolator
    {
        private const int N = 2 * HalfBandFilter.OddTaps;
        private readonly int[] _line = new int[2 * N];
        private readonly int[] _taps = new int[HalfBandFilter.OddTaps];
        private int _pos;

        /// <summary>Creates an interpolator with a silent history.</summary>
        public HalfBandInterpolator()
        {
            for (int j = 0; j < _taps.Length; j++)
            {
                _taps[j] = HalfBandFilter.OddTap(j);
            }
        }

        /// <summary>Clears the history.</summary>
        public void Reset()
        {
            for (int i = 0; i < _line.Length; i++)
            {
                _line[i] = 0;
            }

            _pos = 0;
        }

        /// <summary>
        /// Consumes input[inOffset .. inOffset+inCount) at 8 kHz, writes 2×inCount samples at 16 kHz to
        /// output[outOffset ..]; returns the number written.
        /// </summary>
        [HotPath]
        public int Process(short[] input, int inOffset, int inCount, short[] output, int outOffset)
        {
            int o = outOffset;
            for (int i = 0; i < inCount; i++)
            {
                int x = input[inOffset + i];
                _pos++;
                if (_pos == N)
                {
                    _pos = 0;
                }

                _line[_pos] = x;
                _line[_pos + N] = x;

                // Window oldest..newest is _line[_pos+1 .. _pos+N]; the two middle samples are w[11] and w[12].
                int lower = _pos + (N / 2);
                long acc = 0;
                for (int j = 0; j < HalfBandFilter.OddTaps; j++)
                {
                    acc += (long)_taps[j] * (_line[lower - j] + _line[lower + 1 + j]);
                }

                output[o++] = ToneGenerator.Saturate((int)((acc + 8192) >> 14));
                output[o++] = (short)_line[lower + 1];
            }

            return o - outOffset;
        }
    }
}
