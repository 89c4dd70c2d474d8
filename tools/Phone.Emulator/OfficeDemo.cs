// The emulated office: a provisioning server, devices that provision themselves, a call between two desks, a report.
namespace Phone.Emulator
{
    using System;
    using System.Collections.Generic;
    using System.Diagnostics;
    using System.Globalization;
    using System.IO;
    using System.Net.Sockets;
    using System.Threading;
    using Phone.Core.Media.Codecs;
    using Phone.Core.Net;
    using Phone.Core.Quality;
    using Phone.Host.Audio;
    using Phone.ProvisioningServer;

    internal sealed class OfficeDemo
    {
        private const int ProvisioningTimeoutMs = 30000;
        private readonly OfficeOptions _o;
        private readonly TextWriter _out;
        private readonly List<string> _failures = new List<string>();

        public OfficeDemo(OfficeOptions options, TextWriter output)
        {
            _o = options;
            _out = output;
        }

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
                return 1;
            }
            catch (SocketException e)
            {
                Console.Error.WriteLine("Phone.Emulator office: network error: " + e.Message);
                return 1;
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
            List<OfficeDevice> office = OfficeData.Write(dataDir, _o.Devices);

            var serverOptions = new ProvisioningServerOptions { DataDir = dataDir, Port = _o.ProvisioningPort, WriteSamples = false };
            await using ProvisioningServerHost server = await ProvisioningServerHost.StartAsync(serverOptions);
            Step("provisioning server listening on " + server.BaseUrl + " (self-signed CA written to " + Path.Combine(dataDir, "ca.pem") + ")");

            // Boot every device at once, as when power returns to an office.
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

            // The caller looks the callee up in the office directory it was provisioned with (the local-mode path).
            EmulatedDevice caller = devices[0], callee = devices[1];
            string calleeExt = callee.Provisioning.Current.GetString("account.1.user");
            string entry = caller.Provisioning.Current.GetString("directory." + calleeExt);
            if (entry.Length == 0)
            {
                Fail("device " + caller.Mac + " has no directory entry for extension " + calleeExt);
                return Finish();
            }
            Step("calling extension " + calleeExt + " from " + caller.Provisioning.Current.GetString("account.1.user") + " via the office directory (" + entry + ")");
            Step("signalling: not yet SIP — the media session is set up in-process (PCMU, telephone-event 101); SIP call setup is a later step");

            CallResult call = RunCall();
            Report(devices, call);
            return Finish();
        }

        private CallResult RunCall()
        {
            using var a = new CallLeg("caller", 440, 1330);
            using var b = new CallLeg("callee", 620, 1750);
            var clock = Stopwatch.StartNew();
            long now = clock.ElapsedMilliseconds;
            a.Start(b, G711.PayloadTypePcmu, 101, now, 11);
            b.Start(a, G711.PayloadTypePcmu, 101, now, 22);
            var result = new CallResult { A = a, B = b };
            const string digits = "2580#";
            int digitIndex = 0;
            long nextDigitMs = 500, frame = 0, endMs = _o.CallSeconds * 1000L;
            while (true)
            {
                // The devices' audio clock is the 20 ms frame tick, as on the board where I2S paces it: time passed to the
                // core is frame × 20 ms, and the loop only waits for the wall clock to keep real-time pace. A stall of
                // this host process then delays both devices alike instead of looking like network jitter.
                long target = frame * 20;
                while (clock.ElapsedMilliseconds < target) Thread.Sleep(1);
                now = target;
                a.Tick(now);
                b.Tick(now);
                if (digitIndex < digits.Length && now >= nextDigitMs && !a.Session.SendingDtmf)
                {
                    a.Session.SendDtmf(digits[digitIndex++], 100);
                    nextDigitMs = now + 200;
                }
                if (frame % 5 == 0)
                {
                    result.Seconds.Add(now / 1000.0);
                    result.JitterMs.Add(b.Session.Stats.JitterMs);
                    result.Lost.Add(b.Session.Stats.PacketsLost);
                }
                frame++;
                if (target >= endMs) break;
            }
            a.Session.Stop(now); // hang up: RTCP BYE (RFC 3550 §6.6)
            for (int i = 0; i < 25 && !b.Session.RemoteBye; i++)
            {
                b.Rtcp.WaitReadable(20);
                now += 20;
                b.Tick(now);
            }
            b.Session.Stop(now);
            result.DigitsSent = digits;
            result.ByeSeen = b.Session.RemoteBye;
            return result;
        }

