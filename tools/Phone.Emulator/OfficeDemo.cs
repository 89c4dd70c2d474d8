// The emulated office: a provisioning server, devices that provision themselves, a SIP call between two desks, a report.
namespace Phone.Emulator
{
    using System;
    using System.Collections.Generic;
    using System.Diagnostics;
    using System.Globalization;
    using System.IO;
    using System.Linq;
    using System.Net.Sockets;
    using System.Threading;
    using Phone.Core.Agent;
    using Phone.Core.Net;
    using Phone.Core.Quality;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Registration;
    using Phone.Host.Agent;
    using Phone.Host.Audio;
    using Phone.Host.Net;
    using Phone.ProvisioningServer;

    internal sealed class OfficeDemo
    {
        private const int ProvisioningTimeoutMs = 30000;
        private const int SignallingTimeoutMs = 5000;
        private const int HoldMs = 1500;
        private const int ResumeMs = 1500;
        private const string Digits = "2580#";
        private static readonly uint Loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
        private static readonly (double, double)[] Voices = { (440, 1330), (620, 1750), (510, 1090), (700, 1500), (380, 1200), (560, 1630), (470, 1410), (660, 1270), (590, 1810) };

        private readonly OfficeOptions _o;
        private readonly TextWriter _out;
        private readonly IStatusView _view;
        private readonly List<string> _failures = new List<string>();
        private volatile bool _liveSteps;   // steps go into the live display's events while it runs

        public OfficeDemo(OfficeOptions options, TextWriter output, IStatusView view = null)
        {
            _o = options;
            _out = output;
            _view = view;
        }

        /// <summary>Runs the demo: 0 all checks passed, 1 a check or a step failed, 2 the environment refused (a port taken).</summary>
        public int Run()
        {
            try
            {
                return RunAsync().GetAwaiter().GetResult();
            }
            catch (IOException e) when (e.InnerException is SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine("Phone.Emulator office: cannot start the provisioning server on 127.0.0.1:" + _o.ProvisioningPort
                    + ": the port is taken (" + e.Message + "). Choose another with --prov-port, or 0 for any free port.");
                return 2;
            }
            catch (HostPhoneException e)
            {
                Console.Error.WriteLine("Phone.Emulator office: cannot open a desk's sockets: " + e.Message
                    + ". Choose other SIP ports with --sip-port-base, or 0 for any free ports.");
                return 2;
            }
            catch (SocketException e)
            {
                Console.Error.WriteLine("Phone.Emulator office: network error: " + e.Message);
                return 2;
            }
        }

        private async System.Threading.Tasks.Task<int> RunAsync()
        {
            Directory.CreateDirectory(_o.OutDir);
            string dataDir = Path.Combine(_o.OutDir, "prov-data");
            string devicesDir = Path.Combine(_o.OutDir, "devices");
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, true);
            if (Directory.Exists(devicesDir)) Directory.Delete(devicesDir, true);
            Step("writing the office's provisioning data (" + _o.Devices + " devices) to " + dataDir);
            List<OfficeDevice> office = OfficeData.Write(dataDir, _o.Devices, SipPorts(), _o.Pbx, _o.Password, _o.FirstExtension);

            var serverOptions = new ProvisioningServerOptions { DataDir = dataDir, Port = _o.ProvisioningPort, WriteSamples = false };
            await using ProvisioningServerHost server = await ProvisioningServerHost.StartAsync(serverOptions);
            Step("provisioning server listening on " + server.BaseUrl + " (self-signed CA written to " + Path.Combine(dataDir, "ca.pem") + ")");

