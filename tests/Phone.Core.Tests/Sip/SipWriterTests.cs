// Builder tests: requests and RFC 3261 §8.2.6 responses written by SipWriter parse back to the same fields.
namespace Phone.Core.Tests.Sip
{
    using System;
    using System.Text;
    using CsCheck;
    using Phone.Core.Sip;

    public class SipWriterTests
    {
        private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

        private static SipMessage ParseWritten(SipWriter w)
        {
            Assert.False(w.Overflow);
            var m = new SipMessage();
            Assert.True(m.TryParse(w.Buffer, w.Offset, w.Length), "written message rejected: " + SipParseStats.ErrorName(m.Error)
                + "\n" + Encoding.UTF8.GetString(w.Buffer, w.Offset, w.Length));
            return m;
        }

        private static byte[] Invite(SipWriter w, byte[] sdp)
        {
            var ids = new SipIdGenerator(new Random(1));
            byte[] branch = new byte[32], tag = new byte[16], callId = new byte[64];
            int bl = ids.WriteBranch(branch, 0), tl = ids.WriteTag(tag, 0), cl = ids.WriteCallId(callId, 0, "192.168.1.2");
            w.WriteRequestLine(SipMethod.Invite, "sip:303@pbx.example.com");
            w.WriteVia("UDP", "192.168.1.2", 5060, branch, 0, bl, true);
            w.WriteMaxForwards(70);
            w.WriteNameAddr(SipHeaderId.From, "Desk \"7\" \\ Ünïcode", "sip:201@pbx.example.com", tag, 0, tl);
            w.WriteNameAddr(SipHeaderId.To, null, "sip:303@pbx.example.com", null, 0, 0);
            w.WriteCallId(callId, 0, cl);
            w.WriteCSeq(102, SipMethod.Invite);
            w.WriteContact("sip:201@192.168.1.2:5060", -1);
            w.WriteHeader(SipHeaderId.UserAgent, "Phone/0.1");
            w.WriteHeader(SipHeaderId.Allow, "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, NOTIFY, REFER");
            w.WriteHeader(SipHeaderId.Supported, "replaces, timer");
            w.EndWithBody("application/sdp", sdp, 0, sdp.Length);
            return callId;
        }

        [Fact]
        public void Request_round_trips_through_the_parser()
        {
            byte[] sdp = B("v=0\r\no=- 1 1 IN IP4 192.168.1.2\r\ns=-\r\nc=IN IP4 192.168.1.2\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n");
            var w = new SipWriter(new byte[1500]);
            Invite(w, sdp);
            SipMessage m = ParseWritten(w);
            byte[] b = m.Buffer;
            Assert.Equal(SipMethod.Invite, m.Method);
            Assert.Equal("303", m.GetString(m.RequestUri.User));
            Assert.Equal("pbx.example.com", m.GetString(m.RequestUri.Host));
            Assert.True(m.Via.HasRfc3261Branch(b));
            Assert.Equal(SipIdGenerator.BranchLength, m.Via.Branch.Length);
            Assert.Equal(0, m.Via.RPort);
            Assert.Equal(5060, m.Via.Port);
            Assert.True(m.Via.Transport.Equals(b, "UDP"));
            Assert.Equal("\"Desk \\\"7\\\" \\\\ Ünïcode\"", m.GetString(m.From.DisplayName));
            Assert.Equal(SipIdGenerator.TagLength, m.From.Tag.Length);
            Assert.False(m.To.Tag.IsPresent);
            Assert.EndsWith("@192.168.1.2", m.GetString(m.CallId));
            Assert.Equal(102u, m.CSeqNumber);
            Assert.Equal(70, m.MaxForwards);
            Assert.Equal(5060, m.Contact.Uri.Port);
            Assert.True(m.HeaderHasToken(SipHeaderId.Allow, "REFER"));
            Assert.True(m.HeaderHasToken(SipHeaderId.Supported, "timer"));
            Assert.Equal("Phone/0.1", m.GetHeaderString(SipHeaderId.UserAgent));
            Assert.True(m.ContentType.Equals(b, "application/sdp"));
            Assert.Equal(sdp.Length, m.Body.Length);
            Assert.Equal(m.Count, m.Body.End);
        }

