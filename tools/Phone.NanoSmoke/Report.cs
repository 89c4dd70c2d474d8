// PASS/FAIL lines and timing lines printed by the smoke run; the console is the only output nanoCLR posix has.
namespace Phone.NanoSmoke
{
    using System;

    /// <summary>Counts and prints check results in a form that is easy to grep ("PASS name", "FAIL name: why").</summary>
    public static class Report
    {
        /// <summary>Checks that passed so far.</summary>
        public static int Passed;

        /// <summary>Checks that failed so far.</summary>
        public static int Failed;

        /// <summary>Prints PASS or FAIL for one named check.</summary>
        public static void Check(string name, bool ok)
        {
            if (ok)
            {
                Passed++;
                Console.WriteLine("PASS " + name);
            }
            else
            {
                Failed++;
                Console.WriteLine("FAIL " + name);
            }
        }

        /// <summary>Prints PASS when the two integers are equal, otherwise FAIL with both values.</summary>
        public static void Equal(string name, long expected, long actual)
        {
            if (expected == actual)
            {
                Check(name, true);
                return;
            }
            Failed++;
            Console.WriteLine("FAIL " + name + ": expected " + expected.ToString() + ", got " + actual.ToString());
        }

        /// <summary>Prints PASS when the two strings are equal, otherwise FAIL with both values.</summary>
        public static void Equal(string name, string expected, string actual)
        {
            if (expected == actual)
            {
                Check(name, true);
                return;
            }
            Failed++;
            Console.WriteLine("FAIL " + name + ": expected \"" + expected + "\", got \"" + actual + "\"");
        }

        /// <summary>Prints FAIL for a check whose code threw, with the exception's message and type.</summary>
        public static void Threw(string name, Exception e)
        {
            Failed++;
            Console.WriteLine("FAIL " + name + ": threw " + e.GetType().FullName + " " + e.Message);
        }

        /// <summary>
        /// Prints "TIME name: min N.NN us/iter, median N.NN us/iter (rounds x iters)" from tick counts of whole rounds
        /// (DateTime ticks are 100 ns).
        /// </summary>
        public static void Time(string name, long minTicks, long medianTicks, int perRound, int rounds)
        {
            Console.WriteLine("TIME " + name + ": min " + Micros(minTicks, perRound) + " us/iter, median "
                + Micros(medianTicks, perRound) + " us/iter (" + rounds.ToString() + " x " + perRound.ToString() + " iters)");
        }

        private static string Micros(long ticks, int iterations)
        {
            long ns = ticks * 100 / iterations;
            long hundredths = (ns % 1000) / 10;
            return (ns / 1000).ToString() + "." + (hundredths < 10 ? "0" : "") + hundredths.ToString();
        }
    }
}
