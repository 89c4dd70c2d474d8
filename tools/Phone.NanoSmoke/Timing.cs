// Times a loop on nanoCLR with the only clock nanoFramework 1.17 mscorlib has, DateTime.UtcNow (100 ns ticks).
namespace Phone.NanoSmoke
{
    using System;

    /// <summary>
    /// Runs a warm-up round (static constructors and first-call resolution are not timed), then
    /// <see cref="Rounds"/> rounds of <see cref="PerRound"/> iterations, and prints the minimum round (the figure
    /// least disturbed by other processes on the machine) and the median round, per iteration.
    /// </summary>
    public static class Timing
    {
        /// <summary>Timed rounds per case.</summary>
        public const int Rounds = 5;

        /// <summary>Iterations per round (5 × 2,000 = 10,000 per case).</summary>
        public const int PerRound = 2000;

        /// <summary>Measures one case and prints its TIME line.</summary>
        public static void Measure(string name, Loop loop)
        {
            loop(100);
            long[] ticks = new long[Rounds];
            for (int r = 0; r < Rounds; r++)
            {
                long t0 = DateTime.UtcNow.Ticks;
                loop(PerRound);
                long t = DateTime.UtcNow.Ticks - t0;
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
    }
}
