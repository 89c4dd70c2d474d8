// Our CallManager (delayed offer) over host UDP against a SIPp UAS that offers in a reliable 183 (RFC 3261 §13.2.1, RFC 3262 §5).
namespace Phone.Interop.Tests.Sipp
{
    using System.Diagnostics;
    using Phone.Core.Net;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Host.Net;
    using Phone.Interop.Tests.Harness;

    public sealed class DelayedOfferTests
    {
        private sealed class Listener : ICallListener
        {
            public int MediaChanges;
            public bool EarlyMedia;

            public void OnIncomingCall(Call call, long nowMs) { }
            public void OnCallState(Call call, long nowMs) { }
            public void OnMediaChanged(Call call, long nowMs)
            {
                MediaChanges++;
                if (call.State != CallState.Connected) EarlyMedia = true;
            }
        }

        [Fact]
        public void An_invite_without_sdp_gets_the_offer_in_a_reliable_183_and_answers_it_in_the_prack()
        {
            using var uas = new SippProcess("uas-100rel-offer.xml", 0, string.Empty, 30);
            uint loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
            using var socket = new HostDatagramSocket(new NetEndPoint(loopback, 0));
            var transport = new SipTransport(socket, 4096, null);
            var config = new CallConfig
            {
                User = "201", Domain = "127.0.0.1", LocalAddress = loopback, LocalSipPort = socket.LocalEndPoint.Port,
                RtpPortBase = FreePorts.Get(alsoNext: true), SessionExpires = 0, DelayedOffer = true,
            };
            var listener = new Listener();
            var calls = new CallManager(config, transport, listener, new SipTimers(), new System.Random(5));
            transport.Attach(calls.Layer);

            var clock = Stopwatch.StartNew();
            System.Threading.Thread.Sleep(300);   // SIPp binds its port
            Call call = calls.PlaceCall("sip:uas@127.0.0.1:" + uas.LocalPort, clock.ElapsedMilliseconds);
            Assert.NotNull(call);
            long connectedAt = -1;
            while (clock.ElapsedMilliseconds < 25_000 && call.State != CallState.Terminated)
            {
                long now = clock.ElapsedMilliseconds;
                socket.WaitReadable(5);
                transport.Poll(now);
                calls.Poll(now);
                if (connectedAt < 0 && call.State == CallState.Connected) connectedAt = now;
                if (connectedAt >= 0 && now > connectedAt + 500 && call.State == CallState.Connected) calls.Hangup(call, now);
            }
            SippResult run = uas.Wait();
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.True(connectedAt >= 0);
            Assert.True(listener.EarlyMedia);                                  // media set up from the 183, before the 200
            Assert.Equal(Phone.Core.Sdp.SdpOfferAnswer.Pcmu, call.Media.Codec);
            Assert.Equal(1, calls.Stats.PracksSent);
            Assert.Equal(CallState.Terminated, call.State);
        }
    }
}
