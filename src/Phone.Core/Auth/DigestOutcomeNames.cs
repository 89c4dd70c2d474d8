// Log names for DigestOutcome (enum.ToString() prints a number on the device).
namespace Phone.Core.Auth
{
    /// <summary>Name table for <see cref="DigestOutcome"/>.</summary>
    public static class DigestOutcomeNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 6;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "Retry";
                case 1: return "Rejected";
                case 2: return "NoCredentials";
                case 3: return "Unsupported";
                case 4: return "Malformed";
                case 5: return "TableFull";
                default: return "?";
            }
        }

        /// <summary>Name of an outcome.</summary>
        public static string Name(DigestOutcome outcome)
        {
            int i = (int)outcome;
            return i < NameCount ? NameAt(i) : "?";
        }
    }
}
