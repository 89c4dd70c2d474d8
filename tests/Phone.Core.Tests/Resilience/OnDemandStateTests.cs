// The resilience parts that act only at certain moments hold their per-request state and their log storage only then.
namespace Phone.Core.Tests.Resilience
{
    using System.Linq;
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

        [Fact]
        public void Probes_and_registers_keep_one_call_id_and_tag_each_from_their_packed_ids_with_a_fresh_branch_each()
        {
            var r = new ResilienceRig();
            r.Start();
            r.RunUntil(40_000);
            string Header(string text, string name) => text.Split("\r\n").First(l => l.StartsWith(name + ":")).Substring(name.Length + 1).Trim();
            foreach (string method in new[] { "OPTIONS ", "REGISTER " })
            {
                var sent = r.Registrar.Requests.Where(q => q.Text.StartsWith(method)).Select(q => q.Text).ToList();
                Assert.True(sent.Count >= 2, method + sent.Count);
                var callIds = sent.Select(t => Header(t, "Call-ID")).Distinct().ToList();
                string callId = Assert.Single(callIds);
                Assert.Matches("^[A-Za-z0-9]{20}@192\\.168\\.1\\.20$", callId);
                Assert.Single(sent.Select(t => Header(t, "From")).Distinct());
                Assert.Matches(";tag=[A-Za-z0-9]{10}$", Header(sent[0], "From"));
                var branches = sent.Select(t => Header(t, "Via")).Select(v => v.Substring(v.IndexOf("branch=") + 7).Split(';')[0]).ToList();
                Assert.All(branches, b => Assert.Matches("^z9hG4bK[A-Za-z0-9]{12}$", b));
                Assert.Equal(branches.Count, branches.Distinct().Count());
            }
        }
    }
}
