// The resilience.* provisioning keys drive two whole PhoneAgents (AgentConfig.FromConfig) on the in-memory network with
// a manual clock: keep-alive interval, misses, fail-back hysteresis, local mode, emergency route, local call log.
namespace Phone.Core.Tests.Resilience
{
    using System.Collections.Generic;
    using System.Linq;
    using Phone.Core.Agent;
    using Phone.Core.Dsp;
    using Phone.Core.Media;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using Phone.Core.Resilience;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Tests.Agent;
    using Phone.Core.Tests.Sip.Registration;
    using Phone.Core.Tests.Sip.Transport;

    public class ProvisionedResilienceTests
    {
        private static readonly uint AddressA = NetEndPoint.MakeAddress(10, 0, 0, 1);
        private static readonly uint AddressB = NetEndPoint.MakeAddress(10, 0, 0, 2);
        private static readonly NetEndPoint RegistrarEp = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 9), 5060);
        private static readonly NetEndPoint BackupEp = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 10), 5060);
        private static readonly NetEndPoint GatewayEp = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 5), 5070);

        /// <summary>Two desks (201, 202) provisioned with a primary and a backup registrar and an emergency gateway.</summary>
        private sealed class Office
        {
            public readonly MemoryUdpNetwork Net = new();
            public readonly ScriptedRegistrar Primary;
            public readonly ScriptedRegistrar Backup;
            public readonly MemoryUdpSocket PrimarySocket;
            public readonly MemoryUdpSocket BackupSocket;
            public readonly MemoryUdpSocket Gateway;
            public readonly PhoneAgent A;
            public readonly PhoneAgent B;
            public readonly SineAudioPort AudioA = new(400, 8000);
            public readonly SineAudioPort AudioB = new(1000, 8000);
            public readonly List<string> Reports = new();
            public long Now = 1000;

            public Office(ProvisioningConfig common)
            {
                PrimarySocket = Net.Bind(RegistrarEp);
                BackupSocket = Net.Bind(BackupEp);
                Gateway = Net.Bind(GatewayEp);
                Primary = new ScriptedRegistrar(PrimarySocket, 256) { Script = Answer };
                Backup = new ScriptedRegistrar(BackupSocket, 256) { Script = Answer };
                var l0 = new Media.MemoryDatagramLink(new NetEndPoint(AddressA, 16384), new NetEndPoint(AddressB, 16384), 0, 0, 1);
                var l1 = new Media.MemoryDatagramLink(new NetEndPoint(AddressA, 16385), new NetEndPoint(AddressB, 16385), 0, 0, 2);
                A = new PhoneAgent(Desk(common, "201", AddressA), new AgentPorts
                {
                    Sip = Net.Bind(new NetEndPoint(AddressA, 5060)),
                    Rtp = new IDatagramSocket[] { l0.A },
                    Rtcp = new IDatagramSocket[] { l1.A },
                    Audio = AudioA,
                    Seed = 11,
                });
                B = new PhoneAgent(Desk(common, "202", AddressB), new AgentPorts
                {
                    Sip = Net.Bind(new NetEndPoint(AddressB, 5060)),
                    Rtp = new IDatagramSocket[] { l0.B },
                    Rtcp = new IDatagramSocket[] { l1.B },
                    Audio = AudioB,
                    Seed = 22,
                });
            }

            private static AgentConfig Desk(ProvisioningConfig common, string user, uint address)
            {
                var p = new ProvisioningConfig();
                for (int i = 0; i < common.Count; i++) p.Set(common.KeyAt(i), common.ValueAt(i));
                p.Set("account.1.user", user);
                p.Set("account.1.auth_user", ScriptedRegistrar.User);   // the scripted registrar knows one account
                p.Set("account.1.password", ScriptedRegistrar.Password);
                AgentConfig c = AgentConfig.FromConfig(p, 1, address, 5060, 16384);
                c.MaxCalls = 1;
                return c;
            }

            // OPTIONS answered as Kamailio does; MESSAGE (the call-log report) recorded and accepted.
            private (int, string, string)? Answer(ScriptedRegistrar.Received r)
            {
                if (r.Text.StartsWith("OPTIONS ")) return (200, "OK", null);
                if (r.Text.StartsWith("MESSAGE "))
                {
                    Reports.Add(r.Text);
                    return (200, "OK", null);
                }
                return null;
            }

            public void Start()
            {
                A.Start(Now);
                B.Start(Now);
            }

            /// <summary>Runs <paramref name="ms"/> in 20 ms frames: signalling of both desks and registrars, then audio.</summary>
            public void Run(int ms)
            {
                for (int t = 0; t < ms; t += AudioFormat.FrameMs)
                {
                    Poll();
                    A.AudioTick(Now);
                    B.AudioTick(Now);
                    Now += AudioFormat.FrameMs;
                }
                Poll();
            }

            private void Poll()
            {
                for (int round = 0; round < 3; round++)
                {
                    A.Poll(Now);
                    B.Poll(Now);
                    Primary.Transport.Poll(Now);
                    Primary.Layer.Poll(Now);
                    Backup.Transport.Poll(Now);
                    Backup.Layer.Poll(Now);
                }
            }
        }

        private static ProvisioningConfig Common(params string[] keyValues)
        {
            var p = new ProvisioningConfig();
            p.Set("account.1.registrar", "10.0.0.9");
            p.Set("account.1.backup_registrar", "10.0.0.10");
            p.Set("account.1.expires", "600");
            p.Set("directory.201", "Reception, 10.0.0.1");
            p.Set("directory.202", "Anna, 10.0.0.2");
            for (int i = 0; i < keyValues.Length; i += 2) p.Set(keyValues[i], keyValues[i + 1]);
            return p;
        }

        [Fact]
        public void The_resilience_keys_have_shipped_defaults_and_are_read_by_FromConfig()
        {
            AgentConfig d = AgentConfig.FromConfig(Common(), 1, AddressA, 5060, 16384);
            Assert.Equal(7000, d.KeepAlive.KeepAliveIntervalMs);
            Assert.Equal(2, d.KeepAlive.DeadAfterMisses);
            Assert.Equal(7000, d.KeepAlive.RecoveryProbeIntervalMs);
            Assert.Equal(3, d.KeepAlive.FailbackGoodProbes);
            Assert.True(d.LocalMode);
            Assert.Equal(new[] { "112", "911" }, d.EmergencyNumbers);
            Assert.True(d.EmergencyRoute.IsEmpty);
            Assert.Null(d.CallLogUri);

            AgentConfig c = AgentConfig.FromConfig(Common(
                "resilience.keepalive_s", "2", "resilience.dead_after_misses", "3", "resilience.failback_probe_s", "5",
                "resilience.failback_good_probes", "4", "resilience.local_mode", "false", "resilience.emergency_numbers", "110, 112,*99#",
                "resilience.emergency_route", "10.0.0.5:5070", "resilience.call_log_uri", "sip:log@pbx.example.com"), 1, AddressA, 5060, 16384);
            Assert.Equal(2000, c.KeepAlive.KeepAliveIntervalMs);
            Assert.Equal(3, c.KeepAlive.DeadAfterMisses);
            Assert.Equal(5000, c.KeepAlive.RecoveryProbeIntervalMs);
            Assert.Equal(4, c.KeepAlive.FailbackGoodProbes);
            Assert.False(c.LocalMode);
            Assert.Equal(new[] { "110", "112", "*99#" }, c.EmergencyNumbers);
            Assert.True(c.EmergencyRoute.SameAs(GatewayEp));
            Assert.Equal("sip:log@pbx.example.com", c.CallLogUri);
        }

        [Theory]
        [InlineData("resilience.keepalive_s = 0\n", "resilience.keepalive_s: 0 out of range 1..300")]
        [InlineData("resilience.dead_after_misses = 11\n", "resilience.dead_after_misses: 11 out of range 1..10")]
        [InlineData("resilience.failback_good_probes = 0\n", "resilience.failback_good_probes: 0 out of range 1..20")]
        [InlineData("resilience.local_mode = maybe\n", "resilience.local_mode")]
        [InlineData("resilience.emergency_numbers = 112,fire\n", "resilience.emergency_numbers: comma-separated numbers")]
        [InlineData("resilience.emergency_numbers = 112,,911\n", "resilience.emergency_numbers: comma-separated numbers")]
        [InlineData("resilience.emergency_route = gw.example.com:5060\n", "resilience.emergency_route: must be an IPv4 address")]
        [InlineData("resilience.call_log_uri = calllog\n", "resilience.call_log_uri: must be a sip:user@host URI")]
        public void Bad_resilience_values_reject_the_file(string line, string expected)
        {
            byte[] file = System.Text.Encoding.UTF8.GetBytes("config.version = 1\n" + line);
            var config = new ProvisioningConfig();
            bool ok = ConfigParser.TryParse(file, 0, file.Length, config, null, "test.cfg", out string error)
                && ConfigParser.CheckConsistency(config, out error);
            Assert.False(ok);
            Assert.Contains(expected, error);
        }

        [Fact]
        public void Good_resilience_values_are_accepted()
        {
            byte[] file = System.Text.Encoding.UTF8.GetBytes("config.version = 1\nresilience.emergency_numbers = 112, 911,*99#\n"
                + "resilience.emergency_route = 192.168.1.5\nresilience.keepalive_s = 2\nresilience.call_log_uri = sip:calllog@pbx.example.com\n");
            var config = new ProvisioningConfig();
            Assert.True(ConfigParser.TryParse(file, 0, file.Length, config, null, "test.cfg", out string error), error);
            Assert.True(ConfigParser.CheckConsistency(config, out error), error);
        }

        [Fact]
        public void A_provisioned_2s_keep_alive_sends_OPTIONS_to_the_registrar_every_2s()
        {
            var o = new Office(Common("resilience.keepalive_s", "2"));
            o.Start();
            o.Run(1000);
            Assert.True(o.A.IsRegistered);
            int logStart = o.Net.Log.Count;
            long start = o.Now;
            var sent = new List<long>();
            int seen = logStart;
            for (int t = 0; t < 20_000; t += 20)
            {
                o.Run(20);
                for (; seen < o.Net.Log.Count; seen++)
                {
                    var e = o.Net.Log[seen];
                    if (e.Text.StartsWith("OPTIONS ") && e.From.SameAs(new NetEndPoint(AddressA, 5060)) && e.To.SameAs(RegistrarEp)) sent.Add(o.Now - start);
                }
            }
            // 20 s at one probe every 2 s: 10 probes (± the phase of the first), evenly spaced.
            Assert.InRange(sent.Count, 9, 11);
            for (int i = 1; i < sent.Count; i++) Assert.InRange(sent[i] - sent[i - 1], 1980, 2040);

            // The shipped 7 s gives three in the same 20 s.
            var d = new Office(Common());
            d.Start();
            d.Run(1000);
            int before = d.Net.Log.Count;
            d.Run(20_000);
            int shipped = d.Net.Log.Skip(before).Count(e => e.Text.StartsWith("OPTIONS ") && e.From.SameAs(new NetEndPoint(AddressA, 5060)));
            Assert.InRange(shipped, 2, 3);
        }

        [Fact]
        public void Provisioned_misses_and_hysteresis_change_failover_and_fail_back_timing()
        {
            var o = new Office(Common("resilience.keepalive_s", "2", "resilience.dead_after_misses", "4",
                "resilience.failback_probe_s", "1", "resilience.failback_good_probes", "5"));
            o.Start();
            o.Run(3000);
            o.PrimarySocket.Closed = true;
            long down = o.Now;
            while (o.A.Registration.TargetIndex != 1 && o.Now < down + 20_000) o.Run(20);
            while (!o.A.IsRegistered && o.Now < down + 20_000) o.Run(20);
            long failover = o.Now - down;
            // Found at the next keep-alive (≤ 2 s), then four 1 s misses: 4..6 s (the shipped 2 misses would be ≤ 4 s).
            Assert.InRange(failover, 4000, 6500);
            Assert.Equal(1, o.A.Registration.TargetIndex);

            o.PrimarySocket.Closed = false;
            long up = o.Now;
            while (o.A.Registration.TargetIndex != 0 && o.Now < up + 20_000) o.Run(20);
            long failback = o.Now - up;
            // Five answered probes 1 s apart: at least 4 s after the primary returned, at most ~6 s.
            Assert.InRange(failback, 4000, 6500);
        }

        [Fact]
        public void Fail_back_removes_the_binding_left_at_the_backup()
        {
            var o = new Office(Common("resilience.keepalive_s", "2", "resilience.failback_probe_s", "1", "account.1.expires", "60"));
            o.Start();
            o.Run(3000);
            o.PrimarySocket.Closed = true;
            o.Run(10_000);
            Assert.Equal(1, o.A.Registration.TargetIndex);
            Assert.True(o.A.IsRegistered);
            Assert.Contains(o.Backup.Requests, r => r.Text.StartsWith("REGISTER ") && r.Expires > 0);
            Assert.DoesNotContain(o.Backup.Requests, r => r.Text.StartsWith("REGISTER ") && r.Expires == 0);

            o.PrimarySocket.Closed = false;
            o.Run(10_000);
            Assert.Equal(0, o.A.Registration.TargetIndex);
            Assert.True(o.A.IsRegistered);
            // REGISTER Contact: <A>;expires=0, Expires: 0 went to the backup (digest answered), and was accepted.
            var removal = o.Backup.Requests.Where(r => r.Text.StartsWith("REGISTER ") && r.Expires == 0).ToList();
            Assert.NotEmpty(removal);
            Assert.Contains(removal, r => r.Authorization != null && r.Contacts.Any(c => c.Contains("sip:201@10.0.0.1:5060") && c.Contains("expires=0")));
            Assert.Equal(1, o.A.BindingRemover.Removed);
            Assert.Equal(200, o.A.BindingRemover.LastStatus);
            Assert.Equal(1, o.A.BindingRemover.LastTargetIndex);
            // The primary got no removal: failover to a worse target leaves the dead one alone.
            Assert.DoesNotContain(o.Primary.Requests, r => r.Text.StartsWith("REGISTER ") && r.Expires == 0);

            // The removal's challenge shares the agent's digest client: the refreshes at the primary still succeed.
            int registered = o.Primary.Answers.Count(code => code == 200);
            o.Run(120_000);
            Assert.True(o.A.IsRegistered);
            Assert.Equal(0, o.A.Registration.TargetIndex);
            Assert.True(o.Primary.Answers.Count(code => code == 200) > registered + 2, "refreshes answered 200");
            Assert.Equal(0, o.A.Registration.ConsecutiveFailures);
        }

        [Fact]
        public void In_local_mode_a_provisioned_emergency_number_goes_to_the_configured_gateway()
        {
            var o = new Office(Common("resilience.keepalive_s", "2", "resilience.emergency_numbers", "110,112",
                "resilience.emergency_route", "10.0.0.5:5070"));
            o.Start();
            o.Run(3000);
            o.PrimarySocket.Closed = true;
            o.BackupSocket.Closed = true;
            o.Run(15_000);
            Assert.Equal(SurvivabilityState.Local, o.A.Survival.State);
            Assert.Equal(CallProgressTone.SurvivabilityDial, o.A.Survival.DialTone);
            Assert.Equal(IndicatorPattern.On, o.A.Survival.Indicator);

            int before = o.Net.Log.Count;
            Assert.True(o.A.Dial("110", o.Now));
            o.Run(200);
            var invite = o.Net.Log.Skip(before).First(e => e.Text.StartsWith("INVITE "));
            Assert.True(invite.To.SameAs(GatewayEp), invite.To.ToString());
            Assert.StartsWith("INVITE sip:110@10.0.0.5:5070 SIP/2.0", invite.Text);
            Assert.Equal(1, o.A.Stats.EmergencyCalls);
            o.A.Hangup(o.Now);
            o.Run(1000);

            // Not an emergency number, not a desk: no route without the PBX (reorder, no INVITE anywhere).
            before = o.Net.Log.Count;
            Assert.False(o.A.Dial("0049301234567", o.Now));
            o.Run(200);
            Assert.DoesNotContain(o.Net.Log.Skip(before), e => e.Text.StartsWith("INVITE "));

            // In normal mode the same number goes to the PBX, not to the gateway.
            var n = new Office(Common("resilience.emergency_route", "10.0.0.5:5070"));
            n.Start();
            n.Run(1000);
            before = n.Net.Log.Count;
            Assert.True(n.A.Dial("112", n.Now));
            n.Run(200);
            Assert.True(n.Net.Log.Skip(before).First(e => e.Text.StartsWith("INVITE ")).To.SameAs(RegistrarEp));
        }

        [Fact]
        public void Local_mode_off_means_failover_only()
        {
            var o = new Office(Common("resilience.keepalive_s", "2", "resilience.local_mode", "false"));
            Assert.Null(o.A.Survival);
            Assert.NotNull(o.A.Monitor);
            o.Start();
            o.Run(3000);
            o.PrimarySocket.Closed = true;
            o.BackupSocket.Closed = true;
            o.Run(15_000);
            Assert.True(o.A.Monitor.IsAllDown);
            o.A.OffHook(o.Now);
            o.Run(100);
            Assert.Equal(LineTone.Dial, o.A.Tone);
        }

        [Fact]
        public void A_local_call_between_desks_has_audio_both_ways_is_logged_and_reported_when_the_pbx_returns()
        {
            var o = new Office(Common("resilience.keepalive_s", "2", "resilience.failback_probe_s", "1"));
            o.Start();
            o.Run(3000);
            Assert.True(o.A.IsRegistered && o.B.IsRegistered);
            o.PrimarySocket.Closed = true;
            o.BackupSocket.Closed = true;
            o.Run(15_000);
            Assert.Equal(SurvivabilityState.Local, o.A.Survival.State);
            Assert.Equal(SurvivabilityState.Local, o.B.Survival.State);

            Assert.True(o.A.Dial("202", o.Now));
            o.Run(500);
            Assert.Equal(PhoneState.Ringing, o.B.State);
            Assert.True(o.B.Answer(o.Now));
            o.Run(3000);
            Assert.Equal(PhoneState.Talking, o.A.State);
            Assert.True(o.AudioB.Level(400, 1000) > 1000, "B hears A");
            Assert.True(o.AudioA.Level(1000, 1000) > 1000, "A hears B");
            o.A.Hangup(o.Now);
            o.Run(1000);
            Assert.Equal(1, o.A.Survival.Log.Count);
            Assert.Equal(1, o.B.Survival.Log.Count);

            o.PrimarySocket.Closed = false;
            o.BackupSocket.Closed = false;
            o.Run(10_000);
            Assert.True(o.A.IsRegistered && o.B.IsRegistered);
            Assert.Equal(SurvivabilityState.Normal, o.A.Survival.State);
            // Each desk reported its call (RFC 3428 MESSAGE, default URI sip:calllog@<domain>) and emptied its log.
            Assert.Equal(2, o.Reports.Count);
            Assert.Contains(o.Reports, m => m.StartsWith("MESSAGE sip:calllog@10.0.0.9 ") && m.Contains("out 202"));
            Assert.Contains(o.Reports, m => m.Contains("in 201"));
            Assert.Equal(0, o.A.Survival.Log.Count);
            Assert.Equal(1, o.A.CallLogReporter.Reported);
        }
    }
}
