// Our DNS client (Dns.DnsResolver via Resilience.RegistrarLocator) against a small DNS responder on 127.0.0.1 (test
// code, RFC 1035 wire format): SRV priority/weight order (RFC 2782), A lookup for a target without glue, TTL cache,
// the cached answer when the responder is gone; the located primary is a real Kamailio our phone registers with, and
// a PhoneAgent provisioned with the domain as its registrar locates and registers there by itself.
namespace Phone.Interop.Tests.Resilience
{
    using System;
    using System.Collections.Generic;
    using System.Diagnostics;
    using System.Net;
    using System.Net.Sockets;
    using System.Text;
    using System.Threading;
    using Phone.Core.Agent;
    using Phone.Core.Dns;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using Phone.Core.Resilience;
    using Phone.Core.Sip.Registration;
    using Phone.Host.Audio;
    using Phone.Host.Net;
    using Phone.Interop.Tests.Harness;
    using Xunit.Abstractions;

    public sealed class DnsSrvTests
    {
        private readonly ITestOutputHelper _output;

        public DnsSrvTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Srv_ordered_a_for_unglued_target_ttl_cached_stale_answer_when_dns_is_down_and_registration_on_the_located_primary()
        {
            using var kamailio = new KamailioProcess();
            int deadPort = FreePorts.Get();
            using var dns = new DnsResponder(ttlSeconds: 2);
            dns.Srv.Add((10, 100, kamailio.Port, "pbx-a.office.test"));
            dns.Srv.Add((20, 60, deadPort, "pbx-b.office.test"));
            dns.Srv.Add((20, 40, deadPort + 1, "pbx-c.office.test"));
            dns.Glue["pbx-a.office.test"] = true;   // in the additional section
            dns.Glue["pbx-b.office.test"] = true;
            // pbx-c has no glue: the resolver must ask for its A record.

            uint loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
            using var socket = new HostDatagramSocket(new NetEndPoint(loopback, 0));
            var resolver = new DnsResolver(socket, new NetEndPoint(loopback, dns.Port), new Random(5));
            var locator = new RegistrarLocator(resolver);
            var clock = Stopwatch.StartNew();
            Assert.True(RegistrarLocator.NeedsLookup("office.test"));
            Assert.False(RegistrarLocator.NeedsLookup("127.0.0.1"));

            Resolve(locator, socket, clock, "office.test");
            Assert.True(locator.IsDone, "state " + resolver.State);
            var targets = new NetEndPoint[4];
            int n = locator.CopyTargets(targets);
            Assert.Equal(3, n);
            Assert.Equal(new NetEndPoint(loopback, kamailio.Port), targets[0]);   // priority 10 first
            Assert.Contains(targets[1].Port, new[] { deadPort, deadPort + 1 });
            Assert.Contains(targets[2].Port, new[] { deadPort, deadPort + 1 });
            Assert.NotEqual(targets[1].Port, targets[2].Port);
            Assert.Equal(new[] { "SRV _sip._udp.office.test", "A pbx-c.office.test" }, dns.Queries.ToArray());
            Assert.False(locator.FromStaleCache);

            // Within the TTL: from the cache, no query.
            Resolve(locator, socket, clock, "office.test");
            Assert.Equal(2, dns.Queries.Count);
            Assert.Equal(1, resolver.Stats.CacheHits);

            // The product's agent, provisioned with the domain as its registrar, locates Kamailio the same way and registers.
            using (var sip = new HostDatagramSocket(new NetEndPoint(loopback, 0)))
            using (var agentDns = new HostDatagramSocket(new NetEndPoint(loopback, 0)))
            {
                var p = new ProvisioningConfig();
                p.Set("account.1.user", "alice");
                p.Set("account.1.password", KamailioProcess.AlicePassword);
                p.Set("account.1.registrar", "office.test");
                AgentConfig config = AgentConfig.FromConfig(p, 1, loopback, sip.LocalEndPoint.Port, 0);
                config.DnsServer = new NetEndPoint(loopback, dns.Port);
                var agent = new PhoneAgent(config, new AgentPorts
                {
                    Sip = sip,
                    Rtp = new IDatagramSocket[2],
                    Audio = new SignalAudioPort(400, 400, 0),
                    Dns = agentDns,
                });
                long a0 = clock.ElapsedMilliseconds;
                agent.Start(a0);
                while (!agent.IsRegistered && clock.ElapsedMilliseconds < a0 + 5000)
                {
                    sip.WaitReadable(5);
                    agent.Poll(clock.ElapsedMilliseconds);
                }
                _output.WriteLine("agent with registrar \"office.test\": located by SRV and registered in " + (clock.ElapsedMilliseconds - a0) + " ms");
                Assert.True(agent.IsRegistered, "agent registered via SRV");
                Assert.Equal(new NetEndPoint(loopback, kamailio.Port), agent.Registration.Target);
                Assert.Equal(3, agent.Monitor.TargetCount);   // the other SRV targets are its backups
                agent.Unregister(clock.ElapsedMilliseconds);
                for (long end = clock.ElapsedMilliseconds + 1000; agent.IsRegistered && clock.ElapsedMilliseconds < end;)
                {
                    sip.WaitReadable(5);
                    agent.Poll(clock.ElapsedMilliseconds);
                }
            }

            // The host phone (the emulator's desk) given the name opens its own DNS socket, locates Kamailio and
            // registers, driven by its own loop thread.
            {
                var p = new ProvisioningConfig();
                p.Set("account.1.user", "alice");
                p.Set("account.1.password", KamailioProcess.AlicePassword);
                p.Set("account.1.registrar", "office.test");
                AgentConfig config = AgentConfig.FromConfig(p, 1, loopback, 0, 0);
                Assert.Equal("office.test", config.RegistrarName);
                config.DnsServer = new NetEndPoint(loopback, dns.Port);
                using var phone = new Phone.Host.Agent.HostPhone(config, new SignalAudioPort(400, 400, 0), null, 7);
                int queriesBefore = dns.Queries.Count;
                phone.Start();
                Assert.True(phone.WaitUntil(a => a.IsRegistered, 5000), "host phone registered via SRV");
                Assert.Equal(new NetEndPoint(loopback, kamailio.Port), phone.Get(a => a.Registration.Target));
                Assert.True(dns.Queries.Count > queriesBefore, "the host phone asked the DNS server itself");
                phone.Do((a, now) => a.Unregister(now));
                phone.WaitUntil(a => !a.IsRegistered, 1000);
                phone.Stop();
            }

            // DNS goes away; after the TTL the resolver retries (1 + 2 + 4 s) and then serves the last answer.
            dns.Stop();
            Thread.Sleep(2100);
            long t0 = clock.ElapsedMilliseconds;
            Resolve(locator, socket, clock, "office.test");
            _output.WriteLine("DNS down: stale answer after " + (clock.ElapsedMilliseconds - t0) + " ms, " + resolver.Stats.QueriesSent + " queries sent in all");
            Assert.True(locator.IsDone);
            Assert.True(locator.FromStaleCache);
            var stale = new NetEndPoint[4];
            Assert.Equal(3, locator.CopyTargets(stale));
            Assert.Equal(targets[0], stale[0]);
            Assert.Equal(1, resolver.Stats.StaleAnswers);

            // The located targets drive a real registration: the primary from SRV is Kamailio.
            using var alice = new ResilientDevice("alice", KamailioProcess.AlicePassword, new[] { targets[0].Port, targets[1].Port }, clock, null);
            alice.Start(clock.ElapsedMilliseconds);
            FailoverTests.Run(clock, () => alice.Registration.State == RegistrationState.Registered, 5000, alice);
            Assert.Equal(RegistrationState.Registered, alice.Registration.State);
            Assert.Equal(0, alice.Registration.TargetIndex);
        }

