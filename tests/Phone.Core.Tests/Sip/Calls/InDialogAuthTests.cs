// In-dialog requests challenged 401/407 the way Asterisk/FreeSWITCH challenge REFER, BYE and re-INVITE (RFC 3261 §22.2).
namespace Phone.Core.Tests.Sip.Calls
{
    using System;
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sdp;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Tests.Sip.Registration;

    public class InDialogAuthTests
    {
        private const string Realm = "pbx.test";

        /// <summary>u1 (with credentials) connected to u2, u3 as a transfer target; the wire plays the challenging PBX.</summary>
        private sealed class Rig
        {
            public readonly TwoPhoneNet Net = new TwoPhoneNet();
            public readonly SessionWire Wire;
            public readonly TwoPhoneNet.Ua A, B, C;
            public readonly TransferTests.TransferLog ALog = new TransferTests.TransferLog();
            public readonly Call Call;

            public Rig()
            {
                Wire = new SessionWire(Net);
                A = Net.Add(1);
                B = Net.Add(2);
                C = Net.Add(3);
                var creds = new DigestCredentialStore(2);
                creds.Set(Realm, "u1", "secret1");
                A.Manager.Digest = new DigestClient(creds, new FixedRandom(), 2, 2);
                A.Manager.TransferListener = ALog;
                Call = A.Manager.PlaceCall(B.Uri, Net.Now);
                Net.Pump();
                Assert.True(B.Manager.Answer(B.Incoming, Net.Now));
                Net.Pump();
                Assert.Equal(CallState.Connected, Call.State);
            }

            /// <summary>
            /// The first challenges.Length requests of <paramref name="method"/> from u1 never reach u2: each is answered
            /// 401 (or 407) with the given challenge instead, as the PBX in the path would.
            /// </summary>
            public void Challenge(string method, int code, params string[] challenges) => Challenge(A, method, code, challenges);

            public void Challenge(TwoPhoneNet.Ua from, string method, int code, params string[] challenges)
            {
                int seen = 0;
                Wire.Drop = (m, f, t) =>
                {
                    if (!m.StartsWith(method + " ") || !f.SameAs(from.EndPoint) || seen >= challenges.Length) return false;
                    string header = (code == 407 ? "Proxy-Authenticate: " : "WWW-Authenticate: ") + challenges[seen++] + "\r\n";
                    Net.Enqueue(SessionWire.Response(m, code, code == 407 ? "Proxy Authentication Required" : "Unauthorized", "pbx", header, null), t, f);
                    return true;
                };
            }

            public static string Digest(string nonce, bool stale = false)
                => "Digest realm=\"" + Realm + "\", nonce=\"" + nonce + "\", qop=\"auth\", algorithm=MD5" + (stale ? ", stale=true" : "");
        }

        private static void AssertResentWithCredentials(string challenged, string resent, string method, string authHeader, string nonce)
        {
            SipMessage first = SessionWire.Parse(challenged);
            SipMessage second = SessionWire.Parse(resent);
            // Same dialog (Call-ID, tags, Request-URI), next CSeq, a new transaction.
            Assert.Equal(first.GetString(first.CallId), second.GetString(second.CallId));
            Assert.Equal(first.GetString(first.From.Tag), second.GetString(second.From.Tag));
            Assert.Equal(first.GetString(first.To.Tag), second.GetString(second.To.Tag));
            Assert.Equal(first.GetString(first.RequestUri.Whole), second.GetString(second.RequestUri.Whole));
            Assert.Equal(first.CSeqNumber + 1, second.CSeqNumber);
            Assert.Equal(method, second.GetString(second.CSeqMethodName));
            Assert.NotEqual(first.GetString(first.Via.Branch), second.GetString(second.Via.Branch));
            Assert.Equal(first.GetString(first.Body), second.GetString(second.Body));
            string value = second.GetHeaderString(authHeader);
            Assert.NotNull(value);
            Assert.Equal(DigestVerification.Valid,
                new DigestVerifier().Verify(method, second.GetString(second.RequestUri.Whole), "u1", Realm, "secret1", value, nonce));
        }

        [Fact]
        public void A_refer_challenged_401_is_resent_once_with_credentials_and_the_transfer_completes()
        {
            var r = new Rig();
            r.Challenge("REFER", 401, Rig.Digest("n-refer"));
            Assert.True(r.A.Manager.Transfer(r.Call, r.C.Uri, r.Net.Now));
            r.Net.Pump();

            var refers = r.Wire.Starting("REFER ");
            Assert.Equal(2, refers.Count);
            Assert.Null(SessionWire.Header(refers[0], "Authorization"));
            AssertResentWithCredentials(refers[0], refers[1], "REFER", "Authorization", "n-refer");
            Assert.Equal("<" + r.C.Uri + ">", SessionWire.Header(refers[1], "Refer-To"));
            // The transferee's NOTIFYs name the REFER it accepted: the resent one (RFC 3515 §2.4.6).
            Assert.Equal("refer;id=" + SessionWire.Parse(refers[1]).CSeqNumber, SessionWire.Header(r.Wire.Last("NOTIFY"), "Event"));
            Assert.Equal(TransferState.Trying, r.Call.Transfer.State);

            Assert.True(r.C.Manager.Answer(r.C.Incoming, r.Net.Now));
            r.Net.Pump();
            Assert.Equal(new[] { "Requested 0", "Accepted 202", "Trying 100", "Succeeded 200" }, r.ALog.Events);
            Assert.Equal(CallState.Terminated, r.Call.State);                       // our BYE after the 2xx sipfrag
            Assert.Equal(1, r.A.Manager.Stats.InDialogAuthRetries);
            Assert.Equal(0, r.A.Manager.Stats.InDialogAuthFailures);
        }

