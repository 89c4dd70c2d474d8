// RFC 4475 and RFC 5118 torture messages: verdicts from INDEX.tsv and the fields each RFC section discusses.
namespace Phone.Core.Tests.Sip
{
    using System.Collections.Generic;
    using Phone.Core.Sip;

    public class SipConformanceTests
    {
        public static IEnumerable<object[]> Rfc4475() => Rows("rfc4475");

        public static IEnumerable<object[]> Rfc5118() => Rows("rfc5118");

        private static IEnumerable<object[]> Rows(string corpus)
        {
            foreach (string[] r in SipCorpus.Index(corpus)) yield return new object[] { corpus, r[0], r[1] };
        }

        private static SipMessage Parse(string corpus, string name, out byte[] data)
        {
            data = SipCorpus.Read(corpus, name);
            var m = new SipMessage();
            m.TryParse(data, 0, data.Length);
            return m;
        }

        private static SipMessage Accept(string corpus, string name)
        {
            byte[] data;
            SipMessage m = Parse(corpus, name, out data);
            Assert.True(m.IsValid, name + " rejected: " + SipParseStats.ErrorName(m.Error));
            return m;
        }

        private static string S(SipMessage m, SipSlice s) => m.GetString(s);

        [Theory]
        [MemberData(nameof(Rfc4475))]
        [MemberData(nameof(Rfc5118))]
        public void Verdict_matches_index(string corpus, string name, string verdict)
        {
            byte[] data;
            SipMessage m = Parse(corpus, name, out data);
            if (verdict == "valid") Assert.True(m.IsValid, name + " rejected: " + SipParseStats.ErrorName(m.Error));
            else if (verdict == "invalid") Assert.False(m.IsValid, name + " accepted");
            else Assert.Equal("either", verdict);
            Assert.Equal(m.IsValid ? 1 : 0, m.Stats.Accepted);
            Assert.Equal(m.IsValid ? 0 : 1, m.Stats.Rejected);
            if (m.IsValid)
            {
                // Whatever the verdict, an accepted message is framed inside the datagram and has its mandatory fields.
                Assert.True(m.Body.Start >= 0 && m.Body.End <= data.Length);
                Assert.True(m.ViaCount > 0 && m.CallId.Length > 0 && m.From.Uri.Whole.Length > 0 && m.To.Uri.Whole.Length > 0);
            }
        }

