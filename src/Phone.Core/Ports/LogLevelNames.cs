// Names for LogLevel, because enum.ToString() gives a number on nanoFramework.
namespace Phone.Core.Ports
{
    /// <summary>Printable names of <see cref="LogLevel"/>.</summary>
    public static class LogLevelNames
    {
        private static readonly string[] Names = { "DEBUG", "INFO", "WARN", "ERROR" };

        /// <summary>The name of <paramref name="level"/>, or "?" for an unknown value.</summary>
        public static string Of(LogLevel level)
        {
            int i = (int)level;
            return i >= 0 && i < Names.Length ? Names[i] : "?";
        }
    }
}
