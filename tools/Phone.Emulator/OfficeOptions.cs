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
        public int SipPortBase = 5160;   // desk i listens on base + i; 0 = free ports chosen at start
        public string Pbx;               // host:port of a PBX to register at and call through; null = direct (office directory)
        public int FirstExtension = 201;
        public string Password;          // SIP password of every desk (with --pbx); null = generated per desk

        public const string Usage =
            "usage: Phone.Emulator office [--devices N] [--seconds S] [--out DIR] [--prov-port PORT] [--sip-port-base PORT]\n" +
            "                             [--pbx HOST:PORT [--user EXT] [--password PW]] [--quiet]\n" +
            "  Starts the reference provisioning server over HTTPS on 127.0.0.1 and boots N emulated devices (2..9) that\n" +
            "  provision themselves; each runs the firmware's PhoneAgent on UDP sockets on 127.0.0.1 (desk i's SIP port is\n" +
            "  PORT+i, default 5160; 0 picks free ports). The first desk calls the second over SIP: directly from the\n" +
            "  office directory (no PBX), or with --pbx through that PBX after every desk registered with digest\n" +
            "  (extensions EXT, EXT+1, … default 201; one password PW for all, else generated ones). The call carries\n" +
            "  audio both ways for S seconds (3..60) with DTMF, then hold and resume, then BYE; a call report follows\n" +
            "  (boot/ready times, RTP loss/jitter, RTT, E-model R/MOS, did each side hear the other, hold silence).\n" +
            "  Writes the received audio (WAV) and a plot of jitter and loss (SVG) into DIR (default ./office-out).\n" +
            "  Exit status: 0 all checks passed, 1 a check or a step failed, 2 a port is taken, 64 bad usage.";

        /// <summary>Parses arguments after the command word; null with <paramref name="error"/> set when they are wrong.</summary>
        public static OfficeOptions Parse(string[] args, int start, out string error)
        {
            var o = new OfficeOptions();
            error = OptionReader.Read(args, start, (a, next) =>
            {
                switch (a)
                {
                    case "--devices": o.Devices = int.Parse(next()); break;
                    case "--seconds": o.CallSeconds = int.Parse(next()); break;
                    case "--out": o.OutDir = next(); break;
                    case "--prov-port": o.ProvisioningPort = int.Parse(next()); break;
                    case "--quiet": o.Quiet = true; break;
                    case "--sip-port-base": o.SipPortBase = int.Parse(next()); break;
                    case "--pbx": o.Pbx = next(); break;
                    case "--user": o.FirstExtension = int.Parse(next()); break;
                    case "--password": o.Password = next(); break;
                    default: return false;
                }
                return true;
            });
            if (error != null) return null;
            if (o.Devices < 2 || o.Devices > 9) error = "--devices must be 2..9";
            else if (o.CallSeconds < 3 || o.CallSeconds > 60) error = "--seconds must be 3..60";
            else if (o.ProvisioningPort < 0 || o.ProvisioningPort > 65535) error = "--prov-port must be 0..65535";
            else if (string.IsNullOrWhiteSpace(o.OutDir)) error = "--out needs a directory";
            else if (o.SipPortBase != 0 && (o.SipPortBase < 1024 || o.SipPortBase + o.Devices > 65535)) error = "--sip-port-base must be 0 or 1024..65535-N";
            else if (o.Pbx != null && !Phone.Core.Agent.AgentConfig.TryHostPort(o.Pbx, out _, out _)) error = "--pbx must be an IPv4 address with an optional port, e.g. 127.0.0.1:5060";
            else if (o.FirstExtension < 10 || o.FirstExtension + o.Devices > 99999) error = "--user must be an extension of 2..5 digits";
            if (error != null) return null;
            o.OutDir = Path.GetFullPath(o.OutDir);
            return o;
        }
    }
}
