// Compiled Cisco SPA / Linksys style digit map: "(<9:>xxxxxxxxxx|[2-7]xxx|911S0|!1900xxxxxxx)" with L:/S: timers.
namespace Phone.Core.DialPlan
{
    /// <summary>
    /// A digit map compiled once (at provisioning time) into fixed arrays. Syntax: alternatives separated by '|',
    /// optionally wrapped in parentheses; digits, '*', '#'; 'x' any digit; '[2-9]' / '[135]' sets; '.' zero or more of
    /// the previous element; '&lt;old:new&gt;' replaces the digits matched by old with the text new ('&lt;9:&gt;' strips,
    /// '&lt;:1&gt;' prefixes); '!' (leading or trailing) bars the pattern; 'S&lt;n&gt;' / 'L&lt;n&gt;' after a pattern override
    /// the short / long timer for it in seconds ("911S0" dials at once); "L:10,S:4," before the map sets the defaults.
    /// </summary>
    public sealed class DigitMap
    {
        /// <summary>Most alternatives in a map.</summary>
        public const int MaxPatterns = 32;

        /// <summary>Most elements (digit positions and insertions) in one pattern.</summary>
        public const int MaxElementsPerPattern = 48;

        private const int MaxElements = 512;
        private const int MaxInsertChars = 256;

        internal const byte FlagRepeat = 1;
        internal const byte FlagDelete = 2;
        internal const byte FlagInsert = 4;

        internal readonly ushort[] Mask;
        internal readonly byte[] Flags;
        internal readonly short[] InsertStart;
        internal readonly short[] InsertLength;
        internal readonly char[] InsertChars;
        internal readonly short[] PatternStart;
        internal readonly short[] PatternLength;
        internal readonly bool[] PatternBlocked;
        internal readonly int[] PatternShortMs;
        internal readonly int[] PatternLongMs;
        internal readonly int[] PatternScore;
        internal int PatternCount;
        private int _elements;
        private int _insertChars;

        /// <summary>Default long inter-digit timer (ms): used while no pattern matches yet. SPA default 10 s.</summary>
        public int LongTimerMs = 10000;

        /// <summary>Default short inter-digit timer (ms): used once a pattern matches but could take more digits. SPA default 3 s.</summary>
        public int ShortTimerMs = 3000;

        /// <summary>A map with room for the largest one the limits allow (512 elements, 256 inserted characters, 32 patterns).</summary>
        public DigitMap() : this(MaxPatterns, MaxElements, MaxInsertChars)
        {
        }

        /// <summary>A map with room for exactly this many patterns, elements and inserted characters (see <see cref="CompileCompact"/>).</summary>
        public DigitMap(int patterns, int elements, int insertChars)
        {
            Mask = new ushort[elements];
            Flags = new byte[elements];
            InsertStart = new short[elements];
            InsertLength = new short[elements];
            InsertChars = new char[insertChars];
            PatternStart = new short[patterns];
            PatternLength = new short[patterns];
            PatternBlocked = new bool[patterns];
            PatternShortMs = new int[patterns];
            PatternLongMs = new int[patterns];
            PatternScore = new int[patterns];
        }

        /// <summary>Number of alternatives.</summary>
        public int Count => PatternCount;

        /// <summary>
        /// Compiles <paramref name="map"/> into a new map whose tables are just large enough for it (a full-size map is
        /// about 4 KB on nanoCLR; the device's plan needs a few hundred bytes). Null on an error, as <see cref="TryCompile"/>.
        /// </summary>
        public static DigitMap CompileCompact(string map, out int errorPosition)
        {
            var full = new DigitMap();
            if (!TryCompile(map, full, out errorPosition)) return null;
            var compact = new DigitMap(full.PatternCount, full._elements, full._insertChars);
            TryCompile(map, compact, out errorPosition);
            return compact;
        }

        /// <summary>Symbol index of a dial key: '0'-'9' → 0-9, '*' → 10, '#' → 11, else -1.</summary>
        public static int Symbol(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c == '*') return 10;
            if (c == '#') return 11;
            return -1;
        }