        [Fact]
        public void A_second_challenge_without_stale_ends_the_transfer_failed_with_the_407_and_the_call_stays()
        {
            var r = new Rig();
            r.Challenge("REFER", 407, Rig.Digest("n1"), Rig.Digest("n2"), Rig.Digest("n3"));
            Assert.True(r.A.Manager.Transfer(r.Call, r.C.Uri, r.Net.Now));
            r.Net.Pump();

            var refers = r.Wire.Starting("REFER ");
            Assert.Equal(2, refers.Count);                                          // once per challenge, not a third time
            AssertResentWithCredentials(refers[0], refers[1], "REFER", "Proxy-Authorization", "n1");
            Assert.Equal(TransferState.Failed, r.Call.Transfer.State);
            Assert.Equal(407, r.Call.Transfer.Status);                              // the reason the listener sees
            Assert.Equal(new[] { "Requested 0", "Failed 407" }, r.ALog.Events);
            Assert.Equal(CallState.Connected, r.Call.State);
            Assert.Equal(1, r.A.Manager.Stats.InDialogAuthFailures);
            Assert.Equal(0, r.Net.Count("REFER"));                                  // u2 never saw one
            r.Net.RunUntil(r.Net.Now + 200_000);
            Assert.Equal(new[] { "Requested 0", "Failed 407" }, r.ALog.Events);     // no late give-up on top
        }

        [Fact]
        public void A_stale_nonce_is_answered_again_with_the_new_nonce()
        {
            var r = new Rig();
            r.Challenge("REFER", 401, Rig.Digest("old"), Rig.Digest("fresh", stale: true));
            Assert.True(r.A.Manager.Transfer(r.Call, r.C.Uri, r.Net.Now));
            r.Net.Pump();

            var refers = r.Wire.Starting("REFER ");
            Assert.Equal(3, refers.Count);
            AssertResentWithCredentials(refers[0], refers[1], "REFER", "Authorization", "old");
            AssertResentWithCredentials(refers[1], refers[2], "REFER", "Authorization", "fresh");
            Assert.Equal(TransferState.Trying, r.Call.Transfer.State);
            Assert.Equal(2, r.A.Manager.Stats.InDialogAuthRetries);
            Assert.Equal(1, r.A.Manager.Digest.Stats.StaleRetries);
        }

        [Fact]
        public void A_server_that_always_says_stale_is_not_answered_for_ever()
        {
            var r = new Rig();
            r.Challenge("REFER", 401, Rig.Digest("s0"), Rig.Digest("s1", true), Rig.Digest("s2", true), Rig.Digest("s3", true), Rig.Digest("s4", true));
            Assert.True(r.A.Manager.Transfer(r.Call, r.C.Uri, r.Net.Now));
            r.Net.Pump();
            Assert.Equal(4, r.Wire.Starting("REFER ").Count);                       // the first + 3 resends at most
            Assert.Equal(TransferState.Failed, r.Call.Transfer.State);
            Assert.Equal(401, r.Call.Transfer.Status);
        }

        [Fact]
        public void Hold_by_re_invite_and_the_bye_are_resent_with_credentials_when_challenged()
        {
            var r = new Rig();
            r.Challenge("INVITE", 407, Rig.Digest("n-hold"));
            Assert.True(r.A.Manager.SetHold(r.Call, true, r.Net.Now));
            r.Net.Pump();
            var invites = r.Wire.Starting("INVITE " + r.B.Uri);
            Assert.Equal(3, invites.Count);                                         // the call's INVITE, the challenged re-INVITE, the resend
            AssertResentWithCredentials(invites[1], invites[2], "INVITE", "Proxy-Authorization", "n-hold");
            Assert.Contains("a=sendonly", invites[2]);
            // The 407 was ACKed by the transaction (same CSeq), the 200 by us with the resent re-INVITE's CSeq.
            var acks = r.Wire.Starting("ACK ");
            Assert.Contains(acks, m => SessionWire.Header(m, "CSeq") == SessionWire.Parse(invites[1]).CSeqNumber + " ACK");
            Assert.Equal(SessionWire.Parse(invites[2]).CSeqNumber + " ACK", SessionWire.Header(acks[acks.Count - 1], "CSeq"));
            Assert.True(r.Call.LocalHold);
            Assert.Equal(SdpDirection.RecvOnly, r.B.Incoming.Media.LocalDirection);

            r.Challenge("BYE", 401, Rig.Digest("n-bye"));
            Assert.True(r.A.Manager.Hangup(r.Call, r.Net.Now));
            r.Net.Pump();
            var byes = r.Wire.Starting("BYE ");
            Assert.Equal(2, byes.Count);
            AssertResentWithCredentials(byes[0], byes[1], "BYE", "Authorization", "n-bye");
            Assert.Equal(CallState.Terminated, r.Call.State);
            Assert.Equal(CallState.Terminated, r.B.Incoming.State);                 // u2 got the BYE
            Assert.Equal(2, r.A.Manager.Stats.InDialogAuthRetries);
            r.Net.RunUntil(r.Net.Now + 40_000);
            Assert.Equal(0, r.A.Manager.Stats.SendFailures);
        }

