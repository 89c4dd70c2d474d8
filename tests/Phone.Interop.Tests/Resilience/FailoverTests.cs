// Two real Kamailio registrars on 127.0.0.1 (primary and backup): the primary is SIGKILLed → our phone registers on
// the backup within 10 s (default keep-alive timing); the primary restarts on its port → the phone fails back after the
// hysteresis. Both killed → two phones enter local mode and reach each other directly; both back → both re-register.
namespace Phone.Interop.Tests.Resilience
{
    using System;
    using System.Diagnostics;
    using System.Threading;
    using Phone.Core.Net;
    using Phone.Core.Resilience;
    using Phone.Core.Sip.Registration;
    using Phone.Interop.Tests.Harness;
    using Xunit.Abstractions;

    public sealed class FailoverTests
    {
        private readonly ITestOutputHelper _output;

        public FailoverTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Primary_killed_backup_within_10s_then_fail_back_after_primary_restarts()
        {
            var clock = Stopwatch.StartNew();
            var primary = new KamailioProcess();
            var backup = new KamailioProcess();
            // Keep-alive timing as shipped (7 s, 1 s probe timeout, 2 misses); fail-back probes every 1 s so the test is short.
            var config = new RegistrarMonitorConfig { RecoveryProbeIntervalMs = 1000 };
            using var alice = new ResilientDevice("alice", KamailioProcess.AlicePassword, new[] { primary.Port, backup.Port }, clock, config);
            try
            {
                alice.Start(clock.ElapsedMilliseconds);
                Run(clock, () => alice.Registration.State == RegistrationState.Registered, 5000, alice);
                Assert.True(alice.Registration.State == RegistrationState.Registered, alice.History());
                Assert.Equal(0, alice.Registration.TargetIndex);

                // Die at an arbitrary point of the keep-alive cycle.
                Run(clock, () => false, 1000 + new Random().Next(6000), alice);
                long killedAt = clock.ElapsedMilliseconds;
                primary.Kill();
                Run(clock, () => alice.EventAt("registered 1", killedAt) >= 0, 15000, alice);
                long failover = alice.EventAt("registered 1", killedAt) - killedAt;
                _output.WriteLine("failover: primary SIGKILLed → registered on the backup after " + failover + " ms");
                Assert.True(alice.EventAt("registered 1", killedAt) >= 0, alice.History());
                Assert.InRange(failover, 0, 10_000);
                Assert.Equal(TargetHealth.Dead, alice.Monitor.Health(0));

                // The primary comes back on the same port: fail back once it answered three probes in a row.
                long restartAt = clock.ElapsedMilliseconds;
                primary.Dispose();
                primary = new KamailioProcess(primary.Port, "kamailio.cfg");
                long upAt = clock.ElapsedMilliseconds;
                Run(clock, () => alice.EventAt("registered 0", restartAt) >= 0, 15000, alice);
                // Measured from the restart: Kamailio answers within a few hundred ms, while its start-up is still awaited.
                long failback = alice.EventAt("registered 0", restartAt) - restartAt;
                _output.WriteLine("fail-back: primary restarted (answering OPTIONS after " + (upAt - restartAt) + " ms) → registered on it " + failback + " ms after the restart");
                Assert.True(alice.EventAt("registered 0", restartAt) >= 0, alice.History());
                // Hysteresis: three answered probes 1 s apart, so at least two intervals after the first answer (ms clock granularity).
                Assert.InRange(failback, 1900, 10_000);
                Assert.Equal(0, alice.Registration.TargetIndex);
                Assert.Equal(RegistrationState.Registered, alice.Registration.State);
                _output.WriteLine(alice.History());
            }
            finally
            {
                primary.Dispose();
                backup.Dispose();
            }
        }