        /// <summary>
        /// Compiles <paramref name="map"/> into <paramref name="result"/> (which is overwritten). False on a syntax
        /// error or when a fixed limit is exceeded; errorPosition is then the offending character index.
        /// </summary>
        public static bool TryCompile(string map, DigitMap result, out int errorPosition)
        {
            errorPosition = 0;
            result.Clear();
            if (map == null) return false;
            int i = 0;
            int n = map.Length;
            // Optional timer defaults: "L:10,S:4," (SPA interdigit long/short timers, seconds).
            while (true)
            {
                i = SkipSpaces(map, i);
                if (i + 1 < n && (map[i] == 'L' || map[i] == 'S') && map[i + 1] == ':')
                {
                    bool isLong = map[i] == 'L';
                    i += 2;
                    i = SkipSpaces(map, i);
                    if (!ReadSeconds(map, ref i, out int ms))
                    {
                        errorPosition = i;
                        return false;
                    }
                    if (isLong) result.LongTimerMs = ms;
                    else result.ShortTimerMs = ms;
                    i = SkipSpaces(map, i);
                    if (i < n && map[i] == ',') i++;
                    continue;
                }
                break;
            }
            bool paren = i < n && map[i] == '(';
            if (paren) i++;
            while (true)
            {
                if (!result.CompilePattern(map, ref i, paren))
                {
                    errorPosition = i;
                    result.Clear();
                    return false;
                }
                i = SkipSpaces(map, i);
                if (i < n && map[i] == '|')
                {
                    i++;
                    continue;
                }
                if (paren)
                {
                    if (i >= n || map[i] != ')')
                    {
                        errorPosition = i;
                        result.Clear();
                        return false;
                    }
                    i = SkipSpaces(map, i + 1);
                }
                if (i != n)
                {
                    errorPosition = i;
                    result.Clear();
                    return false;
                }
                return true;
            }
        }

        private void Clear()
        {
            PatternCount = 0;
            _elements = 0;
            _insertChars = 0;
            LongTimerMs = 10000;
            ShortTimerMs = 3000;
        }

        private bool CompilePattern(string map, ref int i, bool paren)
        {
            if (PatternCount == PatternStart.Length) return false;
            int pat = PatternCount;
            int start = _elements;
            bool blocked = false;
            int shortMs = -1, longMs = -1;
            int score = 0;
            bool inSub = false, inNew = false;
            int lastConsuming = -1;
            int n = map.Length;
            while (true)
            {
                i = SkipSpaces(map, i);
                if (i >= n) break;
                char c = map[i];
                if (!inSub && (c == '|' || (paren && c == ')'))) break;
                if (inNew)
                {
                    if (c == '>')
                    {
                        inSub = inNew = false;
                        i++;
                        continue;
                    }
                    // Replacement text: dial characters (and '+') copied verbatim into the number.
                    if (Symbol(c) < 0 && c != '+') return false;
                    if (_insertChars == InsertChars.Length) return false;
                    int e = _elements - 1;
                    if (e < start || (Flags[e] & FlagInsert) == 0 || InsertStart[e] + InsertLength[e] != _insertChars)
                    {
                        if (!AddElement(start, 0, FlagInsert)) return false;
                        e = _elements - 1;
                        InsertStart[e] = (short)_insertChars;
                        InsertLength[e] = 0;
                    }
                    InsertChars[_insertChars++] = c;
                    InsertLength[e]++;
                    i++;
                    continue;
                }
                if (c == '<')
                {
                    if (inSub) return false;
                    inSub = true;
                    i++;
                    continue;
                }
                if (c == ':' && inSub)
                {
                    inNew = true;
                    i++;
                    continue;
                }
                if (c == '!' && !inSub)
                {
                    blocked = true;
                    i++;
                    continue;
                }
                if (c == 'T' && !inSub)
                {
                    // MGCP-style timer mark (RFC 3435 §2.1.5, "0x.T"): complete when the inter-digit timer runs out.
                    // A pattern here already dials on the timer once it matches, so maps written that way just work.
                    i++;
                    continue;
                }
                if ((c == 'S' || c == 'L') && !inSub)
                {
                    i++;
                    if (!ReadSeconds(map, ref i, out int ms)) return false;
                    if (c == 'S') shortMs = ms;
                    else longMs = ms;
                    continue;
                }
                if (c == '.')
                {
                    // Zero or more of the previous element, which must be a digit position.
                    if (lastConsuming != _elements - 1 || lastConsuming < start || (Flags[lastConsuming] & FlagRepeat) != 0) return false;
                    Flags[lastConsuming] |= FlagRepeat;
                    score -= ScoreOf(Mask[lastConsuming]);
                    i++;
                    continue;
                }
                ushort mask;
                if (c == 'x' || c == 'X')
                {
                    mask = 0x3FF;
                    i++;
                }
                else if (c == '[')
                {
                    i++;
                    if (!ReadSet(map, ref i, out mask)) return false;
                }
                else
                {
                    int s = Symbol(c);
                    if (s < 0) return false;
                    mask = (ushort)(1 << s);
                    i++;
                }
                if (!AddElement(start, mask, inSub ? FlagDelete : (byte)0)) return false;
                lastConsuming = _elements - 1;
                score += ScoreOf(mask);
            }
            if (inSub) return false;
            int len = _elements - start;
            bool anyConsuming = false;
            for (int e = start; e < _elements; e++) if ((Flags[e] & FlagInsert) == 0) anyConsuming = true;
            if (!anyConsuming) return false;
            PatternStart[pat] = (short)start;
            PatternLength[pat] = (short)len;
            PatternBlocked[pat] = blocked;
            PatternShortMs[pat] = shortMs;
            PatternLongMs[pat] = longMs;
            PatternScore[pat] = score;
            PatternCount++;
            return true;
        }

