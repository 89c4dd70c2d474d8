// Require / Supported / Unsupported handling of the call layer (RFC 3261 §8.2.2.3, §11.2).
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sip.Calls;

    public class OptionTagTests
    {
        internal static byte[] RawInvite(string id, string extraHeaders, string sdp) => Encoding.ASCII.GetBytes(
            "INVITE sip:u2@10.0.0.2:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK" + id + "\r\nMax-Forwards: 70\r\n"
            + "From: <sip:u1@pbx.test>;tag=s" + id + "\r\nTo: <sip:u2@pbx.test>\r\nCall-ID: " + id + "@10.0.0.1\r\nCSeq: 1 INVITE\r\n"
            + "Contact: <sip:u1@10.0.0.1:5060>\r\n" + extraHeaders
            + "Content-Type: application/sdp\r\nContent-Length: " + sdp.Length + "\r\n\r\n" + sdp);

        [Fact]
        public void A_request_requiring_unknown_option_tags_gets_420_listing_only_those()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);
            byte[] invite = RawInvite("req1", "Require: 100rel, foo, timer\r\nRequire: bar\r\n", SessionWire.Sdp);
            Assert.NotNull(a.Manager.Layer.SendRequest(invite, 0, invite.Length, b.EndPoint, null, net.Now));
            net.Pump();

            string resp = wire.Last("SIP/2.0 420 Bad Extension");
            Assert.Equal("foo, bar", SessionWire.Header(resp, "Unsupported"));   // 100rel and timer are ours
            Assert.Null(b.Incoming);                                               // it never rang
            Assert.Equal(1, b.Manager.Stats.BadExtension);
            Assert.Equal(1, net.Count("ACK"));                                     // the INVITE client transaction ACKed the 420
        }

        [Fact]
        public void Requiring_only_what_we_support_rings_and_options_advertise_allow_and_supported()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);
            byte[] invite = RawInvite("req2", "Require: TIMER\r\nSupported: timer\r\nSession-Expires: 1800\r\n", SessionWire.Sdp);
            Assert.NotNull(a.Manager.Layer.SendRequest(invite, 0, invite.Length, b.EndPoint, null, net.Now));
            net.Pump();
            Assert.NotNull(b.Incoming);
            Assert.Equal(0, b.Manager.Stats.BadExtension);

            byte[] options = Encoding.ASCII.GetBytes("OPTIONS sip:u2@10.0.0.2:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKopt1\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:u1@pbx.test>;tag=o1\r\nTo: <sip:u2@pbx.test>\r\nCall-ID: opt1@10.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
            Assert.NotNull(a.Manager.Layer.SendRequest(options, 0, options.Length, b.EndPoint, null, net.Now));
            net.Pump();
            string ok = wire.Sent.FindLast(m => m.StartsWith("SIP/2.0 200 OK") && m.Contains("CSeq: 1 OPTIONS"));
            Assert.NotNull(ok);
            Assert.Equal("timer, 100rel, replaces", SessionWire.Header(ok, "Supported"));
            Assert.Equal("INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, PRACK, REFER, NOTIFY, SUBSCRIBE", SessionWire.Header(ok, "Allow"));
        }

        [Fact]
        public void Our_invite_and_responses_carry_supported_timer_and_100rel()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var b = net.Add(2);
            a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.Equal("timer, 100rel, replaces", SessionWire.Header(wire.Last("INVITE"), "Supported"));
            Assert.InRange(wire.Last("INVITE").Length, 500, 1300);                // still fits a UDP datagram without TCP
            Assert.Equal("timer, 100rel, replaces", SessionWire.Header(wire.Last("SIP/2.0 180"), "Supported"));
            Assert.Null(SessionWire.Header(wire.Last("SIP/2.0 180"), "RSeq"));   // unreliable unless asked for (config off)
        }
    }
}
