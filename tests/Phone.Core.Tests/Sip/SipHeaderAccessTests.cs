// Reading raw and structured header values: auth headers, event package, 100rel, session timer, lists, URIs.
namespace Phone.Core.Tests.Sip
{
    using System.Text;
    using Phone.Core.Sip;

    public class SipHeaderAccessTests
    {
        private static SipMessage Parse(string text)
        {
            byte[] data = Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n"));
            var m = new SipMessage();
            Assert.True(m.TryParse(data, 0, data.Length), SipParseStats.ErrorName(m.Error));
            return m;
        }

        private const string Head =
            "Via: SIP/2.0/UDP 10.0.0.1:5062;branch=z9hG4bKx;rport=5062;received=10.9.9.9;maddr=224.0.0.1;ttl=16\n" +
            "From: <sip:a@example.com>;tag=f1\nTo: <sip:b@example.com>;tag=t1\ni: c1@h\n";

        [Fact]
        public void Notify_and_prack_and_session_timer_headers()
        {
            SipMessage m = Parse("NOTIFY sip:a@10.0.0.1 SIP/2.0\n" + Head +
                "CSeq: 7 NOTIFY\nEvent: refer;id=93809824\nSubscription-State: active ;expires = 60\n" +
                "Session-Expires: 1800;refresher=uac\nRSeq: 988789\nRAck: 776656 1 INVITE\nMin-Expires: 3600\n" +
                "Retry-After: 18000;duration=3600\nReplaces: 12345@192.168.118.3;to-tag=12345;from-tag=54321\n" +
                "Refer-To: <sip:c@example.com?Replaces=abc%40h%3Bto-tag%3D1>\nRequire: 100rel, timer\nk: replaces,  norefersub\n" +
                "Content-Type: message/sipfrag;version=2.0\nContent-Length: 16\n\nSIP/2.0 200 OK\n");
            SipSlice primary, parameters, v;
            Assert.True(m.TryGetHeaderPrimary(SipHeaderId.Event, out primary, out parameters));
            Assert.Equal("refer", m.GetString(primary));
            Assert.True(m.TryGetHeaderParameter(SipHeaderId.Event, "id", out v));
            Assert.Equal("93809824", m.GetString(v));
            Assert.True(m.TryGetHeaderPrimary(SipHeaderId.SubscriptionState, out primary, out parameters));
            Assert.True(primary.EqualsIgnoreCase(m.Buffer, "ACTIVE"));
            Assert.True(m.TryGetHeaderParameter(SipHeaderId.SubscriptionState, "expires", out v));
            Assert.Equal("60", m.GetString(v));
            Assert.True(m.TryGetHeaderUInt(SipHeaderId.SessionExpires, out uint se));
            Assert.Equal(1800u, se);
            Assert.True(m.TryGetHeaderParameter(SipHeaderId.SessionExpires, "refresher", out v));
            Assert.Equal("uac", m.GetString(v));
            Assert.True(m.TryGetHeaderUInt(SipHeaderId.RSeq, out uint rseq));
            Assert.Equal(988789u, rseq);
            Assert.True(m.TryGetRAck(out uint rn, out uint cn, out SipSlice rm));
            Assert.Equal(776656u, rn);
            Assert.Equal(1u, cn);
            Assert.True(rm.Equals(m.Buffer, "INVITE"));
            Assert.True(m.TryGetHeaderUInt(SipHeaderId.MinExpires, out uint minExp));
            Assert.Equal(3600u, minExp);
            Assert.True(m.TryGetHeaderUInt(SipHeaderId.RetryAfter, out uint ra));
            Assert.Equal(18000u, ra);
            Assert.True(m.TryGetHeaderPrimary(SipHeaderId.Replaces, out primary, out parameters));
            Assert.Equal("12345@192.168.118.3", m.GetString(primary));
            Assert.True(m.TryGetHeaderParameter(SipHeaderId.Replaces, "from-tag", out v));
            Assert.Equal("54321", m.GetString(v));
            Assert.True(m.TryGetNameAddr(SipHeaderId.ReferTo, 0, out SipNameAddr referTo));
            Assert.Equal("Replaces=abc%40h%3Bto-tag%3D1", m.GetString(referTo.Uri.Headers));
            Assert.True(m.HeaderHasToken(SipHeaderId.Require, "100REL"));
            Assert.True(m.HeaderHasToken(SipHeaderId.Supported, "norefersub"));
            Assert.False(m.HeaderHasToken(SipHeaderId.Supported, "timer"));
            Assert.Equal(SipMethod.Notify, m.Method);
            Assert.Equal("SIP/2.0 200 OK\r\n", m.GetString(m.Body));
            Assert.Equal(5062, m.Via.RPort);
            Assert.Equal("10.9.9.9", m.GetString(m.Via.Received));
            Assert.Equal("224.0.0.1", m.GetString(m.Via.Maddr));
            Assert.Equal(16, m.Via.Ttl);
            Assert.False(m.TryGetHeaderUInt(SipHeaderId.Expires, out uint _));
            Assert.Equal(-1, m.Expires);
        }