            // Boot every device at once, as when power returns to an office.
            var clock = Stopwatch.StartNew();
            var devices = new EmulatedDevice[office.Count];
            var booted = new bool[office.Count];
            var threads = new Thread[office.Count];
            for (int i = 0; i < office.Count; i++)
            {
                OfficeDevice d = office[i];
                devices[i] = new EmulatedDevice(d.Mac, Path.Combine(devicesDir, d.Mac), server.CaPem, null, d.Extension);
                if (!devices[i].EnterSetup(server.BaseUrl + "/prov/", d.Token, out string error))
                {
                    Fail("device " + d.Mac + ": setup entry refused: " + error);
                    return Finish();
                }
                int k = i;
                threads[i] = new Thread(() => booted[k] = devices[k].BootUntilProvisioned(ProvisioningTimeoutMs)) { IsBackground = true };
                threads[i].Start();
            }
            if (_view != null && _view.IsLive)
            {
                // A person at a terminal sees the boot as it happens (the lines below follow once all are done).
                _view.Progress("booting " + office.Count + " devices: provisioning over HTTPS", report =>
                {
                    int finished;
                    do
                    {
                        finished = Array.FindAll(threads, t => !t.IsAlive).Length;
                        report("provisioned", Array.FindAll(booted, b => b).Length, office.Count);
                        Thread.Sleep(50);
                    }
                    while (finished < threads.Length);
                    return finished;
                });
            }
            foreach (Thread t in threads) t.Join();
            for (int i = 0; i < devices.Length; i++)
            {
                EmulatedDevice d = devices[i];
                if (!booted[i])
                {
                    Fail("device " + d.Mac + " was not provisioned within " + ProvisioningTimeoutMs / 1000 + " s (see " + Path.Combine(devicesDir, d.Mac, "device.log") + ")");
                    continue;
                }
                Step("device " + d.Mac + " provisioned in " + d.ProvisionedAtMs + " ms: extension " + d.Provisioning.Current.GetString("account.1.user")
                    + " \"" + d.Provisioning.Current.GetString("account.1.display_name") + "\"");
            }
            if (_failures.Count > 0) return Finish();

            // Each desk builds its phone from what it was provisioned with: account, tones, dial plan, directory. Its own
            // directory entry says where it listens on the office LAN.
            var desks = new List<Desk>();
            try
            {
                for (int i = 0; i < devices.Length; i++)
                {
                    Desk desk = OpenDesk(devices[i], i, clock);
                    if (desk == null) return Finish();
                    desks.Add(desk);
                }
                foreach (Desk desk in desks) desk.Phone.Start();
                foreach (Desk desk in desks)
                {
                    if (!WaitReady(desk)) return Finish();
                }
                // On a terminal the call runs under a live table of every desk (registration, line, RTP, loss, jitter).
                CallResult call = _view != null && _view.IsLive ? UnderLiveTable(desks, () => RunCall(desks[0], desks[1])) : RunCall(desks[0], desks[1]);
                if (call != null) Report(desks, call);
                foreach (Desk desk in desks)
                {
                    if (desk.Phone.Config.UsesRegistrar)
                    {
                        desk.Phone.Do((a, now) => a.Unregister(now));
                        desk.Phone.WaitUntil(a => a.RegistrationState == RegistrationState.Unregistered, 3000);
                    }
                }
            }
            finally
            {
                foreach (Desk desk in desks) desk.Phone.Dispose();
            }
            return Finish();
        }

        private int[] SipPorts()
        {
            var ports = new int[_o.Devices];
            for (int i = 0; i < ports.Length; i++)
            {
                if (_o.SipPortBase != 0)
                {
                    ports[i] = _o.SipPortBase + i;
                    continue;
                }
                // Free ports now; the desk binds them a moment later (a clash is reported like any taken port).
                using var probe = new HostDatagramSocket(new NetEndPoint(Loopback, 0));
                ports[i] = probe.LocalEndPoint.Port;
            }
            return ports;
        }

        private Desk OpenDesk(EmulatedDevice device, int index, Stopwatch clock)
        {
            var cfg = device.Provisioning.Current;
            string ext = cfg.GetString("account.1.user");
            string own = cfg.GetString("directory." + ext);
            int comma = own.LastIndexOf(',');
            if (comma < 0 || !AgentConfig.TryHostPort(own.Substring(comma + 1).Trim(), out _, out NetEndPoint sip))
            {
                Fail("device " + device.Mac + " has no directory entry for its own extension " + ext + " (its LAN address)");
                return null;
            }
            AgentConfig config = AgentConfig.FromConfig(cfg, 1, Loopback, sip.Port, 0);
            (double f1, double f2) = Voices[index % Voices.Length];
            var audio = new SignalAudioPort(f1, f2);
            var phone = new HostPhone(config, audio, device.Log, 1000 + index, clock);
            Step("desk " + ext + ": SIP 127.0.0.1:" + config.SipPort + ", RTP " + config.RtpPortBase + "-" + (config.RtpPortBase + 2 * config.MaxCalls - 1)
                + ", " + (config.UsesRegistrar ? "registering at " + config.Registrar : "direct mode") + ", directory " + string.Join(" ", config.DirectoryExtensions));
            return new Desk { Device = device, Phone = phone, Audio = audio, Extension = ext };
        }

