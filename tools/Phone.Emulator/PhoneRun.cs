// `Phone.Emulator phone`: boots one emulated device (provisioned, from a file, or from options) and runs its console.
namespace Phone.Emulator
{
    using System;
    using System.Globalization;
    using System.IO;
    using Phone.Core.Agent;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using Phone.Host.Agent;
    using Phone.Host.Audio;

    internal sealed class PhoneRun
    {
        private const int ProvisioningTimeoutMs = 30000;
        private const int RegisterWaitMs = 10000;
        private static readonly uint Loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
        private readonly PhoneOptions _o;
        private readonly IStatusView _view;
        private readonly TextWriter _error;
        private volatile PhoneConsole _console;
        private volatile bool _interrupted;

        public PhoneRun(PhoneOptions options, IStatusView view, TextWriter error)
        {
            _o = options;
            _view = view;
            _error = error;
        }

        /// <summary>The phone's status when the console ended (for tests and the exit line).</summary>
        public DeviceStatus Final { get; private set; }

        /// <summary>DTMF digits the phone received during the session.</summary>
        public string DigitsReceived { get; private set; } = "";

        /// <summary>Hangs up, unregisters and ends the console (Ctrl+C); safe from any thread.</summary>
        public void Interrupt()
        {
            _interrupted = true;
            _console?.RequestQuit();
        }

        /// <summary>
        /// Boots the device and runs the console: lines from <paramref name="input"/> when <paramref name="readKey"/>
        /// is null, else live keystrokes. 0 done, 1 a command or provisioning failed, 2 a port taken or a bad file.
        /// </summary>
        public int Run(TextReader input, Func<ConsoleKeyInfo?> readKey = null, Action<string> showEntry = null)
        {
            string dir = Path.GetFullPath(_o.DataDir ?? "phone-" + _o.Mac);
            Directory.CreateDirectory(dir);
            string error = null;
            using var device = _o.ProvisionUrl != null ? OpenProvisioned(dir, out error) : null;
            ProvisioningConfig cfg;
            ILog log;
            DeviceLog ownLog = null;
            if (_o.ProvisionUrl != null)
            {
                if (device == null)
                {
                    _error.WriteLine("Phone.Emulator phone: " + error);
                    return ExitCodes.Unavailable;
                }
                bool ok = _view.Progress("provisioning " + _o.Mac + " from " + _o.ProvisionUrl, report => device.BootUntilProvisioned(ProvisioningTimeoutMs, report));
                if (!ok)
                {
                    _error.WriteLine("Phone.Emulator phone: not provisioned within " + ProvisioningTimeoutMs / 1000 + " s (" + ProvisioningStateNames.Of(device.Provisioning.State)
                        + "; see " + Path.Combine(dir, "device.log") + ")");
                    return ExitCodes.Failed;
                }
                _view.Event("provisioned in " + device.ProvisionedAtMs + " ms: extension " + device.Provisioning.Current.GetString("account.1.user"));
                cfg = device.Provisioning.Current.Clone();
                log = device.Log;
            }
            else
            {
                cfg = new ProvisioningConfig();
                ownLog = new DeviceLog(Path.Combine(dir, "device.log"));
                log = ownLog;
                if (_o.ConfigFile != null && !ReadConfig(_o.ConfigFile, cfg, log, out string configError))
                {
                    ownLog.Dispose();
                    _error.WriteLine("Phone.Emulator phone: " + configError);
                    return ExitCodes.Unavailable;
                }
            }
            try
            {
                return RunConfigured(cfg, log, input, readKey, showEntry);
            }
            finally
            {
                ownLog?.Dispose();
            }
        }

