// 100rel / PRACK between user agents and against a scripted peer, manual clock (RFC 3262 §3, §4).
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sip.Calls;

    public class ReliableProvisionalTests
    {
        [Fact]
        public void The_180_goes_reliably_when_chosen_and_the_caller_pracks_it_once()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2, c => c.ReliableProvisionalWhenSupported = true);
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();

            string ringing = wire.Last("SIP/2.0 180 Ringing");
            Assert.Equal("100rel", SessionWire.Header(ringing, "Require"));
            uint rseq = uint.Parse(SessionWire.Header(ringing, "RSeq"));
            Assert.InRange(rseq, 1u, 0x7FFFFFFFu);
            string prack = wire.Last("PRACK sip:u2@10.0.0.2:5060");
            Assert.Equal(rseq + " 1 INVITE", SessionWire.Header(prack, "RAck"));
            Assert.Equal("2 PRACK", SessionWire.Header(prack, "CSeq"));            // next CSeq in the early dialog
            Assert.NotNull(wire.Sent.Find(m => m.StartsWith("SIP/2.0 200 OK") && m.Contains(" PRACK\r\n")));
            Assert.False(b.Incoming.Reliable.Unacknowledged);
            Assert.Equal(CallState.Proceeding, call.State);

            net.RunUntil(net.Now + 40_000);
            Assert.Single(wire.Starting("SIP/2.0 180"));                           // PRACKed: never retransmitted
            Assert.Equal(0, b.Manager.Stats.ProvisionalRetransmissions);
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Connected, call.State);
            Assert.Equal("1 ACK", SessionWire.Header(wire.Last("ACK"), "CSeq"));     // the ACK keeps the INVITE's number
            Assert.Equal(1, a.Manager.Stats.PracksSent);
        }

        [Fact]
        public void A_lost_prack_the_180_is_retransmitted_and_the_retransmission_is_not_pracked_again()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2, c => c.ReliableProvisionalWhenSupported = true);
            int pracks = 0;
            wire.Drop = (m, f, t) => m.StartsWith("PRACK") && pracks++ == 0;
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.True(b.Incoming.Reliable.Unacknowledged);
            net.RunUntil(net.Now + 2_000);
            Assert.Equal(2, wire.Starting("SIP/2.0 180").Count);                  // first + one at T1
            Assert.Equal(1, a.Manager.Stats.ReliableProvisionalsIgnored);          // same RSeq: no second PRACK
            Assert.Equal(1, a.Manager.Stats.PracksSent);
            Assert.Equal(1, net.Count("PRACK"));                                   // the transaction's retransmission got through
            Assert.False(b.Incoming.Reliable.Unacknowledged);
            net.RunUntil(net.Now + 40_000);
            Assert.Equal(2, wire.Starting("SIP/2.0 180").Count);
            Assert.Equal(CallState.Ringing, b.Incoming.State);
            Assert.Equal(CallState.Proceeding, call.State);
        }

        [Fact]
        public void Required_100rel_never_pracked_is_retransmitted_t1_doubling_then_refused_500_after_64_t1()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);                                                    // config off: Require alone forces it
            byte[] invite = OptionTagTests.RawInvite("rel1", "Require: 100rel\r\n", SessionWire.Sdp);
            Assert.NotNull(a.Manager.Layer.SendRequest(invite, 0, invite.Length, b.EndPoint, null, net.Now));
            net.Pump();
            long start = net.Now;
            Assert.Equal("100rel", SessionWire.Header(wire.Last("SIP/2.0 180"), "Require"));
            var times = new System.Collections.Generic.List<long>();
            int seen = 1;
            for (long t = start; t <= start + 33_000; t += 100)
            {
                net.RunUntil(t);
                int n = wire.Starting("SIP/2.0 180").Count;
                if (n > seen) times.Add(t - start);
                seen = n;
            }
            Assert.Equal(new long[] { 500, 1500, 3500, 7500, 15500, 31500 }, times);
            Assert.Single(wire.Starting("SIP/2.0 500"));
            Assert.Equal(CallState.Terminated, b.Incoming.State);
            Assert.Equal(500, b.Incoming.EndCode);
            Assert.Equal(1, b.Manager.Stats.PrackTimeouts);
        }

        [Fact]
        public void A_prack_for_an_unknown_rseq_gets_481()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2, c => c.ReliableProvisionalWhenSupported = true);
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            // A second PRACK in the same early dialog, for an RSeq never sent.
            var w = new Phone.Core.Sip.SipWriter(new byte[1500]);
            byte[] branch = Encoding.ASCII.GetBytes("z9hG4bKbadrack1");
            call.Dialog.WriteRequest(w, Phone.Core.Sip.SipMethod.Prack, ++call.Dialog.LocalCSeq, "10.0.0.1", 5060, branch, branch.Length);
            w.WriteHeader(Phone.Core.Sip.SipHeaderId.RAck, "1 1 INVITE");
            w.EndWithoutBody();
            Assert.NotNull(a.Manager.Layer.SendRequest(w.Buffer, 0, w.Length, b.EndPoint, null, net.Now));
            net.Pump();
            Assert.NotNull(wire.Sent.Find(m => m.StartsWith("SIP/2.0 481") && m.Contains(" PRACK\r\n")));
        }

        [Fact]
        public void After_a_redirect_the_new_early_dialog_has_its_own_rseq_space()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var first = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 5), 5060);
            var second = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 6), 5060);
            Call call = a.Manager.PlaceCall("sip:505@10.0.0.5", net.Now);
            net.Pump();
            string invite = wire.Last("INVITE");
            wire.Deliver(SessionWire.Response(invite, 183, "Session Progress", "peer1",
                "Contact: <sip:505@10.0.0.5:5060>\r\nRequire: 100rel\r\nRSeq: 900\r\n", null), first, a.EndPoint);
            wire.Deliver(SessionWire.Response(invite, 302, "Moved Temporarily", "peer1", "Contact: <sip:606@10.0.0.6>\r\n", null), first, a.EndPoint);
            string retry = wire.Last("INVITE sip:606@10.0.0.6");
            wire.Deliver(SessionWire.Response(retry, 183, "Session Progress", "peer2",
                "Contact: <sip:606@10.0.0.6:5060>\r\nRequire: 100rel\r\nRSeq: 3\r\n", null), second, a.EndPoint);
            Assert.Equal("3 2 INVITE", SessionWire.Header(wire.Last("PRACK sip:606@10.0.0.6:5060"), "RAck"));
            Assert.Equal(2, a.Manager.Stats.PracksSent);
            Assert.Equal(0, a.Manager.Stats.ReliableProvisionalsIgnored);
            Assert.Equal(CallState.Proceeding, call.State);
        }

        [Fact]
        public void Against_a_scripted_uas_pracks_go_in_rseq_order_and_out_of_order_ones_wait()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var peer = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 5), 5060);
            Call call = a.Manager.PlaceCall("sip:505@10.0.0.5", net.Now);
            net.Pump();
            string invite = wire.Last("INVITE");
            string Rel(uint rseq) => "Contact: <sip:505@10.0.0.5:5060>\r\nRequire: 100rel\r\nRSeq: " + rseq + "\r\n";
            foreach (uint rseq in new uint[] { 5, 7, 6, 6, 7 })
            {
                wire.Deliver(SessionWire.Response(invite, 183, "Session Progress", "peer1", Rel(rseq), null), peer, a.EndPoint);
            }
            var racks = wire.Starting("PRACK sip:505@10.0.0.5:5060").ConvertAll(m => SessionWire.Header(m, "RAck"));
            Assert.Equal(new[] { "5 1 INVITE", "6 1 INVITE", "7 1 INVITE" }, racks);
            Assert.Equal(2, a.Manager.Stats.ReliableProvisionalsIgnored);          // 7 too early, 6 repeated
            Assert.Equal(CallState.Proceeding, call.State);

            // An unreliable 180 in the same dialog is simply taken.
            wire.Deliver(SessionWire.Response(invite, 180, "Ringing", "peer1", "Contact: <sip:505@10.0.0.5:5060>\r\n", null), peer, a.EndPoint);
            Assert.Equal(3, wire.Starting("PRACK").Count);
        }
    }
}
