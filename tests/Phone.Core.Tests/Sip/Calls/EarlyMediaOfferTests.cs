// Reliable provisionals with SDP (RFC 3262 §5 + RFC 3264) and delayed offer (RFC 3261 §13.2.1) as UAC, scripted UAS, manual clock.
namespace Phone.Core.Tests.Sip.Calls
{
    using Phone.Core.Net;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;

    public class EarlyMediaOfferTests
    {
        private static readonly NetEndPoint Peer = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 5), 5060);

        private const string Contact = "Contact: <sip:505@10.0.0.5:5060>\r\n";

        private static string Reliable(uint rseq) => Contact + "Require: 100rel\r\nRSeq: " + rseq + "\r\n";

        private static string Body(string message) => message.Substring(message.IndexOf("\r\n\r\n") + 4);

        private sealed class Rig
        {
            public readonly TwoPhoneNet Net = new TwoPhoneNet();
            public readonly SessionWire Wire;
            public readonly TwoPhoneNet.Ua A;
            public readonly Call Call;
            public readonly string Invite;

            public Rig(bool delayedOffer)
            {
                Wire = new SessionWire(Net);
                A = Net.Add(1, c => c.DelayedOffer = delayedOffer);
                Call = A.Manager.PlaceCall("sip:505@10.0.0.5", Net.Now);
                Assert.NotNull(Call);
                Net.Pump();
                Invite = Wire.Last("INVITE sip:505@10.0.0.5");
            }

            public void Respond(int code, string reason, string headers, string sdp)
                => Wire.Deliver(SessionWire.Response(Invite, code, reason, "uas1", headers, sdp), Peer, A.EndPoint);
        }

        [Fact]
        public void A_reliable_183_with_the_answer_starts_early_media_and_the_prack_carries_no_sdp()
        {
            var r = new Rig(false);
            Assert.Equal("application/sdp", SessionWire.Header(r.Invite, "Content-Type"));
            r.Respond(183, "Session Progress", Reliable(41), SessionWire.Sdp);

            string prack = r.Wire.Last("PRACK sip:505@10.0.0.5:5060");
            Assert.Equal("41 1 INVITE", SessionWire.Header(prack, "RAck"));
            Assert.Equal("0", SessionWire.Header(prack, "Content-Length"));       // no new offer (RFC 3262 §5)
            Assert.Null(SessionWire.Header(prack, "Content-Type"));
            Assert.Equal(CallState.Proceeding, r.Call.State);
            Assert.True(r.Call.Media.IsEstablished);                               // early media from the 183
            Assert.Equal(20000, r.Call.Media.RemotePort);
            Assert.Equal(SdpOfferAnswer.Pcmu, r.Call.Media.Codec);
            Assert.Equal(1, r.A.MediaChanges);

            // The 183 retransmitted (PRACK lost on the way): not PRACKed again, no second media change.
            r.Respond(183, "Session Progress", Reliable(41), SessionWire.Sdp);
            Assert.Single(r.Wire.Starting("PRACK"));
            Assert.Equal(1, r.A.MediaChanges);

            r.Respond(200, "OK", Contact, SessionWire.Sdp);
            Assert.Equal(CallState.Connected, r.Call.State);
            Assert.Equal("0", SessionWire.Header(r.Wire.Last("ACK"), "Content-Length"));
            Assert.Equal(20000, r.Call.Media.RemotePort);
        }

        [Fact]
        public void Delayed_offer_a_reliable_183_with_an_offer_gets_the_answer_in_the_prack()
        {
            var r = new Rig(true);
            Assert.Equal("0", SessionWire.Header(r.Invite, "Content-Length"));   // no SDP in the INVITE
            Assert.Null(SessionWire.Header(r.Invite, "Content-Type"));
            Assert.False(r.Call.Media.IsEstablished);

            r.Respond(183, "Session Progress", Reliable(7), SessionWire.Sdp);
            string prack = r.Wire.Last("PRACK sip:505@10.0.0.5:5060");
            Assert.Equal("7 1 INVITE", SessionWire.Header(prack, "RAck"));
            Assert.Equal("application/sdp", SessionWire.Header(prack, "Content-Type"));
            string answer = Body(prack);
            Assert.Contains("m=audio " + r.Call.LocalRtpPort + " RTP/AVP 0 101\r\n", answer);   // the offer's codec and events
            Assert.Contains("c=IN IP4 10.0.0.1\r\n", answer);
            Assert.True(r.Call.Media.IsEstablished);
            Assert.Equal(20000, r.Call.Media.RemotePort);
            Assert.Equal(1, r.A.MediaChanges);

            // The 2xx repeats the session: the exchange is complete, the ACK carries nothing.
            r.Respond(200, "OK", Contact, SessionWire.Sdp);
            Assert.Equal(CallState.Connected, r.Call.State);
            Assert.Equal("0", SessionWire.Header(r.Wire.Last("ACK"), "Content-Length"));
            Assert.Equal(1, r.A.MediaChanges);
        }

        [Fact]
        public void Delayed_offer_the_offer_in_the_200_is_answered_in_the_ack_and_an_unreliable_183_offers_nothing()
        {
            var r = new Rig(true);
            r.Respond(183, "Session Progress", Contact, SessionWire.Sdp);           // unreliable: not an offer (§13.2.1)
            Assert.False(r.Call.Media.IsEstablished);
            Assert.Empty(r.Wire.Starting("PRACK"));

            r.Respond(200, "OK", Contact, SessionWire.Sdp);
            Assert.Equal(CallState.Connected, r.Call.State);
            string ack = r.Wire.Last("ACK");
            Assert.Equal("1 ACK", SessionWire.Header(ack, "CSeq"));
            Assert.Equal("application/sdp", SessionWire.Header(ack, "Content-Type"));
            Assert.Contains("m=audio " + r.Call.LocalRtpPort + " RTP/AVP 0 101\r\n", Body(ack));
            Assert.True(r.Call.Media.IsEstablished);
            Assert.Equal(20000, r.Call.Media.RemotePort);

            // A retransmitted 200 (our ACK lost) gets the same ACK, answer included.
            r.Respond(200, "OK", Contact, SessionWire.Sdp);
            var acks = r.Wire.Starting("ACK");
            Assert.Equal(2, acks.Count);
            Assert.Equal(acks[0], acks[1]);
        }

        [Fact]
        public void Delayed_offer_a_200_without_an_offer_or_with_no_common_codec_is_acked_then_ended_by_bye()
        {
            foreach (string sdp in new[] { null, SessionWire.Sdp.Replace("RTP/AVP 0 101", "RTP/AVP 18").Replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:18 G729/8000") })
            {
                var r = new Rig(true);
                r.Respond(200, "OK", Contact, sdp);
                Assert.Single(r.Wire.Starting("ACK"));
                Assert.Single(r.Wire.Starting("BYE sip:505@10.0.0.5:5060"));
                Assert.Equal(CallState.Terminating, r.Call.State);
                Assert.DoesNotContain("Connected", r.A.Events);
                Assert.False(r.Call.Media.IsEstablished);
            }
        }

        [Fact]
        public void Delayed_offer_a_reliable_183_offer_with_no_common_codec_is_pracked_then_cancelled()
        {
            var r = new Rig(true);
            string g729 = SessionWire.Sdp.Replace("RTP/AVP 0 101", "RTP/AVP 18").Replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:18 G729/8000");
            r.Respond(183, "Session Progress", Reliable(1), g729);
            Assert.Equal("0", SessionWire.Header(r.Wire.Last("PRACK"), "Content-Length"));
            Assert.Single(r.Wire.Starting("CANCEL sip:505@10.0.0.5"));
            Assert.Equal(CallState.Terminating, r.Call.State);
            Assert.Equal(1, r.A.Manager.Stats.NotAcceptable);
        }

        [Fact]
        public void Late_offer_between_two_phones_the_callee_offers_in_its_200_and_the_caller_answers_in_the_ack()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1, c => c.DelayedOffer = true);
            var b = net.Add(2, c => c.Codecs = new[] { SdpOfferAnswer.Pcma, SdpOfferAnswer.Pcmu });
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.Equal("0", SessionWire.Header(wire.Last("INVITE"), "Content-Length"));
            Assert.Equal(CallState.Ringing, b.Incoming.State);
            Assert.Equal("0", SessionWire.Header(wire.Last("SIP/2.0 180"), "Content-Length"));   // unreliable: no offer yet

            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Contains("RTP/AVP 8 0 101", Body(wire.Last("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1:5060")));   // the callee's offer
            Assert.Equal("application/sdp", SessionWire.Header(wire.Last("ACK"), "Content-Type"));
            Assert.Equal(CallState.Connected, call.State);
            Assert.Equal(CallState.Connected, b.Incoming.State);
            Assert.Equal(SdpOfferAnswer.Pcma, call.Media.Codec);                   // the first of the offer we support
            Assert.Equal(SdpOfferAnswer.Pcma, b.Incoming.Media.Codec);
            Assert.Equal(b.Incoming.LocalRtpPort, call.Media.RemotePort);
            Assert.Equal(call.LocalRtpPort, b.Incoming.Media.RemotePort);

            // Hold and resume work as usual afterwards (we offer in the re-INVITE).
            Assert.True(a.Manager.SetHold(call, true, net.Now));
            net.Pump();
            Assert.Equal(SdpDirection.RecvOnly, b.Incoming.Media.LocalDirection);
            net.RunUntil(net.Now + 40_000);
            Assert.Equal(0, a.Manager.Stats.SendFailures + b.Manager.Stats.SendFailures);
            Assert.Equal(0, b.Manager.Stats.OkRetransmissions);
        }

        [Fact]
        public void As_uas_with_100rel_the_183_with_sdp_goes_reliably_after_the_180_is_pracked_and_starts_early_media()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2, c => c.ReliableProvisionalWhenSupported = true);
            int pracks = 0;
            wire.Drop = (m, f, t) => m.StartsWith("PRACK") && pracks++ == 0;          // the 180's first PRACK is lost
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.True(b.Incoming.Reliable.Unacknowledged);
            Assert.False(b.Manager.SendEarlyMedia(b.Incoming, net.Now));              // one reliable 1xx at a time (§3)
            net.RunUntil(net.Now + 600);                                             // the PRACK's retransmission gets through
            Assert.False(b.Incoming.Reliable.Unacknowledged);
            Assert.False(call.Media.IsEstablished);

            uint rseq180 = uint.Parse(SessionWire.Header(wire.Last("SIP/2.0 180"), "RSeq"));
            Assert.True(b.Manager.SendEarlyMedia(b.Incoming, net.Now));
            net.Pump();
            string progress = wire.Last("SIP/2.0 183 Session Progress");
            Assert.Equal("100rel", SessionWire.Header(progress, "Require"));
            Assert.Equal((rseq180 + 1).ToString(), SessionWire.Header(progress, "RSeq"));
            Assert.Equal("application/sdp", SessionWire.Header(progress, "Content-Type"));
            Assert.Equal((rseq180 + 1) + " 1 INVITE", SessionWire.Header(wire.Last("PRACK"), "RAck"));
            Assert.Equal("0", SessionWire.Header(wire.Last("PRACK"), "Content-Length"));
            Assert.False(b.Incoming.Reliable.Unacknowledged);
            Assert.True(call.Media.IsEstablished);                                   // the caller plays our early media
            Assert.Equal(b.Incoming.LocalRtpPort, call.Media.RemotePort);
            Assert.Equal(CallState.Proceeding, call.State);
            Assert.Equal(1, b.Manager.Stats.EarlyMediaSent);

            net.RunUntil(net.Now + 40_000);
            Assert.Single(wire.Starting("SIP/2.0 183"));                             // PRACKed: not retransmitted
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Connected, call.State);
            string ok = wire.Sent.FindLast(m => m.StartsWith("SIP/2.0 200") && SessionWire.Header(m, "CSeq") == "1 INVITE");
            Assert.Equal(Body(progress), Body(ok));                                  // the 200 repeats the early SDP
            Assert.Equal(b.Incoming.LocalRtpPort, call.Media.RemotePort);
        }

        [Fact]
        public void As_uas_without_100rel_the_183_with_sdp_goes_once_unreliably_and_needs_an_offer_to_answer()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.True(b.Manager.SendEarlyMedia(b.Incoming, net.Now));
            net.Pump();
            Assert.Null(SessionWire.Header(wire.Last("SIP/2.0 183"), "RSeq"));
            Assert.Empty(wire.Starting("PRACK"));
            Assert.True(call.Media.IsEstablished);
            net.RunUntil(net.Now + 10_000);
            Assert.Single(wire.Starting("SIP/2.0 183"));

            // A delayed-offer caller gave us nothing to answer: no early media from us.
            var c = net.Add(3, cfg => cfg.DelayedOffer = true);
            c.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.NotSame(call, b.Incoming);
            Assert.False(b.Manager.SendEarlyMedia(b.Incoming, net.Now));
        }

        [Fact]
        public void Late_offer_with_100rel_the_callee_offers_in_its_reliable_180_and_the_caller_answers_in_the_prack()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1, c => c.DelayedOffer = true);
            var b = net.Add(2, c => { c.ReliableProvisionalWhenSupported = true; c.Codecs = new[] { SdpOfferAnswer.Pcma, SdpOfferAnswer.Pcmu }; });
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            // RFC 3261 §13.2.1: the first reliable non-failure response carries the offer — here the reliable 180.
            string ringing = wire.Last("SIP/2.0 180");
            Assert.Equal("100rel", SessionWire.Header(ringing, "Require"));
            Assert.Contains("RTP/AVP 8 0 101", Body(ringing));
            string prack = wire.Last("PRACK");
            Assert.Equal("application/sdp", SessionWire.Header(prack, "Content-Type"));
            Assert.Contains("RTP/AVP 8 101", Body(prack));
            Assert.True(call.Media.IsEstablished);
            Assert.True(b.Incoming.Media.IsEstablished);                              // the PRACK completed the exchange
            Assert.Equal(SdpOfferAnswer.Pcma, b.Incoming.Media.Codec);
            Assert.Equal(call.LocalRtpPort, b.Incoming.Media.RemotePort);

            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            string ok = wire.Sent.FindLast(m => m.StartsWith("SIP/2.0 200") && SessionWire.Header(m, "CSeq") == "1 INVITE");
            Assert.Equal(Body(ringing), Body(ok));                                    // the same session, no new offer
            Assert.Equal("0", SessionWire.Header(wire.Last("ACK"), "Content-Length"));
            Assert.Equal(CallState.Connected, call.State);
            Assert.Equal(CallState.Connected, b.Incoming.State);
            Assert.Equal(b.Incoming.LocalRtpPort, call.Media.RemotePort);
            Assert.Equal(2, b.MediaChanges);                                           // at the PRACK, and again when answered
            net.RunUntil(net.Now + 40_000);
            Assert.Single(wire.Starting("SIP/2.0 180"));
            Assert.Equal(0, a.Manager.Stats.SendFailures + b.Manager.Stats.SendFailures);
        }

        [Fact]
        public void Answering_before_the_prack_of_a_180_with_sdp_waits_for_it_then_sends_the_200()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1, c => c.DelayedOffer = true);
            var b = net.Add(2, c => c.ReliableProvisionalWhenSupported = true);
            int pracks = 0;
            wire.Drop = (m, f, t) => m.StartsWith("PRACK") && pracks++ == 0;          // the PRACK with the answer is lost once
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.True(b.Incoming.Reliable.Unacknowledged);
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));                      // accepted, but RFC 3262 §3: no 2xx yet
            net.Pump();
            Assert.Empty(wire.Sent.FindAll(m => m.StartsWith("SIP/2.0 200") && m.Contains(" INVITE\r\n")));
            Assert.Equal(CallState.Ringing, b.Incoming.State);

            net.RunUntil(net.Now + 600);                                             // PRACK retransmitted (Timer E)
            Assert.Equal(CallState.Connected, b.Incoming.State);
            Assert.Equal(CallState.Connected, call.State);
            Assert.True(b.Incoming.Media.IsEstablished);                             // the answer came in the PRACK
            Assert.Equal(call.LocalRtpPort, b.Incoming.Media.RemotePort);
            Assert.Equal(b.Incoming.LocalRtpPort, call.Media.RemotePort);
        }
    }
}