        [Fact]
        public void Response_copies_vias_from_to_callid_cseq_and_adds_the_to_tag()
        {
            byte[] req = SipCorpus.Read("rfc4475", "wsinv.dat");
            var r = new SipMessage();
            Assert.True(r.TryParse(req, 0, req.Length));
            // wsinv's To already has a tag: it must be kept, not replaced.
            var w = new SipWriter(new byte[1500]);
            byte[] tag = B("as83kd9");
            w.WriteResponseHeaders(r, 486, "Busy Here", tag, 0, tag.Length, false);
            w.EndWithoutBody();
            SipMessage m = ParseWritten(w);
            Assert.Equal(486, m.StatusCode);
            Assert.Equal("Busy Here", m.GetString(m.ReasonPhrase));
            Assert.Equal(3, m.ViaCount);
            for (int i = 0; i < 3; i++)
            {
                Assert.True(r.TryGetVia(i, out SipVia a));
                Assert.True(m.TryGetVia(i, out SipVia b));
                Assert.Equal(r.GetString(a.Branch), m.GetString(b.Branch));
                Assert.Equal(r.GetString(a.Host), m.GetString(b.Host));
            }
            Assert.Equal("1918181833n", m.GetString(m.To.Tag));
            Assert.Equal("98asjd8", m.GetString(m.From.Tag));
            Assert.Equal(r.GetString(r.CallId), m.GetString(m.CallId));
            Assert.Equal(9u, m.CSeqNumber);
            Assert.Equal(SipMethod.Invite, m.CSeqMethod);
            Assert.Equal(0, m.Body.Length);

            // The office INVITE has no To tag: a 180 gets ours, a 100 does not (RFC 3261 §8.2.6.2).
            req = SipCorpus.Read("office", "04_INVITE_sdp.sip");
            Assert.True(r.TryParse(req, 0, req.Length));
            w.Reset();
            w.WriteResponseHeaders(r, 180, "Ringing", tag, 0, tag.Length, true);
            w.WriteContact("sip:303@192.168.1.9", -1);
            w.EndWithoutBody();
            m = ParseWritten(w);
            Assert.Equal("as83kd9", m.GetString(m.To.Tag));
            Assert.Equal(r.GetString(r.Via.Branch), m.GetString(m.Via.Branch));
            Assert.Equal(0, m.Via.RPort);
            w.Reset();
            w.WriteResponseHeaders(r, 100, "Trying", tag, 0, tag.Length, false);
            w.EndWithoutBody();
            m = ParseWritten(w);
            Assert.False(m.To.Tag.IsPresent);
        }

        [Fact]
        public void Cancel_and_ack_for_non_2xx_match_the_invite_transaction()
        {
            byte[] inv = Encoding.ASCII.GetBytes(("INVITE sip:303@pbx.example.com;transport=udp SIP/2.0\n" +
                "Via: SIP/2.0/UDP 10.0.0.2:5060;rport;branch=z9hG4bKinv1\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKold\n" +
                "Max-Forwards: 70\nRoute: <sip:p1.example.com;lr>,\n <sip:p2.example.com;lr>\n" +
                "From: \"Desk\" <sip:201@pbx.example.com>;tag=ft1\nTo: <sip:303@pbx.example.com>\nCall-ID: cid-1@10.0.0.2\n" +
                "CSeq: 4711 INVITE\nContent-Length: 0\n\n").Replace("\n", "\r\n"));
            var invite = new SipMessage();
            Assert.True(invite.TryParse(inv, 0, inv.Length));
            var w = new SipWriter(new byte[1500]);
            w.WriteCancel(invite);
            w.EndWithoutBody();
            SipMessage c = ParseWritten(w);
            Assert.Equal(SipMethod.Cancel, c.Method);
            Assert.Equal(SipMethod.Cancel, c.CSeqMethod);
            Assert.Equal(4711u, c.CSeqNumber);
            Assert.Equal("sip:303@pbx.example.com;transport=udp", c.GetString(c.RequestUri.Whole));
            Assert.Equal(1, c.ViaCount);
            Assert.Equal("z9hG4bKinv1", c.GetString(c.Via.Branch));
            Assert.Equal(0, c.Via.RPort);
            Assert.Equal("ft1", c.GetString(c.From.Tag));
            Assert.False(c.To.Tag.IsPresent);
            Assert.Equal("cid-1@10.0.0.2", c.GetString(c.CallId));
            Assert.True(c.TryGetNameAddr(SipHeaderId.Route, 1, out SipNameAddr r2));
            Assert.Equal("p2.example.com", c.GetString(r2.Uri.Host));
            Assert.Equal(70, c.MaxForwards);

            var resp = new SipWriter(new byte[1500]);
            byte[] tag = B("uas9");
            resp.WriteResponseHeaders(invite, 486, "Busy Here", tag, 0, tag.Length, false);
            resp.EndWithoutBody();
            SipMessage busy = ParseWritten(resp);
            w.Reset();
            w.WriteAckForNon2xx(invite, busy);
            w.EndWithoutBody();
            SipMessage ack = ParseWritten(w);
            Assert.Equal(SipMethod.Ack, ack.Method);
            Assert.Equal(SipMethod.Ack, ack.CSeqMethod);
            Assert.Equal(4711u, ack.CSeqNumber);
            Assert.Equal("uas9", ack.GetString(ack.To.Tag));
            Assert.Equal("z9hG4bKinv1", ack.GetString(ack.Via.Branch));
        }

