// Registration storms (random start delay, capped exponential back-off with jitter, 503 Retry-After) and network
// changes (re-register at once with the new Contact), with a manual clock.
namespace Phone.Core.Tests.Resilience
{
    using System.Collections.Generic;
    using System.Linq;
    using Phone.Core.Net;
    using Phone.Core.Resilience;
    using Phone.Core.Sip.Registration;

    public class StormAndNetworkTests
    {
        [Fact]
        public void StartDelaysOfTwoHundredPhonesSpreadOverTheWholeWindow()
        {
            var random = new System.Random(42);
            var delays = new List<int>();
            for (int i = 0; i < 200; i++)
            {
                var r = new ResilienceRig(seed: i);
                var starter = new RegistrationStarter(r.Client, r.Monitor, 10_000, random);
                starter.Arm(0);
                Assert.Equal(starter.DelayMs, starter.Poll(0));   // not yet: the deadline is the drawn delay
                Assert.Equal(RegistrationState.Unregistered, r.Client.State);
                Assert.Equal(long.MaxValue, starter.Poll(starter.DelayMs));
                Assert.True(starter.Started);
                Assert.NotEqual(RegistrationState.Unregistered, r.Client.State);
                delays.Add(starter.DelayMs);
            }
            Assert.InRange(delays.Min(), 0, 500);
            Assert.InRange(delays.Max(), 9500, 10_000);
            // No second of the window gets more than three times its fair share (20 per second).
            Assert.True(delays.GroupBy(d => d / 1000).All(g => g.Count() <= 60), string.Join(",", delays.GroupBy(d => d / 1000).Select(g => g.Count())));
        }

        [Fact]
        public void RetriesWhileEveryRegistrarIsDownBackOffExponentiallyWithJitterUpToTheCap()
        {
            var waits = new List<(int Failures, long WaitMs)>();
            for (int seed = 1; seed <= 5; seed++)
            {
                var r = new ResilienceRig(seed: seed);
                r.PrimaryUp = false;
                r.BackupUp = false;
                r.Client.Failed += (c, code, t) =>
                {
                    // Poll before the deadline does nothing and tells when the retry is due.
                    if (c.State == RegistrationState.WaitingRetry) waits.Add((c.ConsecutiveFailures, c.Poll(t) - t));
                };
                r.Client.Start(r.Now);
                r.RunUntil(6 * 3600_000L);
                Assert.True(r.Client.ConsecutiveFailures >= 12, "failures " + r.Client.ConsecutiveFailures + " " + r.Client.State + " " + r.Client.StateReason + " " + r.Client.StateReason);
            }
            // Both targets are tried at once (RFC 3263 §4.3), then RFC 5626 §4.5: 50-100 % of min(1800 s, 30 s * 2^(n-1)).
            Assert.True(waits.Count > 40);
            foreach (var (failures, wait) in waits)
            {
                long cap = 30_000;
                for (int i = 1; i < failures && cap < 1_800_000; i++) cap *= 2;
                if (cap > 1_800_000) cap = 1_800_000;
                Assert.InRange(wait, cap / 2, cap);
            }
            Assert.Contains(waits, w => w.WaitMs > 900_000);   // the cap is reached within six hours
            Assert.True(waits.Select(w => w.WaitMs).Distinct().Count() > waits.Count / 2, "jitter: waits differ");
        }

        [Fact]
        public void RetryAfterFromA503IsHonouredExactly()
        {
            var r = new ResilienceRig();
            r.Registrar.Script = q => q.Text.StartsWith("REGISTER ") ? (503, "Service Unavailable", "Retry-After: 120\r\n") : null;
            r.Start();
            r.RunUntil(119_000);
            Assert.Equal(1, r.Registrar.Requests.Count(q => q.Text.StartsWith("REGISTER ")));
            r.RunUntil(121_000);
            Assert.Equal(2, r.Registrar.Requests.Count(q => q.Text.StartsWith("REGISTER ")));
            Assert.Equal(120_000, r.Registrar.Requests.Where(q => q.Text.StartsWith("REGISTER ")).ElementAt(1).At);
        }

        [Fact]
        public void AddressChangeReRegistersAtOnceWithTheNewContactAndRemovesTheOld()
        {
            var r = new ResilienceRig();
            var net = new NetworkChangeHandler(r.Client, r.Monitor, r.Reporter);
            r.Start();
            r.RunUntil(100_000);
            int before = r.Registrar.Requests.Count(q => q.Text.StartsWith("REGISTER "));

            var moved = new NetEndPoint(NetEndPoint.MakeAddress(192, 168, 1, 77), 5060);
            r.PhoneSocket.SeenAs = moved;   // DHCP gave a new lease; the socket is re-bound there
            net.OnAddressChanged(moved.Address, moved.Port, r.Now);
            r.RunUntil(100_010);

            var registers = r.Registrar.Requests.Where(q => q.Text.StartsWith("REGISTER ")).ToList();
            Assert.True(registers.Count > before);
            var last = registers.Last();
            Assert.Equal(100_000, registers[before].At);
            Assert.Equal(new[] { "<sip:201@192.168.1.20:5060>;expires=0", "<sip:201@192.168.1.77:5060>;expires=600" }, last.Contacts);
            Assert.Contains("Via: SIP/2.0/UDP 192.168.1.77:5060;", last.Text);
            Assert.Equal(RegistrationState.Registered, r.Client.State);
            Assert.Equal("sip:201@192.168.1.77:5060", r.Client.Contact);
            Assert.Equal(1, net.Reregistrations);

            // Keep-alives now carry the new address too.
            r.RunUntil(120_000);
            Assert.Contains("Via: SIP/2.0/UDP 192.168.1.77:5060;", r.Registrar.Requests.Last(q => q.Text.StartsWith("OPTIONS ")).Text);
        }

        [Fact]
        public void LinkDownStopsProbingSoACablePullIsNotADeadPbxAndLinkUpReRegistersNow()
        {
            var r = new ResilienceRig();
            var net = new NetworkChangeHandler(r.Client, r.Monitor, r.Reporter);
            r.Start();
            r.RunUntil(30_000);
            net.OnLinkDown(r.Now);
            r.PhoneSocket.RefuseSends = true;
            r.RunUntil(90_000);
            Assert.DoesNotContain(r.Events, e => e.StartsWith("dead") || e.StartsWith("alldown"));
            Assert.Equal(SurvivabilityState.Normal, r.Survival.State);

            r.PhoneSocket.RefuseSends = false;
            int before = r.Registrar.Requests.Count(q => q.Text.StartsWith("REGISTER "));
            net.OnLinkUp(ResilienceRig.PhoneEp.Address, ResilienceRig.PhoneEp.Port, r.Now);
            r.RunUntil(90_010);
            var after = r.Registrar.Requests.Where(q => q.Text.StartsWith("REGISTER ")).ToList();
            Assert.True(after.Count > before);
            Assert.Equal(90_000, after[before].At);
            Assert.Equal(new[] { "<sip:201@192.168.1.20:5060>;expires=600" }, after.Last().Contacts);   // same address: no removal
            Assert.False(net.LinkDown);
        }
    }
}
