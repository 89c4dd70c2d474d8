namespace Phone.Core.Tests.Sip.Transactions
{
    using Phone.Core.Sip.Transactions;
    using H = TransactionHarness;

    /// <summary>RFC 3261 §17.1 with RFC 6026, driven by a manual clock (T1 = 500 ms, T2 = 4 s, T4 = 5 s).</summary>
    public class ClientTransactionTests
    {
        [Fact]
        public void InviteOverUdpRetransmitsByTimerAUntilTimerB()
        {
            var h = new H();
            ClientTransaction tx = h.SendRequest(H.Request("INVITE"));
            Assert.Equal(TransactionState.Calling, tx.State);
            h.RunUntil(40000);
            // Timer A: T1, doubling each time (§17.1.1.2); Timer B = 64·T1 = 32 s.
            Assert.Equal(new long[] { 0, 500, 1500, 3500, 7500, 15500, 31500 }, h.SentTimes("INVITE"));
            Assert.Equal(new[] { "timeout @32000" }, h.Events);
            Assert.Equal(0, h.Layer.ActiveClients);
            Assert.Equal(1, h.Layer.Stats.Timeouts);
        }

        [Fact]
        public void ProvisionalStopsRetransmissionsAndTimerB()
        {
            var h = new H();
            ClientTransaction tx = h.SendRequest(H.Request("INVITE"));
            h.RunUntil(600);
            h.Deliver(H.Response(180, "Ringing", "INVITE"));
            Assert.Equal(TransactionState.Proceeding, tx.State);
            h.RunUntil(100000);
            Assert.Equal(2, h.SentCount("INVITE"));
            Assert.Equal(new[] { "response 180 @600" }, h.Events);
            Assert.Equal(TransactionState.Proceeding, tx.State);
        }

        [Fact]
        public void NonSuccessFinalIsAckedByTheTransactionAndRetransmissionsAreAbsorbedUntilTimerD()
        {
            var h = new H();
            ClientTransaction tx = h.SendRequest(H.Request("INVITE"));
            h.Now = 100;
            h.Deliver(H.Response(486, "Busy Here", "INVITE"));
            Assert.Equal(TransactionState.Completed, tx.State);
            Assert.Equal(1, h.SentCount("ACK"));
            string ack = h.Sent[^1].Text;
            Assert.Contains("To: <sip:bob@example.com>;tag=b2", ack);          // To from the response (§17.1.1.3)
            Assert.Contains("branch=z9hG4bKabc", ack);                          // the INVITE's branch
            Assert.Contains("CSeq: 1 ACK", ack);
            h.Now = 2000;
            h.Deliver(H.Response(486, "Busy Here", "INVITE"));
            Assert.Equal(2, h.SentCount("ACK"));
            Assert.Equal(new[] { "response 486 @100" }, h.Events);              // the TU sees the final once
            h.RunUntil(100 + 31999);
            Assert.Equal(TransactionState.Completed, tx.State);
            h.RunUntil(100 + 32000 + 1);
            Assert.Equal(0, h.Layer.ActiveClients);                             // Timer D = 32 s over UDP
        }

        [Fact]
        public void SuccessEntersAcceptedAndPassesRetransmitted2xxUntilTimerM()
        {
            var h = new H();
            ClientTransaction tx = h.SendRequest(H.Request("INVITE"));
            h.Now = 50;
            h.Deliver(H.Response(200, "OK", "INVITE"));
            Assert.Equal(TransactionState.Accepted, tx.State);
            Assert.Equal(0, h.SentCount("ACK"));                                // the TU ACKs a 2xx (§13.2.2.4)
            h.Now = 600;
            h.Deliver(H.Response(200, "OK", "INVITE"));
            Assert.Equal(new[] { "response 200 @50", "response 200 @600" }, h.Events);
            h.RunUntil(50 + 32000 + 1);                                          // Timer M = 64·T1 (RFC 6026 §7.2)
            Assert.Equal(0, h.Layer.ActiveClients);
            h.Deliver(H.Response(200, "OK", "INVITE"));
            Assert.Equal(1, h.Layer.Stats.StrayResponses);
        }

        [Fact]
        public void NonInviteRetransmitsByTimerECappedAtT2UntilTimerF()
        {
            var h = new H();
            h.SendRequest(H.Request("REGISTER"));
            h.RunUntil(40000);
            Assert.Equal(new long[] { 0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500 }, h.SentTimes("REGISTER"));
            Assert.Equal(new[] { "timeout @32000" }, h.Events);                 // Timer F = 64·T1
        }

        [Fact]
        public void NonInviteInProceedingRetransmitsEveryT2()
        {
            var h = new H();
            h.SendRequest(H.Request("REGISTER"));
            h.RunUntil(100);
            h.Deliver(H.Response(100, "Trying", "REGISTER", toTag: null));
            h.RunUntil(10000);
            Assert.Equal(new long[] { 0, 500, 4500, 8500 }, h.SentTimes("REGISTER"));
        }

        [Fact]
        public void NonInviteFinalCompletesAndTimerKFreesTheSlot()
        {
            var h = new H();
            ClientTransaction tx = h.SendRequest(H.Request("REGISTER"));
            h.Now = 200;
            h.Deliver(H.Response(200, "OK", "REGISTER"));
            Assert.Equal(TransactionState.Completed, tx.State);
            h.Deliver(H.Response(200, "OK", "REGISTER"));
            Assert.Equal(new[] { "response 200 @200" }, h.Events);
            h.RunUntil(200 + 4999);
            Assert.Equal(1, h.Layer.ActiveClients);
            h.RunUntil(200 + 5001);                                              // Timer K = T4
            Assert.Equal(0, h.Layer.ActiveClients);
            Assert.Equal(1, h.SentCount("REGISTER"));
        }

        [Fact]
        public void ReliableTransportNeverRetransmitsAndFreesAtOnce()
        {
            var h = new H(reliable: true);
            ClientTransaction tx = h.SendRequest(H.Request("REGISTER"));
            h.RunUntil(20000);
            Assert.Equal(1, h.SentCount("REGISTER"));
            h.Deliver(H.Response(200, "OK", "REGISTER"));
            h.RunUntil(20001);
            Assert.Equal(0, h.Layer.ActiveClients);                              // Timer K = 0 over TCP/TLS
        }

        [Fact]
        public void ResponsesMatchByBranchAndCSeqMethod()
        {
            var h = new H();
            ClientTransaction invite = h.SendRequest(H.Request("INVITE"));
            ClientTransaction cancel = h.SendRequest(H.Request("CANCEL"));       // same branch, its own transaction (§9.1)
            h.Deliver(H.Response(200, "OK", "CANCEL"));
            Assert.Equal(TransactionState.Completed, cancel.State);
            Assert.Equal(TransactionState.Calling, invite.State);
            h.Deliver(H.Response(180, "Ringing", "INVITE", branch: "z9hG4bKother"));
            Assert.Equal(TransactionState.Calling, invite.State);
            Assert.Equal(1, h.Layer.Stats.StrayResponses);
        }

        [Fact]
        public void TransportRefusalIsReportedAndTheSlotFreed()
        {
            var h = new H { RefuseSends = true };
            Assert.NotNull(h.SendRequest(H.Request("OPTIONS")));
            Assert.Equal(new[] { "transport error @0" }, h.Events);
            h.RunUntil(1);
            Assert.Equal(0, h.Layer.ActiveClients);
        }

        [Fact]
        public void FullTableRefusesANewClientTransaction()
        {
            var h = new H(capacity: 2);
            Assert.NotNull(h.SendRequest(H.Request("OPTIONS", branch: "z9hG4bK1")));
            Assert.NotNull(h.SendRequest(H.Request("OPTIONS", branch: "z9hG4bK2")));
            Assert.Null(h.SendRequest(H.Request("OPTIONS", branch: "z9hG4bK3")));
        }

        [Fact]
        public void AckAndUnparsableRequestsAreNotTransactions()
        {
            var h = new H();
            Assert.Null(h.SendRequest(H.Request("ACK")));
            Assert.Null(h.SendRequest("garbage\r\n\r\n"));
        }
    }
}
