// The interactive `phone` command driven by a script: it calls, holds, resumes, sends DTMF, transfers and hangs up
// against HostPhones on 127.0.0.1, and answers their calls; the peers' states and events are asserted.
namespace Phone.Emulator.Tests
{
    using System;
    using System.IO;
    using System.Linq;
    using Phone.Core.Agent;
    using Phone.Core.Net;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;
    using Phone.Host.Agent;
    using Phone.Host.Audio;
    using Spectre.Console.Testing;

    public sealed class PhoneConsoleTests : IDisposable
    {
        private static readonly uint Loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "phone-test-" + Guid.NewGuid().ToString("N"));

        public PhoneConsoleTests() => Directory.CreateDirectory(_dir);

        public void Dispose()
        {
            if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
        }

        private static HostPhone Peer(string user, SignalAudioPort audio, int seed)
        {
            var cfg = new AgentConfig { User = user, Domain = "127.0.0.1", LocalAddress = Loopback, SipPort = 0, RtpPortBase = 0 };
            var phone = new HostPhone(cfg, audio, null, seed);
            phone.Start();
            return phone;
        }

        /// <summary>The console phone's run on its own thread (the test drives the peers meanwhile).</summary>
        private sealed class Running
        {
            private readonly System.Threading.Thread _thread;

            public Running(Func<int> run)
            {
                _thread = new System.Threading.Thread(() => Result = run()) { IsBackground = true };
                _thread.Start();
            }

            public int Result { get; private set; } = -1;

            public bool Wait(int ms) => _thread.Join(ms);
        }

        private (PhoneRun Run, StringWriter Output, Running Exit) StartPhone(string script, params string[] args)
        {
            var all = new[] { "--mac", "00:11:22:33:44:55", "--user", "101", "--sip-port", "0", "--data", Path.Combine(_dir, "dev") }.Concat(args).ToArray();
            PhoneOptions options = PhoneOptions.Parse(all, 0, out string error);
            Assert.True(options != null, error);
            var output = new StringWriter();
            var view = new PlainStatusView(TextWriter.Synchronized(output));
            var run = new PhoneRun(options, view, TextWriter.Synchronized(output));
            var exit = new Running(() => run.Run(new StringReader(script)));
            return (run, output, exit);
        }

