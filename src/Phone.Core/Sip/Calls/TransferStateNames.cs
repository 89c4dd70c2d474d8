// Log names of TransferState (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Name table of <see cref="TransferState"/>.</summary>
    public static class TransferStateNames
    {
        private static readonly string[] s_names = { "None", "Requested", "Accepted", "Trying", "Succeeded", "Failed" };

        /// <summary>The state's name ("?" when out of range).</summary>
        public static string Name(TransferState state)
        {
            int i = (int)state;
            return i < s_names.Length ? s_names[i] : "?";
        }
    }
}