        private bool WaitReady(Desk desk)
        {
            if (desk.Phone.Config.UsesRegistrar)
            {
                if (!desk.Phone.WaitUntil(a => a.IsRegistered, 10000))
                {
                    RegistrationState state = desk.Phone.Get(a => a.RegistrationState);
                    Fail("desk " + desk.Extension + " did not register at " + desk.Phone.Config.Registrar + " (" + RegistrationStateNames.Name(state) + ", "
                        + desk.Phone.Get(a => a.Registration.StateReason) + ")");
                    return false;
                }
            }
            desk.ReadyAtMs = desk.Phone.Now;
            return true;
        }

        private CallResult RunCall(Desk caller, Desk callee)
        {
            HostPhone a = caller.Phone, b = callee.Phone;
            // Through a PBX the callee is addressed by its AOR; without one the directory gives its desk.
            bool viaPbx = a.Config.UsesRegistrar;
            string target = viaPbx ? "sip:" + callee.Extension + "@" + a.Config.Domain : callee.Extension;
            Step("desk " + caller.Extension + " dials " + callee.Extension + (viaPbx
                ? " through the PBX " + a.Config.Registrar + " (" + target + ")"
                : " straight to its desk from the office directory (SIP INVITE over UDP on 127.0.0.1)"));
            var result = new CallResult { Caller = caller, Callee = callee };
            bool dialled = false;
            result.DialAtMs = a.Now;
            a.Do((p, now) => dialled = p.Dial(target, now));
            if (!dialled || !b.WaitUntil(p => p.State == PhoneState.Ringing, SignallingTimeoutMs))
            {
                Fail("desk " + callee.Extension + " did not ring (caller: " + a.Get(p => PhoneStateNames.Name(p.State)) + ")");
                return null;
            }
            result.RingingAtMs = b.Now;
            bool ringback = a.WaitUntil(p => p.Tone == LineTone.Ringback, 1000);
            Step("desk " + callee.Extension + " rings; the caller hears " + (ringback ? "ringback" : "no ringback (early media or none)"));
            Thread.Sleep(400);
            result.AnswerAtMs = b.Now;
            b.Do((p, now) => p.Answer(now));
            if (!a.WaitUntil(p => p.State == PhoneState.Talking && p.MediaActive, SignallingTimeoutMs)
                || !b.WaitUntil(p => p.State == PhoneState.Talking && p.MediaActive, SignallingTimeoutMs))
            {
                Fail("the call did not connect (caller " + a.Get(p => PhoneStateNames.Name(p.State)) + ", callee " + b.Get(p => PhoneStateNames.Name(p.State)) + ")");
                return null;
            }
            result.ConnectedAtMs = a.Now;
            result.Codec = a.Get(p => p.ActiveCall.Media.Codec);
            Step("connected (" + (result.Codec == SdpOfferAnswer.Pcma ? "PCMA" : "PCMU") + "); talking for " + _o.CallSeconds + " s, the caller keys \"" + Digits + "\" (RFC 4733)");

            long talkEnd = result.ConnectedAtMs + _o.CallSeconds * 1000L;
            long nextDigit = result.ConnectedAtMs + 500;
            int digit = 0;
            while (a.Now < talkEnd)
            {
                if (digit < Digits.Length && a.Now >= nextDigit)
                {
                    char d = Digits[digit++];
                    a.Do((p, now) => p.SendDtmf(d, now));
                    nextDigit = a.Now + 50;
                }
                Sample(result);
                Thread.Sleep(100);
            }
            result.DigitsReceived = b.Get(p => { string s = ""; while (p.TryReadDtmf(out char c)) s += c; return s; });

            // Hold (re-INVITE a=sendonly, RFC 3264 §8.4): both sides stop sending; then resume.
            Step("hold for " + HoldMs / 1000.0 + " s, then resume");
            bool held = false;
            a.Do((p, now) => held = p.Hold(true, now));
            result.HoldAtMs = a.Now;
            result.HoldAccepted = held && b.WaitUntil(p => p.ActiveCall != null && p.ActiveCall.Media.LocalDirection == SdpDirection.RecvOnly, SignallingTimeoutMs)
                && a.WaitUntil(p => p.Media != null && !p.Media.SendEnabled, SignallingTimeoutMs);
            WaitSampling(result, result.HoldAtMs + HoldMs);
            bool resumed = false;
            a.Do((p, now) => resumed = p.Hold(false, now));
            result.ResumeAtMs = a.Now;
            result.ResumeAccepted = resumed && b.WaitUntil(p => p.ActiveCall != null && p.ActiveCall.Media.LocalDirection == SdpDirection.SendRecv, SignallingTimeoutMs);
            WaitSampling(result, result.ResumeAtMs + ResumeMs);

            // Hang-up: the caller goes on hook (BYE); the callee hears reorder and hangs up too.
            result.HangupAtMs = a.Now;
            a.Do((p, now) => p.Hangup(now));
            result.ByeSeen = b.WaitUntil(p => p.ActiveCall == null && p.State == PhoneState.Finished, SignallingTimeoutMs);
            result.CalleeEndCode = b.Get(p => p.Calls.GetCall(0).EndCode);
            b.Do((p, now) => p.Hangup(now));
            result.BothIdle = a.WaitUntil(p => p.Calls.ActiveCalls == 0 && p.State == PhoneState.OnHook, SignallingTimeoutMs)
                && b.WaitUntil(p => p.Calls.ActiveCalls == 0 && p.State == PhoneState.OnHook, SignallingTimeoutMs);
            a.Stop();
            b.Stop();
            return result;
        }

