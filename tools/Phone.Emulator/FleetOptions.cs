// Command-line options of `Phone.Emulator fleet`: N emulated devices registering at one registrar.
namespace Phone.Emulator
{
    using System;
    using Phone.Core.Agent;
    using Phone.Core.Net;

    internal sealed class FleetOptions
    {
        public int Devices = 10;
        public string Registrar;
        public NetEndPoint RegistrarEndPoint;
        public string Domain;            // null: the registrar's address
        public int FirstUser = 1000;
        public string Password = "fleet";
        public int SpreadMs = 2000;      // each device starts at a random time in [0, spread)
        public int TimeoutSeconds = 60;
        public int Expires = 300;
        public int SipPortBase;          // 0: free ports
        public int Seed = 1;
        public bool Quiet;
        public bool KeepRegistered;

        public const string Usage =
            "usage: Phone.Emulator fleet --registrar HOST:PORT [--devices N] [--user FIRST] [--password PW] [--domain D]\n" +
            "                            [--spread-ms MS] [--timeout S] [--expires S] [--sip-port-base PORT] [--seed N]\n" +
            "                            [--keep] [--quiet]\n" +
            "  Runs N emulated devices (1..500, default 10) in this process, each a PhoneAgent with its own MAC\n" +
            "  (02:00:5e:10:xx:xx), user (FIRST+i, default 1000+i), SIP port on 127.0.0.1 (PORT+i; default free ports) and\n" +
            "  RTP ports. Each starts at a random moment within MS (default 2000) and registers at HOST:PORT with digest\n" +
            "  password PW (default \"fleet\"), domain D (default the registrar's address). Prints the time until all are\n" +
            "  registered (and per-device first/median/last), then unregisters them all unless --keep.\n" +
            "  Exit status: 0 all registered within S seconds (default 60), 1 some did not, 2 a port is taken, 64 bad usage.";

        public static FleetOptions Parse(string[] args, int start, out string error)
        {
            var o = new FleetOptions();
            error = OptionReader.Read(args, start, (a, next) =>
            {
                switch (a)
                {
                    case "--devices": o.Devices = int.Parse(next()); break;
                    case "--registrar": o.Registrar = next(); break;
                    case "--domain": o.Domain = next(); break;
                    case "--user": o.FirstUser = int.Parse(next()); break;
                    case "--password": o.Password = next(); break;
                    case "--spread-ms": o.SpreadMs = int.Parse(next()); break;
                    case "--timeout": o.TimeoutSeconds = int.Parse(next()); break;
                    case "--expires": o.Expires = int.Parse(next()); break;
                    case "--sip-port-base": o.SipPortBase = int.Parse(next()); break;
                    case "--seed": o.Seed = int.Parse(next()); break;
                    case "--keep": o.KeepRegistered = true; break;
                    case "--quiet": o.Quiet = true; break;
                    default: return false;
                }
                return true;
            });
            if (error != null) return null;
            if (o.Registrar == null) error = "--registrar HOST:PORT is required";
            else if (!AgentConfig.TryHostPort(o.Registrar, out _, out o.RegistrarEndPoint)) error = "--registrar must be an IPv4 address with an optional port";
            else if (o.Devices < 1 || o.Devices > 500) error = "--devices must be 1..500";
            else if (o.SpreadMs < 0 || o.SpreadMs > 600000) error = "--spread-ms must be 0..600000";
            else if (o.TimeoutSeconds < 1 || o.TimeoutSeconds > 3600) error = "--timeout must be 1..3600";
            else if (o.Expires < 60 || o.Expires > 86400) error = "--expires must be 60..86400";
            else if (o.SipPortBase != 0 && (o.SipPortBase < 1024 || o.SipPortBase + o.Devices > 65535)) error = "--sip-port-base must be 0 or 1024..65535-N";
            else if (o.FirstUser < 0 || o.FirstUser > 99999999) error = "--user must be a number";
            if (error != null) return null;
            if (o.Domain == null) o.Domain = NetEndPoint.AddressToString(o.RegistrarEndPoint.Address);
            return o;
        }
    }
}
