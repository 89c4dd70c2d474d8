// In-band DTMF receiver: Goertzel filters on 8 kHz PCM with ITU-T Q.24 acceptance limits (frequency, twist, duration, pause).
namespace Phone.Core.Dsp
{
    /// <summary>
    /// Detects the 16 DTMF digits in 8 kHz linear PCM of any frame size. Allocation-free per frame.
    /// <para>
    /// Stage 1 (every 51 samples): fixed-point Goertzel filters at the 8 nominal frequencies over a 102-sample
    /// window (two banks, offset by half a window). A window "hits" digit d when the strongest row and column
    /// are each above <see cref="MinLevelDbm0"/>, 6 dB above the other tones of their group, within the twist
    /// limits (column up to 4 dB above row = normal twist, row up to 8 dB above column = reverse twist), and
    /// together hold at least 70 % of the window's energy (speech and music spread theirs; a tone that covers
    /// only part of the window scores its coverage).
    /// </para>
    /// <para>
    /// Stage 2 (once per candidate, after 4 consecutive hits = 255 samples): over the last 204 samples the
    /// nominal bin must beat bins at ±5 % (so the accept/reject boundary is 2.5 %: ±1.5 % is accepted, ±3.5 %
    /// rejected, Q.24 §4), and over the last 255 samples the column tone's second harmonic must be 12 dB
    /// below it and the row tone's 6 dB below it (twice a row frequency lies 58-71 Hz from a column frequency, whose leakage into that bin
    /// reaches -14 dB; 6 dB still rejects the strong low harmonics of voiced speech and instruments).
    /// </para>
    /// <para>
    /// Duration: 4 hits need about 24.4 ms of tone, and any tone of 38.3 ms or more yields them, so 40 ms tones
    /// are accepted and tones under 23 ms rejected. A digit ends after 3 missed windows; a drop-out shorter than
    /// about 10 ms is bridged, a pause of 40 ms always separates digits.
    /// </para>
    /// </summary>
    public sealed class DtmfDetector
    {
        /// <summary>Samples per Goertzel window.</summary>
        public const int WindowSamples = 102;

        /// <summary>Samples between window evaluations.</summary>
        public const int HopSamples = 51;

        private const int RequiredHits = 4;
        private const int RequiredMisses = 3;
        private const int DeviationSamples = 204;
        private const int HarmonicSamples = 255;
        private const int RingSize = 256;
        private const int RingMask = RingSize - 1;
        private const int QueueSize = 32;

        private readonly int[] _coef = new int[8];
        private readonly int[] _coefBelow = new int[8];
        private readonly int[] _coefAbove = new int[8];
        private readonly int[] _coefHarmonic = new int[8];
        private readonly int[] _s1 = new int[16];
        private readonly int[] _s2 = new int[16];
        private readonly long[] _energy = new long[2];
        private readonly int[] _count = new int[2];
        private readonly long[] _power = new long[8];
        private readonly short[] _ring = new short[RingSize];
        private readonly char[] _queue = new char[QueueSize];
        private int _ringPos;
        private int _queueHead;
        private int _queueCount;
        private int _candidate = -1;
        private int _hits;
        private int _present = -1;
        private int _misses;
        private long _presentSamples;
        private long _minPower;
        private int _minLevelDbm0;

        /// <summary>Creates a detector with a -33 dBm0 per-tone sensitivity.</summary>
        public DtmfDetector()
        {
            for (int k = 0; k < 8; k++)
            {
                int hz = k < 4 ? DtmfDigits.RowHz(k) : DtmfDigits.ColumnHz(k - 4);
                _coef[k] = Coefficient(hz * 1000L);
                _coefBelow[k] = Coefficient(hz * 950L);
                _coefAbove[k] = Coefficient(hz * 1050L);
                _coefHarmonic[k] = Coefficient(hz * 2000L);
            }

            MinLevelDbm0 = -33;
            _count[1] = HopSamples;
        }