        private static void Resolve(RegistrarLocator locator, HostDatagramSocket socket, Stopwatch clock, string domain)
        {
            locator.Begin(domain, 5060, clock.ElapsedMilliseconds);
            long end = clock.ElapsedMilliseconds + 15000;
            while (!locator.IsDone && !locator.IsFailed && clock.ElapsedMilliseconds < end)
            {
                socket.WaitReadable(10);
                locator.Poll(clock.ElapsedMilliseconds);
            }
        }

        /// <summary>Answers SRV and A questions for office.test from tables, on 127.0.0.1 with an OS port.</summary>
        private sealed class DnsResponder : IDisposable
        {
            private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            private readonly Thread _thread;
            private readonly int _ttl;
            private volatile bool _stopped;

            public DnsResponder(int ttlSeconds)
            {
                _ttl = ttlSeconds;
                _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                _socket.ReceiveTimeout = 100;
                Port = ((IPEndPoint)_socket.LocalEndPoint).Port;
                _thread = new Thread(Serve) { IsBackground = true };
                _thread.Start();
            }

            public int Port { get; }
            public List<(int Priority, int Weight, int Port, string Target)> Srv { get; } = new();
            public Dictionary<string, bool> Glue { get; } = new();
            public List<string> Queries { get; } = new();

