// How INVITE client transactions end without a final response (RFC 3261 §9.1 64·T1 after a CANCEL), how a refused
// send ends any client transaction (§17.1.4), and how a stray 2xx reaches a TU that asks for it (§18.1.2).
namespace Phone.Core.Tests.Sip.Transactions
{
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;

    public class ClientTransactionEndTests
    {
        private sealed class Rig : ISipSender, ITransactionUser, IStrayResponseUser
        {
            public readonly TransactionLayer Layer;
            public readonly List<string> Events = new();
            public readonly List<(long At, string FirstLine)> Sent = new();
            public long Now;
            public long RefuseFrom = long.MaxValue;

            public Rig() => Layer = new TransactionLayer(this, this, new SipTimers(), 4, 1500);

            public bool IsReliable(NetEndPoint destination) => false;

            public bool Send(byte[] buffer, int offset, int count, NetEndPoint destination)
            {
                string text = Encoding.ASCII.GetString(buffer, offset, count);
                string line = text.Substring(0, text.IndexOf('\r'));
                if (Now >= RefuseFrom)
                {
                    Sent.Add((Now, "refused " + line));
                    return false;
                }
                Sent.Add((Now, line));
                return true;
            }

            public void OnRequest(ServerTransaction t, SipMessage m, long now) => Events.Add("request @" + now);
            public void OnResponse(ClientTransaction t, SipMessage m, long now) => Events.Add("response " + m.StatusCode + " @" + now);
            public void OnTimeout(ClientTransaction t, long now) => Events.Add("timeout " + t.Method.ToString().ToUpperInvariant() + (t.Cancelled ? " cancelled" : "") + " @" + now);
            public void OnTransportError(ClientTransaction t, long now) => Events.Add("transport error " + t.Method.ToString().ToUpperInvariant() + " @" + now);
            public void OnAck(SipMessage ack, NetEndPoint from, long now) { }
            public void OnNoAck(ServerTransaction t, long now) { }
            public void OnStrayResponse(SipMessage m, NetEndPoint from, long now) => Events.Add("stray " + m.StatusCode + " @" + now);

            public ClientTransaction Send(string text)
            {
                byte[] b = Encoding.ASCII.GetBytes(text);
                return Layer.SendRequest(b, 0, b.Length, TransactionHarness.Peer, null, Now);
            }

            public void Deliver(string text)
            {
                var m = new SipMessage();
                byte[] b = Encoding.ASCII.GetBytes(text);
                Assert.True(m.TryParse(b, 0, b.Length));
                Layer.Receive(m, TransactionHarness.Peer, Now);
            }

            public void RunUntil(long until)
            {
                for (int guard = 0; guard < 10000; guard++)
                {
                    long next = Layer.Poll(Now);
                    if (next > until) break;
                    if (next > Now) Now = next;
                }
                Now = until;
                Layer.Poll(Now);
            }
        }

        private static string Invite => TransactionHarness.Request("INVITE");
        private static string Cancel => TransactionHarness.Request("CANCEL");

        // (CANCEL sent at, final response at (-1: none), its code) → events the TU sees, and when the INVITE's slot is free.
        // T1 = 500 ms, so 64·T1 = 32 000 ms.
        public static TheoryData<long, long, int, string[], long> CancelRows => new()
        {
            // The far end never answers the INVITE after our CANCEL: destroyed 64·T1 after the CANCEL (§9.1).
            { 1000, -1, 0, new[] { "response 180 @0", "response 200 @1000", "timeout INVITE cancelled @33000" }, 33000 },
            { 20000, -1, 0, new[] { "response 180 @0", "response 200 @20000", "timeout INVITE cancelled @52000" }, 52000 },
            // The usual 487 before that: completed, ACKed, freed by Timer D (32 s) after it; no timeout.
            { 1000, 3000, 487, new[] { "response 180 @0", "response 200 @1000", "response 487 @3000" }, 35000 },
            // A 200 that crossed the CANCEL: Accepted, freed by Timer M (64·T1) after it; no timeout.
            { 1000, 2000, 200, new[] { "response 180 @0", "response 200 @1000", "response 200 @2000" }, 34000 },
        };

        [Theory]
        [MemberData(nameof(CancelRows))]
        public void ACancelledInviteEndsAtTheLatest64T1AfterTheCancel(long cancelAt, long finalAt, int code, string[] events, long freeAt)
        {
            var r = new Rig();
            ClientTransaction inv = r.Send(Invite);
            r.Deliver(TransactionHarness.Response(180, "Ringing", "INVITE"));
            Assert.Equal(TransactionState.Proceeding, inv.State);
            r.RunUntil(cancelAt);
            Assert.NotNull(r.Send(Cancel));
            Assert.True(inv.Cancelled);
            r.Deliver(TransactionHarness.Response(200, "OK", "CANCEL"));
            if (finalAt >= 0)
            {
                r.RunUntil(finalAt);
                r.Deliver(TransactionHarness.Response(code, "Final", "INVITE"));
            }
            r.RunUntil(freeAt - 1);
            Assert.NotEqual(TransactionState.Free, inv.State);
            r.RunUntil(freeAt + 1);
            Assert.Equal(events, r.Events.ToArray());
            Assert.Equal(0, r.Layer.ActiveClients);
            Assert.Equal(finalAt < 0 ? 1 : 0, r.Layer.Stats.CancelledWithoutFinal);
        }

