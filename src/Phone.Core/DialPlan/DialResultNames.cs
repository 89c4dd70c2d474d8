// Log names for DialResult (enum.ToString() prints a number on the device).
namespace Phone.Core.DialPlan
{
    /// <summary>Name table for <see cref="DialResult"/>.</summary>
    public static class DialResultNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 5;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "Incomplete";
                case 1: return "PartialMatch";
                case 2: return "FullMatch";
                case 3: return "NoMatch";
                case 4: return "Blocked";
                default: return "?";
            }
        }

        /// <summary>Name of a result.</summary>
        public static string Name(DialResult r)
        {
            int i = (int)r;
            return i < NameCount ? NameAt(i) : "?";
        }
    }
}
