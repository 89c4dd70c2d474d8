// A PhoneAgent provisioned with its registrar as a DNS name: our resolver (real UDP to a loopback DNS responder) locates
// it by SRV _sip._udp (RFC 2782 order) or the A record (RFC 3263 §4.2); the targets found are primary and backups.
namespace Phone.Core.Tests.Resilience
{
    using System;
    using System.Collections.Generic;
    using System.Linq;
    using System.Net;
    using Phone.Core.Agent;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using Phone.Core.Resilience;
    using Phone.Core.Tests.Agent;
    using Phone.Core.Tests.Dns;
    using Phone.Core.Tests.Sip.Registration;
    using Phone.Core.Tests.Sip.Transport;
    using Phone.Host.Net;

    public sealed class AgentDnsTests : IDisposable
    {
        private static readonly uint Phone = NetEndPoint.MakeAddress(10, 0, 0, 1);
        private static readonly NetEndPoint Pbx1 = new NetEndPoint(NetEndPoint.MakeAddress(127, 0, 0, 11), 5060);
        private static readonly NetEndPoint Pbx2 = new NetEndPoint(NetEndPoint.MakeAddress(127, 0, 0, 12), 5080);
        private static readonly NetEndPoint Pbx3 = new NetEndPoint(NetEndPoint.MakeAddress(127, 0, 0, 13), 5070);

        private readonly LoopbackDnsServer _dns = new LoopbackDnsServer();
        private readonly HostDatagramSocket _dnsSocket = new HostDatagramSocket(new NetEndPoint(0x7F000001, 0));
        private readonly MemoryUdpNetwork _net = new();
        private readonly List<ScriptedRegistrar> _registrars = new();
        private readonly Dictionary<ScriptedRegistrar, MemoryUdpSocket> _sockets = new();
        private long _now = 1000;

        public AgentDnsTests()
        {
            _dns.Srv["_sip._udp.office.test"] = new List<(int, int, int, string)>
            {
                (10, 100, Pbx1.Port, "pbx1.office.test"),
                (20, 100, Pbx2.Port, "pbx2.office.test"),
            };
            _dns.A["pbx1.office.test"] = IPAddress.Parse("127.0.0.11");
            _dns.A["pbx2.office.test"] = IPAddress.Parse("127.0.0.12");
            _dns.A["flat.office.test"] = IPAddress.Parse("127.0.0.13");
        }

        public void Dispose()
        {
            _dnsSocket.Close();
            _dns.Dispose();
        }

        private ScriptedRegistrar Registrar(NetEndPoint at)
        {
            MemoryUdpSocket socket = _net.Bind(at);
            var r = new ScriptedRegistrar(socket, 64) { Script = m => m.Text.StartsWith("OPTIONS ") ? (200, "OK", null) : null };
            _registrars.Add(r);
            _sockets[r] = socket;
            return r;
        }

        private PhoneAgent Agent(string registrar, params string[] keyValues)
        {
            var p = new ProvisioningConfig();
            p.Set("account.1.user", "201");
            p.Set("account.1.password", ScriptedRegistrar.Password);
            p.Set("account.1.registrar", registrar);
            for (int i = 0; i < keyValues.Length; i += 2) p.Set(keyValues[i], keyValues[i + 1]);
            AgentConfig c = AgentConfig.FromConfig(p, 1, Phone, 5060, 16384);
            c.DnsServer = new NetEndPoint(0x7F000001, _dns.Port);
            return new PhoneAgent(c, new AgentPorts
            {
                Sip = _net.Bind(new NetEndPoint(Phone, 5060)),
                Rtp = new IDatagramSocket[2],
                Audio = new SineAudioPort(400, 0),
                Dns = _dnsSocket,
                Seed = 3,
            });
        }