        [Fact]
        public void Wsinv_folded_headers_are_unfolded_and_fields_read_through_lws()
        {
            SipMessage m = Accept("rfc4475", "wsinv.dat");
            Assert.Equal(SipMethod.Invite, m.Method);
            Assert.Equal("sip:vivekg@chair-dnrc.example.com;unknownparam", S(m, m.RequestUri.Whole));
            Assert.Equal("sip:vivekg@chair-dnrc.example.com", S(m, m.To.Uri.Whole));
            Assert.Equal("1918181833n", S(m, m.To.Tag));
            Assert.Equal("\"J Rosenberg \\\\\\\"\"", S(m, m.From.DisplayName));
            Assert.Equal("sip:jdrosen@example.com", S(m, m.From.Uri.Whole));
            Assert.Equal("98asjd8", S(m, m.From.Tag));
            Assert.Equal(68, m.MaxForwards);
            Assert.Equal(9u, m.CSeqNumber);
            Assert.Equal(SipMethod.Invite, m.CSeqMethod);
            Assert.Equal("wsinv.ndaksdj@192.0.2.1", S(m, m.CallId));
            Assert.Equal(3, m.ViaCount);
            Assert.Equal("UDP", S(m, m.Via.Transport));
            Assert.Equal("192.0.2.2", S(m, m.Via.Host));
            Assert.Equal("390skdjuw", S(m, m.Via.Branch));
            Assert.False(m.Via.HasRfc3261Branch(m.Buffer));
            SipVia v;
            Assert.True(m.TryGetVia(1, out v));
            Assert.Equal("TCP", S(m, v.Transport));
            Assert.Equal("spindle.example.com", S(m, v.Host));
            Assert.Equal("z9hG4bK9ikj8", S(m, v.Branch));
            Assert.True(m.TryGetVia(2, out v));
            Assert.Equal("192.168.255.111", S(m, v.Host));
            Assert.Equal("z9hG4bK30239", S(m, v.Branch));
            Assert.False(m.TryGetVia(3, out v));
            Assert.Equal("newfangled value continued newfangled value", m.GetHeaderString("NewFangledHeader"));
            Assert.Equal(";;,,;;,;", m.GetHeaderString("UnknownHeaderWithUnusualValue"));
            Assert.Equal("", m.GetHeaderString(SipHeaderId.Subject));
            Assert.Equal("SIP  / 2.0  / TCP     spindle.example.com   ; branch  =   z9hG4bK9ikj8  , SIP  /    2.0   / UDP  192.168.255.111   ; branch= z9hG4bK30239",
                m.GetHeaderString(m.FindHeader(SipHeaderId.Via, m.FindHeader(SipHeaderId.Via))));
            Assert.Equal("application/sdp", S(m, m.ContentType));
            Assert.Equal(1, m.ContactCount);
            Assert.Equal("\"Quoted string \\\"\\\"\"", S(m, m.Contact.DisplayName));
            SipSlice p;
            Assert.True(m.Contact.TryGetParameter(m.Buffer, "newparam", out p));
            Assert.Equal("newvalue", S(m, p));
            Assert.True(m.Contact.TryGetParameter(m.Buffer, "q", out p));
            Assert.Equal("0.33", S(m, p));
            Assert.True(m.Contact.TryGetParameter(m.Buffer, "secondparam", out p));
            SipNameAddr route;
            Assert.True(m.TryGetNameAddr(SipHeaderId.Route, 0, out route));
            Assert.Equal("services.example.com", S(m, route.Uri.Host));
            Assert.True(route.Uri.TryGetParameter(m.Buffer, "unknownwith", out p));
            Assert.Equal("value", S(m, p));
            Assert.True(route.Uri.TryGetParameter(m.Buffer, "lr", out p));
            Assert.Equal(150, m.ContentLength);
            Assert.Equal(150, m.Body.Length);
            Assert.StartsWith("v=0\r\n", S(m, m.Body));
        }

        [Fact]
        public void Intmeth_unknown_method_and_odd_characters()
        {
            SipMessage m = Accept("rfc4475", "intmeth.dat");
            Assert.Equal(SipMethod.Unknown, m.Method);
            Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", S(m, m.MethodName));
            Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", S(m, m.RequestUri.User));
            Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", S(m, m.RequestUri.Password));
            Assert.Equal("example.com", S(m, m.RequestUri.Host));
            Assert.Equal("z9hG4bK-.!%66*_+`'~", S(m, m.Via.Branch));
            Assert.Equal("token1~` token2'+_ token3*%!.-", S(m, m.From.DisplayName));
            Assert.Equal("_token~1'+`*%!-.", S(m, m.From.Tag));
            Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", S(m, m.CallId));
            Assert.Equal(255, m.MaxForwards);
            Assert.Equal("\ufeff\u5927\u505c\u96fb", m.GetHeaderString("extensionHeader-!.%*+_`'~"));
        }

