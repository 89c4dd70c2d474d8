// Log names of TransferState (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Name table of <see cref="TransferState"/>.</summary>
    public static class TransferStateNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 6;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "None";
                case 1: return "Requested";
                case 2: return "Accepted";
                case 3: return "Trying";
                case 4: return "Succeeded";
                case 5: return "Failed";
                default: return "?";
            }
        }

        /// <summary>The state's name ("?" when out of range).</summary>
        public static string Name(TransferState state)
        {
            int i = (int)state;
            return i < NameCount ? NameAt(i) : "?";
        }
    }
}
