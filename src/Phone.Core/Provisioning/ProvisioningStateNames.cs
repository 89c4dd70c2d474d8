// Printable names of ProvisioningState (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Provisioning
{
    /// <summary>Names of <see cref="ProvisioningState"/> values for log lines.</summary>
    public static class ProvisioningStateNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 6;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "Idle";
                case 1: return "WaitingForServer";
                case 2: return "FetchingCommon";
                case 3: return "FetchingDevice";
                case 4: return "Reporting";
                case 5: return "Backoff";
                default: return "?";
            }
        }

        /// <summary>The name of <paramref name="state"/>, or "?".</summary>
        public static string Of(ProvisioningState state)
        {
            int i = (int)state;
            return i >= 0 && i < NameCount ? NameAt(i) : "?";
        }
    }
}