        private CallResult UnderLiveTable(List<Desk> desks, Func<CallResult> run)
        {
            CallResult result = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo error = null;
            var worker = new Thread(() =>
            {
                try { result = run(); }
                catch (Exception e) { error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e); }
            }) { IsBackground = true, Name = "office call" };
            _liveSteps = true;
            try
            {
                worker.Start();
                _view.Run(() =>
                {
                    bool finished = worker.Join(200);
                    _view.Update(desks.Select(d => d.Phone.Get(a => DeviceStatus.From("desk " + d.Extension, a))).ToArray());
                    return !finished;
                });
            }
            finally
            {
                worker.Join();
                _liveSteps = false;
            }
            error?.Throw();
            return result;
        }

        private void WaitSampling(CallResult result, long untilMs)
        {
            while (result.Caller.Phone.Now < untilMs)
            {
                Sample(result);
                Thread.Sleep(100);
            }
        }

        private static void Sample(CallResult r)
        {
            long now = r.Callee.Phone.Now;
            var s = r.Callee.Phone.Get(p => p.MediaStats);
            if (s == null) return;
            r.Seconds.Add((now - r.ConnectedAtMs) / 1000.0);
            r.JitterMs.Add(s.JitterMs);
            r.Lost.Add(s.PacketsLost);
        }

        private void Report(List<Desk> desks, CallResult call)
        {
            Desk a = call.Caller, b = call.Callee;
            // Recordings of the call only (connect to hang-up), as each desk's speaker played them.
            short[] heardA = Slice(a, call.ConnectedAtMs, call.HangupAtMs), heardB = Slice(b, call.ConnectedAtMs, call.HangupAtMs);
            string wavA = Path.Combine(_o.OutDir, "caller-heard.wav"), wavB = Path.Combine(_o.OutDir, "callee-heard.wav");
            WavFile.Write(wavA, heardA, 8000);
            WavFile.Write(wavB, heardB, 8000);
            string plot = Path.Combine(_o.OutDir, "call-jitter-loss.svg");
            SvgPlot.Write(plot, "Callee's receive side: jitter and loss over the call", call.Seconds, call.JitterMs, call.Lost);

            _out.WriteLine();
            _out.WriteLine("=== Call report ===");
            long slowestProv = desks.Max(d => d.Device.ProvisionedAtMs);
            long slowestReady = desks.Max(d => d.ReadyAtMs);
            _out.WriteLine("boot to provisioned: slowest of " + desks.Count + " devices " + slowestProv + " ms");
            _out.WriteLine("boot to ready: slowest " + slowestReady + " ms (" + (a.Phone.Config.UsesRegistrar ? "registered at the PBX" : "SIP and RTP sockets open, direct mode") + ")");
            _out.WriteLine("signalling: SIP over UDP, INVITE to ringing " + (call.RingingAtMs - call.DialAtMs) + " ms, answer to both talking "
                + (call.ConnectedAtMs - call.AnswerAtMs) + " ms, codec " + (call.Codec == SdpOfferAnswer.Pcma ? "PCMA" : "PCMU")
                + "; SIP messages sent by the caller " + a.Phone.Get(p => p.Transport.Stats.Sent) + ", received " + a.Phone.Get(p => p.Transport.Stats.Received));
            int rtts = 0;
            foreach (var (name, leg, peer) in new[] { ("caller", a, b), ("callee", b, a) })
            {
                var s = leg.Phone.Get(p => p.MediaStats);
                double lossPercent = s.PacketsReceived + s.PacketsLost > 0 ? 100.0 * s.PacketsLost / (s.PacketsReceived + s.PacketsLost) : 100;
                int rtt = s.RoundTripMs;
                double oneWay = (rtt > 0 ? rtt / 2.0 : 0) + s.JitterBufferDelayMs + 20; // network + buffer + packetisation
                double r = EModel.RFactor(oneWay, lossPercent, 1, concealment: true);
                // Talk phase after the DTMF (RFC 4733 §2.5.1.1: events replace the audio while a digit is sent).
                long from = call.ConnectedAtMs + 1500, to = call.HoldAtMs - 100;
                // Delays from −400 ms to +1 s are searched: the desks' threads are paced separately on a shared machine.
                short[] heard = Slice(leg, from, to);
                short[] sent = Slice(peer, from - 1000, to + 400, captured: true);
                double corr = AudioAnalysis.MedianWindowCorrelation(sent, 8000, heard, 1600, -3200, 8000, out int lag);
                _out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "{0}: RTP sent {1}, received {2}, lost {3} ({4:0.0} %), late {5}, concealed frames {6} (incl. DTMF and hold gaps), jitter {7} ms, buffer {8} ms, RTT {9}, RTCP {10}/{11}",
                    name, s.PacketsSent, s.PacketsReceived, s.PacketsLost, lossPercent, s.PacketsLate, s.ConcealedFrames, s.JitterMs,
                    s.JitterBufferDelayMs, rtt >= 0 ? rtt + " ms" : "n/a", s.RtcpSent, s.RtcpReceived));
                _out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "{0}: E-model R = {1:0.0}, MOS = {2:0.00}; heard the other side: correlation {3:0.000} at {4} ms delay, level {5:0.0} dBFS",
                    name, r, EModel.Mos(r), corr, lag / 8, AudioAnalysis.LevelDbfs(heard, 0, heard.Length)));
                if (corr < 0.9) Fail(name + " did not hear the other side (correlation " + corr.ToString("0.000", CultureInfo.InvariantCulture) + " < 0.9)");
                if (s.PacketsReceived < 50 * (_o.CallSeconds - 1)) Fail(name + " received only " + s.PacketsReceived + " RTP packets");
                if (rtt >= 0) rtts++;

                // Hold: silence from shortly after the re-INVITE until resume; audio back after resume.
                double onHold = AudioAnalysis.LevelDbfs(Slice(leg, call.HoldAtMs + 500, call.ResumeAtMs), 0, int.MaxValue);
                double resumedLevel = AudioAnalysis.LevelDbfs(Slice(leg, call.ResumeAtMs + 500, call.HangupAtMs), 0, int.MaxValue);
                _out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: on hold {1:0.0} dBFS, after resume {2:0.0} dBFS{3}", name, onHold, resumedLevel,
                    leg.Phone.SkippedFrames > 0 ? " (host stalls: " + leg.Phone.SkippedFrames + " audio frames skipped)" : ""));
                if (onHold > -50) Fail(name + " still heard audio on hold (" + onHold.ToString("0.0", CultureInfo.InvariantCulture) + " dBFS)");
                if (resumedLevel < -30) Fail(name + " heard nothing after resume (" + resumedLevel.ToString("0.0", CultureInfo.InvariantCulture) + " dBFS)");
            }
            // RTCP reports go out every 5 s × [0.5, 1.5] (RFC 3550 §6.3): in a call of a few seconds only one side may
            // have had its SR answered; none means RTCP is broken.
            if (rtts == 0) Fail("no RTCP round-trip time on either side");
            _out.WriteLine("DTMF (RFC 4733): sent \"" + Digits + "\", callee received \"" + call.DigitsReceived + "\"");
            if (call.DigitsReceived != Digits) Fail("DTMF digits differ");
            _out.WriteLine("hold/resume: re-INVITE sendonly " + (call.HoldAccepted ? "accepted (callee recvonly, nobody sends)" : "NOT accepted")
                + ", resume " + (call.ResumeAccepted ? "accepted (sendrecv)" : "NOT accepted"));
            if (!call.HoldAccepted) Fail("hold was not accepted");
            if (!call.ResumeAccepted) Fail("resume was not accepted");
            _out.WriteLine("hang-up: caller sent BYE; callee " + (call.ByeSeen ? "saw it (call ended " + call.CalleeEndCode + ")" : "did NOT see it")
                + "; both idle: " + (call.BothIdle ? "yes" : "NO"));
            if (!call.ByeSeen) Fail("callee did not see the BYE");
            if (!call.BothIdle) Fail("the desks did not return to idle");
            _out.WriteLine("written: " + wavA + ", " + wavB + ", " + plot);
        }

        /// <summary>What a desk played (or captured) between two agent times, from its recording.</summary>
        private static short[] Slice(Desk desk, long fromMs, long toMs, bool captured = false)
        {
            IReadOnlyList<short> stream = captured ? desk.Audio.Captured : desk.Audio.Played;
            long start = (fromMs - desk.Phone.AudioStartMs) * 8;
            long end = (toMs - desk.Phone.AudioStartMs) * 8;
            if (start < 0) start = 0;
            if (end > stream.Count) end = stream.Count;
            if (end <= start) return new short[0];
            var r = new short[end - start];
            for (long i = start; i < end; i++) r[i - start] = stream[(int)i];
            return r;
        }

        private int Finish()
        {
            _out.WriteLine();
            if (_failures.Count == 0)
            {
                _out.WriteLine("office demo: all checks passed");
                return 0;
            }
            foreach (string f in _failures)
            {
                _out.WriteLine("FAILED: " + f);
                if (_out != Console.Out) Console.Error.WriteLine("FAILED: " + f);
            }
            return 1;
        }

        private void Step(string text)
        {
            if (_o.Quiet) return;
            if (_liveSteps) _view.Event("[office] " + text);
            else _out.WriteLine("[office] " + text);
        }

        private void Fail(string text) => _failures.Add(text);

        private sealed class Desk
        {
            public EmulatedDevice Device;
            public HostPhone Phone;
            public SignalAudioPort Audio;
            public string Extension;
            public long ReadyAtMs;
        }

        private sealed class CallResult
        {
            public Desk Caller;
            public Desk Callee;
            public int Codec;
            public long DialAtMs, AnswerAtMs, RingingAtMs, ConnectedAtMs, HoldAtMs, ResumeAtMs, HangupAtMs;
            public string DigitsReceived = "";
            public bool HoldAccepted, ResumeAccepted, ByeSeen, BothIdle;
            public int CalleeEndCode;
            public readonly List<double> Seconds = new List<double>();
            public readonly List<double> JitterMs = new List<double>();
            public readonly List<double> Lost = new List<double>();
        }
    }
}
