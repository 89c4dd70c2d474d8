// SipMessage keeps its parsed elements in one int table and 16-bit header offsets: the structs it hands out must be
// the ones the element parsers produce (RFC 3261 §7, §20), wherever the message sits in its buffer.
namespace Phone.Core.Tests.Sip
{
    using System;
    using System.Text;
    using Phone.Core.Sip;

    public class SipMessageStorageTests
    {
        private static void AssertElementsMatchTheirParsers(SipMessage m)
        {
            byte[] buf = m.Buffer;
            int next;
            if (m.IsRequest)
            {
                SipSlice whole = m.RequestUri.Whole;
                SipUri uri;
                Assert.True(SipUri.TryParse(buf, whole.Start, whole.Length, out uri));
                Assert.Equal(uri, m.RequestUri);
            }

            SipVia via;
            Assert.True(m.TryGetVia(0, out via));
            Assert.Equal(via, m.Via);

            SipSlice from = m.GetHeaderValue(m.FindHeader(SipHeaderId.From));
            SipNameAddr na;
            Assert.True(SipNameAddr.TryParse(buf, from.Start, from.End, false, out na, out next));
            Assert.Equal(na, m.From);

            SipSlice to = m.GetHeaderValue(m.FindHeader(SipHeaderId.To));
            Assert.True(SipNameAddr.TryParse(buf, to.Start, to.End, false, out na, out next));
            Assert.Equal(na, m.To);

            if (m.ContactCount > 0)
            {
                Assert.True(m.TryGetNameAddr(SipHeaderId.Contact, 0, out na));
                Assert.Equal(na, m.Contact);
            }
            else
            {
                Assert.Equal(default(SipNameAddr), m.Contact);
            }

            SipSlice callId = m.GetHeaderValue(m.FindHeader(SipHeaderId.CallId));
            Assert.Equal(callId, m.CallId);
        }

        [Fact]
        public void Every_accepted_corpus_message_reads_back_the_elements_its_parsers_give_at_any_offset()
        {
            var m = new SipMessage();
            int checkedCount = 0;
            foreach (byte[] msg in SipCorpus.All())
            {
                foreach (int offset in new[] { 0, 1, 777 })
                {
                    byte[] buf = new byte[offset + msg.Length + 3];
                    Array.Copy(msg, 0, buf, offset, msg.Length);
                    if (!m.TryParse(buf, offset, msg.Length)) continue;
                    Assert.Equal(offset, m.Offset);
                    Assert.Equal(msg.Length, m.Count);
                    AssertElementsMatchTheirParsers(m);
                    checkedCount++;
                }
            }
            Assert.True(checkedCount > 30, "corpus accepted " + checkedCount);
        }

        [Fact]
        public void Header_slices_are_absolute_for_a_message_far_into_a_large_buffer()
        {
            string text = "OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h.example.com;branch=z9hG4bK1\r\n"
                + "From: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n"
                + "X-Long: " + new string('x', 3000) + "\r\nContent-Length: 0\r\n\r\n";
            byte[] msg = Encoding.ASCII.GetBytes(text);
            const int offset = 200000; // beyond 16 bits: header offsets are kept relative to the message
            byte[] buf = new byte[offset + msg.Length];
            Array.Copy(msg, 0, buf, offset, msg.Length);
            var m = new SipMessage(64, 8192, null);

            Assert.True(m.TryParse(buf, offset, msg.Length));

            int x = m.FindHeader("X-Long", -1);
            Assert.Equal(5, x);
            Assert.Equal("X-Long", m.GetString(m.GetHeaderName(x)));
            Assert.Equal(new string('x', 3000), m.GetHeaderString(x));
            Assert.Equal(offset + text.IndexOf("X-Long: ", StringComparison.Ordinal) + 8, m.GetHeaderValue(x).Start);
            Assert.Equal("c1", m.GetString(m.CallId));
            Assert.Equal("z9hG4bK1", m.GetString(m.Via.Branch));
            Assert.Equal(offset + msg.Length, m.Body.Start);
        }

