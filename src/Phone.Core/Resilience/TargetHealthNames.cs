// Log names of TargetHealth (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Resilience
{
    /// <summary>Names of <see cref="TargetHealth"/> values.</summary>
    public static class TargetHealthNames
    {
        private static readonly string[] Names = { "unknown", "alive", "dead" };

        /// <summary>The name of <paramref name="health"/>.</summary>
        public static string Name(TargetHealth health) => (int)health < Names.Length ? Names[(int)health] : "?";
    }
}