        /// <summary>Runs the agent and the registrars for <paramref name="ms"/> of manual time; DNS answers arrive in real time.</summary>
        private void Run(PhoneAgent agent, int ms, Func<bool> until = null)
        {
            long end = _now + ms;
            while (_now < end && (until == null || !until()))
            {
                _dnsSocket.WaitReadable(1);
                for (int round = 0; round < 3; round++)
                {
                    agent.Poll(_now);
                    foreach (var r in _registrars)
                    {
                        r.Transport.Poll(_now);
                        r.Layer.Poll(_now);
                    }
                }
                _now += 20;
            }
        }

        [Fact]
        public void A_registrar_given_as_a_domain_is_located_by_srv_and_its_second_target_is_the_backup()
        {
            ScriptedRegistrar first = Registrar(Pbx1);
            ScriptedRegistrar second = Registrar(Pbx2);
            PhoneAgent agent = Agent("office.test", "resilience.keepalive_s", "2");
            Assert.Null(agent.Registration);   // nothing to register with before DNS answered
            agent.Start(_now);
            Run(agent, 5000, () => agent.IsRegistered);
            Assert.True(agent.IsRegistered);
            Assert.True(agent.Registration.Target.SameAs(Pbx1), agent.Registration.Target.ToString());
            Assert.Contains(first.Requests, r => r.Text.StartsWith("REGISTER sip:office.test SIP/2.0") && r.Text.Contains("To: <sip:201@office.test>"));
            Assert.Equal(new[] { ("_sip._udp.office.test", 33) }, _dns.Queries.ToArray());   // glue in the additional section: one query
            Assert.Equal(2, agent.Monitor.TargetCount);

            // The SRV primary dies: the keep-alive moves the registration to the SRV backup.
            _sockets[first].Closed = true;
            Run(agent, 15_000, () => agent.IsRegistered && agent.Registration.TargetIndex == 1);
            Assert.Equal(1, agent.Registration.TargetIndex);
            Assert.True(agent.Registration.Target.SameAs(Pbx2));
            Assert.Contains(second.Requests, r => r.Text.StartsWith("REGISTER "));
        }

        [Fact]
        public void When_no_registrar_answers_dns_is_asked_again_and_a_moved_pbx_is_found()
        {
            _dns.TtlSeconds = 5;
            ScriptedRegistrar first = Registrar(Pbx1);
            ScriptedRegistrar second = Registrar(Pbx2);
            PhoneAgent agent = Agent("office.test", "resilience.keepalive_s", "2", "resilience.failback_probe_s", "1");
            agent.Start(_now);
            Run(agent, 5000, () => agent.IsRegistered);
            Assert.True(agent.Registration.Target.SameAs(Pbx1));

            // The office's PBX pair moves to new addresses and DNS says so; the old ones go silent.
            var moved1 = new NetEndPoint(NetEndPoint.MakeAddress(127, 0, 0, 21), Pbx1.Port);
            var moved2 = new NetEndPoint(NetEndPoint.MakeAddress(127, 0, 0, 22), Pbx2.Port);
            _dns.A["pbx1.office.test"] = IPAddress.Parse("127.0.0.21");
            _dns.A["pbx2.office.test"] = IPAddress.Parse("127.0.0.22");
            _sockets[first].Closed = true;
            _sockets[second].Closed = true;
            ScriptedRegistrar newFirst = Registrar(moved1);
            int queries = _dns.Queries.Count;
            Run(agent, 30_000, () => agent.IsRegistered && agent.Registration.Target.SameAs(moved1));
            Assert.True(agent.IsRegistered, agent.Registration.StateReason);
            Assert.True(agent.Registration.Target.SameAs(moved1), agent.Registration.Target.ToString());
            Assert.Equal(1, agent.Stats.RegistrarMoves);
            Assert.True(_dns.Queries.Count > queries);
            Assert.Contains(newFirst.Requests, r => r.Text.StartsWith("REGISTER "));
            Assert.Equal(SurvivabilityState.Normal, agent.Survival.State);
        }