        [Fact]
        public void Esc01_escaped_and_unescaped_forms_compare_equal()
        {
            SipMessage m = Accept("rfc4475", "esc01.dat");
            byte[] b = m.Buffer;
            SipSlice u = m.RequestUri.User;
            Assert.True(SipText.EqualsUnescaped(b, u.Start, u.Length, "sips:user@example.com"));
            Assert.Equal("example.net", S(m, m.RequestUri.Host));
            Assert.True(SipText.EqualsUnescaped(b, m.To.Uri.User.Start, m.To.Uri.User.Length, "user"));
            Assert.True(SipText.EqualsUnescaped(b, m.From.Uri.User.Start, m.From.Uri.User.Length, "I have spaces"));
            Assert.Equal("938", S(m, m.From.Tag));
            Assert.True(SipText.EqualsUnescaped(b, m.Contact.Uri.User.Start, m.Contact.Uri.User.Length, "caller"));
            SipSlice p;
            Assert.True(m.Contact.Uri.TryGetParameter(b, "%6C%72", out p));
            Assert.Equal("n%61me=v%61lue%25%34%31", S(m, new SipSlice(m.Contact.Uri.Parameters.Start + 7, m.Contact.Uri.Parameters.Length - 7)));
            byte[] dst = new byte[64];
            int n = SipText.Unescape(b, m.Contact.Uri.Parameters.Start, m.Contact.Uri.Parameters.Length, dst, 0);
            Assert.Equal("lr;name=value%41", System.Text.Encoding.ASCII.GetString(dst, 0, n));
            Assert.Equal("application/sdp", S(m, m.ContentType));
            Assert.Equal("esc01.239409asdfakjkn23onasd0-3234", S(m, m.CallId));
        }

        [Fact]
        public void Escnull_escaped_nul_is_not_a_terminator()
        {
            SipMessage m = Accept("rfc4475", "escnull.dat");
            Assert.Equal("null-%00-null", S(m, m.To.Uri.User));
            Assert.Equal(2, m.ContactCount);
            SipNameAddr c;
            Assert.True(m.TryGetNameAddr(SipHeaderId.Contact, 1, out c));
            byte[] dst = new byte[8];
            Assert.Equal(2, SipText.Unescape(m.Buffer, c.Uri.User.Start, c.Uri.User.Length, dst, 0));
            Assert.Equal(0, m.ContentLength);
        }

        [Fact]
        public void Esc02_percent_outside_escapes()
        {
            SipMessage m = Accept("rfc4475", "esc02.dat");
            Assert.Equal("RE%47IST%45R", S(m, m.MethodName));
            Assert.Equal(SipMethod.Unknown, m.Method);
            Assert.Equal("\"%Z%45\"", S(m, m.To.DisplayName));
            Assert.Equal(2, m.ContactCount);
            Assert.Equal("<sip:alias2@host2.example.com>", m.GetHeaderString("C%6Fntact"));
        }

        [Fact]
        public void Lwsdisp_display_name_without_space()
        {
            SipMessage m = Accept("rfc4475", "lwsdisp.dat");
            Assert.Equal("caller", S(m, m.From.DisplayName));
            Assert.Equal("sip:caller@example.com", S(m, m.From.Uri.Whole));
            Assert.Equal("323", S(m, m.From.Tag));
        }

        [Fact]
        public void Longreq_long_values_and_many_vias()
        {
            SipMessage m = Accept("rfc4475", "longreq.dat");
            Assert.Equal(34, m.ViaCount);
            Assert.Equal("sip33.example.com", S(m, m.Via.Host));
            SipVia last;
            Assert.True(m.TryGetVia(33, out last));
            Assert.Equal("host.example.com", S(m, last.Host));
            Assert.Equal("192.0.2.5", S(m, last.Received));
            Assert.StartsWith("verylonglong", S(m, last.Branch));
            Assert.StartsWith("\"I have a user name of extremeextreme", S(m, m.To.DisplayName));
            Assert.Equal(6000, m.To.Uri.Port);
            Assert.StartsWith("amazinglylongcallername", S(m, m.From.Uri.User));
            Assert.StartsWith("longreq.onereallyreally", S(m, m.CallId));
            Assert.Equal(150, m.Body.Length);
        }

        [Fact]
        public void Dblreq_trailing_octets_after_content_length_are_ignored()
        {
            SipMessage m = Accept("rfc4475", "dblreq.dat");
            Assert.Equal(SipMethod.Register, m.Method);
            Assert.Equal(0, m.ContentLength);
            Assert.Equal(0, m.Body.Length);
            Assert.True(m.Body.End < m.Count);
            Assert.Equal("dblreq.0ha0isndaksdj99sdfafnl3lk233412", S(m, m.CallId));
            Assert.Equal(SipMethod.Register, m.CSeqMethod);
        }

