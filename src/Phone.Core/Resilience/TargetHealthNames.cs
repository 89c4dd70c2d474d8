// Log names of TargetHealth (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Resilience
{
    /// <summary>Names of <see cref="TargetHealth"/> values.</summary>
    public static class TargetHealthNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 3;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "unknown";
                case 1: return "alive";
                case 2: return "dead";
                default: return "?";
            }
        }

        /// <summary>The name of <paramref name="health"/>.</summary>
        public static string Name(TargetHealth health) => (int)health < NameCount ? NameAt((int)health) : "?";
    }
}
