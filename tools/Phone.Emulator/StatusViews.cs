// Chooses how status is shown: live (Spectre.Console) only on an interactive ANSI terminal, else plain lines.
namespace Phone.Emulator
{
    using System.IO;
    using Spectre.Console;

    internal static class StatusViews
    {
        /// <summary>
        /// Plain lines on <paramref name="plainOutput"/> when <paramref name="plain"/> (--plain), when stdout is
        /// redirected (CI, tests, a pipe) or when <paramref name="console"/> cannot draw (no ANSI or not interactive);
        /// otherwise the live display on <paramref name="console"/>.
        /// </summary>
        public static IStatusView Create(bool plain, bool outputRedirected, IAnsiConsole console, TextWriter plainOutput)
        {
            if (plain || outputRedirected || console == null) return new PlainStatusView(plainOutput);
            Capabilities caps = console.Profile.Capabilities;
            if (!caps.Ansi || !caps.Interactive) return new PlainStatusView(plainOutput);
            return new LiveStatusView(console);
        }
    }
}
