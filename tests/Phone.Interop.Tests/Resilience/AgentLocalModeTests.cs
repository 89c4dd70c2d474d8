// Two HostPhones (the full PhoneAgent) registered at two real Kamailio registrars: both registrars SIGKILLed → both
// phones enter local survivability (state, distinct dial tone measured on the speaker, LED), alice dials bob's
// extension, bob answers, audio both ways checked by signal analysis, hang up; the registrars restart → both phones
// re-register and leave local mode by themselves, and the local call reaches the PBX as a MESSAGE (RFC 3428) call log.
namespace Phone.Interop.Tests.Resilience
{
    using System;
    using System.Collections.Generic;
    using System.Diagnostics;
    using System.Linq;
    using System.Net;
    using System.Net.Sockets;
    using System.Text;
    using System.Threading;
    using Phone.Core.Agent;
    using Phone.Core.Dsp;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Resilience;
    using Phone.Core.Sip.Calls;
    using Phone.Host.Agent;
    using Phone.Host.Audio;
    using Phone.Interop.Tests.Harness;
    using Xunit.Abstractions;

    public sealed class AgentLocalModeTests
    {
        private static readonly uint Loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
        private readonly ITestOutputHelper _output;

        public AgentLocalModeTests(ITestOutputHelper output) => _output = output;

        private static AgentConfig Config(string user, string password, int sipPort, int primary, int backup, string peer, int peerPort) => new AgentConfig
        {
            User = user,
            Password = password,
            Domain = KamailioProcess.Realm,
            Registrar = new NetEndPoint(Loopback, primary),
            BackupRegistrar = new NetEndPoint(Loopback, backup),
            LocalAddress = Loopback,
            SipPort = sipPort,
            RtpPortBase = 0,
            Expires = 60,
            MaxCalls = 1,
            // Provisioned as resilience.keepalive_s = 2, resilience.failback_probe_s = 1 (the rest as shipped).
            KeepAlive = new RegistrarMonitorConfig { KeepAliveIntervalMs = 2000, RecoveryProbeIntervalMs = 1000 },
            // The last-known-good directory: the other desk's LAN address.
            DirectoryExtensions = new[] { peer },
            DirectoryEndPoints = new[] { new NetEndPoint(Loopback, peerPort) },
            DirectoryNames = new[] { peer },
            CallLogUri = "sip:carol@" + KamailioProcess.Realm,
        };

        /// <summary>The last <paramref name="ms"/> of what <paramref name="phone"/>'s speaker played.</summary>
        private static short[] Last(SignalAudioPort port, HostPhone phone, int ms)
        {
            short[] played = phone.Get(a => port.Played.ToArray());
            int n = Math.Min(played.Length, ms * 8);
            return played.Skip(played.Length - n).ToArray();
        }

