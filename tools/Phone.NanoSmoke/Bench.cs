// Timing loops for the media hot path on nanoCLR (budget: one full 20 ms media tick well under 60 µs).
namespace Phone.NanoSmoke
{
    using System;

    /// <summary>
    /// Each loop runs a fixed number of iterations between two reads of <see cref="DateTime.UtcNow"/> (100 ns ticks);
    /// a short warm-up first so one-time work (static constructors, first-call resolution) is not timed.
    /// </summary>
    public static class Bench
    {
        /// <summary>Iterations per timed loop.</summary>
        public const int Iterations = 10000;

        /// <summary>Runs every timing loop.</summary>
        public static void Run()
        {
            BareFrame f = new BareFrame();

            for (int i = 0; i < 100; i++) f.RunCallPerSample();
            long t0 = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Iterations; i++) f.RunCallPerSample();
            Report.Time("bare frame, call per sample + 256 B table", DateTime.UtcNow.Ticks - t0, Iterations);

            for (int i = 0; i < 100; i++) f.RunInlined();
            t0 = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Iterations; i++) f.RunInlined();
            Report.Time("bare frame, encoder inlined in loop", DateTime.UtcNow.Ticks - t0, Iterations);

            for (int i = 0; i < 100; i++) f.RunDirectTable();
            t0 = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Iterations; i++) f.RunDirectTable();
            Report.Time("bare frame, 16 KB direct table", DateTime.UtcNow.Ticks - t0, Iterations);

            t0 = DateTime.UtcNow.Ticks;
            for (int i = 0; i < Iterations; i++)
            {
            }
            Report.Time("empty loop (overhead)", DateTime.UtcNow.Ticks - t0, Iterations);
        }
    }
}
