// Two real Kamailio registrars on 127.0.0.1 (primary and backup): the primary is SIGKILLed → our phone registers on
// the backup within 10 s (default keep-alive timing); the primary restarts on its port → the phone fails back after the
// hysteresis and removes its binding at the backup. (Both down: AgentLocalModeTests.)
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
                // The backup now holds alice's binding (fetched with a REGISTER without Contact, RFC 3261 §10.2.3).
                string ours = "127.0.0.1:" + alice.EndPoint.Port;
                Assert.Contains(RegistrarQuery.Bindings(backup.Port, "alice", KamailioProcess.AlicePassword), c => c.Contains(ours));

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

                // Fail-back removed the binding left at the backup (REGISTER expires=0): it no longer forks calls to us.
                Run(clock, () => alice.Remover.Removed > 0, 3000, alice);
                _output.WriteLine("binding removal at the backup: sent " + alice.Remover.Sent + ", last status " + alice.Remover.LastStatus);
                Assert.Equal(1, alice.Remover.Removed);
                Assert.Equal(1, alice.Remover.LastTargetIndex);
                var left = RegistrarQuery.Bindings(backup.Port, "alice", KamailioProcess.AlicePassword);
                _output.WriteLine("backup bindings of alice after fail-back: " + left.Count);
                Assert.DoesNotContain(left, c => c.Contains(ours));
                Assert.Contains(RegistrarQuery.Bindings(primary.Port, "alice", KamailioProcess.AlicePassword), c => c.Contains(ours));
                _output.WriteLine(alice.History());
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
