// Simulated 24 hours of one device with time passed in (runs in seconds): hourly provisioning resync, a 10 s call every
// 5 minutes, a SIP SRV lookup every 10 minutes; allocation per hour stays flat, deadlines do not drift, counters add up.
namespace Phone.Core.Tests.Soak
{
    using System;
    using System.Collections.Generic;
    using Phone.Core.Dns;
    using Phone.Core.Media;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using Phone.Core.Tests.Dns;
    using Phone.Core.Tests.Media;
    using Phone.Core.Tests.Provisioning;
    using Xunit.Abstractions;

    public class DeviceDaySoakTests
    {
        private const long Hour = 3600_000;
        private static readonly NetEndPoint AddrA = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 1), 40000);
        private static readonly NetEndPoint AddrB = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 2), 50000);
        private static readonly NetEndPoint DnsServer = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 53), 53);
        private readonly ITestOutputHelper _out;

        public DeviceDaySoakTests(ITestOutputHelper output) => _out = output;

        /// <summary>Serves two fixed files with ETags and answers 304 to a matching If-None-Match; no per-request allocation.</summary>
        private sealed class SteadyFetcher : IHttpsFetcher
        {
            private readonly string[] _urls;
            private readonly HttpsResponse[] _full, _notModified;
            public int Requests;
            public long NowMs;
            public readonly long[] DeviceFetchTimes = new long[64];
            public int DeviceFetches;

            public SteadyFetcher(string[] urls, string[] texts)
            {
                _urls = urls;
                _full = new HttpsResponse[urls.Length];
                _notModified = new HttpsResponse[urls.Length];
                for (int i = 0; i < urls.Length; i++)
                {
                    byte[] body = System.Text.Encoding.UTF8.GetBytes(texts[i]);
                    string etag = "\"v" + i + "\"";
                    _full[i] = new HttpsResponse { Outcome = HttpsOutcome.Completed, StatusCode = 200, ContentType = "text/plain", ETag = etag, Body = body, BodyLength = body.Length };
                    _notModified[i] = new HttpsResponse { Outcome = HttpsOutcome.Completed, StatusCode = 304, ETag = etag };
                }
            }

            public void SetTrustedCa(string pem) { }

            public HttpsResponse Send(HttpsRequest request)
            {
                Requests++;
                for (int i = 0; i < _urls.Length; i++)
                {
                    if (request.Url != _urls[i]) continue;
                    if (i == _urls.Length - 1 && DeviceFetches < DeviceFetchTimes.Length) DeviceFetchTimes[DeviceFetches++] = NowMs;
                    return request.IfNoneMatch == _full[i].ETag ? _notModified[i] : _full[i];
                }
                return new HttpsResponse { Outcome = HttpsOutcome.Completed, StatusCode = request.Method == "POST" ? 200 : 404 };
            }
        }

        /// <summary>A DNS server on the other end of a socket: answers every SRV query with one target and its A record.</summary>
        private sealed class DnsServerSocket : IDatagramSocket
        {
            private readonly byte[] _answer;
            private bool _pending;
            public int Queries;

            public DnsServerSocket()
            {
                _answer = DnsWire.Response(0, "_sip._udp.example.com", DnsType.Srv, 0, false,
                    new List<(string, int, int, object)> { ("_sip._udp.example.com", DnsType.Srv, 300, (10, 60, 5060, "pbx.example.com")) },
                    new List<(string, int, int, object)> { ("pbx.example.com", DnsType.A, 300, new byte[] { 10, 0, 0, 5 }) });
            }

            public NetEndPoint LocalEndPoint => new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 1), 5353);

            public bool SendTo(byte[] buffer, int offset, int count, NetEndPoint remote)
            {
                Queries++;
                _answer[0] = buffer[offset];      // echo the query ID (RFC 1035 §4.1.1)
                _answer[1] = buffer[offset + 1];
                _pending = true;
                return true;
            }

            public int ReceiveFrom(byte[] buffer, int offset, int count, out NetEndPoint remote)
            {
                remote = DnsServer;
                if (!_pending) return 0;
                _pending = false;
                Array.Copy(_answer, 0, buffer, offset, _answer.Length);
                return _answer.Length;
            }

            public bool WaitReadable(int timeoutMs) => _pending;

            public void Close() { }
        }

        [Fact]
        public void OneSimulatedDayKeepsAllocationFlatDeadlinesOnTimeAndCountersConsistent()
        {
            var fetcher = new SteadyFetcher(
                new[] { ProvisioningClientTests.CommonUrl, ProvisioningClientTests.DeviceUrl },
                new[] { ProvisioningClientTests.CommonText, ProvisioningClientTests.DeviceText });
            var prov = new ProvisioningClient(fetcher, new FaultInjectingStore(), new CapturingLog(), 7, ProvisioningClientTests.Mac, ProvisioningClientTests.Base);
            var dnsSocket = new DnsServerSocket();
            var resolver = new DnsResolver(dnsSocket, DnsServer, new Random(3));
            var audioA = new ToneAudioPort(20, 8000);
            var audioB = new ToneAudioPort(32, 6000);

            long now = 1000, provNext = now, nextCall = 60_000, nextDns = 0, hourEnd = Hour;
            int calls = 0, lookups = 0, callFrames = 0, concealed = 0, lost = 0;
            var perHour = new long[24];
            int hour = 0;
            long allocatedAtHourStart = GC.GetAllocatedBytesForCurrentThread();
            while (hour < 24)
            {
                long next = Math.Min(Math.Min(provNext, nextCall), Math.Min(nextDns, hourEnd));
                now = next;
                if (now == hourEnd)
                {
                    long allocated = GC.GetAllocatedBytesForCurrentThread();
                    perHour[hour++] = allocated - allocatedAtHourStart;
                    allocatedAtHourStart = allocated;
                    hourEnd += Hour;
                    if (hour == 24) break;
                }
                if (now >= provNext)
                {
                    fetcher.NowMs = now;
                    provNext = prov.Poll(now);
                    for (int i = 0; i < 20 && prov.IsBusy; i++) provNext = prov.Poll(now);
                    Assert.True(provNext > now, "provisioning deadline must move forward");
                }
                if (now >= nextDns)
                {
                    resolver.Begin("_sip._udp.example.com", "example.com", 5060, now);
                    for (int i = 0; i < 5 && resolver.State != DnsResolveState.Done; i++) resolver.Poll(now);
                    Assert.Equal(DnsResolveState.Done, resolver.State);
                    Assert.Equal(NetEndPoint.MakeAddress(10, 0, 0, 5), resolver.Targets[0].Address);
                    lookups++;
                    nextDns += 10 * 60_000;
                }
                if (now >= nextCall)
                {
                    // A 10 s call: two sessions over an in-memory link with 1 % loss, 20 ms ticks, then hang-up.
                    var link = new MemoryDatagramLink(AddrA, AddrB, 1, 1, (uint)(calls + 1));
                    var a = new MediaSession(audioA, link.A, null, new MediaSessionConfig { PayloadType = 0, TelephoneEventPayloadType = 101, RemoteRtp = AddrB, RandomSeed = (uint)(2 * calls + 1), Cname = "a@10.0.0.1" }, now);
                    var b = new MediaSession(audioB, link.B, null, new MediaSessionConfig { PayloadType = 0, TelephoneEventPayloadType = 101, RemoteRtp = AddrA, RandomSeed = (uint)(2 * calls + 2), Cname = "b@10.0.0.2" }, now);
                    int before = audioB.FramesPlayed;
                    long t = now;
                    for (int f = 0; f < 500; f++, t += 20)
                    {
                        a.Tick(t);
                        b.Tick(t);
                    }
                    a.Stop(t);
                    b.Stop(t);
                    Assert.Equal(500, audioB.FramesPlayed - before);
                    callFrames += 500;
                    concealed += b.Stats.ConcealedFrames;
                    lost += b.Stats.PacketsLost;
                    calls++;
                    nextCall += 5 * 60_000;
                }
            }

            // Deadlines: with a healthy server the device file is fetched at boot and then every 3600 s + 0..60 s of
            // jitter (prov.resync_s / prov.resync_jitter_s), measured from the previous fetch — no drift, no bunching.
            Assert.InRange(fetcher.DeviceFetches, 23, 25);
            for (int i = 1; i < fetcher.DeviceFetches; i++)
            {
                long gap = fetcher.DeviceFetchTimes[i] - fetcher.DeviceFetchTimes[i - 1];
                Assert.InRange(gap, 3600_000, 3660_000);
            }
            Assert.Equal(288, calls);
            Assert.Equal(144, lookups);
            Assert.Equal(0, prov.Stats.Failures);
            Assert.Equal(fetcher.Requests, prov.Stats.Requests);
            Assert.Equal(dnsSocket.Queries, resolver.Stats.QueriesSent);
            Assert.True(concealed >= 0 && lost >= 0 && concealed < callFrames / 10);

            // Allocation: after the first (boot) hour every hour costs about the same, and the last six hours cost no
            // more than six early ones — a leak or a growing cache would show up as a rising per-hour figure.
            long early = 0, late = 0, max = 0, min = long.MaxValue;
            for (int h = 1; h < 24; h++) { max = Math.Max(max, perHour[h]); min = Math.Min(min, perHour[h]); }
            for (int h = 1; h <= 6; h++) early += perHour[h];
            for (int h = 18; h < 24; h++) late += perHour[h];
            _out.WriteLine("allocated per hour (bytes): " + string.Join(", ", perHour));
            _out.WriteLine($"calls {calls}, frames {callFrames}, lost {lost}, concealed {concealed}, lookups {lookups}, prov requests {fetcher.Requests}, device fetches {fetcher.DeviceFetches}");
            Assert.True(max <= min * 3 / 2, "per-hour allocation varies: " + string.Join(", ", perHour));
            Assert.True(late <= early + early / 10, "allocation grows: early " + early + ", late " + late);
        }
    }
}
