// Our CallManager over a host UDP socket against a SIPp UAS that requires 100rel and session timers (RFC 3262, RFC 4028).
namespace Phone.Interop.Tests.Sipp
{
    using System.Diagnostics;
    using Phone.Core.Net;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Host.Net;
    using Phone.Interop.Tests.Harness;

    public sealed class SessionFeatureTests
    {
        private sealed class Listener : ICallListener
        {
            public void OnIncomingCall(Call call, long nowMs) { }
            public void OnCallState(Call call, long nowMs) { }
            public void OnMediaChanged(Call call, long nowMs) { }
        }

        [Fact]
        public void Calls_a_uas_requiring_100rel_and_a_90_s_session_pracks_the_180_and_refreshes_by_update_at_45_s()
        {
            using var uas = new SippProcess("uas-100rel-timer.xml", 0, string.Empty, 80);
            uint loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
            using var socket = new HostDatagramSocket(new NetEndPoint(loopback, 0));
            var transport = new SipTransport(socket, 4096, null);
            var config = new CallConfig
            {
                User = "201", Domain = "127.0.0.1", LocalAddress = loopback, LocalSipPort = socket.LocalEndPoint.Port,
                RtpPortBase = FreePorts.Get(alsoNext: true), SessionExpires = 90,
            };
            var calls = new CallManager(config, transport, new Listener(), new SipTimers(), new System.Random(5));
            transport.Attach(calls.Layer);

            var clock = Stopwatch.StartNew();
            System.Threading.Thread.Sleep(300);   // SIPp binds its port
            Call call = calls.PlaceCall("sip:uas@127.0.0.1:" + uas.LocalPort, clock.ElapsedMilliseconds);
            Assert.NotNull(call);
            bool hungUp = false;
            while (clock.ElapsedMilliseconds < 70_000 && call.State != CallState.Terminated)
            {
                long now = clock.ElapsedMilliseconds;
                socket.WaitReadable(5);
                transport.Poll(now);
                calls.Poll(now);
                if (!hungUp && calls.Stats.SessionRefreshes == 1 && call.SessionTimer.RefreshAt != long.MaxValue && call.SessionTimer.RefreshAt > now + 40_000)
                {
                    hungUp = true;   // the UPDATE's 2xx restarted the timer: done
                    calls.Hangup(call, now);
                }
            }
            SippResult run = uas.Wait();
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Equal(CallState.Terminated, call.State);
            Assert.Equal(1, calls.Stats.PracksSent);
            Assert.Equal(1, calls.Stats.SessionRefreshes);
            Assert.True(hungUp);
        }
    }
}
