// A forked INVITE (RFC 3261 §13.2.2.4, §12.1.2): early dialogs kept per To tag (up to CallManager.MaxDialogsPerCall);
// the first 2xx makes the call; every later 2xx from another fork is ACKed and then BYEd. A scripted forking proxy
// answers the phone's INVITE on the in-memory network, each fork with its own To tag and Contact.
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Collections.Generic;
    using Phone.Core.Net;
    using Phone.Core.Sip.Calls;

    public class ForkingTests
    {
        private static readonly NetEndPoint Proxy = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 9), 5060);

        /// <summary>The proxy relays fork n's response: its To tag is "fn", its Contact sip:303@10.0.0.2n.</summary>
        private static byte[] Fork(string invite, int code, int n, bool sdp)
            => SessionWire.Response(invite, code, code == 200 ? "OK" : code == 180 ? "Ringing" : "Session Progress", "f" + n,
                "Contact: <sip:303@10.0.0.2" + n + ":5060>\r\n", sdp ? SessionWire.Sdp : null);

        // Script: "180/1" = fork 1 sends 180; "wait" = 40 s pass (the INVITE transaction's Timer M runs out).
        // → the fork whose dialog the call keeps, forks ACKed (in order), forks BYEd (in order), early dialogs ignored.
        public static TheoryData<string[], int, int[], int[], int> Rows => new()
        {
            { new[] { "180/1", "183/2", "200/2", "200/1" }, 2, new[] { 2, 1 }, new[] { 1 }, 0 },
            { new[] { "180/1", "200/1", "200/2", "200/3" }, 1, new[] { 1, 2, 3 }, new[] { 2, 3 }, 0 },
            // A retransmitted 2xx of the call's own fork is only ACKed again; a retransmitted unwanted one is ACKed, not BYEd twice.
            { new[] { "200/1", "200/1", "200/2", "200/2" }, 1, new[] { 1, 1, 2, 2 }, new[] { 2 }, 0 },
            // A fourth early dialog is not tracked, but its 2xx still makes the call (the others are released).
            { new[] { "180/1", "180/2", "180/3", "180/4", "200/4", "200/1" }, 4, new[] { 4, 1 }, new[] { 1 }, 1 },
            // A fork's 2xx after the INVITE transaction is gone is a stray response: still ACKed and BYEd.
            { new[] { "180/1", "180/2", "200/1", "wait", "200/2" }, 1, new[] { 1, 2 }, new[] { 2 }, 0 },
        };

        [Theory]
        [MemberData(nameof(Rows))]
        public void TheFirst2xxMakesTheCallAndEveryOtherForkIsAckedAndByed(string[] script, int kept, int[] acked, int[] byed, int ignored)
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1, c => c.OutboundProxy = Proxy);
            Call call = a.Manager.PlaceCall("sip:303@pbx.test", net.Now);
            net.Pump();
            string invite = wire.Last("INVITE");
            wire.Deliver(SessionWire.Response(invite, 100, "Trying", "", "", null), Proxy, a.EndPoint);
            foreach (string step in script)
            {
                if (step == "wait")
                {
                    net.RunUntil(net.Now + 40000);
                    Assert.Equal(0, a.Manager.Layer.ActiveClients);
                    continue;
                }
                int code = int.Parse(step.Substring(0, 3));
                int n = step[4] - '0';
                wire.Deliver(Fork(invite, code, n, code != 180), Proxy, a.EndPoint);
                if (code < 200 && n < 4) Assert.Equal("f" + n, call.Dialog.RemoteTag);   // the latest fork speaks (a 4th is not tracked)
            }

            Assert.Equal(CallState.Connected, call.State);
            Assert.Equal("f" + kept, call.Dialog.RemoteTag);
            var acks = new List<int>();
            foreach (string ack in wire.Starting("ACK"))
            {
                Assert.Contains("CSeq: 1 ACK", ack);
                string tag = SessionWire.Header(ack, "To");
                int fork = tag[tag.Length - 1] - '0';
                Assert.StartsWith("ACK sip:303@10.0.0.2" + fork + ":5060 SIP/2.0", ack);   // the fork's own Contact
                acks.Add(fork);
            }
            Assert.Equal(acked, acks.ToArray());
            var byes = new List<int>();
            foreach (string bye in wire.Starting("BYE"))
            {
                string tag = SessionWire.Header(bye, "To");
                int fork = tag[tag.Length - 1] - '0';
                Assert.StartsWith("BYE sip:303@10.0.0.2" + fork + ":5060 SIP/2.0", bye);
                Assert.Contains("CSeq: 2 BYE", bye);
                Assert.Equal(SessionWire.Header(invite, "Call-ID"), SessionWire.Header(bye, "Call-ID"));
                byes.Add(fork);
            }
            Assert.Equal(byed, byes.ToArray());
            Assert.Equal(byed.Length, a.Manager.Stats.UnwantedAnswersEnded);
            Assert.Equal(ignored, a.Manager.Stats.ForksIgnored);

            // The BYEd forks answer 200; the call itself goes on, then ends normally and nothing is left.
            foreach (string bye in wire.Starting("BYE"))
            {
                string tag = SessionWire.Header(bye, "To");
                wire.Deliver(SessionWire.Response(bye, 200, "OK", tag.Substring(tag.Length - 2), "", null), Proxy, a.EndPoint);
            }
            Assert.Equal(CallState.Connected, call.State);
            Assert.True(a.Manager.Hangup(call, net.Now));
            net.Pump();
            string ours = wire.Last("BYE sip:303@10.0.0.2" + kept);
            wire.Deliver(SessionWire.Response(ours, 200, "OK", "f" + kept, "", null), Proxy, a.EndPoint);
            Assert.Equal(CallState.Terminated, call.State);
            net.RunUntil(net.Now + 300000);
            Assert.Equal(0, a.Manager.Layer.ActiveClients);
            Assert.Equal(0, a.Manager.ActiveCalls);
        }

        [Fact]
        public void RequestsInEachEarlyDialogFindTheCall()
        {
            // Two early dialogs at once: a BYE (a §15 violation, but sent by real boxes) on the older one still finds
            // the call, which ends and CANCELs its INVITE.
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1, c => c.OutboundProxy = Proxy);
            Call call = a.Manager.PlaceCall("sip:303@pbx.test", net.Now);
            net.Pump();
            string invite = wire.Last("INVITE");
            wire.Deliver(Fork(invite, 180, 1, false), Proxy, a.EndPoint);
            wire.Deliver(Fork(invite, 180, 2, false), Proxy, a.EndPoint);
            Assert.Equal("f2", call.Dialog.RemoteTag);
            var inv = SessionWire.Parse(invite);
            string bye = "BYE sip:201@10.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKfb1\r\nMax-Forwards: 70\r\n"
                + "From: " + inv.GetString(inv.To.Whole) + ";tag=f1\r\nTo: " + inv.GetString(inv.From.Whole) + "\r\n"
                + "Call-ID: " + inv.GetString(inv.CallId) + "\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n";
            wire.Deliver(System.Text.Encoding.ASCII.GetBytes(bye), Proxy, a.EndPoint);
            Assert.StartsWith("SIP/2.0 200 OK", wire.Last("SIP/2.0 200"));
            Assert.Equal(CallState.Terminated, call.State);
            Assert.Single(wire.Starting("CANCEL"));
        }
    }
}
