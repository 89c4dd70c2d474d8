// Names of transaction states for logs (enum.ToString() prints a number on the device).
namespace Phone.Core.Sip.Transactions
{
    /// <summary>Printable names of <see cref="TransactionState"/>.</summary>
    public static class TransactionStateNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 8;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "Free";
                case 1: return "Calling";
                case 2: return "Trying";
                case 3: return "Proceeding";
                case 4: return "Completed";
                case 5: return "Confirmed";
                case 6: return "Accepted";
                case 7: return "Terminated";
                default: return "?";
            }
        }

        /// <summary>The RFC name of <paramref name="state"/>.</summary>
        public static string Of(TransactionState state)
        {
            int i = (int)state;
            return i >= 0 && i < NameCount ? NameAt(i) : "?";
        }
    }
}
