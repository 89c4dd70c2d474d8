// The device's SIP message buffer pool (MemoryBudget.SipMessageBuffers) during a call with registration refreshes, OPTIONS keep-alives and incoming OPTIONS.
namespace Phone.Core.Tests.Device
{
    using System.Text;
    using Phone.Core.Agent;
    using Phone.Core.Device;
    using Phone.Core.Line;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Resilience;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Tests.Agent;
    using Phone.Core.Tests.Media;
    using Phone.Core.Tests.Sip.Registration;
    using Phone.Core.Tests.Sip.Transport;

    public class SipBufferPoolTests
    {
        private static readonly uint AddressA = NetEndPoint.MakeAddress(10, 0, 0, 1);
        private static readonly uint AddressB = NetEndPoint.MakeAddress(10, 0, 0, 2);
        private static readonly NetEndPoint RegistrarEp = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 9), 5060);

        [Fact]
        public void A_stable_call_with_refreshes_keepalives_and_incoming_options_never_runs_the_device_pool_dry()
        {
            var net = new MemoryUdpNetwork();
            var registrar = new ScriptedRegistrar(net.Bind(RegistrarEp))
            {
                MaxExpires = 60,                                           // a refresh every half minute or so
                Script = r => r.Text.StartsWith("OPTIONS") ? (200, "OK", null) : null,
            };
            var links = new MemoryDatagramLink[4];
            for (int i = 0; i < links.Length; i++)
            {
                int port = 16384 + i;
                links[i] = new MemoryDatagramLink(new NetEndPoint(AddressA, port), new NetEndPoint(AddressB, port), 0, 0, (uint)(i + 1));
            }
            // The desk under test has the device's table sizes; the other desk is an ordinary host agent.
            AgentConfig ca = Config("201", AddressA);
            ca.MaxCalls = MemoryBudget.CallSlots;
            ca.SipTransactions = MemoryBudget.SipTransactions;
            ca.SipMessageBuffers = MemoryBudget.SipMessageBuffers;
            ca.Registrar = RegistrarEp;
            ca.Password = ScriptedRegistrar.Password;
            ca.Domain = ScriptedRegistrar.Realm;
            ca.Expires = 60;
            ca.KeepAlive = new RegistrarMonitorConfig { KeepAliveIntervalMs = 5000 };
            var a = new PhoneAgent(ca, Ports(net, AddressA, new SineAudioPort(400, 8000), links[0].A, links[1].A, links[2].A, links[3].A, 11));
            var b = new PhoneAgent(Config("202", AddressB), Ports(net, AddressB, new SineAudioPort(1000, 8000), links[0].B, links[1].B, links[2].B, links[3].B, 22));
            MessageBufferPool pool = a.Calls.Layer.Pool;
            Assert.Equal(MemoryBudget.SipMessageBuffers, pool.Count);

            long now = 1000;
            int peak = 0;
            void Run(int ms)
            {
                for (int t = 0; t < ms; t += AudioFormat.FrameMs)
                {
                    for (int round = 0; round < 3; round++)
                    {
                        a.Poll(now);
                        b.Poll(now);
                        registrar.Transport.Poll(now);
                        registrar.Layer.Poll(now);
                        if (pool.InUse > peak) peak = pool.InUse;
                    }
                    a.AudioTick(now);
                    b.AudioTick(now);
                    now += AudioFormat.FrameMs;
                }
            }

            a.Start(now);
            b.Start(now);
            Run(500);
            Assert.True(a.IsRegistered);

            // The other desk calls; the device answers.
            Assert.True(b.Dial("201", now));
            Run(300);
            Assert.Equal(PhoneState.Ringing, a.State);
            Assert.True(a.Answer(now));
            Run(1000);
            Call call = FindConnected(a.Calls);
            Assert.NotNull(call);
            Assert.False(call.HoldsMessageBuffer);                         // after the ACK the call holds none

            // Two minutes of stable call: REGISTER refreshes, OPTIONS keep-alives, and the PBX's OPTIONS every 15 s (each
            // held 32 s by its transaction, Timer J: up to three at once).
            int registersBefore = CountRequests(registrar, "REGISTER");
            int keepalivesBefore = CountRequests(registrar, "OPTIONS");
            var optionsOut = new byte[1024];
            int probes = 0;
            for (int second = 0; second < 120; second++)
            {
                if (second % 15 == 3)
                {
                    string opt = "OPTIONS sip:201@10.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKpbx" + second
                        + "\r\nMax-Forwards: 70\r\nFrom: <sip:pbx@10.0.0.9>;tag=p" + second + "\r\nTo: <sip:201@10.0.0.1>\r\nCall-ID: probe-" + second
                        + "@10.0.0.9\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
                    byte[] bytes = Encoding.ASCII.GetBytes(opt);
                    System.Array.Copy(bytes, optionsOut, bytes.Length);
                    Assert.NotNull(registrar.Layer.SendRequest(optionsOut, 0, bytes.Length, new NetEndPoint(AddressA, 5060), null, now));
                    probes++;
                }
                Run(1000);
            }

            Assert.Same(call, FindConnected(a.Calls));
            Assert.True(a.IsRegistered);
            Assert.True(CountRequests(registrar, "REGISTER") - registersBefore >= 2, "no registration refresh during the call");
            Assert.True(CountRequests(registrar, "OPTIONS") - keepalivesBefore >= 10, "no keep-alives during the call");
            Assert.Equal(8, probes);
            Assert.Equal(0, a.Calls.Layer.Stats.TableFull);                // every incoming OPTIONS got its transaction
            Assert.Equal(0, a.Calls.Layer.Stats.PoolDry);
            Assert.Equal(0, pool.DryCount);
            Assert.True(peak <= 3, "peak " + peak + " of " + pool.Count);   // three OPTIONS in Timer J at worst: two to spare
            Assert.False(call.HoldsMessageBuffer);

            a.Hangup(now);
            Run(500);
        }

        private static Call FindConnected(CallManager calls)
        {
            for (int i = 0; i < calls.Capacity; i++)
            {
                if (calls.GetCall(i).State == CallState.Connected) return calls.GetCall(i);
            }
            return null;
        }

        private static int CountRequests(ScriptedRegistrar registrar, string method)
        {
            int n = 0;
            foreach (var r in registrar.Requests) if (r.Text.StartsWith(method + " ")) n++;
            return n;
        }

        private static AgentConfig Config(string user, uint address) => new AgentConfig
        {
            User = user,
            Domain = NetEndPoint.AddressToString(address),
            LocalAddress = address,
            SipPort = 5060,
            RtpPortBase = 16384,
            DirectoryExtensions = new[] { "201", "202" },
            DirectoryEndPoints = new[] { new NetEndPoint(AddressA, 5060), new NetEndPoint(AddressB, 5060) },
            DirectoryNames = new[] { "Reception", "Anna" },
        };

        private static AgentPorts Ports(MemoryUdpNetwork net, uint address, IAudioPort audio, IDatagramSocket rtp0, IDatagramSocket rtcp0, IDatagramSocket rtp1, IDatagramSocket rtcp1, int seed)
            => new AgentPorts
            {
                Sip = net.Bind(new NetEndPoint(address, 5060)),
                Rtp = new[] { rtp0, rtp1 },
                Rtcp = new[] { rtcp0, rtcp1 },
                Audio = audio,
                Seed = seed,
            };
    }
}