        [Fact]
        public void A_parse_starts_from_absent_elements_whatever_the_previous_message_held()
        {
            var m = new SipMessage();
            byte[] full = Encoding.ASCII.GetBytes(
                "REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK2;rport=5062\r\nMax-Forwards: 70\r\n"
                + "From: <sip:a@example.com>;tag=9\r\nTo: <sip:a@example.com>\r\nCall-ID: r1\r\nCSeq: 4294967295 REGISTER\r\n"
                + "Contact: <sip:a@10.0.0.2>\r\nExpires: 4294967295\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi");
            Assert.True(m.TryParse(full, 0, full.Length));
            Assert.Equal(4294967295L, m.Expires);
            Assert.Equal(4294967295u, m.CSeqNumber);
            Assert.Equal(SipMethod.Register, m.CSeqMethod);
            Assert.Equal(70, m.MaxForwards);
            Assert.Equal(5062, m.Via.RPort);
            Assert.Equal(1, m.ContactCount);
            Assert.Equal("hi", m.GetString(m.Body));

            byte[] bare = Encoding.ASCII.GetBytes(
                "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK3\r\nFrom: <sip:a@example.com>;tag=9\r\n"
                + "To: <sip:a@example.com>;tag=8\r\nCall-ID: r2\r\nCSeq: 5 OPTIONS\r\n\r\n");
            Assert.True(m.TryParse(bare, 0, bare.Length));
            Assert.False(m.IsRequest);
            Assert.Equal(200, m.StatusCode);
            Assert.Equal(SipMethod.Unknown, m.Method);
            Assert.False(m.MethodName.IsPresent);
            Assert.Equal(default(SipUri), m.RequestUri);
            Assert.Equal(-1L, m.Expires);
            Assert.Equal(-1, m.MaxForwards);
            Assert.Equal(-1, m.ContentLength);
            Assert.Equal(-1, m.Via.RPort);
            Assert.Equal(0, m.ContactCount);
            Assert.Equal(default(SipNameAddr), m.Contact);
            Assert.False(m.ContentType.IsPresent);
            Assert.Equal(0, m.Body.Length);
            Assert.Equal(5, m.HeaderCount);
            AssertElementsMatchTheirParsers(m);
        }

        [Fact]
        public void A_rejected_parse_leaves_the_same_state_the_field_parser_left()
        {
            var m = new SipMessage();
            byte[] bad = Encoding.ASCII.GetBytes("INVITE sip:bob@[::1 SIP/2.0\r\n\r\n");
            Assert.False(m.TryParse(bad, 0, bad.Length));
            Assert.Equal(SipParseError.BadRequestUri, m.Error);
            SipUri partial;
            Assert.False(SipUri.TryParse(bad, 7, 12, out partial));
            Assert.Equal(partial, m.RequestUri);
            Assert.False(m.IsRequest);
            Assert.Equal(SipMethod.Invite, m.Method);
        }

        [Fact]
        public void The_device_sized_parser_accepts_every_corpus_message_the_host_parser_accepts_that_fits_its_buffer()
        {
            var host = new SipMessage();
            var device = new SipMessage(Phone.Core.Device.MemoryBudget.SipMaxHeaders, Phone.Core.Device.MemoryBudget.SipMessageBufferBytes + 40, null);
            int both = 0, tooLong = 0;
            foreach (byte[] msg in SipCorpus.All())
            {
                if (!host.TryParse(msg, 0, msg.Length)) continue;
                if (msg.Length > Phone.Core.Device.MemoryBudget.SipMessageBufferBytes)
                {
                    tooLong++;   // the transport's receive buffer truncates it: dropped as malformed
                    continue;
                }
                Assert.True(device.TryParse(msg, 0, msg.Length), "device parser: " + device.Error);
                both++;
            }
            Assert.True(both > 30);
            Assert.Equal(1, tooLong);   // RFC 4475 §3.1.1.3 long request (3,515 B; §18.1.1 sends such a request over TCP)
        }

        [Fact]
        public void The_device_header_table_takes_every_corpus_message_the_host_parser_accepts()
        {
            var host = new SipMessage();
            var device = new SipMessage(Phone.Core.Device.MemoryBudget.SipMaxHeaders, SipMessage.DefaultMaxMessageSize + 40, null);
            int mostLines = 0;
            foreach (byte[] msg in SipCorpus.All())
            {
                if (!host.TryParse(msg, 0, msg.Length)) continue;
                Assert.True(device.TryParse(msg, 0, msg.Length), "device parser: " + device.Error);
                mostLines = Math.Max(mostLines, device.HeaderCount);
            }
            Assert.Equal(43, mostLines); // RFC 4475 §3.1.1.3 long request
        }

