// Header and method names kept as literals: every name and compact form round-trips through lookup and the writer.
namespace Phone.Core.Tests.Sip
{
    using System;
    using System.Text;
    using Phone.Core.Sip;

    public class SipNameTableTests
    {
        // The names as the string[] held them, in SipHeaderId order (IANA SIP header registry spelling).
        private static readonly string[] HeaderNames =
        {
            "", "Via", "From", "To", "Call-ID", "CSeq", "Max-Forwards", "Content-Length", "Content-Type", "Contact",
            "Expires", "Route", "Record-Route", "Authorization", "Proxy-Authorization", "WWW-Authenticate",
            "Proxy-Authenticate", "Authentication-Info", "Require", "Proxy-Require", "Supported", "Unsupported", "Allow",
            "Allow-Events", "Event", "Subscription-State", "Refer-To", "Referred-By", "Replaces", "Session-Expires",
            "Min-SE", "RSeq", "RAck", "Retry-After", "Min-Expires", "User-Agent", "Server", "Subject", "Content-Encoding",
            "Content-Disposition", "Accept", "Accept-Encoding", "Accept-Language", "Accept-Contact", "Reject-Contact",
            "Request-Disposition", "Identity", "Identity-Info", "Date", "Warning", "Timestamp", "Organization", "Priority",
            "Reply-To", "Call-Info", "Alert-Info", "Error-Info", "In-Reply-To", "MIME-Version", "Content-Language",
            "P-Asserted-Identity", "P-Preferred-Identity", "Privacy", "Path", "Service-Route", "SIP-ETag", "SIP-If-Match",
            "Reason",
        };

        // RFC 3261 §7.3.3 and the registry's compact forms (RFC 3515, 3892, 3841, 4028, 4474, 6665, 8224).
        private static readonly (char Letter, SipHeaderId Id)[] Compact =
        {
            ('v', SipHeaderId.Via), ('f', SipHeaderId.From), ('t', SipHeaderId.To), ('i', SipHeaderId.CallId),
            ('l', SipHeaderId.ContentLength), ('c', SipHeaderId.ContentType), ('m', SipHeaderId.Contact),
            ('k', SipHeaderId.Supported), ('u', SipHeaderId.AllowEvents), ('o', SipHeaderId.Event),
            ('r', SipHeaderId.ReferTo), ('b', SipHeaderId.ReferredBy), ('x', SipHeaderId.SessionExpires),
            ('s', SipHeaderId.Subject), ('e', SipHeaderId.ContentEncoding), ('a', SipHeaderId.AcceptContact),
            ('j', SipHeaderId.RejectContact), ('d', SipHeaderId.RequestDisposition), ('y', SipHeaderId.Identity),
            ('n', SipHeaderId.IdentityInfo),
        };

        private static readonly string[] MethodNames =
        {
            "", "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "INFO", "UPDATE", "PRACK", "SUBSCRIBE", "NOTIFY",
            "REFER", "MESSAGE", "PUBLISH",
        };

        private static SipHeaderId LookupBytes(string name)
        {
            byte[] b = Encoding.ASCII.GetBytes("##" + name + "#");
            return SipHeaders.Lookup(b, 2, name.Length);
        }

        private static SipMethod LookupMethod(string name)
        {
            byte[] b = Encoding.ASCII.GetBytes("#" + name + "##");
            return SipMethods.Lookup(b, 1, name.Length);
        }

        private static char? CompactOf(SipHeaderId id)
        {
            foreach (var c in Compact) if (c.Id == id) return c.Letter;
            return null;
        }

        [Fact]
        public void Every_header_id_has_its_name_and_every_spelling_of_it_looks_up_to_it()
        {
            Assert.Equal(HeaderNames.Length, Enum.GetValues(typeof(SipHeaderId)).Length);
            Assert.Equal(HeaderNames.Length, SipHeaders.Count);
            for (int i = 1; i < HeaderNames.Length; i++)
            {
                var id = (SipHeaderId)i;
                string name = HeaderNames[i];
                Assert.Equal(name, SipHeaders.Name(id));
                Assert.Equal(name.Length, SipHeaders.NameLength(id));
                foreach (string spelling in new[] { name, name.ToUpperInvariant(), name.ToLowerInvariant(), Alternate(name) })
                {
                    Assert.Equal(id, LookupBytes(spelling));
                    Assert.Equal(id, SipHeaders.Lookup(spelling));
                }
            }
            Assert.Equal("", SipHeaders.Name(SipHeaderId.Unknown));
            Assert.Equal("", SipHeaders.Name((SipHeaderId)HeaderNames.Length));
            Assert.Equal(0, SipHeaders.NameLength(SipHeaderId.Unknown));
        }

