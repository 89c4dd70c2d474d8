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
        [Fact]
        public void A_stable_call_with_refreshes_keepalives_and_incoming_options_never_runs_the_device_pool_dry()
        {
            // The desk under test has the device's table sizes; the other desk is an ordinary host agent.
            var rig = new AgentRig(withRegistrar: true, configureA: ca =>
            {
                ca.MaxCalls = MemoryBudget.CallSlots;
                ca.SipTransactions = MemoryBudget.SipTransactions;
                ca.SipMessageBuffers = MemoryBudget.SipMessageBuffers;
                ca.SipSmallMessageBuffers = MemoryBudget.SipSmallMessageBuffers;
                ca.Expires = 60;
                ca.KeepAlive = new RegistrarMonitorConfig { KeepAliveIntervalMs = 5000 };
            });
            ScriptedRegistrar registrar = rig.Registrar;
            registrar.MaxExpires = 60;                                     // a refresh every half minute or so
            registrar.Script = r => r.Text.StartsWith("OPTIONS") ? (200, "OK", null) : null;
            PhoneAgent a = rig.A, b = rig.B;
            MessageBufferPool pool = a.Calls.Layer.Pool;
            Assert.Equal(MemoryBudget.SipMessageBuffers + MemoryBudget.SipSmallMessageBuffers, pool.Count);
            Assert.Equal(MemoryBudget.SipSmallMessageBuffers, pool.SmallCount);
            int peak = 0;
            rig.Polled = () => { if (pool.InUse > peak) peak = pool.InUse; };

            rig.Start();
            rig.Run(500);
            Assert.True(a.IsRegistered);

            // The other desk calls; the device answers.
            Assert.True(b.Dial("201", rig.Now));
            rig.Run(300);
            Assert.Equal(PhoneState.Ringing, a.State);
            Assert.True(a.Answer(rig.Now));
            rig.Run(1000);
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
                    Assert.NotNull(registrar.Layer.SendRequest(optionsOut, 0, bytes.Length, new NetEndPoint(AgentRig.AddressA, 5060), null, rig.Now));
                    probes++;
                }
                rig.Run(1000);
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

            a.Hangup(rig.Now);
            rig.Run(500);
        }

        [Fact]
        public void A_call_set_up_while_a_refresh_a_keepalive_and_the_pbxs_options_run_fits_the_device_pool()
        {
            var rig = new AgentRig(withRegistrar: true, configureA: ca =>
            {
                ca.MaxCalls = MemoryBudget.CallSlots;
                ca.SipTransactions = MemoryBudget.SipTransactions;
                ca.SipMessageBuffers = MemoryBudget.SipMessageBuffers;
                ca.SipSmallMessageBuffers = MemoryBudget.SipSmallMessageBuffers;
                ca.SipMessageBytes = MemoryBudget.SipMessageBufferBytes;
                ca.KeepAlive = new RegistrarMonitorConfig { KeepAliveIntervalMs = 1000 };
            });
            ScriptedRegistrar registrar = rig.Registrar;
            registrar.Script = r => r.Text.StartsWith("OPTIONS") ? (200, "OK", null) : null;
            PhoneAgent a = rig.A, b = rig.B;
            MessageBufferPool pool = a.Calls.Layer.Pool;
            int peak = 0, fullPeak = 0;
            rig.Polled = () =>
            {
                if (pool.InUse > peak) peak = pool.InUse;
                if (pool.FullInUse > fullPeak) fullPeak = pool.FullInUse;
            };
            rig.Start();
            rig.Run(500);
            Assert.True(a.IsRegistered);

            // All at once: two OPTIONS from the PBX (each kept 32 s, Timer J), a registration refresh and keep-alive
            // probes in flight, and an incoming call answered at once.
            var optionsOut = new byte[1024];
            for (int i = 0; i < 2; i++)
            {
                string opt = "OPTIONS sip:201@10.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKset" + i
                    + "\r\nMax-Forwards: 70\r\nFrom: <sip:pbx@10.0.0.9>;tag=s" + i + "\r\nTo: <sip:201@10.0.0.1>\r\nCall-ID: setup-" + i
                    + "@10.0.0.9\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
                byte[] bytes = Encoding.ASCII.GetBytes(opt);
                System.Array.Copy(bytes, optionsOut, bytes.Length);
                Assert.NotNull(registrar.Layer.SendRequest(optionsOut, 0, bytes.Length, new NetEndPoint(AgentRig.AddressA, 5060), null, rig.Now));
            }
            a.Registration.Start(rig.Now);                                   // a refresh now
            Assert.True(b.Dial("201", rig.Now));
            rig.Run(100);
            Assert.Equal(PhoneState.Ringing, a.State);
            Assert.True(a.Answer(rig.Now));
            rig.Run(2000);
            Call call = FindConnected(a.Calls);
            Assert.NotNull(call);
            Assert.True(a.IsRegistered);
            Assert.Equal(0, a.Calls.Layer.Stats.PoolDry);
            Assert.Equal(0, a.Calls.Layer.Stats.TableFull);
            Assert.Equal(0, pool.DryCount);
            // The call's INVITE transaction, its INVITE and its 2xx take the full buffers; the rest fits the small ones
            // and whatever full one is left.
            Assert.True(fullPeak <= MemoryBudget.SipMessageBuffers, "full " + fullPeak);
            Assert.True(peak <= pool.Count, "peak " + peak + " of " + pool.Count);
            Assert.True(peak >= 4, "the scene did not overlap: peak " + peak);
            a.Hangup(rig.Now);
            rig.Run(500);
        }

        private static Call FindConnected(CallManager calls)
        {
            for (int i = 0; i < calls.Capacity; i++)
            {
                Call c = calls.GetCall(i);
                if (c != null && c.State == CallState.Connected) return c;
            }
            return null;
        }

        private static int CountRequests(ScriptedRegistrar registrar, string method)
        {
            int n = 0;
            foreach (var r in registrar.Requests) if (r.Text.StartsWith(method + " ")) n++;
            return n;
        }
    }
}
