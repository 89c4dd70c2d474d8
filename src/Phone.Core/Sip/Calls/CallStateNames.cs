// Name table for CallState (enum ToString prints a number on nanoFramework).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Printable names of <see cref="CallState"/>.</summary>
    public static class CallStateNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 7;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "Idle";
                case 1: return "Calling";
                case 2: return "Proceeding";
                case 3: return "Ringing";
                case 4: return "Connected";
                case 5: return "Terminating";
                case 6: return "Terminated";
                default: return "?";
            }
        }

        /// <summary>Name of a state.</summary>
        public static string Name(CallState state) => (int)state < NameCount ? NameAt((int)state) : "?";
    }
}
