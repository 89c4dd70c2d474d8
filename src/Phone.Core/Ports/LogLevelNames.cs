// Names for LogLevel, because enum.ToString() gives a number on nanoFramework.
namespace Phone.Core.Ports
{
    /// <summary>Printable names of <see cref="LogLevel"/>.</summary>
    public static class LogLevelNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 4;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "DEBUG";
                case 1: return "INFO";
                case 2: return "WARN";
                case 3: return "ERROR";
                default: return "?";
            }
        }

        /// <summary>The name of <paramref name="level"/>, or "?" for an unknown value.</summary>
        public static string Of(LogLevel level)
        {
            int i = (int)level;
            return i >= 0 && i < NameCount ? NameAt(i) : "?";
        }
    }
}
