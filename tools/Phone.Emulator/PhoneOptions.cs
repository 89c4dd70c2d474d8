// Command-line options of `Phone.Emulator phone`: one emulated device driven from the console.
namespace Phone.Emulator
{
    using System;
    using System.Collections.Generic;
    using Phone.Core.Agent;
    using Phone.Core.Net;

    internal sealed class PhoneOptions
    {
        public string Mac;
        public string ProvisionUrl;
        public string Token;
        public string CaFile;
        public string ConfigFile;
        public string User;
        public string Password;
        public int SipPort = -1;           // -1: from the configuration's own directory entry, else 5060; 0: a free port
        public string Pbx;
        public string Dns;                 // IPV4[:PORT] of the DNS server that locates a --pbx given as a name
        public string Mic = "voice";       // voice | silence | tone:HZ | FILE.wav
        public bool MicOnce;               // a WAV microphone ends with silence instead of looping
        public string Speaker;             // WAV file for what the speaker played, written at exit
        public string Script;              // commands from a file instead of stdin
        public string DataDir;             // flash + device.log; default ./phone-<mac>
        public bool Plain;
        public readonly List<string> Directory = new List<string>();   // EXT=HOST:PORT

        public const string Usage =
            "usage: Phone.Emulator phone --mac MAC [--provision URL --token T --ca FILE | --config FILE]\n" +
            "                            [--user EXT] [--password PW] [--sip-port PORT] [--pbx HOST[:PORT]] [--dns IPV4[:PORT]]\n" +
            "                            [--dir EXT=HOST:PORT]...\n" +
            "                            [--mic voice|silence|tone:HZ|FILE.wav] [--mic-once] [--speaker OUT.wav]\n" +
            "                            [--script FILE] [--data DIR] [--plain]\n" +
            "  Boots ONE emulated desk phone (the firmware's PhoneAgent on UDP sockets on 127.0.0.1) and drives it from the\n" +
            "  console. Configuration: provisioned over HTTPS (--provision URL of the provisioning server, the device's\n" +
            "  --token, and the server's CA certificate --ca), or read from a provisioning-format file (--config), or built\n" +
            "  from --user/--dir alone (direct mode). --pbx registers there (digest with --password); a --pbx (or provisioned\n" +
            "  registrar) given as a name is located by DNS SRV _sip._udp, then A, asking the --dns server; --dir adds an office\n" +
            "  directory entry (calls to EXT go straight to that desk). --sip-port 0 picks a free port.\n" +
            "  Microphone: a generated two-tone voice (default), silence, a sine (tone:440) or a WAV file: 16-bit PCM at 8 kHz,\n" +
            "  or 16 kHz (low-passed and decimated to 8 kHz); several channels are averaged; it loops, or with --mic-once ends\n" +
            "  in silence. --speaker writes what the handset played to a WAV file (8 kHz mono) at exit.\n" +
            "  On a terminal the keypad is live: keys 0-9 * #, Enter or Space = hook (lift / hang up; lifts to answer),\n" +
            "  a = answer, h = hold/resume, t = transfer (type the number, Enter), d = dial (number, Enter), f = flash,\n" +
            "  Esc = cancel the entry, ? = help, q = quit; a live table shows registration, call state, RTP and jitter.\n" +
            "  With stdin redirected (or --script, or --plain) it reads one command per line and logs plain lines:\n" +
            KeypadHelp.Commands +
            "  Exit status: 0 done, 1 a scripted command failed or provisioning failed, 2 a port is taken, 64 bad usage.";

        public static PhoneOptions Parse(string[] args, int start, out string error)
        {
            var o = new PhoneOptions();
            error = OptionReader.Read(args, start, (a, next) =>
            {
                switch (a)
                {
                    case "--mac": o.Mac = next(); break;
                    case "--provision": o.ProvisionUrl = next(); break;
                    case "--token": o.Token = next(); break;
                    case "--ca": o.CaFile = next(); break;
                    case "--config": o.ConfigFile = next(); break;
                    case "--user": o.User = next(); break;
                    case "--password": o.Password = next(); break;
                    case "--sip-port": o.SipPort = int.Parse(next()); break;
                    case "--pbx": o.Pbx = next(); break;
                    case "--dns": o.Dns = next(); break;
                    case "--dir": o.Directory.Add(next()); break;
                    case "--mic": o.Mic = next(); break;
                    case "--mic-once": o.MicOnce = true; break;
                    case "--speaker": o.Speaker = next(); break;
                    case "--script": o.Script = next(); break;
                    case "--data": o.DataDir = next(); break;
                    case "--plain": o.Plain = true; break;
                    default: return false;
                }
                return true;
            });
            if (error != null) return null;
            if (o.Mac == null) error = "--mac is required (e.g. --mac 00:11:22:33:44:55)";
            else if (NormaliseMac(o.Mac) == null) error = "--mac must be 12 hex digits, e.g. 00:11:22:33:44:55";
            else if (o.ProvisionUrl != null && o.ConfigFile != null) error = "--provision and --config exclude each other";
            else if (o.ProvisionUrl != null && (o.Token == null || o.CaFile == null)) error = "--provision needs --token and --ca (the server's CA certificate, PEM)";
            else if (o.SipPort < -1 || o.SipPort > 65535 || (o.SipPort > 0 && o.SipPort < 1024)) error = "--sip-port must be 0 or 1024..65535";
            else if (o.Dns != null && !AgentConfig.TryHostPort(o.Dns, out _, out _)) error = "--dns must be an IPv4 address with an optional port, e.g. 127.0.0.1:53";
            else if (o.Pbx != null && !AgentConfig.TryHostPort(o.Pbx, out _, out _) && o.Dns == null)
            {
                error = "--pbx must be an IPv4 address with an optional port, e.g. 127.0.0.1:5060 (a name needs --dns)";
            }
            else if (!MicValid(o.Mic)) error = "--mic must be voice, silence, tone:HZ (50..3900) or a .wav file";
            else
            {
                foreach (string d in o.Directory)
                {
                    if (!TryDirectoryEntry(d, out _, out _)) { error = "--dir must be EXT=IPV4:PORT, e.g. 102=127.0.0.1:30102 (got " + d + ")"; break; }
                }
            }
            if (error != null) return null;
            o.Mac = NormaliseMac(o.Mac);
            return o;
        }

        /// <summary>Lower-case 12 hex digits without separators (the provisioning file name), or null.</summary>
        public static string NormaliseMac(string mac)
        {
            string hex = mac.Replace(":", "").Replace("-", "").ToLowerInvariant();
            if (hex.Length != 12) return null;
            foreach (char c in hex)
            {
                if (!Uri.IsHexDigit(c)) return null;
            }
            return hex;
        }

        public static bool TryDirectoryEntry(string text, out string extension, out NetEndPoint endPoint)
        {
            endPoint = default;
            int eq = text.IndexOf('=');
            extension = eq > 0 ? text.Substring(0, eq) : null;
            return eq > 0 && AgentConfig.TryHostPort(text.Substring(eq + 1), out _, out endPoint);
        }

        private static bool MicValid(string mic)
        {
            if (mic == "voice" || mic == "silence") return true;
            if (mic.StartsWith("tone:")) return double.TryParse(mic.Substring(5), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double hz) && hz >= 50 && hz <= 3900;
            return mic.EndsWith(".wav", StringComparison.OrdinalIgnoreCase);
        }
    }
}
