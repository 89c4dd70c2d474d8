// A registration storm: 200 emulated phones (our RegistrationClient each, own UDP socket) started at once against one
// Kamailio that sheds the first REGISTER of half of them with 503 Retry-After: 2; all must register, none may retry
// sooner than Retry-After or the back-off allows; the time to all registered is reported.
namespace Phone.Interop.Tests.Resilience
{
    using System;
    using System.Collections.Generic;
    using System.Diagnostics;
    using System.Linq;
    using System.Threading;
    using Phone.Core.Resilience;
    using Phone.Core.Sip.Registration;
    using Phone.Interop.Tests.Harness;
    using Xunit.Abstractions;

    public sealed class FleetTests
    {
        private const int Phones = 200;
        private const int StartWindowMs = 2000;
        private readonly ITestOutputHelper _output;

        public FleetTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Two_hundred_phones_started_at_once_all_register_and_none_retries_early()
        {
            using var kamailio = new KamailioProcess(0, "kamailio-fleet.cfg");
            var clock = Stopwatch.StartNew();
            var devices = new List<ResilientDevice>();
            var starters = new List<RegistrationStarter>();
            var random = new Random(2026);
            try
            {
                for (int i = 0; i < Phones; i++)
                {
                    string user = "fleet" + i;
                    // Back-off base 5 s (RFC 5626 §4.5 shape, shortened so a failure costs the test seconds, not minutes).
                    var d = new ResilientDevice(user, "fleet-pw-" + user, new[] { kamailio.Port }, clock, null, null, seed: i + 1, backoffBaseSeconds: 5);
                    devices.Add(d);
                    starters.Add(new RegistrationStarter(d.Registration, null, StartWindowMs, random));
                }
                long start = clock.ElapsedMilliseconds;
                foreach (var s in starters) s.Arm(start);
                long end = start + 60_000;
                while (clock.ElapsedMilliseconds < end && devices.Any(d => d.Registration.State != RegistrationState.Registered))
                {
                    long now = clock.ElapsedMilliseconds;
                    for (int i = 0; i < Phones; i++)
                    {
                        starters[i].Poll(now);
                        devices[i].Poll(now);
                    }
                    Thread.Sleep(1);
                }
                long allRegistered = clock.ElapsedMilliseconds - start;
                int registered = devices.Count(d => d.Registration.State == RegistrationState.Registered);
                long lastFirstRegistration = devices.Max(d => d.EventAt("registered", 0)) - start;
                int retries = devices.Sum(d => d.Retries.Count);
                int shed = devices.Sum(d => d.Retries.Count(r => r.Status == 503));
                _output.WriteLine(Phones + " phones, start window " + StartWindowMs + " ms: " + registered + " registered; last one "
                    + lastFirstRegistration + " ms after the start; " + retries + " scheduled retries (" + shed + " after 503 Retry-After: 2)");
                Assert.Equal(Phones, registered);
                Assert.InRange(shed, Phones / 2, Phones);   // every even-numbered phone was shed once

                // Every retry went out no sooner than the server (Retry-After) or the back-off allowed.
                foreach (var d in devices)
                {
                    Assert.Equal(d.Retries.Count, d.RetrySends.Count);
                    for (int k = 0; k < d.Retries.Count; k++)
                    {
                        var (at, failures, due, status) = d.Retries[k];
                        long sent = d.RetrySends[k];
                        Assert.True(sent >= due, d.User + ": retry " + k + " sent at " + sent + " before it was due at " + due);
                        if (status == 503)
                        {
                            Assert.Equal(2000, due - at);   // Retry-After: 2, exactly
                        }
                        else
                        {
                            long cap = 5000;
                            for (int n = 1; n < failures && cap < 1_800_000; n++) cap *= 2;
                            Assert.InRange(due - at, cap / 2, cap);
                        }
                    }
                }
                Assert.InRange(lastFirstRegistration, 0, 30_000);
                _ = allRegistered;
            }
            finally
            {
                foreach (var d in devices) d.Dispose();
            }
        }
    }
}