        [Fact]
        public void Semiuri_semicolon_inside_user_part()
        {
            SipMessage m = Accept("rfc4475", "semiuri.dat");
            Assert.Equal("user;par=u%40example.net", S(m, m.RequestUri.User));
            Assert.Equal("example.com", S(m, m.RequestUri.Host));
            Assert.False(m.RequestUri.Parameters.IsPresent);
            Assert.True(m.HeaderHasToken(SipHeaderId.Accept, "message/sipfrag"));
        }

        [Fact]
        public void Transports_known_and_unknown()
        {
            SipMessage m = Accept("rfc4475", "transports.dat");
            string[] expected = { "UDP", "SCTP", "TLS", "UNKNOWN", "TCP" };
            Assert.Equal(5, m.ViaCount);
            for (int i = 0; i < expected.Length; i++)
            {
                SipVia v;
                Assert.True(m.TryGetVia(i, out v));
                Assert.Equal(expected[i], S(m, v.Transport));
                Assert.Equal("t" + (i + 1) + ".example.com", S(m, v.Host));
            }
        }

        [Fact]
        public void Mpart01_body_framed_by_content_length()
        {
            SipMessage m = Accept("rfc4475", "mpart01.dat");
            Assert.Equal(SipMethod.Message, m.Method);
            Assert.True(m.ContentLength > 0);
            Assert.Equal(m.ContentLength, m.Body.Length);
            Assert.Equal(m.Count, m.Body.End);
            Assert.StartsWith("multipart/mixed", S(m, m.ContentType));
            Assert.Equal(0, m.Via.RPort);
        }

        [Fact]
        public void Unreason_and_noreason_reason_phrases()
        {
            SipMessage m = Accept("rfc4475", "unreason.dat");
            Assert.False(m.IsRequest);
            Assert.Equal(200, m.StatusCode);
            Assert.StartsWith("= 2**3 * 5**2 \u043d\u043e", S(m, m.ReasonPhrase));
            m = Accept("rfc4475", "noreason.dat");
            Assert.Equal(100, m.StatusCode);
            Assert.Equal(0, m.ReasonPhrase.Length);
            Assert.Equal("902jndnke3", S(m, m.To.Tag));
        }

        [Fact]
        public void Unknown_and_atypical_schemes_parse_opaque()
        {
            SipMessage m = Accept("rfc4475", "unkscm.dat");
            Assert.Equal(SipUriScheme.Other, m.RequestUri.Scheme);
            Assert.Equal("nobodyKnowsThisScheme", S(m, m.RequestUri.SchemeName));
            Assert.Equal("totallyopaquecontent", S(m, m.RequestUri.Opaque));
            m = Accept("rfc4475", "novelsc.dat");
            Assert.Equal("soap.beep", S(m, m.RequestUri.SchemeName));
            m = Accept("rfc4475", "unksm2.dat");
            Assert.Equal("isbn", S(m, m.To.Uri.SchemeName));
            Assert.Equal("http", S(m, m.From.Uri.SchemeName));
            Assert.Equal("3234233", S(m, m.From.Tag));
            Assert.Equal("name:John_Smith", S(m, m.Contact.Uri.Whole));
        }

        [Fact]
        public void Contact_parameters_vs_uri_parameters()
        {
            SipMessage m = Accept("rfc4475", "cparam01.dat");
            SipSlice p;
            Assert.True(m.Contact.TryGetParameter(m.Buffer, "unknownparam", out p));
            Assert.False(m.Contact.Uri.Parameters.IsPresent);
            m = Accept("rfc4475", "cparam02.dat");
            Assert.False(m.Contact.Parameters.IsPresent);
            Assert.True(m.Contact.Uri.TryGetParameter(m.Buffer, "unknownparam", out p));
            m = Accept("rfc4475", "regescrt.dat");
            Assert.Equal("Route=%3Csip:sip.example.com%3E", S(m, m.Contact.Uri.Headers));
        }

