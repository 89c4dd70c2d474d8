// Call transfer between three user agents on the in-memory network: blind (RFC 3515 REFER + NOTIFY sipfrag) and
// attended (RFC 3891 Replaces), the REFER acceptance policy, Replaces matching and 481/486 refusals.
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Collections.Generic;
    using System.Linq;
    using Phone.Core.Sdp;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Calls;

    public class TransferTests
    {
        internal sealed class TransferLog : ITransferListener
        {
            public readonly List<string> Events = new List<string>();

            public void OnTransferState(Call call, long nowMs)
                => Events.Add(TransferStateNames.Name(call.Transfer.State) + " " + call.Transfer.Status);
        }

        /// <summary>Three UAs (u1 transferor, u2 transferee, u3 target) and every datagram's full text.</summary>
        private sealed class Three
        {
            public readonly TwoPhoneNet Net = new TwoPhoneNet();
            public readonly TwoPhoneNet.Ua A, B, C;
            public readonly TransferLog ALog = new TransferLog(), BLog = new TransferLog();
            public readonly List<string> Wire = new List<string>();

            public Three()
            {
                A = Net.Add(1);
                B = Net.Add(2);
                C = Net.Add(3);
                A.Manager.TransferListener = ALog;
                B.Manager.TransferListener = BLog;
                Net.Drop = (m, f, t) =>
                {
                    Wire.Add(m);
                    return false;
                };
            }

            /// <summary>The first datagram whose first line starts with <paramref name="start"/> (and contains <paramref name="contains"/>).</summary>
            public string Sent(string start, string contains = "")
                => Wire.First(m => m.StartsWith(start) && m.Contains(contains));

            public Call Connect(TwoPhoneNet.Ua from, TwoPhoneNet.Ua to)
            {
                Call call = from.Manager.PlaceCall(to.Uri, Net.Now);
                Assert.NotNull(call);
                Net.Pump();
                Assert.True(to.Manager.Answer(to.Incoming, Net.Now));
                Net.Pump();
                Assert.Equal(CallState.Connected, call.State);
                return call;
            }
        }

        private static string Header(string message, string name)
        {
            foreach (string line in message.Split("\r\n"))
            {
                if (line.StartsWith(name + ":")) return line.Substring(name.Length + 1).Trim();
            }
            return null;
        }

        private static string Body(string message) => message.Substring(message.IndexOf("\r\n\r\n") + 4);

        [Fact]
        public void Blind_transfer_refer_202_notify_100_then_200_and_the_transferor_hangs_up()
        {
            var t = new Three();
            Call ab = t.Connect(t.A, t.B);
            Call ba = t.B.Incoming;
            Assert.True(t.A.Manager.SetHold(ab, true, t.Net.Now));
            t.Net.Pump();

            Assert.True(t.A.Manager.Transfer(ab, t.C.Uri, t.Net.Now));
            Assert.Equal(TransferState.Requested, ab.Transfer.State);
            Assert.False(t.A.Manager.Transfer(ab, t.C.Uri, t.Net.Now));        // one at a time
            t.Net.Pump();

            // The REFER: in the dialog (To tag), Refer-To the target, Referred-By the transferor (RFC 3892).
            string refer = t.Sent("REFER " + t.B.Uri);
            Assert.Equal("<" + t.C.Uri + ">", Header(refer, "Refer-To"));
            Assert.Equal("<sip:u1@pbx.test>", Header(refer, "Referred-By"));
            Assert.Contains(";tag=", Header(refer, "To"));
            Assert.Single(t.Wire, m => m.StartsWith("SIP/2.0 202 Accepted"));

            // The transferee answered 202, sent NOTIFY 100 (active) and an INVITE to the target with Referred-By.
            string notify100 = t.Sent("NOTIFY " + t.A.Uri, "100 Trying");
            Assert.StartsWith("refer;id=", Header(notify100, "Event"));
            Assert.StartsWith("active;expires=", Header(notify100, "Subscription-State"));
            Assert.Equal("message/sipfrag;version=2.0", Header(notify100, "Content-Type"));
            Assert.Equal("SIP/2.0 100 Trying\r\n", Body(notify100));
            string invite = t.Sent("INVITE " + t.C.Uri);
            Assert.Equal("<sip:u1@pbx.test>", Header(invite, "Referred-By"));
            Assert.Null(Header(invite, "Replaces"));
            Assert.Equal(TransferState.Trying, ab.Transfer.State);
            Assert.Equal(TransferState.Trying, ba.Transfer.State);
            Assert.True(ba.Transfer.IsTransferee);
            Call bc = ba.Transfer.NewCall;
            Assert.NotNull(bc);
            Assert.Same(ba, bc.Transfer.Origin);
            Assert.Equal(CallState.Ringing, t.C.Incoming.State);
            Assert.Equal(CallState.Connected, ab.State);                      // nothing ends before the outcome

            Assert.True(t.C.Manager.Answer(t.C.Incoming, t.Net.Now));
            t.Net.Pump();

            string notify200 = t.Sent("NOTIFY " + t.A.Uri, "200 OK\r\n");
            Assert.StartsWith("terminated", Header(notify200, "Subscription-State"));
            Assert.Equal("SIP/2.0 200 OK\r\n", Body(notify200));
            Assert.Equal(new[] { "Requested 0", "Accepted 202", "Trying 100", "Succeeded 200" }, t.ALog.Events);
            Assert.Equal(new[] { "Trying 100", "Succeeded 200" }, t.BLog.Events);
            Assert.Equal(CallState.Terminated, ab.State);                     // the transferor's BYE …
            Assert.Equal(CallState.Terminated, ba.State);                     // … ended the original call
            Assert.Equal(CallState.Connected, bc.State);
            Assert.Equal(CallState.Connected, t.C.Incoming.State);
            Assert.Equal(t.C.Incoming.LocalRtpPort, bc.Media.RemotePort);
            Assert.Equal(bc.LocalRtpPort, t.C.Incoming.Media.RemotePort);
            Assert.Equal(2, t.A.Manager.TransferStats.NotifiesReceived);
            Assert.Equal(2, t.B.Manager.TransferStats.NotifiesSent);
            t.Net.RunUntil(t.Net.Now + 40000);
            Assert.Equal(0, t.A.Manager.Stats.SendFailures + t.B.Manager.Stats.SendFailures);
            Assert.Equal(CallState.Connected, bc.State);
        }

        [Fact]
        public void Blind_transfer_to_a_busy_target_reports_486_and_the_original_call_stays()
        {
            var t = new Three();
            Call ab = t.Connect(t.A, t.B);
            Assert.True(t.A.Manager.Transfer(ab, t.C.Uri, t.Net.Now));
            t.Net.Pump();
            Assert.True(t.C.Manager.Reject(t.C.Incoming, 486, "Busy Here", t.Net.Now));
            t.Net.Pump();

            Assert.Equal("SIP/2.0 486 Busy Here\r\n", Body(t.Sent("NOTIFY " + t.A.Uri, "486")));
            Assert.Equal(TransferState.Failed, ab.Transfer.State);
            Assert.Equal(486, ab.Transfer.Status);
            Assert.Equal(CallState.Connected, ab.State);
            Assert.Equal(CallState.Connected, t.B.Incoming.State);
            Assert.Equal(0, t.Net.Count("BYE"));

            // The call can be transferred again afterwards.
            Assert.True(t.A.Manager.Transfer(ab, t.C.Uri, t.Net.Now));
        }

        [Fact]
        public void Notify_overtaking_a_lost_202_is_not_undone_by_the_retransmitted_202()
        {
            var t = new Three();
            Call ab = t.Connect(t.A, t.B);
            int accepted = 0;
            t.Net.Drop = (m, f, to) =>
            {
                t.Wire.Add(m);
                return m.StartsWith("SIP/2.0 202") && accepted++ == 0;   // the first 202 is lost
            };
            Assert.True(t.A.Manager.Transfer(ab, t.C.Uri, t.Net.Now));
            t.Net.Pump();
            Assert.Equal(TransferState.Trying, ab.Transfer.State);      // NOTIFY 100 came first (RFC 3515 §2.4.4)
            t.Net.RunUntil(t.Net.Now + 600);                             // Timer E: REFER again, 202 retransmitted
            Assert.Equal(2, accepted);
            Assert.Equal(TransferState.Trying, ab.Transfer.State);
            Assert.Equal(new[] { "Requested 0", "Trying 100" }, t.ALog.Events);
            Assert.True(t.C.Manager.Answer(t.C.Incoming, t.Net.Now));
            t.Net.Pump();
            Assert.Equal(TransferState.Succeeded, ab.Transfer.State);
            Assert.Equal(1, t.B.Manager.TransferStats.RefersAccepted);   // the retransmission made no second INVITE
        }

        [Fact]
        public void A_subscription_that_ends_without_a_final_status_fails_the_transfer()
        {
            var t = new Three();
            Call ab = t.Connect(t.A, t.B);
            t.Net.Drop = (m, f, to) => m.StartsWith("REFER");           // the peer never sees it; we play its NOTIFY
            Assert.True(t.A.Manager.Transfer(ab, t.C.Uri, t.Net.Now));
            t.Net.Pump();
            Phone.Core.Sip.Dialogs.Dialog d = ab.Dialog;
            string raw = "NOTIFY " + t.A.Uri + " SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKnf1\r\nMax-Forwards: 70\r\n"
                + "From: " + d.RemoteHeader + "\r\nTo: " + d.LocalHeader + "\r\nCall-ID: " + d.CallId + "\r\nCSeq: 40 NOTIFY\r\n"
                + "Event: refer\r\nSubscription-State: terminated;reason=timeout\r\nContent-Type: message/sipfrag\r\n"
                + "Content-Length: 20\r\n\r\nSIP/2.0 100 Trying\r\n";
            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(raw);
            t.Net.Drop = (m, f, to) => false;
            Assert.NotNull(t.B.Manager.Layer.SendRequest(bytes, 0, bytes.Length, t.A.EndPoint, null, t.Net.Now));
            t.Net.Pump();
            Assert.Equal(1, t.Net.Log.Count(l => l == "u2 <- SIP/2.0 200 OK"));   // the NOTIFY was answered 200
            Assert.Equal(TransferState.Failed, ab.Transfer.State);
            Assert.Equal(CallState.Connected, ab.State);
        }

        [Fact]
        public void A_transferee_that_accepts_and_never_reports_the_outcome_fails_the_transfer_after_two_minutes()
        {
            var t = new Three();
            Call ab = t.Connect(t.A, t.B);
            long start = t.Net.Now;
            Assert.True(t.A.Manager.Transfer(ab, t.C.Uri, t.Net.Now));
            t.Net.Pump();
            Assert.Equal(TransferState.Trying, ab.Transfer.State);         // C rings and nobody answers
            t.Net.RunUntil(start + CallManager.TransferTimeoutMs - 1);
            Assert.Equal(TransferState.Trying, ab.Transfer.State);
            t.Net.RunUntil(start + CallManager.TransferTimeoutMs);
            Assert.Equal(TransferState.Failed, ab.Transfer.State);
            Assert.Equal(408, ab.Transfer.Status);
            Assert.Equal(CallState.Connected, ab.State);
        }

        [Fact]
        public void Refer_outside_a_dialog_is_403_for_an_unknown_dialog_481_and_without_refer_to_400()
        {
            var t = new Three();
            Call ab = t.Connect(t.A, t.B);
            string toTag = ab.Dialog.RemoteTag, fromTag = ab.Dialog.LocalTag, callId = ab.Dialog.CallId;
            void Send(string name, string toTagValue, string callIdValue, string referTo, uint cseq)
            {
                string raw = "REFER " + t.B.Uri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + name + "\r\nMax-Forwards: 70\r\n"
                    + "From: <sip:u1@pbx.test>;tag=" + fromTag + "\r\nTo: <sip:u2@10.0.0.2>" + (toTagValue == null ? "" : ";tag=" + toTagValue) + "\r\n"
                    + "Call-ID: " + callIdValue + "\r\nCSeq: " + cseq + " REFER\r\n"
                    + (referTo == null ? "" : "Refer-To: " + referTo + "\r\n") + "Contact: <sip:u1@10.0.0.1:5060>\r\nContent-Length: 0\r\n\r\n";
                byte[] bytes = System.Text.Encoding.ASCII.GetBytes(raw);
                Assert.NotNull(t.A.Manager.Layer.SendRequest(bytes, 0, bytes.Length, t.B.EndPoint, null, t.Net.Now));
                t.Net.Pump();
            }
            Send("out", null, "fresh@10.0.0.1", "<" + t.C.Uri + ">", 1);
            Send("nodlg", "nosuch", callId, "<" + t.C.Uri + ">", 10);
            Send("noto", toTag, callId, null, 11);
            Send("tel", toTag, callId, "<tel:+4930123>", 12);
            Send("two", toTag, callId, "<" + t.C.Uri + ">, <" + t.A.Uri + ">", 13);
            Assert.Equal(1, t.Net.Count("SIP/2.0 403"));
            Assert.Equal(1, t.Net.Count("SIP/2.0 481"));
            Assert.Equal(3, t.Net.Count("SIP/2.0 400"));
            Assert.Equal(5, t.B.Manager.TransferStats.RefersRefused);
            Assert.Null(t.C.Incoming);
            Assert.Equal(CallState.Connected, t.B.Incoming.State);
        }

        [Fact]
        public void Replaces_up_to_256_unescaped_bytes_is_taken_and_longer_is_400_and_the_shared_sdp_scratch_is_not_clobbered()
        {
            // The Replaces value is unescaped into the SDP body scratch: a too-long one is still refused, a 256-byte
            // one reaches the INVITE to the target whole, and B's hold offers before and after are the same body.
            var t = new Three();
            Call ab = t.Connect(t.A, t.B);
            Call ba = t.B.Incoming;
            void Hold(bool on)
            {
                Assert.True(t.B.Manager.SetHold(ba, on, t.Net.Now));
                t.Net.Pump();
            }
            void Refer(string name, string replaces, uint cseq)
            {
                string raw = "REFER " + t.B.Uri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + name + "\r\nMax-Forwards: 70\r\n"
                    + "From: <sip:u1@pbx.test>;tag=" + ab.Dialog.LocalTag + "\r\nTo: <sip:u2@10.0.0.2>;tag=" + ab.Dialog.RemoteTag + "\r\n"
                    + "Call-ID: " + ab.Dialog.CallId + "\r\nCSeq: " + cseq + " REFER\r\n"
                    + "Refer-To: <" + t.C.Uri + "?Replaces=" + replaces + ">\r\nContact: <sip:u1@10.0.0.1:5060>\r\nContent-Length: 0\r\n\r\n";
                byte[] bytes = System.Text.Encoding.ASCII.GetBytes(raw);
                Assert.NotNull(t.A.Manager.Layer.SendRequest(bytes, 0, bytes.Length, t.B.EndPoint, null, t.Net.Now));
                t.Net.Pump();
            }

            Hold(true);
            Hold(false);
            Refer("long", string.Concat(Enumerable.Repeat("%61", 257)), 20);
            Assert.Equal(1, t.Net.Count("SIP/2.0 400"));
            Assert.Equal(1, t.B.Manager.TransferStats.RefersRefused);
            Hold(true);
            string[] holdOffers = t.Wire.Where(m => m.StartsWith("INVITE " + t.A.Uri) && m.Contains("a=sendonly")).Select(Body).ToArray();
            Assert.Equal(2, holdOffers.Length);
            Assert.Equal(WithoutOrigin(holdOffers[0]), WithoutOrigin(holdOffers[1]));
            Hold(false);

            string value = "c" + new string('x', 249) + "@h;t=1";
            Assert.Equal(256, value.Length);
            Refer("fits", CallManager.EscapeHeaderValue(value), 21);
            Assert.Equal(1, t.B.Manager.TransferStats.RefersRefused);
            Assert.Equal(1, t.Net.Count("SIP/2.0 202"));
            Assert.Equal(value, Header(t.Sent("INVITE " + t.C.Uri), "Replaces"));
        }

        private static string WithoutOrigin(string body)
            => string.Join("\r\n", body.Split("\r\n").Where(l => !l.StartsWith("o=")));

        [Fact]
        public void Attended_transfer_with_replaces_joins_transferee_and_target_and_both_consultation_legs_end()
        {
            var t = new Three();
            Call ab = t.Connect(t.A, t.B);
            Call ba = t.B.Incoming;
            Assert.True(t.A.Manager.SetHold(ab, true, t.Net.Now));
            t.Net.Pump();
            Call ac = t.Connect(t.A, t.C);
            Call ca = t.C.Incoming;
            t.C.Incoming = null;
            string targetOfC = ac.Dialog.RemoteTarget;
            string expectedReplaces = ca.CallId + ";to-tag=" + ca.Dialog.LocalTag + ";from-tag=" + ca.Dialog.RemoteTag;

            Assert.True(t.A.Manager.TransferAttended(ab, ac, t.Net.Now));
            t.Net.Pump();

            // Refer-To carries the consultation dialog, escaped (RFC 3891 §4, RFC 3261 §19.1.1).
            string referTo = Header(t.Sent("REFER " + t.B.Uri), "Refer-To");
            Assert.Equal("<" + targetOfC + "?Replaces=" + CallManager.EscapeHeaderValue(expectedReplaces) + ">", referTo);
            Assert.DoesNotContain(";", referTo.Substring(referTo.IndexOf('?')));
            Assert.DoesNotContain("@", referTo.Substring(referTo.IndexOf('?')));

            // The transferee's INVITE carries the unescaped Replaces; the target's tag is the to-tag (RFC 3891 §3).
            string invite = t.Sent("INVITE " + t.C.Uri, "Replaces:");
            Assert.Equal(expectedReplaces, Header(invite, "Replaces"));
            Assert.Equal("<sip:u1@pbx.test>", Header(invite, "Referred-By"));

            // The target answered at once (no ringing, no incoming-call event) and sent BYE on the replaced dialog.
            Assert.Null(t.C.Incoming);
            Assert.Equal(1, t.C.Manager.TransferStats.Replaced);
            Call cb = Enumerable.Range(0, t.C.Manager.Capacity).Select(i => t.C.Manager.GetCall(i)).Single(c => c != null && c.State == CallState.Connected);
            Assert.Same(ca, cb.Transfer.Replaced);
            Assert.Equal(CallState.Terminated, ca.State);
            Assert.Equal(CallState.Terminated, ac.State);
            Assert.Contains(t.Net.Log, l => l == "u1 <- BYE " + t.A.Uri + " SIP/2.0");   // from the target, on the consultation leg

            // The transferee is connected to the target with media both ways; the transferor ended the held leg.
            Call bc = ba.Transfer.NewCall;
            Assert.Equal(CallState.Connected, bc.State);
            Assert.Equal(cb.LocalRtpPort, bc.Media.RemotePort);
            Assert.Equal(bc.LocalRtpPort, cb.Media.RemotePort);
            Assert.Equal(SdpDirection.SendRecv, cb.Media.LocalDirection);
            Assert.Equal(TransferState.Succeeded, ab.Transfer.State);
            Assert.Equal(CallState.Terminated, ab.State);
            Assert.Equal(CallState.Terminated, ba.State);
            Assert.Equal(0, t.A.Manager.ActiveCalls);
            Assert.Equal(1, t.B.Manager.ActiveCalls);
            Assert.Equal(1, t.C.Manager.ActiveCalls);
        }

        private static string InviteWithReplaces(TwoPhoneNet.Ua to, string replaces, string branch)
            => "INVITE " + to.Uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + branch + "\r\nMax-Forwards: 70\r\n"
                + "From: <sip:u1@pbx.test>;tag=r" + branch + "\r\nTo: <" + to.Uri + ">\r\n"
                + "Call-ID: " + branch + "@10.0.0.1\r\nCSeq: 1 INVITE\r\nContact: <sip:u1@10.0.0.1:5060>\r\n"
                + "Replaces: " + replaces + "\r\nContent-Length: 0\r\n\r\n";

        [Theory]
        [InlineData("nomatch", 481)]        // no dialog with these tags
        [InlineData("early-only", 486)]     // the dialog is confirmed and the sender wanted an early one only
        [InlineData("swapped", 481)]        // to-tag and from-tag are named from the recipient's side
        [InlineData("notags", 400)]
        public void Invite_with_replaces_that_does_not_fit_is_refused_and_the_call_stays(string kind, int code)
        {
            var t = new Three();
            Call ab = t.Connect(t.A, t.B);
            Call ba = t.B.Incoming;
            string id = ba.CallId, local = ba.Dialog.LocalTag, remote = ba.Dialog.RemoteTag;
            string replaces = kind switch
            {
                "nomatch" => id + ";to-tag=x" + local + ";from-tag=" + remote,
                "early-only" => id + ";to-tag=" + local + ";from-tag=" + remote + ";early-only",
                "swapped" => id + ";to-tag=" + remote + ";from-tag=" + local,
                _ => id,
            };
            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(InviteWithReplaces(t.B, replaces, "rp" + kind.Length));
            Assert.NotNull(t.C.Manager.Layer.SendRequest(bytes, 0, bytes.Length, t.B.EndPoint, null, t.Net.Now));
            t.Net.Pump();
            Assert.Equal(1, t.Net.Count("SIP/2.0 " + code));
            Assert.Equal(1, t.B.Manager.TransferStats.ReplacesRefused);
            Assert.Equal(CallState.Connected, ba.State);
            Assert.Equal(CallState.Connected, ab.State);
            Assert.Equal(1, t.B.Manager.ActiveCalls);
        }

        [Fact]
        public void Invite_with_replaces_for_a_ringing_incoming_call_is_481_but_for_our_outgoing_early_dialog_replaces_it()
        {
            var t = new Three();
            Call ab = t.A.Manager.PlaceCall(t.B.Uri, t.Net.Now);
            t.Net.Pump();
            Call ba = t.B.Incoming;
            Assert.Equal(CallState.Ringing, ba.State);

            // B is ringing (incoming early dialog): may not be replaced (RFC 3891 §3).
            string atB = ba.CallId + ";to-tag=" + ba.Dialog.LocalTag + ";from-tag=" + ba.Dialog.RemoteTag;
            byte[] bytes = System.Text.Encoding.ASCII.GetBytes(InviteWithReplaces(t.B, atB, "ring1"));
            t.C.Manager.Layer.SendRequest(bytes, 0, bytes.Length, t.B.EndPoint, null, t.Net.Now);
            t.Net.Pump();
            Assert.Equal(1, t.Net.Count("SIP/2.0 481"));
            Assert.Equal(CallState.Ringing, ba.State);

            // A's outgoing early dialog (call pickup): the new INVITE is answered and the old one CANCELled.
            string atA = ab.CallId + ";to-tag=" + ab.Dialog.LocalTag + ";from-tag=" + ab.Dialog.RemoteTag;
            bytes = System.Text.Encoding.ASCII.GetBytes(InviteWithReplaces(t.A, atA, "pick1").Replace("10.0.0.1:5060;branch", "10.0.0.3:5060;branch"));
            t.C.Manager.Layer.SendRequest(bytes, 0, bytes.Length, t.A.EndPoint, null, t.Net.Now);
            t.Net.Pump();
            Assert.Equal(1, t.A.Manager.TransferStats.Replaced);
            Assert.Equal(1, t.Net.Count("CANCEL"));
            Assert.Equal(487, ab.EndCode);
            Assert.Equal(CallState.Terminated, ba.State);
        }

        [Fact]
        public void Options_and_invites_advertise_refer_notify_and_replaces()
        {
            var t = new Three();
            t.Connect(t.A, t.B);
            string invite = t.Sent("INVITE");
            Assert.Contains("REFER", Header(invite, "Allow"));
            Assert.Contains("NOTIFY", Header(invite, "Allow"));
            Assert.Equal("timer, 100rel, replaces", Header(invite, "Supported"));
            Assert.Equal("timer, 100rel, replaces", Header(t.Sent("SIP/2.0 200 OK"), "Supported"));
        }

        [Fact]
        public void Refer_header_value_escaping_round_trips_through_the_uri_parser()
        {
            string value = "a84b4c76e66710@pc33.example.com;to-tag=1928301774;from-tag=a6c85cf";
            string escaped = CallManager.EscapeHeaderValue(value);
            Assert.Equal("a84b4c76e66710%40pc33.example.com%3Bto-tag%3D1928301774%3Bfrom-tag%3Da6c85cf", escaped);
            byte[] uri = System.Text.Encoding.ASCII.GetBytes("sip:u3@10.0.0.3:5060?Replaces=" + escaped);
            Assert.True(SipUri.TryParse(uri, 0, uri.Length, out SipUri parsed));
            var back = new byte[200];
            int n = SipText.Unescape(uri, parsed.Headers.Start + 9, parsed.Headers.Length - 9, back, 0);
            Assert.Equal(value, System.Text.Encoding.ASCII.GetString(back, 0, n));
        }

        [Theory]
        [InlineData("SIP/2.0 200 OK\r\n", true, 200)]
        [InlineData("SIP/2.0 100 Trying", true, 100)]
        [InlineData("sip/2.0 603 Declined\r\n", true, 603)]
        [InlineData("SIP/2.0 99 Odd\r\n", false, 0)]
        [InlineData("SIP/2.0 2000 OK\r\n", false, 0)]
        [InlineData("INVITE sip:x SIP/2.0\r\n", false, 0)]
        [InlineData("", false, 0)]
        public void Sipfrag_status_line_is_read_or_refused(string body, bool ok, int code)
        {
            byte[] b = System.Text.Encoding.ASCII.GetBytes(body);
            Assert.Equal(ok, SipFrag.TryReadStatus(b, 0, b.Length, out int got));
            if (ok) Assert.Equal(code, got);
        }
    }
}
