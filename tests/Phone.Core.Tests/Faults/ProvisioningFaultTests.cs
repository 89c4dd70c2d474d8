// Provisioning against a server that fails half the time (timeouts, resets, 5xx, garbage bodies): the client
// converges, never applies a partial or garbage configuration, keeps last-known-good in the store, and backs off.
namespace Phone.Core.Tests.Faults
{
    using System;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using Phone.Core.Tests.Provisioning;
    using Xunit.Abstractions;

    public class ProvisioningFaultTests
    {
        private const string Base = ProvisioningClientTests.Base;
        private readonly ITestOutputHelper _out;

        public ProvisioningFaultTests(ITestOutputHelper output) => _out = output;

        /// <summary>Fails about half the requests, in one of the ways a real server or network does.</summary>
        private static Func<HttpsRequest, HttpsResponse> Flaky(Random random, int[] kinds)
        {
            return request =>
            {
                if (random.Next(2) == 0) return null;   // served normally
                int kind = random.Next(5);
                kinds[kind]++;
                switch (kind)
                {
                    case 0: return new HttpsResponse { Outcome = HttpsOutcome.Timeout, Detail = "hung" };
                    case 1: return new HttpsResponse { Outcome = HttpsOutcome.NetworkError, Detail = "connection reset" };
                    case 2: return new HttpsResponse { Outcome = HttpsOutcome.Completed, StatusCode = 500 };
                    case 3: return new HttpsResponse { Outcome = HttpsOutcome.Completed, StatusCode = 503 };
                    default:
                        byte[] garbage = new byte[1 + random.Next(600)];
                        random.NextBytes(garbage);
                        return new HttpsResponse { Outcome = HttpsOutcome.Completed, StatusCode = 200, ContentType = "text/plain", Body = garbage, BodyLength = garbage.Length, ETag = "\"g" + random.Next() + "\"" };
                }
            };
        }

        /// <summary>The configuration a healthy server would produce for the given files.</summary>
        private static ProvisioningConfig Reference(string deviceText)
        {
            var fetcher = new FakeHttpsFetcher();
            fetcher.Put(ProvisioningClientTests.CommonUrl, ProvisioningClientTests.CommonText);
            fetcher.Put(ProvisioningClientTests.DeviceUrl, deviceText);
            var log = new CapturingLog();
            var client = new ProvisioningClient(fetcher, new FaultInjectingStore(), log, 1, ProvisioningClientTests.Mac, Base);
            long now = 1000;
            for (int i = 0; i < 50 && !client.HasStoredConfiguration; i++)
            {
                long next = client.Poll(now);
                if (!client.IsBusy) now = Math.Max(next, now + 1);
            }
            Assert.True(client.HasStoredConfiguration, log.All);
            return client.Current.Clone();
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void ConvergesThroughAServerThatFailsHalfTheTimeAndKeepsLastKnownGood(int seed)
        {
            string v2 = ProvisioningClientTests.DeviceText.Replace("config.version = 1\n", "config.version = 1.1\n").Replace("tones.country = uk", "tones.country = fr");
            ProvisioningConfig ref1 = Reference(ProvisioningClientTests.DeviceText), ref2 = Reference(v2);
            Assert.False(ref1.SameAs(ref2));

            var fetcher = new FakeHttpsFetcher();
            fetcher.Put(ProvisioningClientTests.CommonUrl, ProvisioningClientTests.CommonText);
            fetcher.Put(ProvisioningClientTests.DeviceUrl, ProvisioningClientTests.DeviceText);
            var kinds = new int[5];
            fetcher.Gate = Flaky(new Random(seed), kinds);
            var store = new FaultInjectingStore();
            var client = new ProvisioningClient(fetcher, store, new CapturingLog(), seed, ProvisioningClientTests.Mac, Base);

            long now = 1000, firstApplied = -1, secondApplied = -1;
            const long changeAt = 6 * 3600_000L, end = 24 * 3600_000L;
            bool changed = false;
            int polls = 0;
            while (now < end)
            {
                if (!changed && now >= changeAt)
                {
                    fetcher.Put(ProvisioningClientTests.DeviceUrl, v2);
                    changed = true;
                }
                long next = client.Poll(now);
                polls++;
                Assert.True(next >= now, "deadline in the past");
                // Only ever a whole configuration: nothing, v1, or v2 — never garbage or a half-applied update.
                if (client.HasStoredConfiguration)
                {
                    bool isV1 = client.Current.SameAs(ref1), isV2 = client.Current.SameAs(ref2);
                    Assert.True(isV1 || isV2, "partial configuration at " + now);
                    if (isV1 && firstApplied < 0) firstApplied = now;
                    if (isV2 && secondApplied < 0) secondApplied = now;
                    Assert.False(changed == false && isV2);
                }
                now = client.IsBusy ? now : Math.Max(next, now + 1);
            }

            _out.WriteLine($"seed {seed}: requests {fetcher.Requests.Count}, injected failures timeout/reset/500/503/garbage {string.Join("/", kinds)}, " +
                $"v1 at {firstApplied / 1000} s, v2 at {(secondApplied - changeAt) / 1000} s after the change, stats ok {client.Stats.Successes} failed {client.Stats.Failures}, polls {polls}");
            Assert.True(kinds[0] > 0 && kinds[1] > 0 && kinds[4] > 0, "every fault kind was injected");
            Assert.InRange(firstApplied, 1000, 1000 + 3600_000);       // first provisioning within an hour of retries
            Assert.InRange(secondApplied - changeAt, 0, 2 * 3600_000 + 600_000);  // change picked up within two resyncs
            Assert.True(client.Stats.Failures > 0);
            // Backoff, not a retry storm: at most a few requests per simulated minute on average.
            Assert.True(fetcher.Requests.Count < 24 * 60, "requests: " + fetcher.Requests.Count);
            // A reboot comes back with the last-known-good configuration from the store.
            var rebooted = new ProvisioningClient(fetcher, store, new CapturingLog(), 9, ProvisioningClientTests.Mac, Base);
            Assert.True(rebooted.Current.SameAs(ref2));
        }
    }
}