        [Fact]
        public void Badbranch_bare_cookie_and_inv2543_backward_compatibility()
        {
            SipMessage m = Accept("rfc4475", "badbranch.dat");
            Assert.Equal("z9hG4bK", S(m, m.Via.Branch));
            m = Accept("rfc4475", "inv2543.dat");
            Assert.False(m.Via.Branch.IsPresent);
            Assert.Equal(-1, m.MaxForwards);
            Assert.Equal(-1, m.ContentLength);
            Assert.False(m.To.Tag.IsPresent);
            Assert.Equal(m.Count - m.Body.Start, m.Body.Length);
            // Unbracketed: ";user=phone" belongs to the To header, not to the URI (RFC 3261 §20.10).
            Assert.True(m.To.TryGetParameter(m.Buffer, "user", out SipSlice user));
            Assert.Equal("phone", S(m, user));
            Assert.False(m.To.Uri.Parameters.IsPresent);
            Assert.True(m.From.Uri.TryGetParameter(m.Buffer, "user", out user));
            Assert.Equal("phone", S(m, user));
        }

        [Fact]
        public void Zeromf_bcast_and_scalar_headers()
        {
            Assert.Equal(0, Accept("rfc4475", "zeromf.dat").MaxForwards);
            SipMessage m = Accept("rfc4475", "bcast.dat");
            SipVia v;
            Assert.True(m.TryGetVia(1, out v));
            Assert.Equal("255.255.255.255", S(m, v.Host));
            m = Accept("rfc4475", "bext01.dat");
            Assert.True(m.HeaderHasToken(SipHeaderId.Require, "nothingSupportsThis"));
            m = Accept("rfc4475", "regaut01.dat");
            Assert.StartsWith("NoOneKnowsThisScheme", m.GetHeaderString(SipHeaderId.Authorization));
        }

        [Theory]
        [InlineData("badvers.dat", SipParseError.VersionNotSupported)]
        [InlineData("mismatch01.dat", SipParseError.BadCSeq)]
        [InlineData("mismatch02.dat", SipParseError.BadCSeq)]
        [InlineData("clerr.dat", SipParseError.BadContentLength)]
        [InlineData("ncl.dat", SipParseError.BadContentLength)]
        [InlineData("scalar02.dat", SipParseError.BadCSeq)]
        [InlineData("bigcode.dat", SipParseError.BadStartLine)]
        [InlineData("insuf.dat", SipParseError.MissingHeader)]
        [InlineData("multi01.dat", SipParseError.DuplicateHeader)]
        [InlineData("mcl01.dat", SipParseError.DuplicateHeader)]
        [InlineData("ltgtruri.dat", SipParseError.BadRequestUri)]
        [InlineData("lwsruri.dat", SipParseError.BadStartLine)]
        [InlineData("badinv01.dat", SipParseError.BadHeaderValue)]
        [InlineData("quotbal.dat", SipParseError.BadHeaderValue)]
        [InlineData("regbadct.dat", SipParseError.BadHeaderValue)]
        [InlineData("baddn.dat", SipParseError.BadHeaderValue)]
        public void Invalid_messages_give_the_expected_reason(string name, SipParseError expected)
        {
            byte[] data;
            SipMessage m = Parse("rfc4475", name, out data);
            Assert.Equal(expected, m.Error);
            Assert.Equal(1, m.Stats.RejectedFor(expected));
        }

        // RFC 4475 leaves these to the element; the choices are pinned so a change is deliberate.
        [Theory]
        [InlineData("lwsstart.dat", false)] // strict Request-Line: exactly one SP between elements (RFC 3261 §7.1)
        [InlineData("trws.dat", false)]     // trailing SP makes the SIP-Version malformed
        [InlineData("escruri.dat", true)]   // accepted; the URI headers stay in RequestUri.Headers and are never applied
        [InlineData("baddate.dat", true)]   // Date is not interpreted by the parser
        [InlineData("badaspec.dat", false)] // no LWS inside <> (RFC 3261 §25.1 addr-spec)
        public void Either_cases_have_a_pinned_choice(string name, bool accepted)
        {
            byte[] data;
            SipMessage m = Parse("rfc4475", name, out data);
            Assert.Equal(accepted, m.IsValid);
            if (name == "escruri.dat") Assert.Equal("Route=%3Csip:example.com%3E", S(m, m.RequestUri.Headers));
        }

