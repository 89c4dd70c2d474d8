// Reads the "--name value" options of the emulator's commands: one loop and one set of error texts for all of them.
namespace Phone.Emulator
{
    using System;

    /// <summary>Walks the arguments after a command word and hands each option to the command's handler.</summary>
    internal static class OptionReader
    {
        /// <summary>
        /// Takes option <paramref name="option"/>; <paramref name="next"/> returns its value (and throws
        /// <see cref="FormatException"/> when there is none). False: not an option of this command.
        /// </summary>
        public delegate bool Handler(string option, Func<string> next);

        /// <summary>Null when every argument from <paramref name="start"/> was taken; otherwise what was wrong.</summary>
        public static string Read(string[] args, int start, Handler handle)
        {
            for (int i = start; i < args.Length; i++)
            {
                string a = args[i];
                string Next()
                {
                    if (i + 1 >= args.Length) throw new FormatException(a + " needs a value");
                    return args[++i];
                }
                try
                {
                    if (!handle(a, Next)) return "unknown option " + a;
                }
                catch (FormatException e)
                {
                    // int.Parse's own message names no option: say which one.
                    return e.Message.Contains("needs a value") ? e.Message : a + ": not a number";
                }
            }
            return null;
        }
    }
}