            public void Stop() => _stopped = true;

            public void Dispose()
            {
                _stopped = true;
                _thread.Join(2000);
                _socket.Dispose();
            }

            private void Serve()
            {
                var buf = new byte[512];
                while (!_stopped)
                {
                    EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                    int n;
                    try { n = _socket.ReceiveFrom(buf, ref from); }
                    catch (SocketException) { continue; }
                    if (_stopped) break;
                    byte[] answer = Answer(buf, n);
                    if (answer != null) _socket.SendTo(answer, from);
                }
            }

            private byte[] Answer(byte[] q, int n)
            {
                // Question: name labels from offset 12, then QTYPE, QCLASS (RFC 1035 §4.1.2).
                int p = 12;
                var name = new StringBuilder();
                while (p < n && q[p] != 0)
                {
                    if (name.Length > 0) name.Append('.');
                    name.Append(Encoding.ASCII.GetString(q, p + 1, q[p]));
                    p += q[p] + 1;
                }
                p++;
                int qtype = (q[p] << 8) | q[p + 1];
                int questionEnd = p + 4;
                string qname = name.ToString();
                lock (Queries) Queries.Add((qtype == 33 ? "SRV " : qtype == 1 ? "A " : qtype + " ") + qname);

                var answers = new List<byte[]>();
                var additional = new List<byte[]>();
                if (qtype == 33 && qname == "_sip._udp.office.test")
                {
                    foreach (var s in Srv)
                    {
                        var rdata = new List<byte> { (byte)(s.Priority >> 8), (byte)s.Priority, (byte)(s.Weight >> 8), (byte)s.Weight, (byte)(s.Port >> 8), (byte)s.Port };
                        rdata.AddRange(Labels(s.Target));
                        answers.Add(Record(new byte[] { 0xC0, 12 }, 33, rdata.ToArray()));
                        if (Glue.ContainsKey(s.Target)) additional.Add(Record(Labels(s.Target), 1, new byte[] { 127, 0, 0, 1 }));
                    }
                }
                else if (qtype == 1 && qname.EndsWith(".office.test", StringComparison.Ordinal))
                {
                    answers.Add(Record(new byte[] { 0xC0, 12 }, 1, new byte[] { 127, 0, 0, 1 }));
                }
                var r = new List<byte>();
                r.Add(q[0]);
                r.Add(q[1]);
                r.Add(0x81);
                r.Add((byte)(answers.Count == 0 ? 0x83 : 0x80));   // NXDOMAIN when nothing
                r.AddRange(new byte[] { 0, 1, 0, (byte)answers.Count, 0, 0, 0, (byte)additional.Count });
                for (int i = 12; i < questionEnd; i++) r.Add(q[i]);
                foreach (var a in answers) r.AddRange(a);
                foreach (var a in additional) r.AddRange(a);
                return r.ToArray();
            }

            private byte[] Record(byte[] owner, int type, byte[] rdata)
            {
                var r = new List<byte>(owner);
                r.AddRange(new byte[] { (byte)(type >> 8), (byte)type, 0, 1, (byte)(_ttl >> 24), (byte)(_ttl >> 16), (byte)(_ttl >> 8), (byte)_ttl,
                    (byte)(rdata.Length >> 8), (byte)rdata.Length });
                r.AddRange(rdata);
                return r.ToArray();
            }

            private static byte[] Labels(string name)
            {
                var r = new List<byte>();
                foreach (string label in name.Split('.'))
                {
                    r.Add((byte)label.Length);
                    r.AddRange(Encoding.ASCII.GetBytes(label));
                }
                r.Add(0);
                return r.ToArray();
            }
        }
    }
}
