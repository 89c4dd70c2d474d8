// Log names for DigestOutcome (enum.ToString() prints a number on the device).
namespace Phone.Core.Auth
{
    /// <summary>Name table for <see cref="DigestOutcome"/>.</summary>
    public static class DigestOutcomeNames
    {
        private static readonly string[] Names = { "Retry", "Rejected", "NoCredentials", "Unsupported", "Malformed", "TableFull" };

        /// <summary>Name of an outcome.</summary>
        public static string Name(DigestOutcome outcome)
        {
            int i = (int)outcome;
            return i < Names.Length ? Names[i] : "?";
        }
    }
}
