// Name table for PhoneState (enum ToString prints a number on nanoFramework).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Printable names of <see cref="PhoneState"/>.</summary>
    public static class PhoneStateNames
    {
        private static readonly string[] s_names = { "OnHook", "DialTone", "Dialing", "Calling", "Ringing", "Talking", "Finished", "Transferring" };

        /// <summary>Name of a state.</summary>
        public static string Name(PhoneState state) => (int)state < s_names.Length ? s_names[(int)state] : "?";
    }
}
