// Calls borrow message buffers from the transaction layer's pool only while a message may be re-sent (RFC 3261 §13.3.1.4, §13.2.2.4; RFC 3262 §3).
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Collections.Generic;
    using Phone.Core.Sip.Calls;

    public class CallBufferPoolTests
    {
        private static Call Connect(TwoPhoneNet net, TwoPhoneNet.Ua a, TwoPhoneNet.Ua b)
        {
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            Assert.NotNull(call);
            net.Pump();
            Assert.NotNull(b.Incoming);
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Connected, call.State);
            return call;
        }

        [Fact]
        public void A_stable_call_holds_no_pool_buffer_on_either_side_after_the_ack_and_after_a_hold()
        {
            var net = new TwoPhoneNet();
            var a = net.Add(1);
            var b = net.Add(2);
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            // Ringing: the callee keeps the INVITE (for its final response) and its transaction the last response.
            Assert.True(b.Incoming.HoldsMessageBuffer);
            Assert.Equal(2, b.Manager.Layer.Pool.InUse);
            Assert.Equal(1, a.Manager.Layer.Pool.InUse);                 // the INVITE, until its final response
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Connected, call.State);
            Assert.Equal(0, a.Manager.Layer.Pool.InUse);
            Assert.Equal(0, b.Manager.Layer.Pool.InUse);
            Assert.False(call.HoldsMessageBuffer);
            Assert.False(b.Incoming.HoldsMessageBuffer);

            Assert.True(a.Manager.SetHold(call, true, net.Now));
            net.Pump();
            Assert.True(call.LocalHold);
            Assert.Equal(0, a.Manager.Layer.Pool.InUse);
            Assert.Equal(0, b.Manager.Layer.Pool.InUse);
            net.RunUntil(net.Now + 40_000);
            Assert.Equal(0, b.Manager.Stats.OkRetransmissions);
            Assert.Equal(CallState.Connected, call.State);
        }

        [Fact]
        public void The_reliable_180_holds_a_buffer_only_until_its_prack()
        {
            var net = new TwoPhoneNet();
            var a = net.Add(1);
            var b = net.Add(2, c => c.ReliableProvisionalWhenSupported = true);
            net.Drop = (m, f, t) => m.StartsWith("PRACK");
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.True(b.Incoming.Reliable.Unacknowledged);
            Assert.Equal(3, b.Manager.Layer.Pool.InUse);                  // INVITE transaction, INVITE, the 180 to re-send
            net.Drop = (m, f, t) => false;
            net.RunUntil(net.Now + 500);                                   // the 180 again (T1), PRACKed this time
            Assert.Equal(1, b.Manager.Stats.ProvisionalRetransmissions);
            Assert.False(b.Incoming.Reliable.Unacknowledged);
            // The 180's buffer went back; the PRACK's own transaction keeps its 200 for Timer J (§17.2.2).
            Assert.Equal(3, b.Manager.Layer.Pool.InUse);
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Connected, call.State);
            Assert.False(b.Incoming.HoldsMessageBuffer);
            Assert.Equal(1, b.Manager.Layer.Pool.InUse);
            net.RunUntil(net.Now + 32_000);
            Assert.Equal(0, b.Manager.Layer.Pool.InUse);
            Assert.Equal(0, a.Manager.Layer.Pool.InUse);
        }

        [Fact]
        public void The_ack_resent_for_a_retransmitted_2xx_is_rebuilt_byte_for_byte_from_the_dialog()
        {
            var net = new TwoPhoneNet();
            var a = net.Add(1);
            var b = net.Add(2);
            var acks = new List<string>();
            net.Drop = (m, f, t) =>
            {
                if (!m.StartsWith("ACK")) return false;
                acks.Add(m);
                return acks.Count == 1;                                   // the first ACK is lost
            };
            Call call = Connect(net, a, b);
            Assert.Equal(0, a.Manager.Layer.Pool.InUse);                  // no ACK kept: only its CSeq and branch
            net.RunUntil(net.Now + 500);                                   // T1: the callee re-sends its 200
            Assert.Equal(1, b.Manager.Stats.OkRetransmissions);
            Assert.Equal(1, a.Manager.Stats.AckRetransmissions);
            Assert.Equal(2, acks.Count);
            Assert.Equal(acks[0], acks[1]);
            Assert.Equal(0, b.Manager.Layer.Pool.InUse);                  // the ACK came: the 200 went back to the pool
            Assert.Equal(CallState.Connected, b.Incoming.State);
        }

        [Fact]
        public void The_ack_of_a_delayed_offer_call_is_resent_with_its_answer()
        {
            var net = new TwoPhoneNet();
            var a = net.Add(1, c => c.DelayedOffer = true);
            var b = net.Add(2);
            var acks = new List<string>();
            net.Drop = (m, f, t) =>
            {
                if (!m.StartsWith("ACK")) return false;
                acks.Add(m);
                return acks.Count == 1;
            };
            Call call = Connect(net, a, b);
            net.RunUntil(net.Now + 500);
            Assert.Equal(2, acks.Count);
            Assert.Contains("application/sdp", acks[0]);
            Assert.Equal(acks[0], acks[1]);
            Assert.True(b.Incoming.Media.IsEstablished);
            Assert.True(call.Media.IsEstablished);
        }

        [Fact]
        public void A_2xx_waiting_for_its_ack_is_not_clobbered_by_a_second_call_borrowing_buffers_meanwhile()
        {
            var net = new TwoPhoneNet();
            var a = net.Add(1);
            var b = net.Add(2, c => c.CallWaiting = true);
            var c3 = net.Add(3);
            var oks = new List<string>();
            net.Drop = (m, f, t) =>
            {
                if (m.StartsWith("SIP/2.0 200 OK") && m.Contains(" INVITE\r\n") && f.Address == b.EndPoint.Address) oks.Add(m);
                return m.StartsWith("ACK") && t.Address == b.EndPoint.Address && oks.Count < 3;   // the first ACKs are lost
            };
            Call first = Connect(net, a, b);
            Call firstAtB = b.Incoming;
            Assert.Single(oks);
            Call second = c3.Manager.PlaceCall(b.Uri, net.Now);            // a second INVITE takes buffers while the 200 waits
            net.Pump();
            Assert.NotSame(firstAtB, b.Incoming);
            Assert.Equal(CallState.Ringing, b.Incoming.State);
            Assert.True(b.Incoming.HoldsMessageBuffer);
            net.RunUntil(net.Now + 1500);                                  // T1, 2·T1: the 200 twice more, then ACKed
            Assert.Equal(3, oks.Count);
            Assert.Equal(oks[0], oks[1]);
            Assert.Equal(oks[0], oks[2]);
            Assert.Equal(CallState.Connected, first.State);
            Assert.False(firstAtB.HoldsMessageBuffer);
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Connected, second.State);
            Assert.False(b.Incoming.HoldsMessageBuffer);
        }

        [Fact]
        public void A_new_invite_finding_the_pool_dry_is_refused_486_like_a_full_call_table()
        {
            var net = new TwoPhoneNet();
            var a = net.Add(1);
            var b = net.Add(2, c => c.MessageBuffers = 1);                 // the INVITE transaction takes the only one
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.Null(b.Incoming);
            Assert.Equal(486, call.EndCode);
            Assert.Equal(1, b.Manager.Stats.Busy);
            Assert.Equal(1, net.Count("SIP/2.0 486 Busy Here"));
            Assert.Equal(1, b.Manager.Layer.Pool.DryCount);
        }

        [Fact]
        public void A_call_placed_with_the_pool_dry_fails_like_a_full_transaction_table()
        {
            var net = new TwoPhoneNet();
            var a = net.Add(1, c => c.MessageBuffers = 1);
            var b = net.Add(2);
            var c2 = net.Add(3);
            Call first = a.Manager.PlaceCall(b.Uri, net.Now);              // its INVITE holds the only buffer until a final response
            Assert.NotNull(first);
            Assert.Null(a.Manager.PlaceCall(c2.Uri, net.Now));             // null, as when the table is full
            Assert.Equal(1, a.Manager.Layer.Stats.PoolDry);
            net.Pump();
            Assert.Equal(0, net.Count("INVITE sip:u3"));
            Assert.Equal(1, a.Manager.ActiveCalls);
        }
    }
}
