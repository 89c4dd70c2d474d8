// Digit-by-digit matching of dialled keys against a compiled DigitMap, with SPA-style short/long inter-digit timers.
namespace Phone.Core.DialPlan
{
    /// <summary>
    /// Per-call matcher: <see cref="Start"/>, then <see cref="Feed"/> each key and <see cref="Poll"/> with the clock.
    /// Each pattern is run as a set of positions (a bit mask), so feeding a key allocates nothing; only
    /// <see cref="Number"/> allocates the final string (use <see cref="WriteNumber"/> to avoid even that).
    /// </summary>
    public sealed class DigitMapMatcher
    {
        /// <summary>Most keys collected for one call.</summary>
        public const int MaxDigits = 32;

        private const int MaxNumber = 64;

        private readonly DigitMap _map;
        private readonly ulong[] _active;
        private readonly byte[] _digits = new byte[MaxDigits];
        private readonly bool[] _keep = new bool[MaxDigits];
        // Per element of the pattern being spelled out (BuildNumber): sized to the map's longest pattern, not to
        // DigitMap.MaxElementsPerPattern (the default plan's longest has 5 elements: 104 B instead of 540 B on nanoCLR).
        private readonly short[] _insertAt;
        private readonly ulong[] _failed;
        private readonly byte[] _number = new byte[MaxNumber];
        private int _count;
        private int _numberLength;
        private int _best;
        private DialResult _result;
        private long _deadline;

        /// <summary>Creates a matcher over a compiled map.</summary>
        public DigitMapMatcher(DigitMap map)
        {
            _map = map;
            _active = new ulong[map.PatternStart.Length];
            int longest = 0;
            for (int p = 0; p < map.PatternCount; p++) if (map.PatternLength[p] > longest) longest = map.PatternLength[p];
            _insertAt = new short[longest];
            _failed = new ulong[longest + 1];
        }

        /// <summary>Current result.</summary>
        public DialResult Result => _result;

        /// <summary>When <see cref="Poll"/> must be called next (ms, same clock as nowMs); -1 once the result is final.</summary>
        public long Deadline => _deadline;

        /// <summary>Keys collected.</summary>
        public int DigitCount => _count;

        /// <summary>Index of the pattern that decided a FullMatch/Blocked (-1 otherwise).</summary>
        public int MatchedPattern => _result == DialResult.FullMatch || _result == DialResult.Blocked ? _best : -1;

        /// <summary>Off-hook / new call: clears the keys; the long timer runs until the first key.</summary>
        public void Start(long nowMs)
        {
            _count = 0;
            _numberLength = 0;
            _best = -1;
            for (int p = 0; p < _map.PatternCount; p++) _active[p] = Closure(p, 1UL);
            _result = DialResult.Incomplete;
            _deadline = nowMs + _map.LongTimerMs;
        }

        /// <summary>Adds one key ('0'-'9', '*', '#'); returns the new result. Keys after a final result are ignored.</summary>
        [HotPath]
        public DialResult Feed(char key, long nowMs)
        {
            if (_result != DialResult.Incomplete && _result != DialResult.PartialMatch) return _result;
            int sym = DigitMap.Symbol(key);
            if (sym < 0) return _result;
            if (_count == MaxDigits) return Finish(DialResult.NoMatch);
            _digits[_count++] = (byte)sym;
            bool anyAlive = false;
            for (int p = 0; p < _map.PatternCount; p++)
            {
                ulong next = Step(p, _active[p], sym);
                _active[p] = next;
                if (next != 0) anyAlive = true;
            }
            if (!anyAlive) return Finish(DialResult.NoMatch);
            return Evaluate(nowMs);
        }

        /// <summary>
        /// Call at <see cref="Deadline"/>: a PartialMatch times out into FullMatch (the short timer expired),
        /// an Incomplete into NoMatch (the long timer expired). Returns the current result.
        /// </summary>
        [HotPath]
        public DialResult Poll(long nowMs)
        {
            if (_deadline < 0 || nowMs < _deadline) return _result;
            if (_result == DialResult.PartialMatch) return Finish(DialResult.FullMatch);
            if (_result == DialResult.Incomplete) return Finish(DialResult.NoMatch);
            return _result;
        }

        /// <summary>The rewritten number after FullMatch (allocates the string); null otherwise.</summary>
        public string Number
        {
            get
            {
                if (_result != DialResult.FullMatch) return null;
                char[] c = new char[_numberLength];
                for (int i = 0; i < _numberLength; i++) c[i] = (char)_number[i];
                return new string(c);
            }
        }

        /// <summary>Copies the rewritten number as ASCII into dst; returns its length (0 unless FullMatch).</summary>
        public int WriteNumber(byte[] dst, int offset)
        {
            if (_result != DialResult.FullMatch) return 0;
            for (int i = 0; i < _numberLength; i++) dst[offset + i] = _number[i];
            return _numberLength;
        }

