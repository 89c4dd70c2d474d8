// RegistrarMonitor with a manual clock: OPTIONS keep-alive, dead after misses, failover within 10 s, fail-back with
// hysteresis, all-down and recovery, probe slots never leak (RFC 3261 §11, §17.1.2; RFC 3263 §4.3).
namespace Phone.Core.Tests.Resilience
{
    using System.Linq;
    using Phone.Core.Resilience;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Tests.Sip.Registration;

    public class RegistrarMonitorTests
    {
        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public RegistrarMonitorTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

        [Fact]
        public void KeepAliveOptionsGoToTheRegistrarInUseAtTheConfiguredInterval()
        {
            var r = new ResilienceRig();
            r.Start();
            r.RunUntil(60_000);
            var options = r.Registrar.Requests.Where(q => q.Text.StartsWith("OPTIONS ")).Select(q => q.At).ToList();
            // Defaults: every 7 s, the first one interval after start; nothing to the backup while the primary answers.
            Assert.Equal(new long[] { 7000, 14000, 21000, 28000, 35000, 42000, 49000, 56000 }, options);
            Assert.DoesNotContain(r.BackupRegistrar.Requests, q => q.Text.StartsWith("OPTIONS "));
            Assert.StartsWith("OPTIONS sip:10.0.0.1:5060 SIP/2.0\r\n", r.Registrar.Requests.First(q => q.Text.StartsWith("OPTIONS ")).Text);
            Assert.Equal(TargetHealth.Alive, r.Monitor.Health(0));
            Assert.Equal(0, r.Monitor.ProbesMissed);
        }

        [Fact]
        public void PrimaryKilledAtAnyPointOfTheKeepAliveCycleIsLeftForTheBackupWithinTenSeconds()
        {
            // Worst case is a death right after an answered probe: interval (7 s) + 2 misses x 1 s = 9 s, then REGISTER.
            long worst = 0;
            for (long offset = 0; offset < 7000; offset += 250)
            {
                var r = new ResilienceRig();
                r.Start();
                long kill = 30_000 + offset;
                r.RunUntil(kill);
                r.PrimaryUp = false;
                r.RunUntil(kill + 20_000);
                long registered = r.EventAt("registered 1", kill);
                Assert.True(registered > 0, "never registered on the backup: " + string.Join(", ", r.Events));
                Assert.Equal(1, r.Client.TargetIndex);
                Assert.Equal(RegistrationState.Registered, r.Client.State);
                Assert.Equal(TargetHealth.Dead, r.Monitor.Health(0));
                long took = registered - kill;
                Assert.InRange(took, 1000, 10_000);
                if (took > worst) worst = took;
            }
            _output.WriteLine("default timing, primary killed at 28 points of the 7 s keep-alive cycle: registered on the backup after at most " + worst + " ms");
            Assert.InRange(worst, 8000, 10_000);
        }

        [Fact]
        public void TheBackupsOwnNonceIsNotTakenForAWrongPassword()
        {
            // Same realm, another server, another nonce: the old Authorization is re-challenged without stale=true.
            var r = new ResilienceRig();
            var b = r.BackupRegistrar;
            b.RotateNonce();
            b.RotateNonce();
            // As Kamailio does: a nonce this server never issued is challenged again, not marked stale.
            b.Script = q => q.Text.StartsWith("OPTIONS ") ? (200, "OK", null)
                : q.Authorization != null && !q.Authorization.Contains("nonce=\"" + b.Nonce + "\"")
                    ? (401, "Unauthorized", "WWW-Authenticate: Digest realm=\"" + ScriptedRegistrar.Realm + "\", nonce=\"" + b.Nonce + "\", qop=\"auth\", algorithm=MD5\r\n")
                    : null;
            r.Start();
            r.RunUntil(20_000);
            r.PrimaryUp = false;
            r.RunUntil(40_000);
            Assert.Equal(1, r.Client.TargetIndex);
            Assert.Equal(RegistrationState.Registered, r.Client.State);
            Assert.Equal(new[] { 401, 200 }, r.BackupRegistrar.Answers.Take(2));
        }

        [Fact]
        public void OneLostAnswerIsNotADeath()
        {
            var r = new ResilienceRig();
            r.Start();
            r.RunUntil(13_900);
            // The primary is deaf for 1.2 s around the 14 s probe: its retransmission (T1 = 500 ms) or the immediate re-probe is answered.
            r.PrimaryUp = false;
            r.RunUntil(14_300);
            r.PrimaryUp = true;
            r.RunUntil(60_000);
            Assert.Equal(0, r.Client.TargetIndex);
            Assert.DoesNotContain(r.Events, e => e.StartsWith("dead") || e.StartsWith("failover"));
        }

