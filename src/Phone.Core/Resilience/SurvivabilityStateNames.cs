// Log names of SurvivabilityState (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Resilience
{
    /// <summary>Names of <see cref="SurvivabilityState"/> values.</summary>
    public static class SurvivabilityStateNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 2;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "normal";
                case 1: return "local";
                default: return "?";
            }
        }

        /// <summary>The name of <paramref name="state"/>.</summary>
        public static string Name(SurvivabilityState state) => (int)state < NameCount ? NameAt((int)state) : "?";
    }
}