        /// <summary>Weakest accepted level of each tone in dBm0 (Q.24 sensitivity); default -33.</summary>
        public int MinLevelDbm0
        {
            get => _minLevelDbm0;
            set
            {
                _minLevelDbm0 = value;

                // Goertzel |X|^2 of a sine of peak A over N samples is (A*N/2)^2.
                long half = (long)Dbm0.ToPeak(value) * WindowSamples / 2;
                _minPower = half * half;
            }
        }

        /// <summary>The digit sounding now ('\0' when none): lets an RFC 4733 sender keep an event going.</summary>
        public char CurrentDigit => _present < 0 ? '\0' : DtmfDigits.At(_present);

        /// <summary>How long the current digit has sounded, in samples since it was accepted.</summary>
        public long CurrentDigitSamples => _present < 0 ? 0 : _presentSamples;

        /// <summary>Digits accepted since construction.</summary>
        public int DigitsDetected { get; private set; }

        /// <summary>Candidates rejected by the frequency-deviation check.</summary>
        public int RejectedDeviation { get; private set; }

        /// <summary>Candidates rejected by the second-harmonic check.</summary>
        public int RejectedHarmonic { get; private set; }

        /// <summary>Digits lost because the queue was full.</summary>
        public int Dropped { get; private set; }

        /// <summary>Clears all state, queued digits and statistics are kept.</summary>
        public void Reset()
        {
            for (int i = 0; i < 16; i++)
            {
                _s1[i] = 0;
                _s2[i] = 0;
            }

            _energy[0] = 0;
            _energy[1] = 0;
            _count[0] = 0;
            _count[1] = HopSamples;
            _candidate = -1;
            _hits = 0;
            _present = -1;
            _misses = 0;
            for (int i = 0; i < RingSize; i++)
            {
                _ring[i] = 0;
            }
        }

        /// <summary>Takes the oldest accepted digit; false when none is queued.</summary>
        public bool TryReadDigit(out char digit)
        {
            if (_queueCount == 0)
            {
                digit = '\0';
                return false;
            }

            digit = _queue[_queueHead];
            _queueHead = (_queueHead + 1) % QueueSize;
            _queueCount--;
            return true;
        }

        /// <summary>Feeds frame[offset .. offset+count); returns how many digits were accepted during it.</summary>
        [HotPath]
        public int Process(short[] frame, int offset, int count)
        {
            int accepted = 0;
            int end = offset + count;
            for (int n = offset; n < end; n++)
            {
                int x = frame[n];
                _ring[_ringPos] = (short)x;
                _ringPos = (_ringPos + 1) & RingMask;
                if (_present >= 0)
                {
                    _presentSamples++;
                }

                long xx = (long)x * x;
                for (int b = 0; b < 2; b++)
                {
                    int first = b * 8;
                    for (int k = 0; k < 8; k++)
                    {
                        int i = first + k;
                        int s0 = x + (int)((_coef[k] * (long)_s1[i]) >> 14) - _s2[i];
                        _s2[i] = _s1[i];
                        _s1[i] = s0;
                    }

                    _energy[b] += xx;
                    _count[b]++;
                    if (_count[b] == WindowSamples)
                    {
                        if (OnWindow(Evaluate(b)))
                        {
                            accepted++;
                        }
                    }
                }
            }

            return accepted;
        }