        // Specificity used to choose between patterns that both match: a literal beats a set beats 'x'.
        private static int ScoreOf(ushort mask)
        {
            int bits = 0;
            for (int b = 0; b < 12; b++) if ((mask & (1 << b)) != 0) bits++;
            if (bits == 1) return 3;
            return bits >= 10 ? 1 : 2;
        }

        private bool AddElement(int patternStart, ushort mask, byte flags)
        {
            if (_elements == Mask.Length || _elements - patternStart >= MaxElementsPerPattern) return false;
            Mask[_elements] = mask;
            Flags[_elements] = flags;
            InsertStart[_elements] = 0;
            InsertLength[_elements] = 0;
            _elements++;
            return true;
        }

        // [2-9], [135], [1-35*#]
        private static bool ReadSet(string map, ref int i, out ushort mask)
        {
            mask = 0;
            int n = map.Length;
            while (i < n && map[i] != ']')
            {
                int a = Symbol(map[i]);
                if (a < 0) return false;
                if (i + 2 < n && map[i + 1] == '-' && map[i + 2] != ']')
                {
                    int b = Symbol(map[i + 2]);
                    if (a > 9 || b < 0 || b > 9 || b < a) return false;
                    for (int s = a; s <= b; s++) mask |= (ushort)(1 << s);
                    i += 3;
                }
                else
                {
                    mask |= (ushort)(1 << a);
                    i++;
                }
            }
            if (i >= n || mask == 0) return false;
            i++;
            return true;
        }

        // Seconds with an optional tenth: "4", "0", "2.5".
        private static bool ReadSeconds(string map, ref int i, out int ms)
        {
            ms = 0;
            int n = map.Length;
            int s = i;
            int v = 0;
            while (i < n && map[i] >= '0' && map[i] <= '9' && i - s < 4) v = v * 10 + (map[i++] - '0');
            if (i == s) return false;
            ms = v * 1000;
            if (i + 1 < n && map[i] == '.' && map[i + 1] >= '0' && map[i + 1] <= '9')
            {
                ms += (map[i + 1] - '0') * 100;
                i += 2;
            }
            return true;
        }

        private static int SkipSpaces(string s, int i)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t')) i++;
            return i;
        }
    }
}
