// Timing loops for the media hot path on nanoCLR (budget: one full 20 ms media tick well under 60 µs).
namespace Phone.NanoSmoke
{
    using System;

    /// <summary>
    /// Each case runs <see cref="Rounds"/> rounds of <see cref="PerRound"/> iterations between two reads of
    /// <see cref="DateTime.UtcNow"/> (100 ns ticks; the only clock in nanoFramework 1.17 mscorlib). The minimum round
    /// is the figure least disturbed by other processes; the median is printed beside it. A warm-up round runs
    /// first so one-time work (static constructors, first-call resolution) is not timed.
    /// </summary>
    public static class Bench
    {
        /// <summary>Timed rounds per case.</summary>
        public const int Rounds = 5;

        /// <summary>Iterations per round (5 × 2,000 = 10,000 per case).</summary>
        public const int PerRound = 2000;

        private const int CallPerSample = 0;
        private const int Inlined = 1;
        private const int DirectTable = 2;
        private const int HeaderCopy = 3;
        private const int Empty = 4;

        /// <summary>Runs every timing case.</summary>
        public static void Run()
        {
            BareFrame f = new BareFrame();
            Measure("bare frame, call per sample + 256 B table", f, CallPerSample);
            Measure("bare frame, encoder inlined in loop", f, Inlined);
            Measure("bare frame, 16 KB direct table", f, DirectTable);
            Measure("  part: RTP header + Array.Copy 160 B", f, HeaderCopy);
            Measure("empty loop (overhead)", f, Empty);
        }

        private static void Measure(string name, BareFrame f, int which)
        {
            TimeRound(f, which, 100);
            long[] ticks = new long[Rounds];
            for (int r = 0; r < Rounds; r++)
            {
                long t = TimeRound(f, which, PerRound);
                int j = r;
                while (j > 0 && ticks[j - 1] > t)
                {
                    ticks[j] = ticks[j - 1];
                    j--;
                }
                ticks[j] = t;
            }
            Report.Time(name, ticks[0], ticks[Rounds / 2], PerRound, Rounds);
        }

        private static long TimeRound(BareFrame f, int which, int n)
        {
            long t0 = DateTime.UtcNow.Ticks;
            switch (which)
            {
                case CallPerSample: for (int i = 0; i < n; i++) f.RunCallPerSample(); break;
                case Inlined: for (int i = 0; i < n; i++) f.RunInlined(); break;
                case DirectTable: for (int i = 0; i < n; i++) f.RunDirectTable(); break;
                case HeaderCopy: for (int i = 0; i < n; i++) f.RunHeaderAndCopyOnly(); break;
                default: for (int i = 0; i < n; i++) { } break;
            }
            return DateTime.UtcNow.Ticks - t0;
        }
    }
}
