// Session timers between two user agents with a manual clock (RFC 4028 §7, §9, §10).
namespace Phone.Core.Tests.Sip.Calls
{
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;

    public class SessionTimerTests
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
        public void Caller_asks_1800_s_callee_makes_it_the_refresher_and_it_refreshes_by_update_every_900_s()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);
            Call call = Connect(net, a, b);

            string invite = wire.Last("INVITE");
            Assert.Equal("1800", SessionWire.Header(invite, "Session-Expires"));   // no refresher: the UAS picks (§7.1)
            Assert.Equal("90", SessionWire.Header(invite, "Min-SE"));
            string ok = wire.Last("SIP/2.0 200 OK");
            Assert.Equal("1800;refresher=uac", SessionWire.Header(ok, "Session-Expires"));
            Assert.Equal("timer", SessionWire.Header(ok, "Require"));              // §9: refresher=uac needs Require: timer

            Assert.True(call.SessionTimer.WeRefresh);
            Assert.Equal(1800, call.SessionTimer.IntervalSeconds);
            Assert.False(b.Incoming.SessionTimer.WeRefresh);
            Assert.Equal(net.Now + 900_000, call.SessionTimer.RefreshAt);          // half the interval
            Assert.Equal(net.Now + 1_768_000, b.Incoming.SessionTimer.ExpireAt);   // interval − min(32, interval/3)

            long start = net.Now;
            net.RunUntil(start + 899_000);
            Assert.Empty(wire.Starting("UPDATE"));
            net.RunUntil(start + 3_600_500);
            Assert.Equal(4, wire.Starting("UPDATE").Count);                         // 900, 1800, 2700, 3600 s
            Assert.Equal("1800;refresher=uac", SessionWire.Header(wire.Last("UPDATE"), "Session-Expires"));
            Assert.Equal(4, a.Manager.Stats.SessionRefreshes);
            Assert.Equal(CallState.Connected, call.State);
            Assert.Equal(CallState.Connected, b.Incoming.State);
            Assert.Equal(0, b.Manager.Stats.SessionExpirations);
            Assert.Single(wire.Starting("INVITE"));                      // no re-INVITE: the peer allows UPDATE
        }

        [Fact]
        public void Without_update_the_refresher_sends_a_reinvite_with_the_same_media()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1, c => c.RefreshWithUpdate = false);
            var b = net.Add(2);
            Call call = Connect(net, a, b);
            int mediaChanges = b.MediaChanges;
            net.RunUntil(net.Now + 1_000_000);
            Assert.Equal(2, wire.Starting("INVITE").Count);
            string reinvite = wire.Last("INVITE");
            Assert.Equal("1800;refresher=uac", SessionWire.Header(reinvite, "Session-Expires"));
            Assert.Contains("a=sendrecv", reinvite);
            Assert.Empty(wire.Starting("UPDATE"));
            Assert.False(call.LocalHold);
            Assert.True(call.Media.IsEstablished);
            Assert.Equal(b.Incoming.LocalRtpPort, call.Media.RemotePort);
            Assert.Equal(mediaChanges + 1, b.MediaChanges);
            Assert.Equal(net.Now - 100_000 + 900_000, call.SessionTimer.RefreshAt);   // restarted by the refresh's 2xx
        }

        [Fact]
        public void When_refreshes_stop_arriving_the_callee_sends_bye_before_the_session_expires()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1, c => c.SessionExpires = 90);
            var b = net.Add(2);
            Call call = Connect(net, a, b);
            Assert.Equal(90, b.Incoming.SessionTimer.IntervalSeconds);
            long start = net.Now;
            wire.Drop = (m, f, t) => m.StartsWith("UPDATE");
            net.RunUntil(start + 59_000);
            Assert.Empty(wire.Starting("BYE"));
            net.RunUntil(start + 61_000);                                           // 90 − min(32, 30) = 60 s
            Assert.Single(wire.Starting("BYE sip:u1@"));
            Assert.Equal(1, b.Manager.Stats.SessionExpirations);
            Assert.Equal(CallState.Terminated, call.State);
            Assert.Equal(CallState.Terminated, b.Incoming.State);
        }

        [Fact]
        public void A_refresh_that_times_out_makes_the_refresher_hang_up()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);
            Call call = Connect(net, a, b);
            long start = net.Now;
            wire.Drop = (m, f, t) => m.StartsWith("SIP/2.0 200") && m.Contains(" UPDATE\r\n");
            net.RunUntil(start + 900_000 + 33_000);          // UPDATE at 900 s, Timer F 32 s later
            Assert.Single(wire.Starting("BYE sip:u2@"));
            Assert.Equal(CallState.Terminated, call.State);
        }

        [Fact]
        public void A_422_makes_the_caller_retry_with_the_callees_min_se()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1, c => c.SessionExpires = 600);
            var b = net.Add(2, c => c.MinSE = 1200);
            Call call = Connect(net, a, b);
            string tooSmall = wire.Last("SIP/2.0 422 Session Interval Too Small");
            Assert.Equal("1200", SessionWire.Header(tooSmall, "Min-SE"));
            Assert.Equal(2, wire.Starting("INVITE").Count);
            string retry = wire.Last("INVITE");
            Assert.Equal("1200", SessionWire.Header(retry, "Session-Expires"));
            Assert.Equal("1200", SessionWire.Header(retry, "Min-SE"));
            Assert.Equal("2 INVITE", SessionWire.Header(retry, "CSeq"));          // same call, CSeq + 1 (§7.4)
            Assert.Equal(SessionWire.Header(wire.Starting("INVITE")[0], "Call-ID"), SessionWire.Header(retry, "Call-ID"));
            Assert.Equal(1200, call.SessionTimer.IntervalSeconds);
            Assert.Equal(1, b.Manager.Stats.IntervalTooSmall);
            Assert.Equal(1, b.Manager.Stats.Received);                             // only the retry rang
        }

        [Fact]
        public void A_refresh_refused_422_mid_call_is_sent_again_with_the_new_min_se()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            CallConfig bConfig = null;
            var a = net.Add(1, c => c.SessionExpires = 90);
            var b = net.Add(2, c => bConfig = c);
            Call call = Connect(net, a, b);
            bConfig.MinSE = 120;                                                    // the callee's policy changes mid-call
            net.RunUntil(net.Now + 46_000);
            Assert.Single(wire.Starting("SIP/2.0 422"));
            var updates = wire.Starting("UPDATE");
            Assert.Equal(2, updates.Count);
            Assert.Equal("120;refresher=uac", SessionWire.Header(updates[1], "Session-Expires"));
            Assert.Equal("120", SessionWire.Header(updates[1], "Min-SE"));
            Assert.Equal(120, call.SessionTimer.IntervalSeconds);
            Assert.Equal(120, b.Incoming.SessionTimer.IntervalSeconds);
            Assert.Equal(CallState.Connected, b.Incoming.State);
        }

        [Fact]
        public void A_refresh_reinvite_crossing_a_hold_reinvite_is_retried_as_a_refresh_and_the_hold_still_happens()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1, c => { c.SessionExpires = 90; c.RefreshWithUpdate = false; });
            var b = net.Add(2);
            Call call = Connect(net, a, b);
            long start = net.Now;
            net.RunUntil(start + 44_999);
            net.Now = start + 45_000;
            a.Manager.Poll(net.Now);                                               // A's refresh re-INVITE goes out …
            Assert.True(b.Manager.SetHold(b.Incoming, true, net.Now));            // … and B's hold crosses it
            net.Pump();
            Assert.Equal(2, wire.Starting("SIP/2.0 491").Count);
            Assert.False(call.LocalHold);
            net.RunUntil(start + 50_000);
            Assert.True(b.Incoming.LocalHold);                                     // B retried its hold (0–2 s)
            Assert.False(call.LocalHold);                                          // A's refresh never touches hold
            Assert.Equal(1, a.Manager.Stats.GlareRetries);
            Assert.Equal(2, a.Manager.Stats.SessionRefreshes);                    // the refused one and its retry
            Assert.Equal(SdpDirection.RecvOnly, call.Media.LocalDirection);        // A's retry answered B's hold SDP state
            Assert.True(call.SessionTimer.WeRefresh);
            Assert.InRange(call.SessionTimer.RefreshAt, start + 45_000 + 2_100 + 45_000, start + 45_000 + 4_000 + 45_000);
            Assert.Equal(CallState.Connected, b.Incoming.State);
        }

        [Fact]
        public void A_uac_without_timer_support_gets_no_422_and_the_uas_refreshes()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2, c => c.MinSE = 1200);
            byte[] invite = OptionTagTests.RawInvite("st1", "Session-Expires: 300\r\n", SessionWire.Sdp);
            Assert.NotNull(a.Manager.Layer.SendRequest(invite, 0, invite.Length, b.EndPoint, null, net.Now));
            net.Pump();
            Assert.Empty(wire.Starting("SIP/2.0 422"));
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            string ok = wire.Last("SIP/2.0 200 OK");
            Assert.Equal("300;refresher=uas", SessionWire.Header(ok, "Session-Expires"));
            Assert.Null(SessionWire.Header(ok, "Require"));                        // the UAC does not support timer
            Assert.True(b.Incoming.SessionTimer.WeRefresh);
        }

        [Fact]
        public void A_peer_without_any_timer_gets_none()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);
            byte[] invite = OptionTagTests.RawInvite("st2", "", SessionWire.Sdp);
            Assert.NotNull(a.Manager.Layer.SendRequest(invite, 0, invite.Length, b.EndPoint, null, net.Now));
            net.Pump();
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Null(SessionWire.Header(wire.Last("SIP/2.0 200 OK"), "Session-Expires"));
            Assert.Equal(0, b.Incoming.SessionTimer.IntervalSeconds);
            Assert.Equal(long.MaxValue, b.Incoming.SessionTimer.NextDeadline);
        }
    }
}