        [Fact]
        public void A_name_one_character_off_or_too_short_or_too_long_is_unknown_unless_it_is_another_header()
        {
            for (int i = 1; i < HeaderNames.Length; i++)
            {
                string name = HeaderNames[i];
                var near = new System.Collections.Generic.List<string> { name + "s", name.Substring(0, name.Length - 1), "X" + name };
                for (int k = 0; k < name.Length; k++) near.Add(name.Substring(0, k) + (name[k] == 'q' ? 'z' : 'q') + name.Substring(k + 1));
                foreach (string s in near)
                {
                    int other = Array.FindIndex(HeaderNames, n => n.Length > 0 && string.Equals(n, s, StringComparison.OrdinalIgnoreCase));
                    SipHeaderId expected = other > 0 ? (SipHeaderId)other
                        : s.Length == 1 ? LookupCompactExpected(s[0]) : SipHeaderId.Unknown;
                    Assert.Equal(expected, LookupBytes(s));
                    Assert.Equal(expected, SipHeaders.Lookup(s));
                }
            }
            Assert.Equal(SipHeaderId.Unknown, LookupBytes("X-Custom"));
            Assert.Equal(SipHeaderId.Unknown, LookupBytes("1nvalid"));
            Assert.Equal(SipHeaderId.Unknown, SipHeaders.Lookup(new byte[1], 0, 0));
            Assert.Equal(SipHeaderId.Unknown, SipHeaders.Lookup(""));
            Assert.Equal(SipHeaderId.Unknown, SipHeaders.Lookup((string)null));
        }

        private static SipHeaderId LookupCompactExpected(char c)
        {
            foreach (var e in Compact) if (e.Letter == char.ToLowerInvariant(c)) return e.Id;
            return SipHeaderId.Unknown;
        }

        [Fact]
        public void Every_letter_looks_up_to_its_compact_form_or_unknown_and_compact_names_are_written_for_those_only()
        {
            for (char c = 'a'; c <= 'z'; c++)
            {
                SipHeaderId expected = LookupCompactExpected(c);
                Assert.Equal(expected, LookupBytes(c.ToString()));
                Assert.Equal(expected, LookupBytes(char.ToUpperInvariant(c).ToString()));
                Assert.Equal(expected, SipHeaders.Lookup(c.ToString()));
            }
            for (int i = 1; i < HeaderNames.Length; i++)
            {
                var id = (SipHeaderId)i;
                char? letter = CompactOf(id);
                string expected = letter.HasValue ? letter.Value.ToString() : HeaderNames[i];
                Assert.Equal(expected, SipHeaders.CompactName(id));
                byte[] dst = new byte[24];
                int n = SipHeaders.WriteName(id, true, dst, 2, dst.Length);
                Assert.Equal(expected, Encoding.ASCII.GetString(dst, 2, n));
                n = SipHeaders.WriteName(id, false, dst, 1, dst.Length);
                Assert.Equal(HeaderNames[i], Encoding.ASCII.GetString(dst, 1, n));
            }
            Assert.Equal(0, SipHeaders.WriteName(SipHeaderId.Unknown, true, new byte[4], 0, 4));
        }

        [Fact]
        public void A_name_that_does_not_fit_is_cut_at_the_end_given_and_reports_its_whole_length()
        {
            for (int i = 1; i < HeaderNames.Length; i++)
            {
                string name = HeaderNames[i];
                for (int room = 0; room <= name.Length; room++)
                {
                    byte[] dst = new byte[30];
                    Array.Fill(dst, (byte)'#');
                    Assert.Equal(name.Length, SipHeaders.WriteName((SipHeaderId)i, false, dst, 3, 3 + room));
                    Assert.Equal(name.Substring(0, room), Encoding.ASCII.GetString(dst, 3, room));
                    for (int k = 3 + room; k < dst.Length; k++) Assert.Equal((byte)'#', dst[k]);
                }
            }
            var w = new SipWriter(new byte[40], 0, 10);
            w.BeginHeader(SipHeaderId.ContentLength);
            Assert.True(w.Overflow);
            Assert.Equal(10, w.Length);
            Assert.Equal("Content-Le", Encoding.ASCII.GetString(w.Buffer, 0, 10));
            Assert.Equal(0, w.Buffer[10]);
        }