        [Fact]
        public void Ipv6_references_in_uri_and_via()
        {
            SipMessage m = Accept("rfc5118", "ipv6-good.dat");
            Assert.Equal("[2001:db8::10]", S(m, m.RequestUri.Host));
            Assert.True(m.RequestUri.HostIsIPv6);
            Assert.Equal("[2001:db8::9:1]", S(m, m.Via.Host));
            Assert.True(m.Via.HostIsIPv6);
            Assert.Equal("[2001:db8::1]", S(m, m.Contact.Uri.Host));
            Assert.Equal("\"Caller\"", S(m, m.Contact.DisplayName));

            byte[] data;
            Assert.Equal(SipParseError.BadRequestUri, Parse("rfc5118", "ipv6-bad.dat", out data).Error);

            m = Accept("rfc5118", "port-ambiguous.dat");
            Assert.Equal("[2001:db8::10:5070]", S(m, m.RequestUri.Host));
            Assert.Equal(0, m.RequestUri.Port);
            m = Accept("rfc5118", "port-unambiguous.dat");
            Assert.Equal("[2001:db8::10]", S(m, m.RequestUri.Host));
            Assert.Equal(5070, m.RequestUri.Port);

            m = Accept("rfc5118", "ipv6-bug-abnf-3-colons.dat");
            Assert.Equal("[2001:db8:::192.0.2.1]", S(m, m.RequestUri.Host));
            m = Accept("rfc5118", "ipv6-correct-abnf-2-colons.dat");
            Assert.Equal("[2001:db8::192.0.2.1]", S(m, m.To.Uri.Host));
            m = Accept("rfc5118", "ipv4-mapped-ipv6.dat");
            Assert.Equal("[::ffff:192.0.2.10]", S(m, m.Via.Host));
            Assert.Equal(19823, m.Via.Port);
            Assert.Equal("[::ffff:192.0.2.2]", S(m, m.Contact.Uri.Host));
            m = Accept("rfc5118", "ipv6-in-sdp.dat");
            Assert.Equal(m.ContentLength, m.Body.Length);
            Assert.Contains("IP6 2001:db8::20", S(m, m.Body));
        }

        [Fact]
        public void Via_received_with_and_without_brackets_and_mixed_hosts()
        {
            SipMessage m = Accept("rfc5118", "via-received-param-with-delim.dat");
            Assert.Equal("[2001:db8::9:255]", S(m, m.Via.Received));
            Assert.Equal("z9hG4bKas3-111", S(m, m.Via.Branch));
            m = Accept("rfc5118", "via-received-param-no-delim.dat");
            Assert.Equal("2001:db8::9:255", S(m, m.Via.Received));
            Assert.Equal("z9hG4bKas3", S(m, m.Via.Branch));

            m = Accept("rfc5118", "mult-ip-in-header.dat");
            Assert.Equal(3, m.ViaCount);
            Assert.Equal("[2001:db8::9:1]", S(m, m.Via.Host));
            Assert.Equal(6050, m.Via.Port);
            SipVia v;
            Assert.True(m.TryGetVia(1, out v));
            Assert.Equal("192.0.2.1", S(m, v.Host));
            Assert.False(v.HostIsIPv6);
            Assert.True(m.TryGetVia(2, out v));
            Assert.Equal("[2001:db8::9:255]", S(m, v.Host));
            Assert.Equal("TCP", S(m, v.Transport));
            Assert.Equal("192.0.2.200", S(m, v.Received));
        }
    }
}
