// Incoming UPDATE (RFC 3311 §5.2) and the 491 glare retry of re-INVITEs (RFC 3261 §14.1), manual clock.
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Text;
    using Phone.Core.Sdp;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Calls;

    public class UpdateAndGlareTests
    {
        private static Call Connect(TwoPhoneNet net, TwoPhoneNet.Ua a, TwoPhoneNet.Ua b)
        {
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Connected, call.State);
            return call;
        }

        /// <summary>An UPDATE in A's dialog, written from A's dialog state and sent on A's transaction layer.</summary>
        private static void SendUpdate(TwoPhoneNet net, TwoPhoneNet.Ua a, TwoPhoneNet.Ua b, Call call, string id, string sdp, string extraHeaders = null)
        {
            var w = new SipWriter(new byte[2000]);
            byte[] branch = Encoding.ASCII.GetBytes("z9hG4bK" + id);
            call.Dialog.WriteRequest(w, SipMethod.Update, ++call.Dialog.LocalCSeq, "10.0.0.1", 5060, branch, branch.Length);
            w.WriteHeader(SipHeaderId.Contact, "<sip:u1@10.0.0.1:5060>");
            if (extraHeaders != null) w.Append(extraHeaders);
            if (sdp == null) w.EndWithoutBody();
            else
            {
                byte[] body = Encoding.ASCII.GetBytes(sdp);
                w.EndWithBody("application/sdp", body, 0, body.Length);
            }
            Assert.NotNull(a.Manager.Layer.SendRequest(w.Buffer, 0, w.Length, b.EndPoint, null, net.Now));
        }

        [Fact]
        public void An_update_with_an_offer_in_a_confirmed_dialog_gets_200_with_the_answer_and_moves_the_media()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);
            Call call = Connect(net, a, b);
            int changes = b.MediaChanges;
            SendUpdate(net, a, b, call, "upd1", SessionWire.Sdp);
            net.Pump();
            string ok = wire.Sent.FindLast(m => m.StartsWith("SIP/2.0 200 OK") && m.Contains(" UPDATE\r\n"));
            Assert.NotNull(ok);
            Assert.Contains("m=audio " + b.Incoming.LocalRtpPort + " RTP/AVP 0", ok);   // the SDP answer
            Assert.Equal(20000, b.Incoming.Media.RemotePort);
            Assert.Equal("IP4 10.0.0.5", b.Incoming.Media.RemoteAddress.ToString());
            Assert.Equal(changes + 1, b.MediaChanges);
            Assert.Empty(wire.Starting("SIP/2.0 501"));
        }

        [Fact]
        public void An_update_without_a_body_is_a_refresh_and_an_update_for_no_dialog_gets_481()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);
            Call call = Connect(net, a, b);
            net.RunUntil(net.Now + 100_000);
            SendUpdate(net, a, b, call, "upd2", null, "Supported: timer\r\nSession-Expires: 1800;refresher=uac\r\n");
            net.Pump();
            string ok = wire.Sent.FindLast(m => m.StartsWith("SIP/2.0 200 OK") && m.Contains(" UPDATE\r\n"));
            Assert.Equal("1800;refresher=uac", SessionWire.Header(ok, "Session-Expires"));
            Assert.Equal(net.Now + 1_768_000, b.Incoming.SessionTimer.ExpireAt);   // restarted by the refresh

            b.Manager.Hangup(b.Incoming, net.Now);
            net.Pump();
            byte[] stray = Encoding.ASCII.GetBytes("UPDATE sip:u2@10.0.0.2:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKupd3\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:u1@pbx.test>;tag=x\r\nTo: <sip:u2@pbx.test>;tag=y\r\nCall-ID: none@10.0.0.1\r\nCSeq: 9 UPDATE\r\nContent-Length: 0\r\n\r\n");
            Assert.NotNull(a.Manager.Layer.SendRequest(stray, 0, stray.Length, b.EndPoint, null, net.Now));
            net.Pump();
            Assert.NotNull(wire.Sent.Find(m => m.StartsWith("SIP/2.0 481") && m.Contains(" UPDATE\r\n")));
        }

        [Fact]
        public void In_an_early_dialog_an_update_gets_200_but_an_offer_before_the_invite_is_answered_gets_500_with_retry_after()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.Equal(CallState.Ringing, b.Incoming.State);
            SendUpdate(net, a, b, call, "early1", null);
            net.Pump();
            string ok = wire.Sent.FindLast(m => m.StartsWith("SIP/2.0 200 OK") && m.Contains(" UPDATE\r\n"));
            Assert.NotNull(ok);
            Assert.Null(SessionWire.Header(ok, "Session-Expires"));               // timers start with the confirmed dialog

            SendUpdate(net, a, b, call, "early2", SessionWire.Sdp);
            net.Pump();
            string refused = wire.Sent.FindLast(m => m.StartsWith("SIP/2.0 500") && m.Contains(" UPDATE\r\n"));
            Assert.NotNull(refused);
            Assert.InRange(int.Parse(SessionWire.Header(refused, "Retry-After")), 0, 10);
            Assert.Equal(CallState.Ringing, b.Incoming.State);
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Connected, call.State);
        }

        [Fact]
        public void An_update_offer_while_our_reinvite_is_pending_gets_491()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);
            Call call = Connect(net, a, b);
            Assert.True(b.Manager.SetHold(b.Incoming, true, net.Now));           // B's offer is out …
            SendUpdate(net, a, b, call, "upd4", SessionWire.Sdp);                 // … when A's UPDATE offer reaches B
            net.Pump();
            Assert.NotNull(wire.Sent.Find(m => m.StartsWith("SIP/2.0 491") && m.Contains(" UPDATE\r\n")));
            Assert.True(b.Incoming.LocalHold);                                     // B's own re-INVITE went through
            Assert.Equal(SdpDirection.RecvOnly, call.Media.LocalDirection);
        }

        [Fact]
        public void A_resume_asked_for_while_the_hold_reinvite_is_pending_goes_out_when_the_hold_completes()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);
            Call call = Connect(net, a, b);
            Assert.True(a.Manager.SetHold(call, true, net.Now));
            Assert.True(a.Manager.SetHold(call, false, net.Now));                // the key pressed again before the 200
            Assert.True(call.LocalHold);                                           // the hold is what is on the wire …
            Assert.False(call.HoldRequested);                                      // … the resume is what was asked for
            Assert.Equal(2, wire.Starting("INVITE").Count);                        // one re-INVITE at a time (§14.1)
            net.Pump();
            Assert.True(b.Incoming.Media.RemoteHold);
            net.RunUntil(net.Now + 10);                                            // the hold's 200 arrived: the resume goes
            Assert.False(call.LocalHold);
            Assert.Equal(3, wire.Starting("INVITE").Count);
            Assert.False(b.Incoming.Media.RemoteHold);
            Assert.Equal(SdpDirection.SendRecv, call.Media.LocalDirection);
            Assert.Equal(SdpDirection.SendRecv, b.Incoming.Media.LocalDirection);

            // Hold, resume, hold while the first is pending: only the last wish goes out, once.
            Assert.True(a.Manager.SetHold(call, true, net.Now));
            Assert.True(a.Manager.SetHold(call, false, net.Now));
            Assert.True(a.Manager.SetHold(call, true, net.Now));
            net.RunUntil(net.Now + 10);
            Assert.Equal(4, wire.Starting("INVITE").Count);                        // the queued hold equals the hold sent
            Assert.True(call.LocalHold && call.HoldRequested);
            Assert.True(b.Incoming.Media.RemoteHold);
        }

        [Fact]
        public void Crossing_reinvites_both_get_491_the_callee_retries_within_2_s_the_caller_after_2_1_to_4_s()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);
            Call call = Connect(net, a, b);
            long start = net.Now;
            Assert.True(a.Manager.SetHold(call, true, net.Now));
            Assert.True(b.Manager.SetHold(b.Incoming, true, net.Now));
            net.Pump();
            Assert.Equal(2, wire.Starting("SIP/2.0 491").Count);
            Assert.False(call.LocalHold);                                          // refused: unchanged for now
            Assert.False(b.Incoming.LocalHold);

            net.RunUntil(start + 2_050);                                           // B does not own the Call-ID: 0–2 s
            Assert.True(b.Incoming.LocalHold);
            Assert.False(call.LocalHold);
            Assert.Equal(1, b.Manager.Stats.GlareRetries);
            Assert.Equal(0, a.Manager.Stats.GlareRetries);

            net.RunUntil(start + 4_050);                                           // A owns it: 2.1–4 s
            Assert.True(call.LocalHold);
            Assert.Equal(1, a.Manager.Stats.GlareRetries);
            Assert.Equal(5, wire.Starting("INVITE").Count);                        // the call, two crossing, two retries
            Assert.Equal(SdpDirection.Inactive, call.Media.LocalDirection);        // both hold: inactive both ways
            Assert.Equal(SdpDirection.Inactive, b.Incoming.Media.LocalDirection);
        }
    }
}