        private int RunConfigured(ProvisioningConfig cfg, ILog log, TextReader input, Func<ConsoleKeyInfo?> readKey, Action<string> showEntry)
        {
            // Options win over the file / the provisioned values (an engineer's overrides at the bench).
            if (_o.User != null) cfg.Set("account.1.user", _o.User);
            if (cfg.GetString("account.1.user").Length == 0) cfg.Set("account.1.user", "201");
            if (_o.Password != null) cfg.Set("account.1.password", _o.Password);
            if (_o.Pbx != null)
            {
                cfg.Set("account.1.registrar", _o.Pbx);
                cfg.Set("account.1.enabled", "true");
            }
            foreach (string d in _o.Directory)
            {
                PhoneOptions.TryDirectoryEntry(d, out string ext, out NetEndPoint ep);
                cfg.Set("directory." + ext, ext + ", " + NetEndPoint.AddressToString(ep.Address) + ":" + ep.Port);
            }
            string user = cfg.GetString("account.1.user");
            int sipPort = _o.SipPort >= 0 ? _o.SipPort : OwnDirectoryPort(cfg, user);
            AgentConfig config = AgentConfig.FromConfig(cfg, 1, Loopback, sipPort, 0);
            config.UserAgent = "Phone/0.1 emulator " + _o.Mac;
            if (_o.Dns != null)
            {
                // TryHostPort's default port is SIP's; a DNS server without one listens on 53.
                AgentConfig.TryHostPort(_o.Dns.IndexOf(':') < 0 ? _o.Dns + ":53" : _o.Dns, out _, out NetEndPoint dns);
                config.DnsServer = dns;
            }
            else if (config.RegistrarName != null)
            {
                log.Write(LogLevel.Warning, "sip", "registrar " + config.RegistrarName + " is a name and no --dns server was given: not registering");
            }

            IAudioPort audio;
            Func<System.Collections.Generic.IReadOnlyList<short>> played;
            try
            {
                audio = MakeAudio(out played);
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                _error.WriteLine("Phone.Emulator phone: --mic " + _o.Mic + ": " + e.Message);
                return ExitCodes.Unavailable;
            }

            HostPhone phone;
            try
            {
                phone = new HostPhone(config, audio, log, (int)(Convert.ToInt64(_o.Mac, 16) & 0x7fffffff));
            }
            catch (HostPhoneException e)
            {
                _error.WriteLine("Phone.Emulator phone: " + e.Message + ". Choose another with --sip-port, or 0 for a free port.");
                return ExitCodes.Unavailable;
            }
            using (phone)
            {
                string name = user + " (" + _o.Mac + ")";
                _view.Event("phone " + name + ": SIP 127.0.0.1:" + config.SipPort + ", RTP " + config.RtpPortBase + "-" + (config.RtpPortBase + 2 * config.MaxCalls - 1)
                    + ", " + (config.UsesRegistrar ? "registering at " + config.Registrar : "direct mode")
                    + (config.DirectoryExtensions.Length > 0 ? ", directory " + string.Join(" ", config.DirectoryExtensions) : "")
                    + ", microphone " + _o.Mic);
                phone.Start();
                if (config.UsesRegistrar)
                {
                    bool registered = _view.Progress("registering at " + config.Registrar, report =>
                    {
                        var sw = System.Diagnostics.Stopwatch.StartNew();
                        while (sw.ElapsedMilliseconds < RegisterWaitMs)
                        {
                            if (phone.Get(a => a.IsRegistered)) return true;
                            report(phone.Get(a => Phone.Core.Sip.Registration.RegistrationStateNames.Name(a.RegistrationState)), 0, 0);
                            System.Threading.Thread.Sleep(50);
                        }
                        return false;
                    });
                    _view.Event(registered ? "registered" : "not registered yet (" + phone.Get(a => a.Registration.StateReason) + "); it keeps trying");
                }
                var console = new PhoneConsole(phone, name, _view);
                _console = console;
                if (_interrupted) console.RequestQuit();
                int exit = readKey != null ? console.RunKeys(readKey, showEntry ?? (_ => { })) : console.RunLines(input);
                Final = console.Snapshot();
                DigitsReceived = console.DigitsReceived;
                phone.Stop();
                if (_o.Speaker != null)
                {
                    short[] heard = phone.Get(a => System.Linq.Enumerable.ToArray(played()));
                    WavFile.Write(Path.GetFullPath(_o.Speaker), heard, AudioFormat.SampleRate);
                    _view.Event("speaker recording written: " + Path.GetFullPath(_o.Speaker) + " (" + (heard.Length / AudioFormat.SampleRate) + " s)");
                }
                _view.Event(Final.ToLine());
                return exit;
            }
        }

        private IAudioPort MakeAudio(out Func<System.Collections.Generic.IReadOnlyList<short>> played)
        {
            if (_o.Mic == "voice")
            {
                var v = new SignalAudioPort(440, 1330);
                played = () => v.Played;
                return v;
            }
            WavAudioPort w = _o.Mic == "silence" ? new WavAudioPort(new short[0], false)
                : _o.Mic.StartsWith("tone:") ? WavAudioPort.Tone(double.Parse(_o.Mic.Substring(5), CultureInfo.InvariantCulture))
                : WavAudioPort.FromWav(_o.Mic, !_o.MicOnce);
            played = () => w.Played;
            return w;
        }

        private EmulatedDevice OpenProvisioned(string dir, out string error)
        {
            error = null;
            string ca;
            try
            {
                ca = File.ReadAllText(_o.CaFile);
            }
            catch (IOException e)
            {
                error = "--ca " + _o.CaFile + ": " + e.Message;
                return null;
            }
            var device = new EmulatedDevice(_o.Mac, dir, ca, null, (int)(Convert.ToInt64(_o.Mac, 16) & 0x7fffffff));
            if (!device.EnterSetup(_o.ProvisionUrl, _o.Token, out error))
            {
                device.Dispose();
                error = "setup entry refused: " + error;
                return null;
            }
            return device;
        }

        private static bool ReadConfig(string path, ProvisioningConfig into, ILog log, out string error)
        {
            byte[] data;
            try
            {
                data = File.ReadAllBytes(path);
            }
            catch (IOException e)
            {
                error = "--config " + path + ": " + e.Message;
                return false;
            }
            if (!ConfigParser.TryParse(data, 0, data.Length, into, log, path, out error))
            {
                error = "--config " + path + ": " + error;
                return false;
            }
            return true;
        }

        private static int OwnDirectoryPort(ProvisioningConfig cfg, string user)
        {
            // A desk listens where its own office-directory entry says; without one, the SIP default.
            string own = cfg.GetString("directory." + user);
            int comma = own.LastIndexOf(',');
            return comma >= 0 && AgentConfig.TryHostPort(own.Substring(comma + 1).Trim(), out _, out NetEndPoint ep) ? ep.Port : 5060;
        }
    }
}
