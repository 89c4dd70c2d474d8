// Printable names of RegistrationState (enum ToString prints a number on nanoFramework).
namespace Phone.Core.Sip.Registration
{
    /// <summary>Name table for <see cref="RegistrationState"/>.</summary>
    public static class RegistrationStateNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 6;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "Unregistered";
                case 1: return "Registering";
                case 2: return "Registered";
                case 3: return "Refreshing";
                case 4: return "WaitingRetry";
                case 5: return "Unregistering";
                default: return "?";
            }
        }

        /// <summary>The state's name, or "?" for an unknown value.</summary>
        public static string Name(RegistrationState state)
        {
            int i = (int)state;
            return i < NameCount ? NameAt(i) : "?";
        }
    }
}
