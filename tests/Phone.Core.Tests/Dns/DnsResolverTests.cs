namespace Phone.Core.Tests.Dns
{
    using System;
    using System.Collections.Generic;
    using System.Linq;
    using System.Net;
    using Phone.Core.Dns;
    using Phone.Core.Net;
    using Phone.Host.Net;

    /// <summary>The resolver over a real UDP socket against a DNS responder on 127.0.0.1; time is driven by hand.</summary>
    public sealed class DnsResolverTests : IDisposable
    {
        private readonly LoopbackDnsServer _dns = new LoopbackDnsServer();
        private readonly HostDatagramSocket _socket = new HostDatagramSocket(new NetEndPoint(0x7F000001, 0));
        private readonly DnsResolver _resolver;
        private long _now = 1_000_000;

        public DnsResolverTests()
        {
            _resolver = new DnsResolver(_socket, new NetEndPoint(0x7F000001, _dns.Port), new Random(5));
            _dns.Srv["_sip._udp.example.com"] = new List<(int, int, int, string)>
            {
                (10, 100, 5060, "pbx1.example.com"),
                (20, 100, 5080, "pbx2.example.com"),
            };
            _dns.A["pbx1.example.com"] = IPAddress.Parse("127.0.0.11");
            _dns.A["pbx2.example.com"] = IPAddress.Parse("127.0.0.12");
            _dns.A["example.com"] = IPAddress.Parse("127.0.0.13");
        }

        public void Dispose()
        {
            _socket.Close();
            _dns.Dispose();
        }

        /// <summary>Polls until the lookup ends; answers arrive in real time, timeouts by advancing the clock.</summary>
        private DnsResolveState Run(int maxTimeoutsToSkip = 0)
        {
            for (int spins = 0; spins < 400; spins++)
            {
                long next = _resolver.Poll(_now);
                if (_resolver.State == DnsResolveState.Done || _resolver.State == DnsResolveState.Failed) return _resolver.State;
                if (!_socket.WaitReadable(20) && maxTimeoutsToSkip > 0 && spins % 10 == 9) _now = next; // jump to the deadline
            }
            return _resolver.State;
        }

        private string[] Targets()
            => Enumerable.Range(0, _resolver.TargetCount).Select(i => _resolver.Targets[i]).Select(t => NetEndPoint.AddressToString(t.Address) + ":" + t.Port).ToArray();

        [Fact]
        public void SrvWithAdditionalAddressesGivesOrderedTargetsInOneQuery()
        {
            _resolver.Begin("_sip._udp.example.com", "example.com", 5060, _now);
            Assert.Equal(DnsResolveState.Done, Run());
            Assert.Equal(new[] { "127.0.0.11:5060", "127.0.0.12:5080" }, Targets());
            Assert.Single(_dns.Queries);
        }

        [Fact]
        public void SrvTargetsWithoutAdditionalAddressesAreLookedUp()
        {
            _dns.IncludeAdditional = false;
            _resolver.Begin("_sip._udp.example.com", "example.com", 5060, _now);
            Assert.Equal(DnsResolveState.Done, Run());
            Assert.Equal(new[] { "127.0.0.11:5060", "127.0.0.12:5080" }, Targets());
            Assert.Equal(new[] { ("_sip._udp.example.com", 33), ("pbx1.example.com", 1), ("pbx2.example.com", 1) }, _dns.Queries.ToArray());
        }

        [Fact]
        public void NoSrvFallsBackToTheDomainsAddress()
        {
            _resolver.Begin("_sip._udp.other.example.com", "example.com", 5060, _now);
            Assert.Equal(DnsResolveState.Done, Run());
            Assert.Equal(new[] { "127.0.0.13:5060" }, Targets());
        }

        [Fact]
        public void FreshCacheAnswersWithoutAQueryUntilTheTtlRunsOut()
        {
            _dns.TtlSeconds = 30;
            _resolver.Begin("_sip._udp.example.com", "example.com", 5060, _now);
            Run();
            int queries = _dns.Queries.Count;
            _now += 29_000;
            _resolver.Begin("_sip._udp.example.com", "example.com", 5060, _now);
            Assert.Equal(DnsResolveState.Done, _resolver.State);
            Assert.Equal(queries, _dns.Queries.Count);
            Assert.Equal(1, _resolver.Stats.CacheHits);
            _now += 2_000;
            _resolver.Begin("_sip._udp.example.com", "example.com", 5060, _now);
            Assert.Equal(DnsResolveState.Done, Run());
            Assert.True(_dns.Queries.Count > queries, "expired entry must be asked again");
        }

        [Fact]
        public void WhenDnsIsDownTheLastAnswerIsUsed()
        {
            _dns.TtlSeconds = 10;
            _resolver.Begin("_sip._udp.example.com", "example.com", 5060, _now);
            Run();
            _dns.Silent = true;
            _now += 60_000;
            _resolver.Begin("_sip._udp.example.com", "example.com", 5060, _now);
            Assert.Equal(DnsResolveState.Done, Run(maxTimeoutsToSkip: 3));
            Assert.True(_resolver.FromStaleCache);
            Assert.Equal(new[] { "127.0.0.11:5060", "127.0.0.12:5080" }, Targets());
            Assert.Equal(1, _resolver.Stats.Timeouts);
            Assert.Equal(1, _resolver.Stats.StaleAnswers);
        }

        [Fact]
        public void WhenDnsIsDownAndNothingIsCachedTheLookupFailsAfterThreeTries()
        {
            _dns.Silent = true;
            long start = _now;
            _resolver.Begin("_sip._udp.example.com", "example.com", 5060, _now);
            Assert.Equal(DnsResolveState.Failed, Run(maxTimeoutsToSkip: 3));
            Assert.Equal(3, _resolver.Stats.QueriesSent);
            Assert.Equal(start + 1000 + 2000 + 4000, _now); // 1 s, then doubled twice
        }

        [Fact]
        public void AnswersFromAnotherAddressAreIgnored()
        {
            using var stranger = new HostDatagramSocket(new NetEndPoint(0x7F000001, 0));
            _dns.Silent = true;
            _resolver.Begin("_sip._udp.example.com", "example.com", 5060, _now);
            byte[] spoof = DnsWire.Response(0, "_sip._udp.example.com", 33, 0, false,
                new List<(string, int, int, object)> { ("_sip._udp.example.com", 33, 300, (1, 1, 9999, "evil.example.com")) },
                new List<(string, int, int, object)>());
            stranger.SendTo(spoof, 0, spoof.Length, _socket.LocalEndPoint);
            _socket.WaitReadable(500);
            _resolver.Poll(_now);
            Assert.Equal(DnsResolveState.WaitingSrv, _resolver.State);
            Assert.Equal(1, _resolver.Stats.Unexpected);
        }
    }
}