        [Fact]
        public void Body_written_in_place_gets_its_content_length_filled_in()
        {
            var w = new SipWriter(new byte[800], 100, 700);
            w.WriteRequestLine(SipMethod.Message, "sip:a@b.example");
            byte[] branch = B("z9hG4bKabc");
            w.WriteVia("TCP", "10.0.0.1", 0, branch, 0, branch.Length, false);
            w.WriteNameAddr(SipHeaderId.From, null, "sip:me@b.example", B("t1"), 0, 2);
            w.WriteNameAddr(SipHeaderId.To, null, "sip:a@b.example", null, 0, 0);
            w.WriteHeader(SipHeaderId.CallId, "c1@x");
            w.WriteCSeq(1, SipMethod.Message);
            w.BeginBody("text/plain");
            byte[] text = B("hello, world");
            Array.Copy(text, 0, w.Buffer, w.BodyStart, text.Length);
            w.EndBody(text.Length);
            SipMessage m = ParseWritten(w);
            Assert.Equal(12, m.ContentLength);
            Assert.Equal("hello, world", m.GetString(m.Body));
            Assert.Equal(100, m.Offset);
            Assert.Equal(-1, m.Via.RPort);
            Assert.Equal(0, m.Via.Port);
        }

        [Fact]
        public void Compact_form_output_parses_to_the_same_fields()
        {
            var w = new SipWriter(new byte[1500]) { UseCompactForm = true };
            byte[] callId = Invite(w, B("v=0\r\n"));
            string text = Encoding.UTF8.GetString(w.Buffer, 0, w.Length);
            Assert.Contains("\r\nv: SIP/2.0/UDP", text);
            Assert.Contains("\r\nf: ", text);
            Assert.Contains("\r\nl: 5\r\n", text);
            SipMessage m = ParseWritten(w);
            Assert.True(SipText.StartsWith(callId, 0, callId.Length, m.GetString(m.CallId)));
            Assert.Equal(5, m.Body.Length);
            Assert.Equal(1, m.ContactCount);
        }

        [Fact]
        public void Overflow_is_flagged_never_thrown()
        {
            for (int size = 0; size < 400; size += 7)
            {
                var w = new SipWriter(new byte[size]);
                Invite(w, B("v=0\r\n"));
                Assert.True(w.Overflow);
                Assert.True(w.Length <= size);
            }
            // A writer over the middle of an array never writes outside its region, even for copied slices.
            byte[] req = SipCorpus.Read("rfc4475", "wsinv.dat");
            var r = new SipMessage();
            Assert.True(r.TryParse(req, 0, req.Length));
            for (int cap = 0; cap < 300; cap += 5)
            {
                byte[] arr = new byte[400];
                var mid = new SipWriter(arr, 50, cap);
                mid.WriteResponseHeaders(r, 200, "OK", null, 0, 0, false);
                mid.EndWithoutBody();
                for (int i = 0; i < 50; i++) Assert.Equal(0, arr[i]);
                for (int i = 50 + cap; i < arr.Length; i++) Assert.Equal(0, arr[i]);
                Assert.True(mid.Overflow);
            }
            var e = new SipWriter(new byte[40]);
            e.BeginBody(null);
            e.EndBody(100);
            Assert.True(e.Overflow);
        }

        [Fact]
        public void Id_generator_is_deterministic_per_seed_and_writes_tokens()
        {
            byte[] a = new byte[64], b = new byte[64];
            var g1 = new SipIdGenerator(new Random(7));
            var g2 = new SipIdGenerator(new Random(7));
            Assert.Equal(g1.WriteBranch(a, 0), g2.WriteBranch(b, 0));
            Assert.Equal(a, b);
            Assert.Equal("z9hG4bK", Encoding.ASCII.GetString(a, 0, 7));
            int n = g1.WriteTag(a, 3);
            Assert.Equal(SipIdGenerator.TagLength, n);
            for (int i = 3; i < 3 + n; i++) Assert.True(SipText.IsToken(a[i]));
            int c = g1.WriteCallId(a, 0, "h.example");
            Assert.Equal(SipIdGenerator.CallIdRandomLength + 10, c);
            Assert.Equal(-1, g1.WriteCallId(a, 60, null));
            Assert.Equal(-1, g1.WriteBranch(a, 50));
            var g3 = new SipIdGenerator(new Random(8));
            g3.WriteBranch(b, 0);
            g1 = new SipIdGenerator(new Random(7));
            g1.WriteBranch(a, 0);
            Assert.NotEqual(Encoding.ASCII.GetString(a, 0, 19), Encoding.ASCII.GetString(b, 0, 19));
        }

