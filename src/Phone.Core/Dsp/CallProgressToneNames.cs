// Log names for CallProgressTone (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Dsp
{
    /// <summary>Name table for <see cref="CallProgressTone"/>.</summary>
    public static class CallProgressToneNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 8;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "none";
                case 1: return "dial";
                case 2: return "stutter-dial";
                case 3: return "ringback";
                case 4: return "busy";
                case 5: return "congestion";
                case 6: return "call-waiting";
                case 7: return "survivability-dial";
                default: return "?";
            }
        }

        /// <summary>Lower-case name, or "?" for an unknown value.</summary>
        public static string Name(CallProgressTone tone)
        {
            int i = (int)tone;
            return i < NameCount ? NameAt(i) : "?";
        }
    }
}
