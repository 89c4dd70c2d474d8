// Log names for LineState and LineEvent (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Line
{
    /// <summary>Name tables for the line enums.</summary>
    public static class LineStateNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int StateCount = 5;

        private static string StateAt(int i)
        {
            switch (i)
            {
                case 0: return "idle";
                case 1: return "cid-before-ring";
                case 2: return "ringing";
                case 3: return "off-hook";
                case 4: return "break";
                default: return "?";
            }
        }
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int EventCount = 7;

        private static string EventAt(int i)
        {
            switch (i)
            {
                case 0: return "?";
                case 1: return "off-hook";
                case 2: return "on-hook";
                case 3: return "flash";
                case 4: return "digit";
                case 5: return "key";
                case 6: return "caller-id-start";
                default: return "?";
            }
        }

        /// <summary>Name of a state.</summary>
        public static string Name(LineState state)
        {
            int i = (int)state;
            return i < StateCount ? StateAt(i) : "?";
        }

        /// <summary>Name of an event.</summary>
        public static string Name(LineEvent kind)
        {
            int i = (int)kind;
            return i < EventCount ? EventAt(i) : "?";
        }
    }
}