        private static double Goertzel(short[] x, int start, int count, double hz)
        {
            double w = 2 * Math.PI * hz / 8000, coeff = 2 * Math.Cos(w), s1 = 0, s2 = 0;
            for (int i = start; i < start + count && i < x.Length; i++)
            {
                double s0 = x[i] + coeff * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            return 2 * Math.Sqrt(Math.Max(0, s1 * s1 + s2 * s2 - coeff * s1 * s2)) / count;
        }

        /// <summary>The strongest 1000 Hz level in any 200 ms window of the last <paramref name="ms"/> the peer played, and the 500 Hz level there.</summary>
        private static (double Tone, double Other) Heard(HostPhone phone, SignalAudioPort audio, int ms)
        {
            short[] played = phone.Get(_ => audio.Played.ToArray());
            double best = 0, other = 0;
            for (int start = Math.Max(0, played.Length - ms * 8); start + 1600 <= played.Length; start += 800)
            {
                double t = Goertzel(played, start, 1600, 1000);
                if (t > best)
                {
                    best = t;
                    other = Goertzel(played, start, 1600, 500);
                }
            }
            return (best, other);
        }

        [Fact]
        public void ScriptedConsoleCallsWithAWavMicrophoneHoldsResumesSendsDtmfTransfersAndHangsUp()
        {
            // The microphone is a WAV file of a 1000 Hz tone; the callee must hear exactly that.
            string wav = Path.Combine(_dir, "mic.wav");
            WavFile.Write(wav, Sine(1000, 8000, 2, 10000), 8000);
            var audioB = new SignalAudioPort(500, 500, 6000);
            var audioC = new SignalAudioPort(700, 700, 6000);
            using HostPhone b = Peer("102", audioB, 21);
            using HostPhone c = Peer("103", audioC, 31);
            string script = string.Join("\n",
                "# call desk 102, talk, hold, resume, key two digits, transfer 102 to 103",
                "dial 102", "wait talking 8000", "wait 2500",
                "hold", "wait held 5000", "wait 1000",
                "resume", "wait resumed 5000", "wait 1000",
                "47",
                "wait 1500",
                "transfer 103", "wait finished 15000",
                "hangup", "status", "quit");
            var (run, output, exit) = StartPhone(script, "--mic", wav, "--dir", "102=127.0.0.1:" + b.SipEndPoint.Port, "--dir", "103=127.0.0.1:" + c.SipEndPoint.Port,
                "--speaker", Path.Combine(_dir, "heard.wav"));

            Assert.True(b.WaitUntil(p => p.State == PhoneState.Ringing, 8000), "102 rings");
            Assert.StartsWith("sip:101@", b.Get(p => p.ActiveCall.RemoteUri));
            b.Do((p, now) => Assert.True(p.Answer(now)));
            Assert.True(b.WaitUntil(p => p.State == PhoneState.Talking && p.MediaActive, 5000), "102 talking");
            Assert.True(b.WaitUntil(p => p.MediaStats.PacketsReceived > 50, 5000), "RTP from the console phone reaches 102");
            var (tone, other) = Heard(b, audioB, 1500);
            Assert.True(tone > 3000 && other < tone / 10, "102 hears the WAV's 1000 Hz: " + tone + " (500 Hz: " + other + ")");

            // Hold: the console's re-INVITE is sendonly, so 102 answers recvonly (RFC 3264 §8.4), then resume.
            Assert.True(b.WaitUntil(p => p.ActiveCall != null && p.ActiveCall.Media.RemoteHold && p.ActiveCall.Media.LocalDirection == SdpDirection.RecvOnly, 8000), "102 sees hold");
            Assert.True(b.WaitUntil(p => p.ActiveCall != null && !p.ActiveCall.Media.RemoteHold && p.ActiveCall.Media.LocalDirection == SdpDirection.SendRecv, 8000), "102 sees resume");
            // Keys typed during the call go out as RFC 4733 events.
            Assert.True(b.WaitUntil(p => p.PendingDtmf >= 2, 8000), "102 receives the digits");
            Assert.Equal("47", b.Get(p => { string s = ""; while (p.TryReadDtmf(out char d)) s += d; return s; }));

            // Blind transfer: 102 gets the REFER, calls 103 itself; the console phone hangs up once 103 answered.
            Assert.True(c.WaitUntil(p => p.State == PhoneState.Ringing, 10000), "103 rings (called by 102 after the REFER)");
            Assert.StartsWith("sip:102@", c.Get(p => p.ActiveCall.RemoteUri));
            Assert.Equal(1, b.Get(p => p.Calls.TransferStats.RefersAccepted));
            c.Do((p, now) => Assert.True(p.Answer(now)));
            Assert.True(exit.Wait(20000), "the script ends");
            string text = output.ToString();
            Assert.True(exit.Result == 0, text);
            Assert.True(b.WaitUntil(p => p.State == PhoneState.Talking && p.ActiveCall.RemoteUri.StartsWith("sip:103@"), 5000), "102 now talks to 103");
            Assert.True(c.WaitUntil(p => p.State == PhoneState.Talking, 5000), "103 talks to 102");

            Assert.Contains("> dial 102", text);
            Assert.Contains("line: Calling -> Talking", text);
            Assert.Contains("> hold", text);
            Assert.Contains("> resume", text);
            Assert.Contains("> keys 47", text);
            Assert.Contains("> transfer to 103", text);
            Assert.Contains("line: Transferring -> Finished", text);
            Assert.DoesNotContain("FAILED", text);
            // The status model: counters of the call the console phone had.
            Assert.Equal("OnHook", run.Final.Line);
            Assert.InRange(run.Final.RtpSent, 100, 100000);
            Assert.InRange(run.Final.RtpReceived, 100, 100000);
            Assert.Contains("direct mode", run.Final.Registration);
            // Its speaker heard 102's 500 Hz.
            short[] heard = WavFile.Read(Path.Combine(_dir, "heard.wav"), out int rate);
            Assert.Equal(8000, rate);
            double best = 0;
            for (int s = 0; s + 1600 <= heard.Length; s += 800) best = Math.Max(best, Goertzel(heard, s, 1600, 500));
            Assert.True(best > 2000, "the console phone's speaker heard 102: " + best);
            b.Do((p, now) => p.Hangup(now));
            Assert.True(c.WaitUntil(p => p.State == PhoneState.Finished, 5000), "103 sees the BYE");
        }

        [Fact]
        public void ScriptedConsoleAnswersAnIncomingCallAndReportsReceivedDtmf()
        {
            var audioB = new SignalAudioPort(500, 500, 6000);
            using HostPhone b = Peer("102", audioB, 41);
            string script = "wait ringing 10000\nanswer\nwait talking 5000\nwait dtmf:9* 8000\nwait finished 8000\nhangup\nquit\n";
            var (run, output, exit) = StartPhone(script, "--mic", "tone:1000", "--dir", "102=127.0.0.1:" + b.SipEndPoint.Port);
            // Wait until the console phone's socket is open: its first line names the port.
            Assert.True(SpinWait(() => output.ToString().Contains("SIP 127.0.0.1:"), 8000), output.ToString());
            int port = int.Parse(System.Text.RegularExpressions.Regex.Match(output.ToString(), @"SIP 127\.0\.0\.1:(\d+)").Groups[1].Value);
            b.Do((p, now) => Assert.True(p.Dial("sip:101@127.0.0.1:" + port, now)));
            Assert.True(b.WaitUntil(p => p.State == PhoneState.Talking && p.MediaActive, 10000), "the console answered");
            var (tone, _) = Heard(b, audioB, 1000);
            Assert.True(b.WaitUntil(_ => Heard(b, audioB, 1000).Tone > 3000, 5000), "102 hears the console's tone:1000 microphone: " + tone);
            b.Do((p, now) => { p.SendDtmf('9', now); p.SendDtmf('*', now); });
            Assert.True(b.WaitUntil(p => p.Media.Stats.DtmfSent >= 2, 5000));
            SpinWait(() => output.ToString().Contains("wait dtmf 9*"), 5000);
            b.Do((p, now) => p.Hangup(now));
            Assert.True(exit.Wait(15000), "the script ends");
            string text = output.ToString();
            Assert.True(exit.Result == 0, text);
            Assert.Equal("9*", run.DigitsReceived);
            Assert.Contains("line: OnHook -> Ringing — incoming call from sip:102@", text);
            Assert.Contains("DTMF received: 9", text);
            Assert.Contains("line: Talking -> Finished (call ended 200)", text);
        }

        [Fact]
        public void TheTerminalKeypadDialsSendsDtmfHoldsResumesAndHangsUpUnderTheLiveTable()
        {
            var audioB = new SignalAudioPort(500, 500, 6000);
            using HostPhone b = Peer("102", audioB, 51);
            PhoneOptions options = PhoneOptions.Parse(new[] { "--mac", "00:11:22:33:44:66", "--user", "101", "--sip-port", "0", "--mic", "tone:1000",
                "--dir", "102=127.0.0.1:" + b.SipEndPoint.Port, "--data", Path.Combine(_dir, "keys") }, 0, out string error);
            Assert.True(options != null, error);
            var console = new TestConsole().Interactive().EmitAnsiSequences();
            console.Profile.Width = 200;
            var view = new LiveStatusView(console);
            // Each keystroke waits for what a person would wait for (the peer ringing, talking, held); null = no key yet.
            bool Ready(Func<Phone.Core.Agent.PhoneAgent, bool> c) => b.Get(c);
            var steps = new (Func<bool> When, ConsoleKey Key, char Char)[]
            {
                (() => true, ConsoleKey.D, 'd'), (() => true, ConsoleKey.D1, '1'), (() => true, ConsoleKey.D0, '0'), (() => true, ConsoleKey.D2, '2'),
                (() => true, ConsoleKey.Enter, '\r'),
                (() => Ready(p => p.State == PhoneState.Talking && p.MediaStats.PacketsReceived > 10), ConsoleKey.D5, '5'),
                (() => Ready(p => p.Stats.DtmfReceived >= 1 || p.PendingDtmf >= 1), ConsoleKey.H, 'h'),
                (() => Ready(p => p.ActiveCall != null && p.ActiveCall.Media.RemoteHold), ConsoleKey.H, 'h'),
                (() => Ready(p => p.ActiveCall != null && !p.ActiveCall.Media.RemoteHold), ConsoleKey.Spacebar, ' '),
                (() => Ready(p => p.State == PhoneState.Finished), ConsoleKey.Q, 'q'),
            };
            int next = 0;
            var sw = System.Diagnostics.Stopwatch.StartNew();
            ConsoleKeyInfo? ReadKey()
            {
                if (next >= steps.Length || sw.ElapsedMilliseconds > 30000) return new ConsoleKeyInfo('q', ConsoleKey.Q, false, false, false);
                if (!steps[next].When()) return null;
                var k = steps[next++];
                return new ConsoleKeyInfo(k.Char, k.Key, false, false, false);
            }
            var run = new PhoneRun(options, view, TextWriter.Null);
            var exit = new Running(() => run.Run(null, ReadKey, entry => view.Footer = entry));
            Assert.True(b.WaitUntil(p => p.State == PhoneState.Ringing, 10000), "d 1 0 2 Enter dialled 102");
            b.Do((p, now) => p.Answer(now));
            Assert.True(exit.Wait(40000), "q ended it");
            Assert.True(next == steps.Length, "stuck before keystroke " + next + ":\n" + console.Output);
            Assert.Equal(0, exit.Result);
            Assert.Equal("5", b.Get(p => { string s = ""; while (p.TryReadDtmf(out char d)) s += d; return s; }));
            string live = console.Output;
            foreach (string s in new[] { "> dial 102", "> keys 5", "> hold", "> resume", "> on hook", "quit", "Talking", "RTP tx", "keys: 0-9*# keypad" }) Assert.Contains(s, live);
        }

        [Fact]
        public void AFailedWaitOrAnUnknownCommandMakesTheScriptExitOne()
        {
            var (_, output, exit) = StartPhone("wait ringing 300\nhold\nfrobnicate\nquit\n", "--mic", "silence");
            Assert.True(exit.Wait(15000));
            string text = output.ToString();
            Assert.Equal(1, exit.Result);
            Assert.Contains("wait ringing: timed out after 300 ms (line OnHook) FAILED", text);
            Assert.Contains("hold: refused (no connected call) FAILED", text);
            Assert.Contains("unknown command 'frobnicate'", text);
        }

        [Fact]
        public void TakenSipPortExitsTwoAndNamesThePort()
        {
            using var blocker = new Phone.Host.Net.HostDatagramSocket(new NetEndPoint(Loopback, 0));
            PhoneOptions options = PhoneOptions.Parse(new[] { "--mac", "001122334455", "--sip-port", blocker.LocalEndPoint.Port.ToString(), "--data", Path.Combine(_dir, "d") }, 0, out _);
            var error = new StringWriter();
            int exit = new PhoneRun(options, new PlainStatusView(TextWriter.Null), error).Run(new StringReader("quit\n"));
            Assert.Equal(2, exit);
            Assert.Contains("SIP port " + blocker.LocalEndPoint.Port + " on 127.0.0.1 is not available", error.ToString());
        }

        internal static short[] Sine(double hz, int rate, double seconds, double amplitude, int channels = 1)
        {
            int n = (int)(rate * seconds);
            var s = new short[n * channels];
            for (int i = 0; i < n; i++)
            {
                for (int ch = 0; ch < channels; ch++) s[i * channels + ch] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * hz * i / rate));
            }
            return s;
        }

        private static bool SpinWait(Func<bool> condition, int ms)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            while (!condition())
            {
                if (sw.ElapsedMilliseconds > ms) return false;
                System.Threading.Thread.Sleep(20);
            }
            return true;
        }
    }
}