        [Fact]
        public void Capacities_are_the_constructor_arguments_and_a_size_past_the_16_bit_codes_is_refused()
        {
            var m = new SipMessage(40, 4136, null);
            Assert.Equal(40, m.MaxHeaders);
            Assert.Equal(4136, m.MaxMessageSize);
            Assert.Throws<ArgumentOutOfRangeException>(() => new SipMessage(40, 65536, null));
            Assert.Throws<ArgumentOutOfRangeException>(() => new SipMessage(40, 65534, null));
            Assert.Equal(65533, new SipMessage(1, 65533, null).MaxMessageSize);
        }

        // Ports, rport and ttl share the 16-bit table: the extremes read back unchanged (ttl -1 sign-extended, rport 17 bits).
        [Theory]
        [InlineData(";rport=65535;ttl=255", 65535, 255)]
        [InlineData(";rport", 0, -1)]
        [InlineData("", -1, -1)]
        public void Ports_rport_and_ttl_keep_their_extremes(string viaParams, int rport, int ttl)
        {
            string text = "OPTIONS sip:bob@example.com:65535 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:65535;branch=z9hG4bK1" + viaParams +
                "\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com:1>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n" +
                "Content-Length: 0\r\n\r\n";
            byte[] b = System.Text.Encoding.ASCII.GetBytes(text);
            var m = new SipMessage();
            Assert.True(m.TryParse(b, 0, b.Length), m.Error.ToString());
            Assert.Equal(65535, m.RequestUri.Port);
            Assert.Equal(65535, m.Via.Port);
            Assert.Equal(rport, m.Via.RPort);
            Assert.Equal(ttl, m.Via.Ttl);
            Assert.Equal(1, m.To.Uri.Port);
            Assert.Equal(0, m.From.Uri.Port);
        }

        // Slices are 16-bit codes relative to the message (SipSlice.Store): a message of the largest size, placed far
        // into a bigger buffer, keeps its last element (the body's end, an empty slice at the very end) exact; one
        // byte more is refused as TooLarge, not wrapped.
        [Fact]
        public void An_element_at_the_largest_offset_reads_back_exactly_and_a_longer_message_is_refused()
        {
            const int max = 65533;
            string head = "MESSAGE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n" +
                "From: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 7 MESSAGE\r\n" +
                "Max-Forwards: 70\r\nContent-Type: text/plain\r\n";
            int bodyLength = max - head.Length - "Content-Length: 00000\r\n\r\n".Length;
            string text = head + "Content-Length: " + bodyLength.ToString("D5") + "\r\n\r\n" + new string('x', bodyLength);
            Assert.Equal(max, text.Length);
            const int offset = 70000;
            var buffer = new byte[offset + max + 1];
            System.Text.Encoding.ASCII.GetBytes(text, 0, text.Length, buffer, offset);
            buffer[offset + max] = (byte)'y';

            var m = new SipMessage(16, max, null);
            Assert.True(m.TryParse(buffer, offset, max), m.Error.ToString());
            Assert.Equal(offset + max - bodyLength, m.Body.Start);
            Assert.Equal(bodyLength, m.Body.Length);
            Assert.Equal(offset + max, m.Body.End);
            Assert.Equal("c1", m.CallId.ToString(buffer));
            Assert.Equal(offset + 8, m.RequestUri.Whole.Start);
            Assert.Equal(7u, m.CSeqNumber);

            // The same message with its body shifted so an empty body sits exactly at the end.
            string empty = head + "Content-Length: 0\r\n\r\n";
            var padded = new byte[offset + max];
            int at = offset + max - empty.Length;
            System.Text.Encoding.ASCII.GetBytes(empty, 0, empty.Length, padded, at);
            for (int i = offset; i < at; i++) padded[i] = 13; // leading CRLFs are skipped (RFC 3261 §7.5)
            for (int i = offset + 1; i < at; i += 2) padded[i] = 10;
            Assert.True(m.TryParse(padded, offset, max), m.Error.ToString());
            Assert.Equal(offset + max, m.Body.Start);
            Assert.Equal(0, m.Body.Length);

            Assert.False(m.TryParse(buffer, offset, max + 1));
            Assert.Equal(SipParseError.TooLarge, m.Error);
        }
    }
}