        [Fact]
        public void Both_registrars_down_two_agents_call_each_other_in_local_mode_with_audio_then_re_register_by_themselves()
        {
            var primary = new KamailioProcess();
            var backup = new KamailioProcess();
            using var carol = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            carol.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            HostPhone a = null, b = null;
            try
            {
                int portA = FreePorts.Get(), portB = FreePorts.Get();
                while (portB == portA) portB = FreePorts.Get();
                var audioA = new SignalAudioPort(500, 500, 8000);
                var audioB = new SignalAudioPort(1300, 1300, 8000);
                a = new HostPhone(Config("alice", KamailioProcess.AlicePassword, portA, primary.Port, backup.Port, "bob", portB), audioA, null, 11);
                b = new HostPhone(Config("bob", KamailioProcess.BobPassword, portB, primary.Port, backup.Port, "alice", portA), audioB, null, 22);
                a.Start();
                b.Start();
                Assert.True(a.WaitUntil(p => p.IsRegistered, 5000), "alice registered");
                Assert.True(b.WaitUntil(p => p.IsRegistered, 5000), "bob registered");
                Assert.Equal(SurvivabilityState.Normal, a.Get(p => p.Survival.State));

                var clock = Stopwatch.StartNew();
                primary.Kill();
                backup.Kill();
                Assert.True(a.WaitUntil(p => p.Survival.State == SurvivabilityState.Local, 20000), "alice in local mode");
                Assert.True(b.WaitUntil(p => p.Survival.State == SurvivabilityState.Local, 20000), "bob in local mode");
                long enter = clock.ElapsedMilliseconds;
                _output.WriteLine("agents: both registrars SIGKILLed → both phones in local mode after ≤ " + enter + " ms (keep-alive 2 s, 2 misses)");
                Assert.Equal(IndicatorPattern.On, a.Get(p => p.Survival.Indicator));
                Assert.Equal(CallProgressTone.SurvivabilityDial, b.Get(p => p.Survival.DialTone));

                // Off hook: the speaker plays the survivability dial tone (US: 350+440 Hz, 0.9 s on / 0.1 s off), not
                // the steady dial tone: the tone is there, with gaps.
                a.Do((p, now) => p.OffHook(now));
                Thread.Sleep(2200);
                short[] tone = Last(audioA, a, 2000);
                a.Do((p, now) => p.OnHook(now));
                int blocks = tone.Length / 160, quiet = 0;
                for (int i = 0; i + 160 <= tone.Length; i += 160) if (Wav.RmsDbfs(tone, i, 160) < -50) quiet++;
                double dialShare = Wav.ToneRatio(tone, 350) + Wav.ToneRatio(tone, 440);
                _output.WriteLine("local dial tone: " + (dialShare * 100).ToString("F0") + " % of the energy at 350+440 Hz, "
                    + quiet + " of " + blocks + " 20 ms blocks silent (0.1 s gap each second)");
                Assert.True(dialShare > 0.7, "dial-tone frequencies: " + dialShare);
                Assert.InRange(quiet, 4, blocks * 3 / 10);

                // alice dials bob's extension: straight to bob's desk, no PBX.
                a.Do((p, now) => Assert.True(p.Dial("bob", now)));
                Assert.True(b.WaitUntil(p => p.State == PhoneState.Ringing, 5000), "bob rings (direct)");
                b.Do((p, now) => Assert.True(p.Answer(now)));
                Assert.True(a.WaitUntil(p => p.State == PhoneState.Talking && p.MediaActive, 5000), "alice talking");
                Assert.True(b.WaitUntil(p => p.MediaActive && p.MediaStats.PacketsReceived > 50, 5000), "bob receives RTP");
                Thread.Sleep(1500);
                short[] bHeard = Last(audioB, b, 1000), aHeard = Last(audioA, a, 1000);
                int bGood = Wav.BlockSnrDb(bHeard, 500).Count(x => x > AudioCheck.MinSnrDb);
                int aGood = Wav.BlockSnrDb(aHeard, 1300).Count(x => x > AudioCheck.MinSnrDb);
                double bMedian = Wav.MedianSnrDb(bHeard, 500), aMedian = Wav.MedianSnrDb(aHeard, 1300);
                string report = "local call: bob hears 500 Hz in " + bGood + "/50 blocks (median " + bMedian.ToString("F1") + " dB), alice hears 1300 Hz in "
                    + aGood + "/50 blocks (median " + aMedian.ToString("F1") + " dB)";
                _output.WriteLine(report);
                Assert.True(bGood >= AudioCheck.MinToneBlocks && bMedian > AudioCheck.MinMedianSnrDb, report);
                Assert.True(aGood >= AudioCheck.MinToneBlocks && aMedian > AudioCheck.MinMedianSnrDb, report);
                a.Do((p, now) => p.Hangup(now));
                Assert.True(b.WaitUntil(p => p.ActiveCall == null && !p.MediaActive, 5000), "bob sees the BYE");
                Assert.True(a.WaitUntil(p => p.Survival.Log.Count == 1, 5000), "alice logged the call");
                Assert.True(b.WaitUntil(p => p.Survival.Log.Count == 1, 5000), "bob logged the call");

                // The registrars return. The phones are held (their locks) while both restart and carol, the call-log
                // mailbox, binds at the primary, so the reports do not race her registration.
                long restart = 0;
                a.Do((pa, na) => b.Do((pb, nb) =>
                {
                    var sw = Stopwatch.StartNew();
                    primary.Dispose();
                    backup.Dispose();
                    primary = new KamailioProcess(primary.Port, "kamailio.cfg");
                    Assert.Equal(200, RegistrarQuery.Bind(carol, primary.Port, "carol", KamailioProcess.CarolPassword,
                        "sip:carol@127.0.0.1:" + ((IPEndPoint)carol.LocalEndPoint).Port, 300));
                    backup = new KamailioProcess(backup.Port, "kamailio.cfg");
                    // Either registrar may answer the recovery probes first: carol is reachable through both.
                    Assert.Equal(200, RegistrarQuery.Bind(carol, backup.Port, "carol", KamailioProcess.CarolPassword,
                        "sip:carol@127.0.0.1:" + ((IPEndPoint)carol.LocalEndPoint).Port, 300));
                    restart = sw.ElapsedMilliseconds;
                }));
                clock.Restart();
                Assert.True(a.WaitUntil(p => p.IsRegistered && p.Survival.State == SurvivabilityState.Normal, 10000), "alice re-registered");
                Assert.True(b.WaitUntil(p => p.IsRegistered && p.Survival.State == SurvivabilityState.Normal, 10000), "bob re-registered");
                long leave = clock.ElapsedMilliseconds;
                _output.WriteLine("agents: registrars restarted (" + restart + " ms, phones held meanwhile) → both re-registered and out of local mode " + leave + " ms after being released");
                Assert.Equal(IndicatorPattern.Off, a.Get(p => p.Survival.Indicator));

                // Each desk's call log reached carol through the PBX (MESSAGE, text/plain) and was cleared on her 200.
                var reports = ReceiveMessages(carol, 2, 5000);
                _output.WriteLine("call-log reports: " + string.Join(" | ", reports.Select(r => r.Substring(r.IndexOf("\r\n\r\n") + 4).Replace("\n", " / "))));
                string why = "alice reporter sent " + a.Get(p => p.CallLogReporter.Sent) + " status " + a.Get(p => p.CallLogReporter.LastStatus)
                    + ", bob reporter sent " + b.Get(p => p.CallLogReporter.Sent) + " status " + b.Get(p => p.CallLogReporter.LastStatus)
                    + ", alice on target " + a.Get(p => p.Registration.TargetIndex) + ", bob on " + b.Get(p => p.Registration.TargetIndex);
                _output.WriteLine(why);
                Assert.True(reports.Count == 2, why);
                Assert.Contains(reports, m => m.Contains("From: <sip:alice@") && m.Contains("out bob"));
                Assert.Contains(reports, m => m.Contains("From: <sip:bob@") && m.Contains("in alice"));
                Assert.True(a.WaitUntil(p => p.Survival.Log.Count == 0 && p.CallLogReporter.Reported == 1, 3000), "alice's log reported and cleared");
                Assert.True(b.WaitUntil(p => p.Survival.Log.Count == 0 && p.CallLogReporter.Reported == 1, 3000), "bob's log reported and cleared");
            }
            finally
            {
                a?.Dispose();
                b?.Dispose();
                primary.Dispose();
                backup.Dispose();
            }
        }