        [Fact]
        public void FailsBackOnlyAfterThePrimaryAnsweredThreeProbesInARow()
        {
            var r = new ResilienceRig(new RegistrarMonitorConfig { RecoveryProbeIntervalMs = 2000 });
            r.Start();
            r.RunUntil(20_000);
            r.PrimaryUp = false;
            r.RunUntil(40_000);
            Assert.Equal(1, r.Client.TargetIndex);

            // Flapping primary: up 2.5 s (at most two probes 2 s apart), down 3 s (at least one probe missed), so
            // never three answers in a row and no fail-back.
            for (int i = 0; i < 10; i++)
            {
                r.PrimaryUp = true;
                r.RunUntil(r.Now + 2500);
                r.PrimaryUp = false;
                r.RunUntil(r.Now + 3000);
            }
            Assert.Equal(1, r.Client.TargetIndex);
            Assert.DoesNotContain(r.Events, e => e.StartsWith("failback"));

            r.PrimaryUp = true;
            long back = r.Now;
            r.RunUntil(back + 20_000);
            long failback = r.EventAt("failback 0", back);
            Assert.True(failback > 0, string.Join(", ", r.Events));
            Assert.InRange(failback - back, 4000, 8000);   // three answered probes 2 s apart
            Assert.InRange(r.EventAt("registered 0", back) - back, 4000, 8000);
            Assert.Equal(0, r.Client.TargetIndex);
            Assert.Equal(RegistrationState.Registered, r.Client.State);
        }

        [Fact]
        public void DeadPrimaryProbesAreAbandonedSoTheTransactionTableNeverFills()
        {
            var r = new ResilienceRig(new RegistrarMonitorConfig { RecoveryProbeIntervalMs = 500 });
            r.Start();
            r.RunUntil(10_000);
            r.PrimaryUp = false;
            int most = 0;
            for (long t = 10_000; t < 130_000; t += 250)
            {
                r.RunUntil(t);
                if (r.Layer.ActiveClients > most) most = r.Layer.ActiveClients;
            }
            // Primary probed every 0.5 s for two minutes: with Timer F (32 s) that would be 64 transactions.
            Assert.InRange(most, 1, 4);
            Assert.True(r.Monitor.ProbesMissed > 100, "probes missed " + r.Monitor.ProbesMissed);
            Assert.Equal(1, r.Client.TargetIndex);
        }

        [Fact]
        public void ServiceUnavailableCountsAsAMiss()
        {
            var r = new ResilienceRig();
            r.Registrar.Script = q => q.Text.StartsWith("OPTIONS ") ? (503, "Service Unavailable", null) : null;
            r.Start();
            r.RunUntil(20_000);
            Assert.Equal(TargetHealth.Dead, r.Monitor.Health(0));
            Assert.Equal(1, r.Client.TargetIndex);
            Assert.True(r.EventAt("failover 1") > 0);
        }

        [Fact]
        public void BothDownRaisesAllDownAndTheFirstRegistrarBackEndsItWithoutWaitingForTheBackOff()
        {
            var r = new ResilienceRig(new RegistrarMonitorConfig { RecoveryProbeIntervalMs = 3000 });
            r.Start();
            r.RunUntil(20_000);
            r.PrimaryUp = false;
            r.BackupUp = false;
            r.RunUntil(60_000);
            Assert.True(r.Monitor.IsAllDown);
            long allDown = r.EventAt("alldown", 20_000);
            _output.WriteLine("both killed at 20 s: all down after " + (allDown - 20_000) + " ms (keep-alive 7 s, 2 misses, backup not yet probed when chosen)");
            Assert.InRange(allDown - 20_000, 1000, 25_000);

            // The registration client alone would wait for its back-off (30 s base, doubling); the probes find the backup at once.
            r.RunUntil(200_000);
            r.BackupUp = true;
            r.RunUntil(210_000);
            long recovered = r.EventAt("recovered 1", 200_000);
            Assert.InRange(recovered - 200_000, 0, 3500);
            Assert.InRange(r.EventAt("registered 1", 200_000) - 200_000, 0, 3500);
            Assert.False(r.Monitor.IsAllDown);
        }
    }
}
