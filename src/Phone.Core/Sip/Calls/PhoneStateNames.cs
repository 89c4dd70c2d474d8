// Name table for PhoneState (enum ToString prints a number on nanoFramework).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Printable names of <see cref="PhoneState"/>.</summary>
    public static class PhoneStateNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 8;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "OnHook";
                case 1: return "DialTone";
                case 2: return "Dialing";
                case 3: return "Calling";
                case 4: return "Ringing";
                case 5: return "Talking";
                case 6: return "Finished";
                case 7: return "Transferring";
                default: return "?";
            }
        }

        /// <summary>Name of a state.</summary>
        public static string Name(PhoneState state) => (int)state < NameCount ? NameAt((int)state) : "?";
    }
}
