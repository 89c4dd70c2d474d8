// Name table for CallState (enum ToString prints a number on nanoFramework).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Printable names of <see cref="CallState"/>.</summary>
    public static class CallStateNames
    {
        private static readonly string[] s_names = { "Idle", "Calling", "Proceeding", "Ringing", "Connected", "Terminating", "Terminated" };

        /// <summary>Name of a state.</summary>
        public static string Name(CallState state) => (int)state < s_names.Length ? s_names[(int)state] : "?";
    }
}
