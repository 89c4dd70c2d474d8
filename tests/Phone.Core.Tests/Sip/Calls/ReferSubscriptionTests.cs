// The implicit refer subscription on both sides (RFC 3515 §2.4.4–§2.4.7, RFC 6665): refresh, expiry, unsubscribe, 481s.
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sip.Calls;

    public class ReferSubscriptionTests
    {
        /// <summary>u1 transferor, u2 transferee, u3 target (rings until answered), manual clock, every datagram kept.</summary>
        private sealed class Rig
        {
            public readonly TwoPhoneNet Net = new TwoPhoneNet();
            public readonly SessionWire Wire;
            public readonly TwoPhoneNet.Ua A, B, C;
            public readonly TransferTests.TransferLog ALog = new TransferTests.TransferLog();
            public readonly Call Call;
            public long Start;

            public Rig()
            {
                Wire = new SessionWire(Net);
                A = Net.Add(1);
                B = Net.Add(2);
                C = Net.Add(3);
                A.Manager.TransferListener = ALog;
                Call = A.Manager.PlaceCall(B.Uri, Net.Now);
                Net.Pump();
                Assert.True(B.Manager.Answer(B.Incoming, Net.Now));
                Net.Pump();
                Assert.Equal(CallState.Connected, Call.State);
            }

            public void Transfer()
            {
                Start = Net.Now;
                Assert.True(A.Manager.Transfer(Call, C.Uri, Net.Now));
                Net.Pump();
                Assert.Equal(TransferState.Trying, Call.Transfer.State);
                Assert.Equal(CallState.Ringing, C.Incoming.State);
            }

            public uint ReferCSeq => SessionWire.Parse(Wire.Last("REFER ")).CSeqNumber;

            public List<string> Subscribes => Wire.Starting("SUBSCRIBE ");

            public List<string> NotifiesToA => Wire.Starting("NOTIFY " + A.Uri);

            /// <summary>Status line of the response to the request whose CSeq is "n METHOD".</summary>
            public string ResponseTo(string cseq)
                => TwoPhoneNet.FirstLine(Wire.Sent.FindLast(m => m.StartsWith("SIP/2.0") && SessionWire.Header(m, "CSeq") == cseq));

            /// <summary>An in-dialog request of u2's dialog written by hand and sent from u2's transaction layer.</summary>
            public void SendFromB(string method, uint cseq, string extraHeaders, string sipfrag)
            {
                var d = B.Incoming.Dialog;
                string raw = method + " " + A.Uri + " SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKhand" + cseq + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: " + d.LocalHeader + "\r\nTo: " + d.RemoteHeader + "\r\nCall-ID: " + d.CallId + "\r\n"
                    + "CSeq: " + cseq + " " + method + "\r\n" + extraHeaders
                    + (sipfrag == null ? "Content-Length: 0\r\n\r\n"
                        : "Content-Type: message/sipfrag\r\nContent-Length: " + sipfrag.Length + "\r\n\r\n" + sipfrag);
                byte[] bytes = Encoding.ASCII.GetBytes(raw);
                Assert.NotNull(B.Manager.Layer.SendRequest(bytes, 0, bytes.Length, A.EndPoint, null, Net.Now));
                d.LocalCSeq = cseq;                                                  // u2's own next request stays in order
                Net.Pump();
            }
        }

        [Fact]
        public void The_transferor_refreshes_before_the_notifiers_expiry_and_stops_once_terminated()
        {
            var r = new Rig();
            r.Transfer();
            Assert.StartsWith("active;expires=60", SessionWire.Header(r.NotifiesToA[0], "Subscription-State"));

            r.Net.RunUntil(r.Start + 29_999);
            Assert.Empty(r.Subscribes);
            r.Net.RunUntil(r.Start + 30_000);                                       // 60 − min(32, 30) s
            string sub = Assert.Single(r.Subscribes);
            Assert.StartsWith("SUBSCRIBE " + r.B.Uri, sub);
            Assert.Equal("refer;id=" + r.ReferCSeq, SessionWire.Header(sub, "Event"));
            Assert.Equal("60", SessionWire.Header(sub, "Expires"));
            Assert.Equal(r.Call.Dialog.RemoteTag, SessionWire.Parse(sub).GetString(SessionWire.Parse(sub).To.Tag));
            Assert.Equal("SIP/2.0 200 OK", r.ResponseTo(SessionWire.Parse(sub).CSeqNumber + " SUBSCRIBE"));
            // RFC 6665 §4.2.1.2: the notifier follows the refresh with a NOTIFY of the current state.
            Assert.Equal(2, r.NotifiesToA.Count);
            Assert.Equal("active;expires=60", SessionWire.Header(r.NotifiesToA[1], "Subscription-State"));
            Assert.EndsWith("\r\n\r\nSIP/2.0 100 Trying\r\n", r.NotifiesToA[1]);

            r.Net.RunUntil(r.Start + 45_000);
            Assert.True(r.C.Manager.Answer(r.C.Incoming, r.Net.Now));
            r.Net.Pump();
            Assert.Equal("terminated;reason=noresource", SessionWire.Header(r.NotifiesToA[2], "Subscription-State"));
            Assert.Equal(TransferState.Succeeded, r.Call.Transfer.State);
            Assert.Equal(CallState.Terminated, r.Call.State);
            r.Net.RunUntil(r.Start + 200_000);
            Assert.Single(r.Subscribes);
            Assert.Equal(1, r.A.Manager.TransferStats.SubscribesSent);
            Assert.Equal(1, r.B.Manager.TransferStats.SubscribesReceived);
            Assert.Equal(0, r.A.Manager.Stats.SendFailures + r.B.Manager.Stats.SendFailures);
        }

        [Fact]
        public void Giving_up_after_two_minutes_unsubscribes_and_the_transferee_ends_with_reason_timeout()
        {
            var r = new Rig();
            r.Transfer();
            r.Net.RunUntil(r.Start + CallManager.TransferTimeoutMs - 1);
            Assert.Equal(3, r.Subscribes.Count);                                    // at 30, 60 and 90 s
            Assert.All(r.Subscribes, m => Assert.Equal("60", SessionWire.Header(m, "Expires")));
            Assert.Equal(TransferState.Trying, r.Call.Transfer.State);

            r.Net.RunUntil(r.Start + CallManager.TransferTimeoutMs);
            Assert.Equal(TransferState.Failed, r.Call.Transfer.State);
            Assert.Equal(408, r.Call.Transfer.Status);
            string unsubscribe = r.Subscribes[3];
            Assert.Equal("0", SessionWire.Header(unsubscribe, "Expires"));
            Assert.Equal("SIP/2.0 200 OK", r.ResponseTo(SessionWire.Parse(unsubscribe).CSeqNumber + " SUBSCRIBE"));
            string last = r.NotifiesToA[r.NotifiesToA.Count - 1];
            Assert.Equal("terminated;reason=timeout", SessionWire.Header(last, "Subscription-State"));
            Assert.Equal("SIP/2.0 200 OK", r.ResponseTo(SessionWire.Parse(last).CSeqNumber + " NOTIFY"));   // still ours until it ended

            // The target answers later: the transferee's new call goes on, but nothing more is reported.
            int notifies = r.NotifiesToA.Count;
            Assert.True(r.C.Manager.Answer(r.C.Incoming, r.Net.Now));
            r.Net.RunUntil(r.Net.Now + 1000);
            Assert.Equal(notifies, r.NotifiesToA.Count);
            Assert.Equal(CallState.Connected, r.B.Incoming.Transfer.NewCall.State);
            Assert.Equal(CallState.Connected, r.Call.State);                         // the held call stays with us
            Assert.Equal(4, r.Subscribes.Count);
        }

        [Fact]
        public void A_subscription_nobody_refreshes_expires_at_the_transferee_with_a_terminated_notify()
        {
            var r = new Rig();
            r.Wire.Drop = (m, f, t) => m.StartsWith("SUBSCRIBE");                   // our refreshes never arrive
            r.Transfer();
            r.Net.RunUntil(r.Start + 59_999);
            Assert.Single(r.NotifiesToA);
            r.Net.RunUntil(r.Start + 60_000);
            string expired = r.NotifiesToA[1];
            Assert.Equal("terminated;reason=timeout", SessionWire.Header(expired, "Subscription-State"));
            Assert.EndsWith("\r\n\r\nSIP/2.0 100 Trying\r\n", expired);
            Assert.Equal(1, r.B.Manager.TransferStats.SubscriptionTimeouts);
            // Ended without a final status: the transferor learns nothing good (RFC 3515 §2.4.7).
            Assert.Equal(TransferState.Failed, r.Call.Transfer.State);

            Assert.True(r.C.Manager.Answer(r.C.Incoming, r.Net.Now));
            r.Net.Pump();
            Assert.Equal(2, r.NotifiesToA.Count);                                    // no NOTIFY after terminated
            Assert.Equal(CallState.Connected, r.B.Incoming.Transfer.NewCall.State);
        }

        [Fact]
        public void Notify_for_another_refer_or_after_terminated_gets_481_and_changes_nothing()
        {
            var r = new Rig();
            r.Transfer();
            uint id = r.ReferCSeq;
            r.SendFromB("NOTIFY", 50, "Event: refer;id=" + (id + 7) + "\r\nSubscription-State: active;expires=60\r\n", "SIP/2.0 200 OK\r\n");
            Assert.Equal("SIP/2.0 481 Subscription Does Not Exist", r.ResponseTo("50 NOTIFY"));
            Assert.Equal(TransferState.Trying, r.Call.Transfer.State);               // a 200 sipfrag for another id is ignored

            r.SendFromB("NOTIFY", 51, "Event: refer;id=" + id + "\r\nSubscription-State: terminated;reason=noresource\r\n", "SIP/2.0 486 Busy Here\r\n");
            Assert.Equal("SIP/2.0 200 OK", r.ResponseTo("51 NOTIFY"));
            Assert.Equal(TransferState.Failed, r.Call.Transfer.State);
            Assert.Equal(486, r.Call.Transfer.Status);
            r.SendFromB("NOTIFY", 52, "Event: refer;id=" + id + "\r\nSubscription-State: terminated;reason=noresource\r\n", "SIP/2.0 200 OK\r\n");
            Assert.Equal("SIP/2.0 481 Subscription Does Not Exist", r.ResponseTo("52 NOTIFY"));
            Assert.Equal(TransferState.Failed, r.Call.Transfer.State);
            Assert.Equal(CallState.Connected, r.Call.State);                         // no BYE on a late 200
            Assert.Equal(2, r.A.Manager.TransferStats.UnknownSubscriptions);

            // The transferee's own NOTIFY that meets the 481 ends its side too: the 200 of the target is not reported.
            int before = r.NotifiesToA.Count;
            Assert.True(r.C.Manager.Answer(r.C.Incoming, r.Net.Now));
            r.Net.Pump();
            Assert.Equal("SIP/2.0 481 Subscription Does Not Exist", r.ResponseTo(SessionWire.Parse(r.NotifiesToA[before]).CSeqNumber + " NOTIFY"));
            Assert.True(r.B.Incoming.Transfer.SubscriptionEnded);
        }

        [Fact]
        public void Subscribe_without_a_refer_is_481_another_event_489_and_an_unknown_dialog_481()
        {
            var r = new Rig();
            // u2 (never REFERred) is asked by hand-written SUBSCRIBEs from u1's side of the dialog.
            var d = r.Call.Dialog;
            void Subscribe(uint cseq, string ev, string callId)
            {
                string raw = "SUBSCRIBE " + r.B.Uri + " SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKsub" + cseq + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: " + d.LocalHeader + "\r\nTo: " + d.RemoteHeader + "\r\nCall-ID: " + callId + "\r\n"
                    + "CSeq: " + cseq + " SUBSCRIBE\r\nEvent: " + ev + "\r\nExpires: 60\r\nContent-Length: 0\r\n\r\n";
                byte[] bytes = Encoding.ASCII.GetBytes(raw);
                Assert.NotNull(r.A.Manager.Layer.SendRequest(bytes, 0, bytes.Length, r.B.EndPoint, null, r.Net.Now));
                r.Net.Pump();
            }
            Subscribe(60, "refer;id=1", d.CallId);
            Subscribe(61, "dialog", d.CallId);
            Subscribe(62, "refer", "other@10.0.0.1");
            Assert.Equal("SIP/2.0 481 Subscription Does Not Exist", r.ResponseTo("60 SUBSCRIBE"));
            Assert.Equal("SIP/2.0 489 Bad Event", r.ResponseTo("61 SUBSCRIBE"));
            Assert.StartsWith("SIP/2.0 481", r.ResponseTo("62 SUBSCRIBE"));
            Assert.Empty(r.Wire.Starting("NOTIFY"));
        }

        [Fact]
        public void A_refresh_the_transferee_refuses_481_fails_the_transfer_and_one_refused_405_keeps_waiting()
        {
            var r = new Rig();
            int code = 405;
            r.Wire.Drop = (m, f, t) =>
            {
                if (!m.StartsWith("SUBSCRIBE")) return false;
                r.Net.Enqueue(SessionWire.Response(m, code, code == 405 ? "Method Not Allowed" : "Subscription Does Not Exist", "x", "", null), t, f);
                return true;
            };
            r.Transfer();
            r.Net.RunUntil(r.Start + 30_000);
            Assert.Single(r.Subscribes);
            Assert.Equal(TransferState.Trying, r.Call.Transfer.State);               // 405: it may still report
            Assert.Equal(1, r.A.Manager.TransferStats.SubscribeRefusals);

            // The transferee (ours enforces expiry) ends it at 60 s; a fresh transfer then meets a 481 refresh.
            r.Net.RunUntil(r.Start + 61_000);
            Assert.Equal(TransferState.Failed, r.Call.Transfer.State);
            code = 481;
            r.C.Manager.Hangup(r.C.Incoming, r.Net.Now);
            r.Net.Pump();
            r.Transfer();
            r.Net.RunUntil(r.Start + 30_000);
            Assert.Equal(TransferState.Failed, r.Call.Transfer.State);
            Assert.Equal(481, r.Call.Transfer.Status);
        }
    }
}
