// Log names for DialResult (enum.ToString() prints a number on the device).
namespace Phone.Core.DialPlan
{
    /// <summary>Name table for <see cref="DialResult"/>.</summary>
    public static class DialResultNames
    {
        private static readonly string[] Names = { "Incomplete", "PartialMatch", "FullMatch", "NoMatch", "Blocked" };

        /// <summary>Name of a result.</summary>
        public static string Name(DialResult r)
        {
            int i = (int)r;
            return i < Names.Length ? Names[i] : "?";
        }
    }
}