        private void Report(EmulatedDevice[] devices, CallResult call)
        {
            string wavA = Path.Combine(_o.OutDir, "caller-heard.wav"), wavB = Path.Combine(_o.OutDir, "callee-heard.wav");
            WavFile.Write(wavA, call.A.Audio.Played, 8000);
            WavFile.Write(wavB, call.B.Audio.Played, 8000);
            string plot = Path.Combine(_o.OutDir, "call-jitter-loss.svg");
            SvgPlot.Write(plot, "Callee's receive side: jitter and loss over the call", call.Seconds, call.JitterMs, call.Lost);

            _out.WriteLine();
            _out.WriteLine("=== Call report ===");
            long slowest = 0;
            foreach (EmulatedDevice d in devices) slowest = Math.Max(slowest, d.ProvisionedAtMs);
            _out.WriteLine("boot to provisioned: slowest of " + devices.Length + " devices " + slowest + " ms");
            _out.WriteLine("boot to ready: " + slowest + " ms (no registration step yet: devices are ready once provisioned)");
            foreach (var (name, leg, peer) in new[] { ("caller", call.A, call.B), ("callee", call.B, call.A) })
            {
                var s = leg.Session.Stats;
                double lossPercent = s.PacketsReceived + s.PacketsLost > 0 ? 100.0 * s.PacketsLost / (s.PacketsReceived + s.PacketsLost) : 100;
                int rtt = s.RoundTripMs;
                double oneWay = (rtt > 0 ? rtt / 2.0 : 0) + s.JitterBufferDelayMs + 20; // network + buffer + packetisation
                double r = EModel.RFactor(oneWay, lossPercent, 1, concealment: true);
                // After the DTMF (audio is replaced by telephone-events while a digit is sent, RFC 4733 §2.5.1.1).
                int skip = 3 * 8000 / 2 + 8000, window = leg.Audio.Played.Count - skip - 800;
                double corr = AudioAnalysis.MedianWindowCorrelation(peer.Audio.Captured, leg.Audio.Played, skip, window, 1600, 3200, out int lag);
                _out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "{0}: RTP sent {1}, received {2}, lost {3} ({4:0.0} %), late {5}, concealed frames {6} (incl. gaps while DTMF events replace audio), jitter {7} ms, buffer {8} ms, RTT {9}, RTCP {10}/{11}",
                    name, s.PacketsSent, s.PacketsReceived, s.PacketsLost, lossPercent, s.PacketsLate, s.ConcealedFrames, s.JitterMs,
                    s.JitterBufferDelayMs, rtt >= 0 ? rtt + " ms" : "n/a", s.RtcpSent, s.RtcpReceived));
                _out.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "{0}: E-model R = {1:0.0}, MOS = {2:0.00}; heard the other side: correlation {3:0.000} at {4} ms delay, level {5:0.0} dBFS",
                    name, r, EModel.Mos(r), corr, lag / 8, AudioAnalysis.LevelDbfs(leg.Audio.Played, skip, window)));
                if (corr < 0.9) Fail(name + " did not hear the other side (correlation " + corr.ToString("0.000", CultureInfo.InvariantCulture) + " < 0.9)");
                if (s.PacketsReceived < 50 * (_o.CallSeconds - 1)) Fail(name + " received only " + s.PacketsReceived + " RTP packets");
                if (rtt < 0) Fail(name + " has no RTCP round-trip time");
            }
            string received = new string(call.B.DigitsReceived.ToArray());
            _out.WriteLine("DTMF (RFC 4733): sent \"" + call.DigitsSent + "\", callee received \"" + received + "\"");
            if (received != call.DigitsSent) Fail("DTMF digits differ");
            _out.WriteLine("hang-up: caller sent RTCP BYE; callee " + (call.ByeSeen ? "saw it" : "did NOT see it"));
            if (!call.ByeSeen) Fail("callee did not see the BYE");
            _out.WriteLine("not yet emulated: SIP signalling between the desks and hold/resume (the emulator does not use the core's SIP call layer yet)");
            _out.WriteLine("written: " + wavA + ", " + wavB + ", " + plot);
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
            if (!_o.Quiet) _out.WriteLine("[office] " + text);
        }

        private void Fail(string text) => _failures.Add(text);

        private sealed class CallResult
        {
            public CallLeg A;
            public CallLeg B;
            public string DigitsSent;
            public bool ByeSeen;
            public readonly List<double> Seconds = new List<double>();
            public readonly List<double> JitterMs = new List<double>();
            public readonly List<double> Lost = new List<double>();
        }
    }
}
