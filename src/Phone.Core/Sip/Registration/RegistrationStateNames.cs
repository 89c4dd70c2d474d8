// Printable names of RegistrationState (enum ToString prints a number on nanoFramework).
namespace Phone.Core.Sip.Registration
{
    /// <summary>Name table for <see cref="RegistrationState"/>.</summary>
    public static class RegistrationStateNames
    {
        private static readonly string[] s_names = { "Unregistered", "Registering", "Registered", "Refreshing", "WaitingRetry", "Unregistering" };

        /// <summary>The state's name, or "?" for an unknown value.</summary>
        public static string Name(RegistrationState state)
        {
            int i = (int)state;
            return i < s_names.Length ? s_names[i] : "?";
        }
    }
}
