// A call-progress tone: one or two frequency sets and a cadence (ITU-T E.180 §2–§3; national values in CountryProfile).
namespace Phone.Core.Dsp
{
    /// <summary>
    /// Immutable description of a tone. The cadence is a list of segments (duration, set): set 0 is silence,
    /// set 1 the main frequency pair, set 2 the alternate pair (for alternating tones). A null cadence is a
    /// continuous main tone. The cadence repeats forever, or <see cref="Repeats"/> times and then either
    /// stops or continues as a steady main tone (US stutter / recall dial tone, GR-506 §17.2.3).
    /// </summary>
    public sealed class ToneSpec
    {
        /// <summary>Segment set: silence.</summary>
        public const int SetSilence = 0;

        /// <summary>Segment set: the main frequency pair.</summary>
        public const int SetMain = 1;

        /// <summary>Segment set: the alternate frequency pair.</summary>
        public const int SetAlternate = 2;

        /// <summary>Creates a tone; prefer the static factories.</summary>
        public ToneSpec(string name, int freq1Hz, int freq2Hz, int altFreq1Hz, int altFreq2Hz, int levelDbm0, int[] segments, int repeats, bool steadyAfterRepeats)
        {
            Name = name;
            _freqs = (freq1Hz & 0xFFFF) | (freq2Hz << 16);
            _altFreqs = (altFreq1Hz & 0xFFFF) | (altFreq2Hz << 16);
            LevelDbm0 = levelDbm0;
            Segments = segments;
            _repeats = (repeats << 1) | (steadyAfterRepeats ? 1 : 0);
        }

        // Two frequencies (0..65535 Hz; an 8 kHz tone is below 4 kHz) per field and the end-of-cadence flag with the
        // repeat count: nanoCLR gives every field a 12-byte block, and the agent holds its country's seven tones.
        private readonly int _freqs;
        private readonly int _altFreqs;
        private readonly int _repeats;

        /// <summary>Name for logs ("dial", "busy" ...).</summary>
        public string Name { get; }

        /// <summary>First frequency of the main set in Hz (0 = none).</summary>
        public int Freq1Hz => _freqs & 0xFFFF;

        /// <summary>Second frequency of the main set in Hz (0 = none).</summary>
        public int Freq2Hz => (_freqs >> 16) & 0xFFFF;

        /// <summary>First frequency of the alternate set in Hz (0 = none).</summary>
        public int AltFreq1Hz => _altFreqs & 0xFFFF;

        /// <summary>Second frequency of the alternate set in Hz (0 = none).</summary>
        public int AltFreq2Hz => (_altFreqs >> 16) & 0xFFFF;

        /// <summary>Level of each frequency component in dBm0.</summary>
        public int LevelDbm0 { get; }

        /// <summary>Pairs of (duration ms, set); null = continuous main tone.</summary>
        public int[] Segments { get; }

        /// <summary>How many times the cadence plays; 0 = forever.</summary>
        public int Repeats => _repeats >> 1;

        /// <summary>After <see cref="Repeats"/> cycles: true = steady main tone, false = silence.</summary>
        public bool SteadyAfterRepeats => (_repeats & 1) != 0;

        /// <summary>Number of cadence segments (0 for a continuous tone).</summary>
        public int SegmentCount => Segments == null ? 0 : Segments.Length / 2;

        /// <summary>Duration of cadence segment <paramref name="i"/> in ms.</summary>
        public int SegmentMs(int i) => Segments[2 * i];

        /// <summary>Set (0 silence, 1 main, 2 alternate) of cadence segment <paramref name="i"/>.</summary>
        public int SegmentSet(int i) => Segments[(2 * i) + 1];

        /// <summary>A continuous tone of one or two frequencies.</summary>
        public static ToneSpec Continuous(string name, int freq1Hz, int freq2Hz, int levelDbm0)
        {
            return new ToneSpec(name, freq1Hz, freq2Hz, 0, 0, levelDbm0, null, 0, false);
        }

        /// <summary>
        /// An on/off cadence repeated forever: <paramref name="onOffMs"/> = on, off, on, off ... in ms
        /// (e.g. UK ringing tone 400, 200, 400, 2000).
        /// </summary>
        public static ToneSpec Cadenced(string name, int freq1Hz, int freq2Hz, int levelDbm0, int[] onOffMs)
        {
            return new ToneSpec(name, freq1Hz, freq2Hz, 0, 0, levelDbm0, OnOff(onOffMs), 0, false);
        }

        /// <summary>Bursts of the main tone <paramref name="count"/> times, then a steady tone (stutter dial tone).</summary>
        public static ToneSpec Stutter(string name, int freq1Hz, int freq2Hz, int levelDbm0, int onMs, int offMs, int count)
        {
            return new ToneSpec(name, freq1Hz, freq2Hz, 0, 0, levelDbm0, new int[] { onMs, SetMain, offMs, SetSilence }, count, true);
        }

        private static int[] OnOff(int[] onOffMs)
        {
            int[] segments = new int[onOffMs.Length * 2];
            for (int i = 0; i < onOffMs.Length; i++)
            {
                segments[2 * i] = onOffMs[i];
                segments[(2 * i) + 1] = (i & 1) == 0 ? SetMain : SetSilence;
            }

            return segments;
        }
    }
}
