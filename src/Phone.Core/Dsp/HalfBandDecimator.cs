// 16 kHz -> 8 kHz decimation by 2 through the half-band FIR (for I2S codecs clocked at 16 kHz).
namespace Phone.Core.Dsp
{
    /// <summary>
    /// Low-pass filters and keeps every second sample. Streams across calls with a fixed 2×47-sample delay line
    /// (each sample is stored twice so the filter window is always contiguous). Group delay 23 samples at 16 kHz.
    /// Allocation-free; any input length (an odd count carries the phase to the next call).
    /// </summary>
    public sealed class HalfBandDecimator
    {
        private const int N = HalfBandFilter.Taps;
        private readonly int[] _line = new int[2 * N];
        private readonly int[] _taps = new int[HalfBandFilter.OddTaps];
        private int _pos;
        private bool _odd;

        /// <summary>Creates a decimator with a silent history.</summary>
        public HalfBandDecimator()
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
            _odd = false;
        }

        /// <summary>
        /// Consumes input[inOffset .. inOffset+inCount) at 16 kHz and writes the 8 kHz result at output[outOffset];
        /// returns the number of samples written (inCount/2, ±1 with an odd count).
        /// </summary>
        [HotPath]
        public int Process(short[] input, int inOffset, int inCount, short[] output, int outOffset)
        {
            int written = 0;
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
                // Keep inputs 0, 2, 4 ...: then interpolate-then-decimate is a whole 23-sample delay at 8 kHz.
                _odd = !_odd;
                if (!_odd)
                {
                    continue;
                }

                // Window oldest..newest is _line[_pos+1 .. _pos+N]; its centre is index _pos+1+23.
                int centre = _pos + 1 + (N / 2);
                long acc = (long)HalfBandFilter.CentreQ15 * _line[centre];
                for (int j = 0; j < HalfBandFilter.OddTaps; j++)
                {
                    int d = (2 * j) + 1;
                    acc += (long)_taps[j] * (_line[centre - d] + _line[centre + d]);
                }

                output[outOffset + written] = ToneGenerator.Saturate((int)((acc + 16384) >> 15));
                written++;
            }

            return written;
        }
    }
}