        /// <summary>Answers MESSAGEs relayed to carol's socket with 200 (copying Via/From/To/Call-ID/CSeq) until <paramref name="count"/> distinct ones arrived.</summary>
        private static List<string> ReceiveMessages(Socket socket, int count, int timeoutMs)
        {
            var got = new List<string>();
            var callIds = new HashSet<string>();
            var buffer = new byte[8192];
            var sw = Stopwatch.StartNew();
            while (callIds.Count < count && sw.ElapsedMilliseconds < timeoutMs)
            {
                if (!socket.Poll(50_000, SelectMode.SelectRead)) continue;
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int n = socket.ReceiveFrom(buffer, ref from);
                string text = Encoding.UTF8.GetString(buffer, 0, n);
                if (!text.StartsWith("MESSAGE ")) continue;
                var ok = new StringBuilder("SIP/2.0 200 OK\r\n");
                string callId = null;
                foreach (string line in text.Split("\r\n"))
                {
                    if (line.Length == 0) break;
                    string name = line.Substring(0, Math.Max(0, line.IndexOf(':'))).Trim().ToLowerInvariant();
                    if (name == "via" || name == "v" || name == "from" || name == "f" || name == "call-id" || name == "i" || name == "cseq") ok.Append(line).Append("\r\n");
                    if (name == "to" || name == "t") ok.Append(line).Append(line.Contains(";tag=") ? "" : ";tag=carol").Append("\r\n");
                    if (name == "call-id" || name == "i") callId = line.Substring(line.IndexOf(':') + 1).Trim();
                }
                ok.Append("Content-Length: 0\r\n\r\n");
                socket.SendTo(Encoding.ASCII.GetBytes(ok.ToString()), from);
                if (callId != null && callIds.Add(callId)) got.Add(text);
            }
            return got;
        }
    }
}
