// Two HostPhones (the full PhoneAgent with the registrar monitor on) registered through two real Kamailio registrars:
// a call is up when the primary is SIGKILLed → its audio keeps flowing while both phones move to the backup; a new
// call then goes through the backup with audio both ways.
namespace Phone.Interop.Tests.Resilience
{
    using System;
    using System.Diagnostics;
    using System.Linq;
    using System.Threading;
    using Phone.Core.Agent;
    using Phone.Core.Net;
    using Phone.Core.Resilience;
    using Phone.Core.Sip.Calls;
    using Phone.Host.Agent;
    using Phone.Host.Audio;
    using Phone.Interop.Tests.Harness;
    using Xunit.Abstractions;

    public sealed class AgentFailoverTests
    {
        private static readonly uint Loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
        private readonly ITestOutputHelper _output;

        public AgentFailoverTests(ITestOutputHelper output) => _output = output;

        private static AgentConfig Config(string user, string password, int primary, int backup) => new AgentConfig
        {
            User = user,
            Password = password,
            Domain = KamailioProcess.Realm,
            Registrar = new NetEndPoint(Loopback, primary),
            BackupRegistrar = new NetEndPoint(Loopback, backup),
            LocalAddress = Loopback,
            SipPort = 0,
            RtpPortBase = 0,
            Expires = 60,
            KeepAlive = new RegistrarMonitorConfig(),   // shipped timing: 7 s keep-alive, 1 s probe timeout, 2 misses
        };

        private static double Level(SignalAudioPort port, HostPhone phone, int hz, int ms)
        {
            short[] played = phone.Get(a => port.Played.ToArray());
            int n = ms * 8;
            int start = Math.Max(0, played.Length - n);
            return Goertzel(played, start, played.Length - start, hz);
        }

        /// <summary>Amplitude of <paramref name="hz"/> in x[start, start+count) (Goertzel), in sample units.</summary>
        private static double Goertzel(short[] x, int start, int count, int hz)
        {
            if (count <= 0) return 0;
            double coeff = 2 * Math.Cos(2 * Math.PI * hz / 8000.0);
            double s1 = 0, s2 = 0;
            for (int i = 0; i < count; i++)
            {
                double s0 = x[start + i] + coeff * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            return 2 * Math.Sqrt(Math.Max(0, s1 * s1 + s2 * s2 - coeff * s1 * s2)) / count;
        }

        [Fact]
        public void Call_survives_the_primary_dying_and_a_new_call_goes_through_the_backup()
        {
            var primary = new KamailioProcess();
            using var backup = new KamailioProcess();
            try
            {
                var audioA = new SignalAudioPort(500, 500, 8000);
                var audioB = new SignalAudioPort(1300, 1300, 8000);
                using var a = new HostPhone(Config("alice", KamailioProcess.AlicePassword, primary.Port, backup.Port), audioA, null, 11);
                using var b = new HostPhone(Config("bob", KamailioProcess.BobPassword, primary.Port, backup.Port), audioB, null, 22);
                a.Start();
                b.Start();
                Assert.True(a.WaitUntil(p => p.IsRegistered, 5000), "alice registered");
                Assert.True(b.WaitUntil(p => p.IsRegistered, 5000), "bob registered");

                a.Do((p, now) => Assert.True(p.Dial("bob", now)));
                Assert.True(b.WaitUntil(p => p.State == PhoneState.Ringing, 8000), "bob rings (via the primary)");
                b.Do((p, now) => Assert.True(p.Answer(now)));
                Assert.True(a.WaitUntil(p => p.State == PhoneState.Talking && p.MediaActive, 5000), "alice talking");
                Assert.True(b.WaitUntil(p => p.MediaStats.PacketsReceived > 25, 5000), "bob receives RTP");

                var clock = Stopwatch.StartNew();
                primary.Kill();
                Assert.True(a.WaitUntil(p => p.IsRegistered && p.Registration.TargetIndex == 1, 15000), "alice on the backup");
                Assert.True(b.WaitUntil(p => p.IsRegistered && p.Registration.TargetIndex == 1, 15000), "bob on the backup");
                long failover = clock.ElapsedMilliseconds;
                _output.WriteLine("agents: primary SIGKILLed mid-call → both re-registered on the backup after " + failover + " ms");
                Assert.InRange(failover, 0, 10_000);

                // The call was never interrupted: media is peer to peer, the registrar only carried the signalling.
                long before = b.Get(p => p.MediaStats.PacketsReceived);
                Thread.Sleep(1000);
                long after = b.Get(p => p.MediaStats.PacketsReceived);
                Assert.True(a.Get(p => p.State) == PhoneState.Talking && b.Get(p => p.State) == PhoneState.Talking, "still talking");
                Assert.True(after - before >= 30, "RTP after the failover: " + (after - before) + " packets in 1 s");
                double bHearsA = Level(audioB, b, 500, 500), aHearsB = Level(audioA, a, 1300, 500);
                _output.WriteLine("audio after failover: bob hears 500 Hz at " + bHearsA.ToString("F0") + ", alice hears 1300 Hz at " + aHearsB.ToString("F0"));
                Assert.True(bHearsA > 1000, "bob hears alice after the failover: " + bHearsA);
                Assert.True(aHearsB > 1000, "alice hears bob after the failover: " + aHearsB);

                // Hang up both ends (the BYE's record-routed path led through the dead primary).
                a.Do((p, now) => p.Hangup(now));
                b.Do((p, now) => p.Hangup(now));
                Assert.True(a.WaitUntil(p => !p.MediaActive, 5000), "alice idle");
                Assert.True(b.WaitUntil(p => !p.MediaActive, 5000), "bob idle");
                Assert.True(a.WaitUntil(p => p.Calls.ActiveCalls == 0, 40000), "alice's call slot free");
                Assert.True(b.WaitUntil(p => p.Calls.ActiveCalls == 0, 40000), "bob's call slot free");

                // A new call goes through the backup.
                a.Do((p, now) => Assert.True(p.Dial("bob", now)));
                Assert.True(b.WaitUntil(p => p.State == PhoneState.Ringing, 8000), "bob rings via the backup");
                b.Do((p, now) => Assert.True(p.Answer(now)));
                Assert.True(a.WaitUntil(p => p.State == PhoneState.Talking && p.MediaActive, 5000), "alice talking again");
                Assert.True(b.WaitUntil(p => p.MediaStats.PacketsReceived > 30, 5000), "bob receives RTP on the new call");
                Thread.Sleep(600);
                Assert.True(Level(audioB, b, 500, 500) > 1000, "bob hears alice on the new call");
                Assert.True(Level(audioA, a, 1300, 500) > 1000, "alice hears bob on the new call");
                a.Do((p, now) => p.Hangup(now));
                Assert.True(b.WaitUntil(p => p.ActiveCall == null, 5000), "bob sees the BYE through the backup");
            }
            finally
            {
                primary.Dispose();
            }
        }
    }
}
