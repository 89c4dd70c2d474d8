// Printable names of ProvisioningState (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Provisioning
{
    /// <summary>Names of <see cref="ProvisioningState"/> values for log lines.</summary>
    public static class ProvisioningStateNames
    {
        private static readonly string[] Names = { "Idle", "WaitingForServer", "FetchingCommon", "FetchingDevice", "Reporting", "Backoff" };

        /// <summary>The name of <paramref name="state"/>, or "?".</summary>
        public static string Of(ProvisioningState state)
        {
            int i = (int)state;
            return i >= 0 && i < Names.Length ? Names[i] : "?";
        }
    }
}
