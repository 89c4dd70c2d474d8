// Log names of SurvivabilityState (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Resilience
{
    /// <summary>Names of <see cref="SurvivabilityState"/> values.</summary>
    public static class SurvivabilityStateNames
    {
        private static readonly string[] Names = { "normal", "local" };

        /// <summary>The name of <paramref name="state"/>.</summary>
        public static string Name(SurvivabilityState state) => (int)state < Names.Length ? Names[(int)state] : "?";
    }
}