        [Fact]
        public void Authentication_headers_are_raw_slices()
        {
            SipMessage m = Parse("SIP/2.0 401 Unauthorized\n" + Head + "CSeq: 1 REGISTER\n" +
                "WWW-Authenticate: Digest realm=\"pbx, inc\", nonce=\"abc\",\n  algorithm=MD5, qop=\"auth\"\n" +
                "Proxy-Authenticate: Digest realm=\"p\", nonce=\"n\"\nContent-Length: 0\n\n");
            int i = m.FindHeader(SipHeaderId.WwwAuthenticate);
            Assert.True(i >= 0);
            SipSlice v = m.GetHeaderValue(i);
            Assert.True(SipText.StartsWith(m.Buffer, v.Start, v.Length, "Digest realm=\"pbx, inc\""));
            Assert.Equal("Digest realm=\"pbx, inc\", nonce=\"abc\", algorithm=MD5, qop=\"auth\"", m.GetHeaderString(i));
            byte[] unfolded = new byte[128];
            int n = SipText.CopyUnfolded(m.Buffer, v.Start, v.Length, unfolded, 0);
            Assert.Equal(m.GetHeaderString(i), Encoding.ASCII.GetString(unfolded, 0, n));
            Assert.True(m.TryGetHeader(SipHeaderId.ProxyAuthenticate, out v));
            Assert.Equal("Digest realm=\"p\", nonce=\"n\"", m.GetString(v));
            Assert.Equal(-1, m.FindHeader(SipHeaderId.Authorization));
            Assert.Equal(401, m.StatusCode);
        }

        [Fact]
        public void Contact_star_route_lists_and_tel_uri()
        {
            SipMessage m = Parse("REGISTER sip:example.com SIP/2.0\n" + Head + "CSeq: 2 REGISTER\nContact: *\nExpires: 0\n" +
                "Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\nRoute: \"P 3\" <sip:p3.example.com:5070;lr;transport=tcp>\n" +
                "P-Asserted-Identity: <tel:+15551234567;phone-context=example.com>\nl: 0\n\n");
            Assert.True(m.Contact.IsStar);
            Assert.Equal(0, m.Expires);
            string[] hosts = { "p1.example.com", "p2.example.com", "p3.example.com" };
            for (int k = 0; k < 3; k++)
            {
                Assert.True(m.TryGetNameAddr(SipHeaderId.Route, k, out SipNameAddr r));
                Assert.Equal(hosts[k], m.GetString(r.Uri.Host));
                Assert.True(r.Uri.TryGetParameter(m.Buffer, "lr", out SipSlice lr));
                Assert.Equal(0, lr.Length);
            }
            Assert.False(m.TryGetNameAddr(SipHeaderId.Route, 3, out SipNameAddr _));
            Assert.True(m.TryGetNameAddr(SipHeaderId.Route, 2, out SipNameAddr r3));
            Assert.Equal(5070, r3.Uri.Port);
            Assert.True(r3.Uri.TryGetParameter(m.Buffer, "transport", out SipSlice t));
            Assert.Equal("tcp", m.GetString(t));
            Assert.True(m.TryGetNameAddr(SipHeaderId.PAssertedIdentity, 0, out SipNameAddr pai));
            Assert.Equal(SipUriScheme.Tel, pai.Uri.Scheme);
            Assert.Equal("+15551234567", m.GetString(pai.Uri.User));
            Assert.True(pai.Uri.TryGetParameter(m.Buffer, "phone-context", out SipSlice pc));
            Assert.Equal("example.com", m.GetString(pc));
        }

        [Theory]
        [InlineData("Warning: 1812 overture \"x\"\n", SipParseError.ValueOutOfRange)]
        [InlineData("Max-Forwards: 256\n", SipParseError.ValueOutOfRange)]
        [InlineData("Expires: 4294967296\n", SipParseError.ValueOutOfRange)]
        [InlineData("Content-Type: text\n", SipParseError.BadHeaderValue)]
        [InlineData("Via: SIP/2.0/UDP h;rport=70000\n", SipParseError.BadHeaderValue)]
        [InlineData("Via: SIP/2.0/UDP [::1\n", SipParseError.BadHeaderValue)]
        [InlineData("Via: SIP/2.0/UDP h;branch\n", SipParseError.BadHeaderValue)]
        [InlineData("Contact: <sip:x@y>, \n", SipParseError.BadHeaderValue)]
        [InlineData("Contact: <sip:x@y\n", SipParseError.BadHeaderValue)]
        [InlineData("Route: <sip:x@y>;lr <sip:z>\n", SipParseError.BadHeaderValue)]
        [InlineData("NoColonHere\n", SipParseError.BadHeader)]
        [InlineData(" leading-fold: x\n", SipParseError.BadHeader)]
        [InlineData("Call-ID: a b\n", SipParseError.BadHeaderValue)]
        [InlineData("Call-ID: other@h\n", SipParseError.DuplicateHeader)]
        [InlineData("t: <sip:c@d>\n", SipParseError.DuplicateHeader)]
        public void Malformed_header_values_are_rejected_with_a_reason(string line, SipParseError expected)
        {
            byte[] data = Encoding.UTF8.GetBytes(("OPTIONS sip:a@b SIP/2.0\n" + line + Head + "CSeq: 1 OPTIONS\nl: 0\n\n").Replace("\n", "\r\n"));
            var m = new SipMessage();
            Assert.False(m.TryParse(data, 0, data.Length));
            Assert.Equal(expected, m.Error);
        }

