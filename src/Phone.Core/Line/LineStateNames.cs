// Log names for LineState and LineEvent (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Line
{
    /// <summary>Name tables for the line enums.</summary>
    public static class LineStateNames
    {
        private static readonly string[] States = new string[] { "idle", "cid-before-ring", "ringing", "off-hook", "break" };
        private static readonly string[] Events = new string[] { "?", "off-hook", "on-hook", "flash", "digit", "key", "caller-id-start" };

        /// <summary>Name of a state.</summary>
        public static string Name(LineState state)
        {
            int i = (int)state;
            return i < States.Length ? States[i] : "?";
        }

        /// <summary>Name of an event.</summary>
        public static string Name(LineEvent kind)
        {
            int i = (int)kind;
            return i < Events.Length ? Events[i] : "?";
        }
    }
}
