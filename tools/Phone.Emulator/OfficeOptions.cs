// Command-line options of `Phone.Emulator office`.
namespace Phone.Emulator
{
    using System;
    using System.IO;

    /// <summary>Options of the emulated office demo.</summary>
    internal sealed class OfficeOptions
    {
        public int Devices = 3;
        public int CallSeconds = 4;
        public string OutDir = "office-out";
        public int ProvisioningPort;   // 0 = ephemeral
        public bool Quiet;

        public const string Usage =
            "usage: Phone.Emulator office [--devices N] [--seconds S] [--out DIR] [--prov-port PORT] [--quiet]\n" +
            "  Starts the reference provisioning server over HTTPS on 127.0.0.1, boots N emulated devices (2..9) that\n" +
            "  provision themselves, calls from the first device to the second for S seconds (3..60) with audio both\n" +
            "  ways and DTMF, hangs up, and prints a call report. Writes the received audio (WAV) and a plot of jitter and\n" +
            "  loss (SVG) into DIR (default ./office-out). Exit status: 0 all checks passed, 1 a check or a step failed,\n" +
            "  2 bad usage.";

        /// <summary>Parses arguments after the command word; null with <paramref name="error"/> set when they are wrong.</summary>
        public static OfficeOptions Parse(string[] args, int start, out string error)
        {
            var o = new OfficeOptions();
            error = null;
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
                    switch (a)
                    {
                        case "--devices": o.Devices = int.Parse(Next()); break;
                        case "--seconds": o.CallSeconds = int.Parse(Next()); break;
                        case "--out": o.OutDir = Next(); break;
                        case "--prov-port": o.ProvisioningPort = int.Parse(Next()); break;
                        case "--quiet": o.Quiet = true; break;
                        default: error = "unknown option " + a; return null;
                    }
                }
                catch (FormatException e)
                {
                    error = e.Message.Contains("needs a value") ? e.Message : a + ": not a number";
                    return null;
                }
            }
            if (o.Devices < 2 || o.Devices > 9) error = "--devices must be 2..9";
            else if (o.CallSeconds < 3 || o.CallSeconds > 60) error = "--seconds must be 3..60";
            else if (o.ProvisioningPort < 0 || o.ProvisioningPort > 65535) error = "--prov-port must be 0..65535";
            else if (string.IsNullOrWhiteSpace(o.OutDir)) error = "--out needs a directory";
            if (error != null) return null;
            o.OutDir = Path.GetFullPath(o.OutDir);
            return o;
        }
    }
}