        private sealed class Fields
        {
            public string User, Host, Tag, Branch, CallId, Transport, Display, Body;
            public int Port;
            public uint CSeq;
            public int Method;
            public bool IPv6, RPort;
            public override string ToString() => $"{User}@{Host}:{Port} tag={Tag} branch={Branch} cid={CallId} {CSeq} m={Method} {Transport} \"{Display}\" v6={IPv6}";
        }

        private const string Alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

        private static Gen<string> Chars(string set, int min, int max) => Gen.Char[set].Array[min, max].Select(a => new string(a));

        [Fact]
        public void Property_build_then_parse_gives_back_the_fields()
        {
            var gen =
                from user in Chars(Alnum + "-_.!~*'()&=+$,;?/%", 1, 20).Select(u => u.Replace("%", "%25"))
                from host in Chars(Alnum + "-.", 1, 30)
                from v6 in Gen.Bool
                from port in Gen.Int[0, 65535]
                from tag in Chars(Alnum + "-.!%*_+`'~", 1, 24)
                from branch in Chars(Alnum + "-.!%*_+`'~", 1, 24)
                from callId in Chars(Alnum + "-.!%*_+`'~()<>:\\\"/[]?{}", 1, 40)
                from cseq in Gen.UInt
                from method in Gen.Int[1, 14]
                from transport in Gen.Char["UDPTCLSW"].Array[2, 5].Select(a => new string(a))
                from display in Gen.String[0, 20]
                from rport in Gen.Bool
                from body in Gen.String[0, 200]
                select new Fields
                {
                    User = user, Host = v6 ? "[2001:db8::" + port.ToString("x") + "]" : host, IPv6 = v6, Port = port, Tag = tag,
                    Branch = "z9hG4bK" + branch, CallId = callId, CSeq = cseq, Method = method, Transport = transport,
                    Display = display.Replace("\r", "").Replace("\n", "").Replace("\0", ""), RPort = rport, Body = body,
                };
            gen.Sample(f =>
            {
                // CsCheck samples on several threads: buffers per sample.
                var parsed = new SipMessage(64, 8192, null);
                byte[] buf = new byte[8192];
                var w = new SipWriter(buf);
                SipMethod method = (SipMethod)f.Method;
                string uri = "sip:" + f.User + "@" + f.Host + (f.Port > 0 ? ":" + f.Port : "");
                w.WriteRequestLine(method, uri);
                byte[] branch = B(f.Branch);
                w.WriteVia(f.Transport, f.Host, f.Port, branch, 0, branch.Length, f.RPort);
                w.WriteNameAddr(SipHeaderId.From, f.Display, uri, B(f.Tag), 0, B(f.Tag).Length);
                w.WriteNameAddr(SipHeaderId.To, null, uri, null, 0, 0);
                byte[] cid = B(f.CallId);
                w.WriteCallId(cid, 0, cid.Length);
                w.WriteCSeq(f.CSeq, method);
                w.WriteMaxForwards(70);
                byte[] body = B(f.Body);
                w.EndWithBody("text/plain;charset=utf-8", body, 0, body.Length);
                Assert.False(w.Overflow);
                Assert.True(parsed.TryParse(buf, 0, w.Length), SipParseStats.ErrorName(parsed.Error));
                Assert.Equal(method, parsed.Method);
                Assert.Equal(f.User, parsed.GetString(parsed.RequestUri.User));
                Assert.Equal(f.Host, parsed.GetString(parsed.RequestUri.Host));
                Assert.Equal(f.IPv6, parsed.RequestUri.HostIsIPv6);
                Assert.Equal(f.Port, parsed.RequestUri.Port);
                Assert.Equal(f.Host, parsed.GetString(parsed.Via.Host));
                Assert.Equal(f.Port, parsed.Via.Port);
                Assert.Equal(f.Transport, parsed.GetString(parsed.Via.Transport));
                Assert.Equal(f.Branch, parsed.GetString(parsed.Via.Branch));
                Assert.Equal(f.RPort ? 0 : -1, parsed.Via.RPort);
                Assert.Equal(f.Tag, parsed.GetString(parsed.From.Tag));
                Assert.Equal(f.User, parsed.GetString(parsed.From.Uri.User));
                Assert.Equal(f.CallId, parsed.GetString(parsed.CallId));
                Assert.Equal(f.CSeq, parsed.CSeqNumber);
                Assert.Equal(method, parsed.CSeqMethod);
                Assert.Equal(f.Body, parsed.GetString(parsed.Body) ?? "");
                Assert.Equal(f.Display.Length > 0, parsed.From.DisplayName.IsPresent);
                if (f.Display.Length > 0) Assert.Equal(Quote(f.Display), parsed.GetString(parsed.From.DisplayName));
            }, iter: 3000);
        }

        private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