        [Fact]
        public void Every_method_has_its_name_and_looks_up_only_from_its_exact_case_sensitive_token()
        {
            Assert.Equal(MethodNames.Length, Enum.GetValues(typeof(SipMethod)).Length);
            for (int i = 1; i < MethodNames.Length; i++)
            {
                var m = (SipMethod)i;
                string name = MethodNames[i];
                Assert.Equal(name, SipMethods.Name(m));
                Assert.Equal(name.Length, SipMethods.NameLength(m));
                Assert.Equal(m, LookupMethod(name));
                // RFC 3261 §7.1: the method is case-sensitive.
                Assert.Equal(SipMethod.Unknown, LookupMethod(name.ToLowerInvariant()));
                Assert.Equal(SipMethod.Unknown, LookupMethod(name.Substring(0, name.Length - 1) + char.ToLowerInvariant(name[^1])));
                Assert.Equal(SipMethod.Unknown, LookupMethod(name + "S"));
                Assert.Equal(SipMethod.Unknown, LookupMethod(name.Substring(0, name.Length - 1)));
                for (int k = 1; k < name.Length; k++)
                {
                    Assert.Equal(SipMethod.Unknown, LookupMethod(name.Substring(0, k) + (name[k] == 'Q' ? 'Z' : 'Q') + name.Substring(k + 1)));
                }
                byte[] dst = new byte[12];
                Assert.Equal(name.Length, SipMethods.WriteName(m, dst, 1, dst.Length));
                Assert.Equal(name, Encoding.ASCII.GetString(dst, 1, name.Length));
                Array.Clear(dst);
                Assert.Equal(name.Length, SipMethods.WriteName(m, dst, 0, 2));
                Assert.Equal(name.Substring(0, 2), Encoding.ASCII.GetString(dst, 0, 2));
                Assert.Equal(0, dst[2]);
            }
            Assert.Equal("", SipMethods.Name(SipMethod.Unknown));
            Assert.Equal(0, SipMethods.WriteName(SipMethod.Unknown, new byte[4], 0, 4));
            foreach (string s in new[] { "FOO", "INVITES", "SUBSCRIBES", "IN", "", "NOTIFZ", "PUBLISX", "REFERS" })
            {
                Assert.Equal(SipMethod.Unknown, LookupMethod(s));
            }
        }

        [Fact]
        public void Lookups_and_name_writes_allocate_nothing()
        {
            byte[] text = Encoding.ASCII.GetBytes("Content-Length SUBSCRIBE x-unknown-header");
            byte[] dst = new byte[64];
            SipHeaders.Lookup(text, 0, 14);   // warm-up (JIT, class constructors)
            SipMethods.Lookup(text, 15, 9);
            SipHeaders.WriteName(SipHeaderId.ContentLength, false, dst, 0, dst.Length);
            SipMethods.WriteName(SipMethod.Subscribe, dst, 0, dst.Length);
            int right = 0, wrong = -1;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                if (SipHeaders.Lookup(text, 0, 14) == SipHeaderId.ContentLength) right++; else wrong = i * 10 + 0;
                if (SipHeaders.Lookup(text, 25, 16) == SipHeaderId.Unknown) right++; else wrong = i * 10 + 1;
                if (SipMethods.Lookup(text, 15, 9) == SipMethod.Subscribe) right++; else wrong = i * 10 + 2;
                if (SipHeaders.WriteName((SipHeaderId)(1 + i % 67), (i & 1) == 0, dst, 0, dst.Length) > 0) right++; else wrong = i * 10 + 3;
                if (SipMethods.WriteName((SipMethod)(1 + i % 14), dst, 0, dst.Length) > 0) right++; else wrong = i * 10 + 4;
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(-1, wrong);
            Assert.Equal(500, right);
            Assert.Equal(0, allocated);
        }

        // "Content-Length" -> "cOnTeNt-lEnGtH".
        private static string Alternate(string name)
        {
            var b = new StringBuilder(name.Length);
            for (int i = 0; i < name.Length; i++) b.Append(i % 2 == 0 ? char.ToLowerInvariant(name[i]) : char.ToUpperInvariant(name[i]));
            return b.ToString();
        }
    }
}