        [Theory]
        [InlineData("OPTIONS sip:a@b SIP/2.0 \n")]
        [InlineData("OPTIONS  sip:a@b SIP/2.0\n")]
        [InlineData("OPTIONS sip:a@b SIP/2.0x\n")]
        [InlineData("OPTIONS <sip:a@b> SIP/2.0\n")]
        [InlineData("OPTIONS sip:a@b:99999 SIP/2.0\n")]
        [InlineData("OPTIONS sip:a@[zz::1] SIP/2.0\n")]
        [InlineData("OPTIONS sip:a%4@b SIP/2.0\n")]
        [InlineData("OPTIONS sip: SIP/2.0\n")]
        [InlineData("SIP/2.0 99 Too low\n")]
        [InlineData("SIP/2.0 2000 OK\n")]
        [InlineData("SIP/3.0 200 OK\n")]
        [InlineData("OPTIONS sip:a@b SIP/2.1\n")]
        public void Malformed_start_lines_are_rejected(string startLine)
        {
            byte[] data = Encoding.UTF8.GetBytes((startLine + Head + "CSeq: 1 OPTIONS\nl: 0\n\n").Replace("\n", "\r\n"));
            var m = new SipMessage();
            Assert.False(m.TryParse(data, 0, data.Length));
            bool version = startLine.StartsWith("SIP/3") || startLine.EndsWith("2.1\n");
            Assert.Equal(version, m.Error == SipParseError.VersionNotSupported);
        }

        [Fact]
        public void Bare_lf_line_ends_and_leading_empty_lines_are_tolerated()
        {
            byte[] data = Encoding.ASCII.GetBytes("\r\n\r\nOPTIONS sip:a@b SIP/2.0\n" + Head + "CSeq: 1 OPTIONS\nContent-Length: 2\n\nhi");
            var m = new SipMessage();
            Assert.True(m.TryParse(data, 0, data.Length), SipParseStats.ErrorName(m.Error));
            Assert.Equal("hi", m.GetString(m.Body));
            Assert.Equal("c1@h", m.GetString(m.CallId));
        }

        [Fact]
        public void Header_lookup_by_name_matches_long_and_compact_forms()
        {
            SipMessage m = Parse("OPTIONS sip:a@b SIP/2.0\n" + Head + "CSeq: 1 OPTIONS\nX-Custom: one\nx-custom: two\nl: 0\n\n");
            Assert.Equal(m.FindHeader(SipHeaderId.CallId), m.FindHeader("Call-ID", -1));
            Assert.Equal(m.FindHeader(SipHeaderId.CallId), m.FindHeader("i", -1));
            Assert.Equal(m.FindHeader(SipHeaderId.ContentLength), m.FindHeader("CONTENT-LENGTH", -1));
            int first = m.FindHeader("X-Custom", -1);
            Assert.Equal("one", m.GetHeaderString(first));
            Assert.Equal("two", m.GetHeaderString(m.FindHeader("X-CUSTOM", first)));
            Assert.Null(m.GetHeaderString("X-Missing"));
            Assert.Equal("i", m.GetString(m.GetHeaderName(m.FindHeader(SipHeaderId.CallId))));
            Assert.Equal(SipHeaderId.Via, SipHeaders.Lookup("v"));
            Assert.Equal(SipHeaderId.SessionExpires, SipHeaders.Lookup("x"));
            Assert.Equal(SipHeaderId.Unknown, SipHeaders.Lookup("g"));
            Assert.Equal("Call-ID", SipHeaders.Name(SipHeaderId.CallId));
            Assert.Equal("i", SipHeaders.CompactName(SipHeaderId.CallId));
            Assert.Equal("CSeq", SipHeaders.CompactName(SipHeaderId.CSeq));
            Assert.Equal("PRACK", SipMethods.Name(SipMethod.Prack));
        }
    }
}
