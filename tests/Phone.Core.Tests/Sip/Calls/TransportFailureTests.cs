// A request of a call that the transport refuses, on its first send or on a retransmission, ends the call as a 503 would
// (RFC 3261 §17.1.4, §8.1.3.1), instead of waiting for Timer B/F.
namespace Phone.Core.Tests.Sip.Calls
{
    using System;
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Transactions;

    public class TransportFailureTests
    {
        private static readonly NetEndPoint Far = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 5), 5060);

        private sealed class Phone : ISipSender, ICallListener
        {
            public readonly CallManager Manager;
            public readonly List<string> Sent = new();
            public readonly List<string> States = new();
            public long RefuseFrom = long.MaxValue;
            public long Now;
            public string LastInvite;

            public Phone()
            {
                var cfg = new CallConfig { User = "201", Domain = "pbx.test", LocalAddress = NetEndPoint.MakeAddress(10, 0, 0, 1), LocalSipPort = 5060 };
                Manager = new CallManager(cfg, this, this, new SipTimers(), new Random(3));
            }

            public bool IsReliable(NetEndPoint destination) => false;

            public bool Send(byte[] buffer, int offset, int count, NetEndPoint destination)
            {
                string text = Encoding.ASCII.GetString(buffer, offset, count);
                string line = text.Substring(0, text.IndexOf(' '));
                if (line == "INVITE") LastInvite = text;
                bool refused = Now >= RefuseFrom;
                Sent.Add(Now + (refused ? " refused " : " ") + line);
                return !refused;
            }

            public void OnIncomingCall(Call call, long nowMs) { }
            public void OnCallState(Call call, long nowMs) => States.Add(CallStateNames.Name(call.State) + " @" + nowMs);
            public void OnMediaChanged(Call call, long nowMs) { }

            public void RunUntil(long until)
            {
                for (int guard = 0; guard < 10000; guard++)
                {
                    long next = Manager.Poll(Now);
                    if (next > until) break;
                    if (next > Now) Now = next;
                }
                Now = until;
                Manager.Poll(Now);
            }

            public void Deliver(byte[] data)
            {
                var m = new SipMessage();
                Assert.True(m.TryParse(data, 0, data.Length));
                Manager.Layer.Receive(m, Far, Now);
            }
        }

        // (refuse sends from, answer the INVITE?, hang up at) → the call's states and what went on the wire.
        public static TheoryData<long, bool, long, string[], string[]> Rows => new()
        {
            // The INVITE's first send is refused: the call is placed and ends 503 at once.
            { 0, false, -1, new[] { "Calling @0", "Terminated @0" }, new[] { "0 refused INVITE" } },
            // Timer A's second retransmission is refused.
            { 1000, false, -1, new[] { "Calling @0", "Terminated @1500" }, new[] { "0 INVITE", "500 INVITE", "1500 refused INVITE" } },
            // Connected, hung up at 2000: the BYE's first retransmission (Timer E, 2500) is refused.
            { 2200, true, 2000, new[] { "Calling @0", "Connected @100", "Terminating @2000", "Terminated @2500" },
              new[] { "0 INVITE", "100 ACK", "2000 BYE", "2500 refused BYE" } },
        };

        [Theory]
        [MemberData(nameof(Rows))]
        public void ARefusedSendEndsTheCall503(long refuseFrom, bool answer, long hangupAt, string[] states, string[] sent)
        {
            var p = new Phone { RefuseFrom = refuseFrom };
            Call call = p.Manager.PlaceCall("sip:505@10.0.0.5", 0);
            Assert.NotNull(call);
            if (answer)
            {
                p.RunUntil(100);
                p.Deliver(SessionWire.Response(p.LastInvite, 200, "OK", "b7", "Contact: <sip:505@10.0.0.5:5060>\r\n", SessionWire.Sdp));
                Assert.Equal(CallState.Connected, call.State);
                p.RunUntil(hangupAt);
                Assert.True(p.Manager.Hangup(call, p.Now));
            }
            p.RunUntil(60000);
            Assert.Equal(CallState.Terminated, call.State);
            Assert.Equal(503, call.EndCode);
            Assert.Equal(states, p.States.ToArray());
            Assert.Equal(sent, p.Sent.ToArray());
            Assert.Equal(1, p.Manager.Stats.TransportErrors);
            Assert.Equal(0, p.Manager.Layer.ActiveClients);
            Assert.Equal(0, p.Manager.ActiveCalls);
        }

        [Fact]
        public void ARefusedReInviteLeavesTheCallAsItWas()
        {
            var p = new Phone();
            Call call = p.Manager.PlaceCall("sip:505@10.0.0.5", 0);
            p.Deliver(SessionWire.Response(p.LastInvite, 200, "OK", "b7", "Contact: <sip:505@10.0.0.5:5060>\r\n", SessionWire.Sdp));
            p.RefuseFrom = 0;
            Assert.False(p.Manager.SetHold(call, true, 0));
            Assert.Equal(CallState.Connected, call.State);
            Assert.False(call.LocalHold);
            p.RefuseFrom = long.MaxValue;
            Assert.True(p.Manager.SetHold(call, true, 0));   // not stuck "re-INVITE in progress"
        }
    }
}