        [Fact]
        public void WithoutACancelAnInviteInProceedingWaitsForItsFinalResponse()
        {
            // §17.1.1.2 has no timer in Proceeding: only the TU (by CANCEL) bounds it.
            var r = new Rig();
            ClientTransaction inv = r.Send(Invite);
            r.Deliver(TransactionHarness.Response(183, "Session Progress", "INVITE"));
            r.RunUntil(600000);
            Assert.Equal(TransactionState.Proceeding, inv.State);
            Assert.False(inv.Cancelled);
            Assert.Equal(new[] { "response 183 @0" }, r.Events.ToArray());
        }

        [Fact]
        public void A200AfterTheCancelledInviteWasDestroyedGoesToTheTuAsStray()
        {
            var r = new Rig();
            r.Send(Invite);
            r.Deliver(TransactionHarness.Response(180, "Ringing", "INVITE"));
            r.Send(Cancel);
            r.RunUntil(40000);
            Assert.Equal(0, r.Layer.ActiveClients);
            r.Deliver(TransactionHarness.Response(200, "OK", "INVITE"));
            r.Deliver(TransactionHarness.Response(487, "Request Terminated", "INVITE"));   // stray, not a 2xx: only counted
            r.Deliver(TransactionHarness.Response(200, "OK", "OPTIONS"));                  // stray 2xx to a non-INVITE: counted
            Assert.Equal("stray 200 @40000", r.Events[r.Events.Count - 1]);
            Assert.Equal(3, r.Layer.Stats.StrayResponses);
            Assert.Equal(1, r.Layer.Stats.StrayAnswersToCore);
        }

        [Fact]
        public void ACancelForAnotherBranchLeavesTheInviteAlone()
        {
            var r = new Rig();
            ClientTransaction inv = r.Send(Invite);
            r.Deliver(TransactionHarness.Response(180, "Ringing", "INVITE"));
            r.Send(TransactionHarness.Request("CANCEL", "z9hG4bKother"));
            Assert.False(inv.Cancelled);
            r.RunUntil(120000);
            Assert.Equal(TransactionState.Proceeding, inv.State);
        }

        // (method, provisional first?, transport refuses from) → the TU event, when, and the sends seen.
        public static TheoryData<string, bool, long, string, string[]> RefusalRows => new()
        {
            // First send refused: reported at once (§17.1.4), nothing retransmitted.
            { "INVITE", false, 0, "transport error INVITE @0", new[] { "0 refused INVITE sip:bob@example.com SIP/2.0" } },
            // Timer A retransmission refused (500, 1500 ms ...): reported at that retransmission, the transaction ends.
            { "INVITE", false, 1000, "transport error INVITE @1500", new[] { "0 INVITE sip:bob@example.com SIP/2.0", "500 INVITE sip:bob@example.com SIP/2.0", "1500 refused INVITE sip:bob@example.com SIP/2.0" } },
            // Timer E (500, 1500, 3500 ms) refused at 3500.
            { "OPTIONS", false, 2000, "transport error OPTIONS @3500", new[] { "0 OPTIONS sip:bob@example.com SIP/2.0", "500 OPTIONS sip:bob@example.com SIP/2.0", "1500 OPTIONS sip:bob@example.com SIP/2.0", "3500 refused OPTIONS sip:bob@example.com SIP/2.0" } },
            // Non-INVITE in Proceeding: Timer E runs out (500) and then fires every T2 (4 s): refused at 8500.
            { "OPTIONS", true, 5000, "transport error OPTIONS @8500", new[] { "0 OPTIONS sip:bob@example.com SIP/2.0", "500 OPTIONS sip:bob@example.com SIP/2.0", "4500 OPTIONS sip:bob@example.com SIP/2.0", "8500 refused OPTIONS sip:bob@example.com SIP/2.0" } },
        };

        [Theory]
        [MemberData(nameof(RefusalRows))]
        public void ARefusedSendOrRetransmissionIsReportedAndEndsTheTransaction(string method, bool provisional, long refuseFrom, string expected, string[] sends)
        {
            var r = new Rig { RefuseFrom = refuseFrom };
            ClientTransaction tx = r.Send(TransactionHarness.Request(method));
            if (provisional && tx.State != TransactionState.Terminated) r.Deliver(TransactionHarness.Response(100, "Trying", method));
            r.RunUntil(64000);
            Assert.Equal(expected, r.Events[r.Events.Count - 1]);
            Assert.DoesNotContain(r.Events, e => e.StartsWith("timeout"));
            Assert.Equal(sends, r.Sent.ConvertAll(s => s.At + " " + s.FirstLine).ToArray());
            Assert.Equal(1, r.Layer.Stats.TransportErrors);
            Assert.Equal(0, r.Layer.ActiveClients);
        }
    }
}
