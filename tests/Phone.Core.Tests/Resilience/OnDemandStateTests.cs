// The resilience parts that act only at certain moments hold their per-request state and their log storage only then.
namespace Phone.Core.Tests.Resilience
{
    using System.Reflection;
    using Phone.Core.Resilience;

    public class OnDemandStateTests
    {
        private static object Field(object target, System.Type type, string name)
            => type.GetField(name, BindingFlags.NonPublic | BindingFlags.Instance).GetValue(target);

        private static object Exchange(LocalCallReporter reporter) => Field(reporter, typeof(AuthenticatedRequestSender), "_exchange");

        private static object Storage(LocalCallLog log) => Field(log, typeof(LocalCallLog), "_peer");

        [Fact]
        public void The_report_holds_its_request_state_only_while_it_runs_and_the_log_its_records_only_until_accepted()
        {
            var r = new ResilienceRig(new RegistrarMonitorConfig { RecoveryProbeIntervalMs = 2000 });
            bool refuse = true;
            r.Registrar.Script = q => q.Text.StartsWith("OPTIONS ") ? (200, "OK", null)
                : q.Text.StartsWith("MESSAGE ") ? (refuse ? (404, "Not Found", null) : (200, "OK", null)) : null;
            r.Start();
            r.RunUntil(10_000);
            Assert.Null(Exchange(r.Reporter));
            Assert.Null(Storage(r.Survival.Log));          // no call logged yet: no record storage

            r.Survival.Enter("test", r.Now);
            r.Survival.RecordCall(10_000, "202", incoming: true, answered: false, durationMs: 0);
            r.Survival.Leave("test", r.Now);
            Assert.NotNull(Storage(r.Survival.Log));

            // The report goes out after the next 2xx to REGISTER: its state exists while it is in flight ...
            // (the reporter follows Registered before this handler does, so here its MESSAGE has just gone out).
            bool seenInFlight = false;
            r.Client.Registered += (c, code, now) => seenInFlight |= r.Reporter.Busy && Exchange(r.Reporter) != null;
            r.Client.UseTarget(0, r.Now);
            r.RunUntil(20_000);
            Assert.True(seenInFlight);
            // ... and goes with the final answer; the refused report keeps the log for the next registration.
            Assert.Equal(404, r.Reporter.LastStatus);
            Assert.Null(Exchange(r.Reporter));
            Assert.Equal(1, r.Survival.Log.Count);
            Assert.NotNull(Storage(r.Survival.Log));

            refuse = false;
            r.Client.UseTarget(0, r.Now);
            r.RunUntil(30_000);
            Assert.Equal(200, r.Reporter.LastStatus);
            Assert.Null(Exchange(r.Reporter));
            Assert.Equal(0, r.Survival.Log.Count);
            Assert.Null(Storage(r.Survival.Log));          // accepted: the storage is let go

            // A later outage logs again from scratch.
            r.Survival.Enter("test", r.Now);
            r.Survival.RecordCall(r.Now, "203", incoming: false, answered: true, durationMs: 5_000);
            Assert.Equal(1, r.Survival.Log.Count);
            Assert.Equal("203", r.Survival.Log.Peer(0));
            Assert.Equal(0, r.Survival.Log.Overwritten);
        }
    }
}
