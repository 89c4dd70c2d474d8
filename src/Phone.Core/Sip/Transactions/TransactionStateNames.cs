// Names of transaction states for logs (enum.ToString() prints a number on the device).
namespace Phone.Core.Sip.Transactions
{
    /// <summary>Printable names of <see cref="TransactionState"/>.</summary>
    public static class TransactionStateNames
    {
        private static readonly string[] Names = { "Free", "Calling", "Trying", "Proceeding", "Completed", "Confirmed", "Accepted", "Terminated" };

        /// <summary>The RFC name of <paramref name="state"/>.</summary>
        public static string Of(TransactionState state)
        {
            int i = (int)state;
            return i >= 0 && i < Names.Length ? Names[i] : "?";
        }
    }
}
