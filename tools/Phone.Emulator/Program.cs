// Emulator entry point: `dotnet run --project tools/Phone.Emulator -- office` (or `phone`, `fleet`).
namespace Phone.Emulator
{
    using System;
    using System.IO;
    using System.Reflection;
    using Spectre.Console;

    public static class Program
    {
        private static volatile bool s_interrupted;

        public static int Main(string[] args)
        {
            bool outRedirected = Console.IsOutputRedirected;
            var terminal = new Terminal
            {
                Out = Console.Out,
                Error = Console.Error,
                In = Console.In,
                InputRedirected = Console.IsInputRedirected,
                OutputRedirected = outRedirected,
                Ansi = outRedirected ? null : AnsiConsole.Console,
                ReadKey = () => Console.KeyAvailable ? Console.ReadKey(intercept: true) : (ConsoleKeyInfo?)null,
                OnInterrupt = quit => Console.CancelKeyPress += (_, e) =>
                {
                    // The first Ctrl+C hangs up and unregisters (a stale binding makes a registrar fork calls to a
                    // dead contact); a second one ends the process at once.
                    e.Cancel = !s_interrupted;
                    s_interrupted = true;
                    quit();
                },
            };
            return Cli.Run(args, terminal);
        }
    }

    /// <summary>The process's console as the commands see it (tests give their own).</summary>
    internal sealed class Terminal
    {
        public TextWriter Out;
        public TextWriter Error;
        public TextReader In;
        public bool InputRedirected = true;
        public bool OutputRedirected = true;
        public IAnsiConsole Ansi;                 // null: plain output only
        public Func<ConsoleKeyInfo?> ReadKey;     // null: no keystrokes
        public Action<Action> OnInterrupt;        // registers what Ctrl+C does; null: nothing
    }

    /// <summary>Command dispatch, --help, --version and usage errors (exit 64).</summary>
    internal static class Cli
    {
        public const string Usage =
            "usage: Phone.Emulator <command> [options]   (Phone.Emulator <command> --help for one command)\n" +
            "  office    the emulated office demo (default): provisioning, a SIP call between desks, a call report\n" +
            "  phone     one emulated desk phone driven from the console (keypad, hook, calls; scriptable from stdin)\n" +
            "  fleet     N devices registering at a registrar; time until all are registered\n" +
            "  --version prints the version; --help this text; every command also takes --plain (no live display)\n" +
            "  Exit status: 0 done / all checks passed, 1 a step or check failed, 2 a port is taken or a file cannot be used,\n" +
            "  64 bad usage (unknown command or option, bad value).";

        public static string Version
        {
            get
            {
                Assembly a = typeof(Cli).Assembly;
                string v = a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? a.GetName().Version?.ToString() ?? "0";
                int plus = v.IndexOf('+');
                return "Phone.Emulator " + (plus > 0 ? v.Substring(0, plus) : v) + " (firmware core " + typeof(Phone.Core.Agent.PhoneAgent).Assembly.GetName().Version + ", .NET " + Environment.Version + ")";
            }
        }

        public static int Run(string[] args, Terminal t)
        {
            string command = args.Length > 0 ? args[0] : "office";
            if (command == "--help" || command == "-h" || command == "help")
            {
                t.Out.WriteLine(Usage + "\n\n" + OfficeOptions.Usage + "\n\n" + PhoneOptions.Usage + "\n\n" + FleetOptions.Usage);
                return ExitCodes.Ok;
            }
            if (command == "--version" || command == "-V")
            {
                t.Out.WriteLine(Version);
                return ExitCodes.Ok;
            }
            bool help = Array.IndexOf(args, "--help") > 0 || Array.IndexOf(args, "-h") > 0;
            bool plain = Array.IndexOf(args, "--plain") > 0;
            string[] rest = Array.FindAll(args, a => a != "--plain");   // every command takes --plain
            IStatusView view = StatusViews.Create(plain, t.OutputRedirected, t.Ansi, t.Out);
            switch (command)
            {
                case "office":
                    if (help) return Help(t, OfficeOptions.Usage);
                    OfficeOptions office = OfficeOptions.Parse(rest, 1, out string officeError);
                    if (office == null) return UsageError(t, "office", officeError, OfficeOptions.Usage);
                    return new OfficeDemo(office, t.Out, view).Run();
                case "fleet":
                    if (help) return Help(t, FleetOptions.Usage);
                    FleetOptions fleet = FleetOptions.Parse(rest, 1, out string fleetError);
                    if (fleet == null) return UsageError(t, "fleet", fleetError, FleetOptions.Usage);
                    return new FleetRun(fleet, t.Out, view).Run();
                case "phone":
                    if (help) return Help(t, PhoneOptions.Usage);
                    PhoneOptions phone = PhoneOptions.Parse(args, 1, out string phoneError);
                    if (phone == null) return UsageError(t, "phone", phoneError, PhoneOptions.Usage);
                    var run = new PhoneRun(phone, view, t.Error);
                    t.OnInterrupt?.Invoke(run.Interrupt);
                    if (phone.Script != null)
                    {
                        if (!File.Exists(phone.Script))
                        {
                            t.Error.WriteLine("Phone.Emulator phone: --script " + phone.Script + ": no such file");
                            return ExitCodes.Unavailable;
                        }
                        using var script = File.OpenText(phone.Script);
                        return run.Run(script);
                    }
                    // A person at a terminal gets the live keypad; a pipe, a file or --plain gets commands per line.
                    if (view is LiveStatusView live && !t.InputRedirected && t.ReadKey != null)
                    {
                        return run.Run(null, t.ReadKey, entry => live.Footer = entry);
                    }
                    return run.Run(t.In);
                default:
                    return UsageError(t, null, "unknown command '" + command + "'", Usage);
            }
        }

        private static int Help(Terminal t, string usage)
        {
            t.Out.WriteLine(usage);
            return ExitCodes.Ok;
        }

        private static int UsageError(Terminal t, string command, string error, string usage)
        {
            t.Error.WriteLine("Phone.Emulator" + (command != null ? " " + command : "") + ": " + error + "\n" + usage);
            return ExitCodes.Usage;
        }
    }
}