        [Fact]
        public void Without_a_digest_client_a_challenged_bye_still_ends_the_call()
        {
            var r = new Rig();
            r.A.Manager.Digest = null;
            r.Challenge("BYE", 401, Rig.Digest("n"));
            Assert.True(r.A.Manager.Hangup(r.Call, r.Net.Now));
            r.Net.Pump();
            Assert.Single(r.Wire.Starting("BYE "));
            Assert.Equal(CallState.Terminated, r.Call.State);
        }

        [Fact]
        public void A_session_refresh_update_challenged_407_is_resent_with_credentials_and_restarts_the_timer()
        {
            var r = new Rig();
            Assert.True(r.Call.SessionTimer.WeRefresh);                              // u2 chose refresher=uac (RFC 4028)
            long start = r.Net.Now;
            r.Challenge("UPDATE", 407, Rig.Digest("n-upd"));
            r.Net.RunUntil(start + 900_000);                                         // half of 1800 s
            var updates = r.Wire.Starting("UPDATE ");
            Assert.Equal(2, updates.Count);
            AssertResentWithCredentials(updates[0], updates[1], "UPDATE", "Proxy-Authorization", "n-upd");
            Assert.Equal("1800;refresher=uac", SessionWire.Header(updates[1], "Session-Expires"));
            Assert.Equal(start + 1_800_000, r.Call.SessionTimer.RefreshAt);          // the resent UPDATE's 2xx restarted it
            r.Net.RunUntil(start + 1_799_000);
            Assert.Equal(CallState.Connected, r.Call.State);
            Assert.Equal(CallState.Connected, r.B.Incoming.State);
            Assert.Empty(r.Wire.Starting("BYE"));
            Assert.Equal(1, r.A.Manager.Stats.InDialogAuthRetries);
        }

        [Fact]
        public void The_transferees_notifies_challenged_on_the_way_are_resent_with_credentials()
        {
            var r = new Rig();
            var creds = new DigestCredentialStore(1);
            creds.Set(Realm, "u2", "secret2");
            r.B.Manager.Digest = new DigestClient(creds, new FixedRandom(), 2, 2);
            // A proxy on the way challenges every NOTIFY that comes without credentials, each time with a new nonce.
            int challenged = 0;
            r.Wire.Drop = (m, f, t) =>
            {
                if (!m.StartsWith("NOTIFY ") || m.Contains("\r\nProxy-Authorization:")) return false;
                string header = "Proxy-Authenticate: " + Rig.Digest(challenged++ == 0 ? "n-100" : "n-200") + "\r\n";
                r.Net.Enqueue(SessionWire.Response(m, 407, "Proxy Authentication Required", "pbx", header, null), t, f);
                return true;
            };
            Assert.True(r.A.Manager.Transfer(r.Call, r.C.Uri, r.Net.Now));
            r.Net.Pump();
            Assert.Equal(TransferState.Trying, r.Call.Transfer.State);               // the resent NOTIFY 100 arrived
            Assert.True(r.C.Manager.Answer(r.C.Incoming, r.Net.Now));
            r.Net.Pump();

            var notifies = r.Wire.Starting("NOTIFY ");
            Assert.Equal(4, notifies.Count);                                          // 100 and 200, each challenged once
            var verifier = new DigestVerifier();
            for (int i = 1; i < 4; i += 2)
            {
                SipMessage m = SessionWire.Parse(notifies[i]);
                Assert.Equal(SessionWire.Parse(notifies[i - 1]).CSeqNumber + 1, m.CSeqNumber);
                Assert.Equal(SessionWire.Header(notifies[i - 1], "Event"), SessionWire.Header(notifies[i], "Event"));
                Assert.Equal(SessionWire.Header(notifies[i - 1], "Subscription-State"), SessionWire.Header(notifies[i], "Subscription-State"));
                Assert.Equal(DigestVerification.Valid, verifier.Verify("NOTIFY", m.GetString(m.RequestUri.Whole), "u2", Realm, "secret2",
                    m.GetHeaderString("Proxy-Authorization"), i == 1 ? "n-100" : "n-200"));
            }
            Assert.EndsWith("\r\n\r\nSIP/2.0 200 OK\r\n", notifies[3]);
            Assert.Equal(TransferState.Succeeded, r.Call.Transfer.State);
            Assert.Equal(CallState.Terminated, r.Call.State);
            Assert.Equal(2, r.B.Manager.Stats.InDialogAuthRetries);
        }
    }
}
