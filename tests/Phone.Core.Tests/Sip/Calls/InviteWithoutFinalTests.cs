// An outgoing call that ends before its INVITE got a final response frees the INVITE's transaction slot 64·T1 after
// the CANCEL (RFC 3261 §9.1), and a 2xx that still comes later is ACKed and BYEd (§13.2.2.4, §15). Fuzz finding
// 180-then-early-bye-no-final (tools/fuzz/crashes/siptx).
namespace Phone.Core.Tests.Sip.Calls
{
    using Phone.Core.Net;
    using Phone.Core.Sip.Calls;

    public class InviteWithoutFinalTests
    {
        private static readonly NetEndPoint Far = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 5), 5060);

        private const string Contact = "Contact: <sip:505@10.0.0.5:5060>\r\n";

        // How the call ends before a final response → the call's end code, when the CANCEL goes (ms), when the call is
        // over (ms). The peer answers the CANCEL 200 (unless "unanswered") but never the INVITE; T1 = 500 ms, 64·T1 = 32 s.
        public static TheoryData<string, int, long, long> Rows => new()
        {
            // The CANCEL itself is lost for good: its Timer F and the INVITE's §9.1 limit run out together.
            { "hang up, CANCEL unanswered", 487, 1000, 33000 },
            // The callee sends BYE on the early dialog (§15 forbids it; the call ends at once, the INVITE is CANCELled).
            { "early BYE", 200, 1000, 1000 },
            // We hang up while it rings: CANCEL; no 487 ever: the call ends 487 when the INVITE is destroyed.
            { "hang up", 487, 1000, 33000 },
            // The far end is silent after its 180: we hang up later, same rule from the CANCEL on.
            { "hang up late", 487, 90000, 122000 },
        };

        [Theory]
        [MemberData(nameof(Rows))]
        public void TheInviteSlotIsFreed64T1AfterTheCancelAndALate200IsAckedAndByed(string how, int endCode, long cancelAt, long endedAt)
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            Call call = a.Manager.PlaceCall("sip:505@10.0.0.5", net.Now);
            net.Pump();
            string invite = wire.Last("INVITE");
            wire.Deliver(SessionWire.Response(invite, 180, "Ringing", "b2", Contact, null), Far, a.EndPoint);
            Assert.Equal(CallState.Proceeding, call.State);

            net.RunUntil(cancelAt);
            if (how == "early BYE")
            {
                var inv = SessionWire.Parse(invite);
                string bye = "BYE sip:201@10.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKbye1\r\nMax-Forwards: 70\r\n"
                    + "From: " + inv.GetString(inv.To.Whole) + ";tag=b2\r\nTo: " + inv.GetString(inv.From.Whole) + "\r\n"
                    + "Call-ID: " + inv.GetString(inv.CallId) + "\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n";
                wire.Deliver(System.Text.Encoding.ASCII.GetBytes(bye), Far, a.EndPoint);
                Assert.StartsWith("SIP/2.0 200", wire.Last("SIP/2.0 200"));
            }
            else
            {
                a.Manager.Hangup(call, net.Now);
                net.Pump();
            }
            string cancel = wire.Last("CANCEL");
            if (!how.EndsWith("unanswered")) wire.Deliver(SessionWire.Response(cancel, 200, "OK", "b2", "", null), Far, a.EndPoint);

            if (endedAt > cancelAt)
            {
                // Hung up: the call waits in Terminating for the 487 up to the last millisecond of 64·T1.
                net.RunUntil(endedAt - 1);
                Assert.Equal(CallState.Terminating, call.State);
                Assert.Equal(how.EndsWith("unanswered") ? 2 : 1, a.Manager.Layer.ActiveClients);
            }
            else
            {
                Assert.Equal(CallState.Terminated, call.State);
            }
            net.RunUntil(cancelAt + 32000 + 1);
            Assert.Equal(CallState.Terminated, call.State);
            Assert.Equal(endCode, call.EndCode);
            // The INVITE (and the CANCEL, after Timer K) are gone: nothing holds a slot.
            Assert.Equal(0, a.Manager.Layer.ActiveClients);
            Assert.Equal(1, a.Manager.Layer.Stats.CancelledWithoutFinal);

            // The callee picks up after all: §13.2.2.4 every 2xx is ACKed; we do not want the call any more: BYE (§15).
            int acks = wire.Starting("ACK").Count, byes = wire.Starting("BYE sip:505").Count;
            byte[] late = SessionWire.Response(invite, 200, "OK", "b2", Contact, SessionWire.Sdp);
            wire.Deliver(late, Far, a.EndPoint);
            Assert.Equal(acks + 1, wire.Starting("ACK").Count);
            Assert.Equal(byes + 1, wire.Starting("BYE sip:505").Count);
            string ack = wire.Last("ACK");
            Assert.StartsWith("ACK sip:505@10.0.0.5:5060 SIP/2.0", ack);
            Assert.Contains("CSeq: 1 ACK", ack);
            Assert.Contains(";tag=b2", SessionWire.Header(ack, "To"));
            Assert.Contains("CSeq: 2 BYE", wire.Last("BYE sip:505"));
            Assert.Equal(CallState.Terminated, call.State);   // the old call stays ended
            Assert.Equal(1, a.Manager.Stats.UnwantedAnswersEnded);

            // Its retransmission (our ACK lost) is ACKed again but not BYEd twice.
            wire.Deliver(late, Far, a.EndPoint);
            Assert.Equal(acks + 2, wire.Starting("ACK").Count);
            Assert.Equal(byes + 1, wire.Starting("BYE sip:505").Count);

            // The BYE gets its 200; five minutes on nothing is left anywhere.
            wire.Deliver(SessionWire.Response(wire.Last("BYE sip:505"), 200, "OK", "b2", "", null), Far, a.EndPoint);
            net.RunUntil(net.Now + 300000);
            Assert.Equal(0, a.Manager.Layer.ActiveClients);
            Assert.Equal(0, a.Manager.Layer.ActiveServers);
            Assert.Equal(0, a.Manager.ActiveCalls);
        }

        [Fact]
        public void A200FromAStrangerIsNotAckedNorByed()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            Call call = a.Manager.PlaceCall("sip:505@10.0.0.5", net.Now);
            net.Pump();
            string invite = wire.Last("INVITE");
            // Same branch and Call-ID shape, but another Call-ID: a stray 2xx that answers nothing of ours.
            string other = invite.Replace("Call-ID: ", "Call-ID: x");
            wire.Deliver(SessionWire.Response(other.Replace("branch=z9hG4bK", "branch=z9hG4bKzz"), 200, "OK", "b9", Contact, null), Far, a.EndPoint);
            Assert.Empty(wire.Starting("ACK"));
            Assert.Empty(wire.Starting("BYE"));
            Assert.Equal(CallState.Calling, call.State);
            Assert.Equal(1, a.Manager.Layer.Stats.StrayAnswersToCore);
        }
    }
}
