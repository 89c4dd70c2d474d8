// Log names for CallProgressTone (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Dsp
{
    /// <summary>Name table for <see cref="CallProgressTone"/>.</summary>
    public static class CallProgressToneNames
    {
        private static readonly string[] Names = new string[]
        {
            "none", "dial", "stutter-dial", "ringback", "busy", "congestion", "call-waiting", "survivability-dial",
        };

        /// <summary>Lower-case name, or "?" for an unknown value.</summary>
        public static string Name(CallProgressTone tone)
        {
            int i = (int)tone;
            return i < Names.Length ? Names[i] : "?";
        }
    }
}
