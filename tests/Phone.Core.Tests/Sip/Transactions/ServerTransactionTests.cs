namespace Phone.Core.Tests.Sip.Transactions
{
    using System.Text;
    using Phone.Core.Sip.Transactions;
    using H = TransactionHarness;

    /// <summary>RFC 3261 §17.2 with RFC 6026, driven by a manual clock.</summary>
    public class ServerTransactionTests
    {
        private static bool Respond(H h, string text, int code)
        {
            byte[] b = Encoding.ASCII.GetBytes(text);
            return h.LastServer.Respond(b, 0, b.Length, code, h.Now);
        }

        [Fact]
        public void NonInviteAbsorbsRetransmissionsThenRepeatsTheFinalUntilTimerJ()
        {
            var h = new H();
            h.Deliver(H.Request("OPTIONS"));
            Assert.Equal(new[] { "request OPTIONS @0" }, h.Events);
            Assert.Equal(TransactionState.Trying, h.LastServer.State);
            h.Now = 400;
            h.Deliver(H.Request("OPTIONS"));                                    // Trying: absorbed, nothing to send
            Assert.Empty(h.Sent);
            Assert.True(Respond(h, H.Response(200, "OK", "OPTIONS"), 200));
            Assert.Equal(TransactionState.Completed, h.LastServer.State);
            h.Now = 900;
            h.Deliver(H.Request("OPTIONS"));                                    // Completed: the final again
            Assert.Equal(2, h.SentCount("SIP/2.0 200"));
            Assert.Single(h.Events);
            Assert.False(Respond(h, H.Response(500, "Oops", "OPTIONS"), 500));  // no second final
            h.RunUntil(400 + 32001);                                             // Timer J = 64·T1
            Assert.Equal(0, h.Layer.ActiveServers);
        }

        [Fact]
        public void NonInviteProvisionalIsRepeatedForRetransmissions()
        {
            var h = new H();
            h.Deliver(H.Request("REGISTER"));
            Respond(h, H.Response(100, "Trying", "REGISTER", toTag: null), 100);
            Assert.Equal(TransactionState.Proceeding, h.LastServer.State);
            h.Deliver(H.Request("REGISTER"));
            Assert.Equal(2, h.SentCount("SIP/2.0 100"));
        }

        [Fact]
        public void InviteGets100TryingAfter200MsWhenTheTuIsSlow()
        {
            var h = new H();
            h.Deliver(H.Request("INVITE"));
            Assert.Equal(TransactionState.Proceeding, h.LastServer.State);
            h.RunUntil(199);
            Assert.Empty(h.Sent);
            h.RunUntil(200);
            Assert.Equal(1, h.SentCount("SIP/2.0 100 Trying"));
            Assert.Contains("Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKabc;rport", h.Sent[0].Text);
            Assert.Equal(H.Peer.Port, h.Sent[0].To.Port);                        // back to the source (RFC 3581)
            h.Deliver(H.Request("INVITE"));                                      // a retransmission gets the 100 again
            Assert.Equal(2, h.SentCount("SIP/2.0 100 Trying"));
        }

        [Fact]
        public void InviteAnsweredQuicklyGetsNo100()
        {
            var h = new H();
            h.Deliver(H.Request("INVITE"));
            h.Now = 50;
            Respond(h, H.Response(180, "Ringing", "INVITE"), 180);
            h.RunUntil(1000);
            Assert.Equal(0, h.SentCount("SIP/2.0 100"));
            Assert.Equal(1, h.SentCount("SIP/2.0 180"));
        }

        [Fact]
        public void InviteNon2xxRetransmitsByTimerGUntilAckThenTimerI()
        {
            var h = new H();
            h.Deliver(H.Request("INVITE"));
            h.Now = 10;
            Respond(h, H.Response(486, "Busy Here", "INVITE"), 486);
            Assert.Equal(TransactionState.Completed, h.LastServer.State);
            h.RunUntil(10 + 11600);
            // Timer G: T1 doubling up to T2 (§17.2.1).
            Assert.Equal(new long[] { 10, 510, 1510, 3510, 7510, 11510 }, h.SentTimes("SIP/2.0 486"));
            h.Deliver(H.Request("ACK", cseqMethod: "ACK"));
            Assert.Equal(TransactionState.Confirmed, h.LastServer.State);
            Assert.DoesNotContain(h.Events, e => e.StartsWith("ack"));           // absorbed, not the TU's
            h.RunUntil(11610 + 20000);
            Assert.Equal(6, h.SentCount("SIP/2.0 486"));
            Assert.Equal(0, h.Layer.ActiveServers);                              // Timer I = T4
        }

        [Fact]
        public void InviteNon2xxWithoutAckEndsAtTimerH()
        {
            var h = new H();
            h.Deliver(H.Request("INVITE"));
            Respond(h, H.Response(603, "Decline", "INVITE"), 603);
            h.RunUntil(40000);
            Assert.Contains("no ack @32000", h.Events);
            Assert.Equal(0, h.Layer.ActiveServers);
        }

        [Fact]
        public void Invite2xxEntersAcceptedAbsorbsRetransmissionsAndLetsTheAckThrough()
        {
            var h = new H();
            h.Deliver(H.Request("INVITE"));
            Respond(h, H.Response(200, "OK", "INVITE"), 200);
            Assert.Equal(TransactionState.Accepted, h.LastServer.State);
            h.Deliver(H.Request("INVITE"));                                      // RFC 6026 §7.1: absorbed
            Assert.Equal(1, h.SentCount("SIP/2.0 200"));
            h.Deliver(H.Request("ACK", branch: "z9hG4bKack", cseqMethod: "ACK")); // the 2xx ACK is the dialog's
            Assert.Contains(h.Events, e => e.StartsWith("ack"));
            h.RunUntil(32001);                                                   // Timer L
            Assert.Equal(0, h.Layer.ActiveServers);
        }

        [Fact]
        public void RequestsMatchOnBranchSentByAndMethod()
        {
            var h = new H();
            h.Deliver(H.Request("INVITE"));
            ServerTransaction invite = h.LastServer;
            h.Deliver(H.Request("CANCEL", cseqMethod: "CANCEL"));                // same branch, other method: new transaction
            Assert.NotSame(invite, h.LastServer);
            Assert.Same(invite, h.Layer.FindInviteFor(Parse(H.Request("CANCEL", cseqMethod: "CANCEL"))));
            h.Deliver(H.Request("INVITE", sentBy: "10.0.0.9:5060"));             // other sent-by: another transaction
            Assert.Equal(3, h.Layer.ActiveServers);
        }

        [Fact]
        public void FullTableAnswers503WithRetryAfterAndDoesNotBotherTheTu()
        {
            var h = new H(capacity: 2);
            h.Deliver(H.Request("OPTIONS", branch: "z9hG4bK1"));
            h.Deliver(H.Request("OPTIONS", branch: "z9hG4bK2"));
            h.Deliver(H.Request("OPTIONS", branch: "z9hG4bK3"));
            Assert.Equal(2, h.Events.Count);
            Assert.Equal(1, h.SentCount("SIP/2.0 503 Service Unavailable"));
            Assert.Contains("Retry-After: 5", h.Sent[^1].Text);
            Assert.Contains("branch=z9hG4bK3", h.Sent[^1].Text);
            Assert.Equal(1, h.Layer.Stats.TableFull);
        }

        [Fact]
        public void AckWithoutTransactionGoesToTheTu()
        {
            var h = new H();
            h.Deliver(H.Request("ACK", branch: "z9hG4bKlone", cseqMethod: "ACK"));
            Assert.Equal(new[] { "ack @0" }, h.Events);
            Assert.Equal(0, h.Layer.ActiveServers);
        }

        private static Phone.Core.Sip.SipMessage Parse(string text)
        {
            var m = new Phone.Core.Sip.SipMessage();
            byte[] b = Encoding.ASCII.GetBytes(text);
            Assert.True(m.TryParse(b, 0, b.Length));
            return m;
        }
    }
}