        [Fact]
        public void When_dns_is_down_too_the_last_answer_is_kept_and_the_old_pbx_is_used_when_it_returns()
        {
            _dns.TtlSeconds = 5;
            ScriptedRegistrar first = Registrar(Pbx1);
            ScriptedRegistrar second = Registrar(Pbx2);
            PhoneAgent agent = Agent("office.test", "resilience.keepalive_s", "2", "resilience.failback_probe_s", "1");
            agent.Start(_now);
            Run(agent, 5000, () => agent.IsRegistered);
            _dns.Silent = true;
            _sockets[first].Closed = true;
            _sockets[second].Closed = true;
            Run(agent, 25_000);   // all down, DNS asked again: 1 + 2 + 4 s of silence, then the cached answer
            Assert.Equal(SurvivabilityState.Local, agent.Survival.State);
            Assert.Equal(0, agent.Stats.RegistrarMoves);
            Assert.True(agent.Registration.Target.SameAs(Pbx1) || agent.Registration.Target.SameAs(Pbx2));
            _sockets[first].Closed = false;
            Run(agent, 10_000, () => agent.IsRegistered);
            Assert.True(agent.IsRegistered);
            Assert.True(agent.Registration.Target.SameAs(Pbx1));
        }

        [Fact]
        public void A_name_with_a_port_is_located_by_its_a_record_only_and_registers_on_that_port()
        {
            // RFC 3263 §4.2: a port in the registrar means no SRV lookup, only the host's A record.
            Registrar(Pbx3);
            PhoneAgent agent = Agent("flat.office.test:5070");
            agent.Start(_now);
            Run(agent, 5000, () => agent.IsRegistered);
            Assert.True(agent.IsRegistered);
            Assert.True(agent.Registration.Target.SameAs(Pbx3), agent.Registration.Target.ToString());
            Assert.Equal(new[] { ("flat.office.test", 1) }, _dns.Queries.ToArray());
        }

        [Fact]
        public void A_name_without_srv_records_and_without_a_port_falls_back_to_its_a_record_on_5060()
        {
            var pbx = new NetEndPoint(NetEndPoint.MakeAddress(127, 0, 0, 13), 5060);
            Registrar(pbx);
            PhoneAgent agent = Agent("flat.office.test");
            agent.Start(_now);
            Run(agent, 5000, () => agent.IsRegistered);
            Assert.True(agent.IsRegistered);
            Assert.True(agent.Registration.Target.SameAs(pbx), agent.Registration.Target.ToString());
            Assert.Equal(new[] { ("_sip._udp.flat.office.test", 33), ("flat.office.test", 1) }, _dns.Queries.ToArray());
        }

        [Fact]
        public void Dns_down_at_start_is_counted_and_retried_until_it_answers()
        {
            Registrar(Pbx1);
            Registrar(Pbx2);
            _dns.Silent = true;
            PhoneAgent agent = Agent("office.test");
            agent.Start(_now);
            // The resolver's own retransmissions (1 + 2 + 4 s), then nothing cached: failure, retry 10 s later.
            Run(agent, 9000);
            Assert.Equal(1, agent.Stats.DnsFailures);
            Assert.False(agent.IsRegistered);
            Assert.Null(agent.Registration);
            _dns.Silent = false;
            Run(agent, 15_000, () => agent.IsRegistered);
            Assert.True(agent.IsRegistered);
            Assert.True(agent.Registration.Target.SameAs(Pbx1));
        }

        [Fact]
        public void Without_a_dns_port_a_name_is_not_registered_and_nothing_is_sent()
        {
            var p = new ProvisioningConfig();
            p.Set("account.1.user", "201");
            p.Set("account.1.registrar", "office.test");
            AgentConfig c = AgentConfig.FromConfig(p, 1, Phone, 5060, 16384);
            var agent = new PhoneAgent(c, new AgentPorts { Sip = _net.Bind(new NetEndPoint(Phone, 5060)), Rtp = new IDatagramSocket[2], Audio = new SineAudioPort(400, 0) });
            agent.Start(_now);
            Run(agent, 2000);
            Assert.Null(agent.Registration);
            Assert.Empty(_net.Log);
            Assert.Empty(_dns.Queries);
        }
    }
}