        /// <summary>Closes window bank <paramref name="b"/>: the digit index it hits, or -1.</summary>
        [HotPath]
        private int Evaluate(int b)
        {
            int first = b * 8;
            for (int k = 0; k < 8; k++)
            {
                int i = first + k;
                long s1 = _s1[i];
                long s2 = _s2[i];
                _power[k] = (s1 * s1) + (s2 * s2) - (((_coef[k] * s1) >> 14) * s2);
                _s1[i] = 0;
                _s2[i] = 0;
            }

            long energy = _energy[b];
            _energy[b] = 0;
            _count[b] = 0;

            int row = Strongest(0);
            int col = Strongest(4);
            long pr = _power[row];
            long pc = _power[4 + col];
            if (pr < _minPower || pc < _minPower)
            {
                return -1;
            }

            // Twist (Q.24 §4.3): normal (column stronger) <= 4 dB, reverse (row stronger) <= 8 dB.
            if (pc * 1000 > pr * 2512 || pr * 1000 > pc * 6310)
            {
                return -1;
            }

            // Each tone 6 dB above the rest of its group.
            for (int k = 0; k < 4; k++)
            {
                if ((k != row && _power[k] * 4 > pr) || (k != col && _power[4 + k] * 4 > pc))
                {
                    return -1;
                }
            }

            // Tone energy 2(Pr+Pc)/N must be at least 70 % of the window energy.
            if ((pr + pc) * 20 < 7L * WindowSamples * energy)
            {
                return -1;
            }

            return (row * 4) + col;
        }

        [HotPath]
        private int Strongest(int first)
        {
            int best = 0;
            for (int k = 1; k < 4; k++)
            {
                if (_power[first + k] > _power[first + best])
                {
                    best = k;
                }
            }

            return best;
        }

        /// <summary>Runs the digit state machine on one window result; true when a digit was accepted.</summary>
        [HotPath]
        private bool OnWindow(int hit)
        {
            if (_present >= 0)
            {
                if (hit == _present)
                {
                    _misses = 0;
                    return false;
                }

                _misses++;
                if (_misses < RequiredMisses)
                {
                    return false;
                }

                // Pause long enough: the digit has ended (Q.24 §4.4 interdigit pause).
                _present = -1;
                _candidate = hit;
                _hits = hit >= 0 ? 1 : 0;
                return false;
            }

            if (hit < 0 || hit != _candidate)
            {
                _candidate = hit;
                _hits = hit >= 0 ? 1 : 0;
                return false;
            }

            _hits++;
            if (_hits != RequiredHits)
            {
                return false;
            }

            int row = hit >> 2;
            int col = 4 + (hit & 3);
            if (!OnFrequency(row) || !OnFrequency(col))
            {
                RejectedDeviation++;
                return false;
            }

            if (!HarmonicClean(row, 4) || !HarmonicClean(col, 16))
            {
                RejectedHarmonic++;
                return false;
            }

            _present = hit;
            _misses = 0;
            _presentSamples = (RequiredHits - 1) * HopSamples + WindowSamples;
            DigitsDetected++;
            if (_queueCount == QueueSize)
            {
                Dropped++;
            }
            else
            {
                _queue[(_queueHead + _queueCount) % QueueSize] = DtmfDigits.At(hit);
                _queueCount++;
            }

            return true;
        }

        [HotPath]
        private bool OnFrequency(int k)
        {
            long nominal = RingPower(_coef[k], DeviationSamples);
            return nominal >= RingPower(_coefBelow[k], DeviationSamples) && nominal >= RingPower(_coefAbove[k], DeviationSamples);
        }

        [HotPath]
        private bool HarmonicClean(int k, int ratio)
        {
            return RingPower(_coefHarmonic[k], HarmonicSamples) * ratio < RingPower(_coef[k], HarmonicSamples);
        }

        /// <summary>Goertzel power over the last <paramref name="m"/> samples of the ring.</summary>
        [HotPath]
        private long RingPower(int coef, int m)
        {
            int s1 = 0;
            int s2 = 0;
            int pos = (_ringPos - m) & RingMask;
            for (int n = 0; n < m; n++)
            {
                int s0 = _ring[pos] + (int)((coef * (long)s1) >> 14) - s2;
                s2 = s1;
                s1 = s0;
                pos = (pos + 1) & RingMask;
            }

            long a = s1;
            long c = s2;
            return (a * a) + (c * c) - (((coef * a) >> 14) * c);
        }

        /// <summary>2cos(2*pi*f/8000) in Q14 (the Q15 cosine has the same integer value).</summary>
        private static int Coefficient(long milliHz)
        {
            return SineTable.Cos(SineTable.PhaseIncrementMilliHz(milliHz));
        }
    }
}