        private DialResult Evaluate(long nowMs)
        {
            int best = -1;
            bool anyExtend = false;
            for (int p = 0; p < _map.PatternCount; p++)
            {
                ulong set = _active[p];
                if (set == 0) continue;
                int len = _map.PatternLength[p];
                if ((set & (1UL << len)) != 0)
                {
                    // Barred patterns win ties of any kind; otherwise the most specific, then the first listed.
                    if (best < 0
                        || (_map.PatternBlocked[p] && !_map.PatternBlocked[best])
                        || (_map.PatternBlocked[p] == _map.PatternBlocked[best] && _map.PatternScore[p] > _map.PatternScore[best]))
                    {
                        best = p;
                    }
                }
                if (CanExtend(p, set)) anyExtend = true;
            }
            _best = best;
            if (best < 0)
            {
                _result = DialResult.Incomplete;
                _deadline = nowMs + _map.LongTimerMs;
                return _result;
            }
            if (_map.PatternBlocked[best]) return Finish(DialResult.Blocked);
            int shortMs = _map.PatternShortMs[best] >= 0 ? _map.PatternShortMs[best] : _map.ShortTimerMs;
            if (!anyExtend || shortMs == 0) return Finish(DialResult.FullMatch);
            _result = DialResult.PartialMatch;
            _deadline = nowMs + shortMs;
            return _result;
        }

        private DialResult Finish(DialResult r)
        {
            _deadline = -1;
            _result = r;
            if (r == DialResult.FullMatch && !BuildNumber(_best)) _result = DialResult.NoMatch;
            return _result;
        }

        private ulong Closure(int p, ulong set)
        {
            int start = _map.PatternStart[p];
            int len = _map.PatternLength[p];
            // Repeated and insertion elements can be passed without a key; positions only move forward,
            // so one ascending pass reaches every position.
            for (int i = 0; i < len; i++)
            {
                if ((set & (1UL << i)) != 0 && (_map.Flags[start + i] & (DigitMap.FlagRepeat | DigitMap.FlagInsert)) != 0)
                {
                    set |= 1UL << (i + 1);
                }
            }
            return set;
        }

        private ulong Step(int p, ulong set, int sym)
        {
            if (set == 0) return 0;
            int start = _map.PatternStart[p];
            int len = _map.PatternLength[p];
            ulong next = 0;
            for (int i = 0; i < len; i++)
            {
                if ((set & (1UL << i)) == 0) continue;
                int e = start + i;
                byte f = _map.Flags[e];
                if ((f & DigitMap.FlagInsert) != 0 || (_map.Mask[e] & (1 << sym)) == 0) continue;
                next |= (f & DigitMap.FlagRepeat) != 0 ? 1UL << i : 1UL << (i + 1);
            }
            return Closure(p, next);
        }

        private bool CanExtend(int p, ulong set)
        {
            int start = _map.PatternStart[p];
            int len = _map.PatternLength[p];
            for (int i = 0; i < len; i++)
            {
                if ((set & (1UL << i)) != 0 && (_map.Flags[start + i] & DigitMap.FlagInsert) == 0) return true;
            }
            return false;
        }

        // Finds one accepting path (greedy on repeats, failures memoised) to learn which keys are deleted
        // and where insertions go, then writes the number.
        private bool BuildNumber(int p)
        {
            _numberLength = 0;
            if (p < 0) return false;
            int len = _map.PatternLength[p];
            for (int i = 0; i <= len; i++) _failed[i] = 0;
            if (!Path(p, 0, 0)) return false;
            int start = _map.PatternStart[p];
            for (int d = 0; d <= _count; d++)
            {
                for (int i = 0; i < len; i++)
                {
                    int e = start + i;
                    if ((_map.Flags[e] & DigitMap.FlagInsert) == 0 || _insertAt[i] != d) continue;
                    for (int k = 0; k < _map.InsertLength[e]; k++)
                    {
                        if (_numberLength == MaxNumber) return false;
                        _number[_numberLength++] = (byte)_map.InsertChars[_map.InsertStart[e] + k];
                    }
                }
                if (d < _count && _keep[d])
                {
                    if (_numberLength == MaxNumber) return false;
                    int s = _digits[d];
                    _number[_numberLength++] = (byte)(s < 10 ? '0' + s : (s == 10 ? '*' : '#'));
                }
            }
            return true;
        }

        private bool Path(int p, int i, int d)
        {
            int len = _map.PatternLength[p];
            if (i == len) return d == _count;
            if ((_failed[i] & (1UL << d)) != 0) return false;
            int e = _map.PatternStart[p] + i;
            byte f = _map.Flags[e];
            bool ok;
            if ((f & DigitMap.FlagInsert) != 0)
            {
                _insertAt[i] = (short)d;
                ok = Path(p, i + 1, d);
            }
            else
            {
                bool matches = d < _count && (_map.Mask[e] & (1 << _digits[d])) != 0;
                ok = false;
                if (matches)
                {
                    _keep[d] = (f & DigitMap.FlagDelete) == 0;
                    ok = (f & DigitMap.FlagRepeat) != 0 ? Path(p, i, d + 1) : Path(p, i + 1, d + 1);
                }
                if (!ok && (f & DigitMap.FlagRepeat) != 0) ok = Path(p, i + 1, d);
            }
            if (!ok) _failed[i] |= 1UL << d;
            return ok;
        }
    }
}