        [Fact]
        public void Both_registrars_down_two_phones_enter_local_mode_reach_each_other_directly_and_re_register_when_back()
        {
            var clock = Stopwatch.StartNew();
            var primary = new KamailioProcess();
            var backup = new KamailioProcess();
            var config = new RegistrarMonitorConfig { KeepAliveIntervalMs = 2000, RecoveryProbeIntervalMs = 1000 };
            var directoryA = new OfficeDirectory(4);
            var directoryB = new OfficeDirectory(4);
            using var alice = new ResilientDevice("alice", KamailioProcess.AlicePassword, new[] { primary.Port, backup.Port }, clock, config, directoryA, seed: 1);
            using var bob = new ResilientDevice("bob", KamailioProcess.BobPassword, new[] { primary.Port, backup.Port }, clock, config, directoryB, seed: 2);
            // The last-known-good directory: each desk's LAN address.
            directoryA.TryAdd("bob", "Bob, 127.0.0.1:" + bob.EndPoint.Port);
            directoryB.TryAdd("alice", "Alice, 127.0.0.1:" + alice.EndPoint.Port);
            try
            {
                alice.Start(clock.ElapsedMilliseconds);
                bob.Start(clock.ElapsedMilliseconds);
                Run(clock, () => alice.Registration.State == RegistrationState.Registered && bob.Registration.State == RegistrationState.Registered, 5000, alice, bob);
                Assert.True(bob.Registration.State == RegistrationState.Registered, alice.History() + " / " + bob.History());

                long downAt = clock.ElapsedMilliseconds;
                primary.Kill();
                backup.Kill();
                Run(clock, () => alice.Survival.State == SurvivabilityState.Local && bob.Survival.State == SurvivabilityState.Local, 20000, alice, bob);
                Assert.True(alice.Survival.State == SurvivabilityState.Local, alice.History());
                Assert.True(bob.Survival.State == SurvivabilityState.Local, bob.History());
                long enter = Math.Max(alice.Survival.EnteredAtMs, bob.Survival.EnteredAtMs) - downAt;
                _output.WriteLine("enter local mode: both registrars SIGKILLed → both phones local after " + enter + " ms (keep-alive 2 s)");
                Assert.Equal(Phone.Core.Dsp.CallProgressTone.SurvivabilityDial, alice.Survival.DialTone);

                // Dialling "bob" on alice's desk routes straight to bob's LAN address; bob answers without any PBX.
                Assert.Equal(LocalRoute.Direct, alice.Survival.Route("bob", out string uri));
                Assert.Equal("sip:bob@127.0.0.1:" + bob.EndPoint.Port, uri);
                alice.SendOptions(uri, bob.EndPoint, clock.ElapsedMilliseconds);
                Run(clock, () => alice.LastLocalOptionsStatus != 0, 3000, alice, bob);
                Assert.Equal(200, alice.LastLocalOptionsStatus);
                Assert.True(bob.OptionsAnswered >= 1);

                long backAt = clock.ElapsedMilliseconds;
                primary.Dispose();
                backup.Dispose();
                primary = new KamailioProcess(primary.Port, "kamailio.cfg");
                backup = new KamailioProcess(backup.Port, "kamailio.cfg");
                long upAt = clock.ElapsedMilliseconds;
                Run(clock, () => alice.Survival.State == SurvivabilityState.Normal && bob.Survival.State == SurvivabilityState.Normal
                    && alice.Registration.State == RegistrationState.Registered && bob.Registration.State == RegistrationState.Registered, 15000, alice, bob);
                Assert.True(alice.Registration.State == RegistrationState.Registered, alice.History());
                Assert.True(bob.Registration.State == RegistrationState.Registered, bob.History());
                long leave = Math.Max(alice.EventAt("registered", upAt), bob.EventAt("registered", upAt)) - upAt;
                _output.WriteLine("leave local mode: registrars answering again (restart took " + (upAt - backAt) + " ms) → both re-registered after " + leave + " ms");
                Assert.InRange(leave, 0, 5000);
                _output.WriteLine(alice.History());
                _output.WriteLine(bob.History());
            }
            finally
            {
                primary.Dispose();
                backup.Dispose();
            }
        }

        internal static void Run(Stopwatch clock, Func<bool> done, int timeoutMs, params ResilientDevice[] devices)
        {
            long end = clock.ElapsedMilliseconds + timeoutMs;
            while (!done() && clock.ElapsedMilliseconds < end)
            {
                devices[0].Socket.WaitReadable(5);
                long now = clock.ElapsedMilliseconds;
                foreach (var d in devices) d.Poll(now);
            }
        }
    }
}
