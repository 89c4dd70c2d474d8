// Mutation testing of the SIP parser (truncations, byte flips, spliced lines) and its allocation guarantee.
namespace Phone.Core.Tests.Sip
{
    using System;
    using Phone.Core.Sip;

    public class SipParserRobustnessTests
    {
        private static readonly byte[] Interesting =
        {
            0, 9, 10, 13, 32, (byte)'"', (byte)'\\', (byte)'<', (byte)'>', (byte)';', (byte)',', (byte)':', (byte)'[',
            (byte)']', (byte)'@', (byte)'%', (byte)'=', (byte)'/', (byte)'?', (byte)'9', 0x7F, 0x80, 0xFF,
        };

        [Fact]
        public void Every_truncation_of_every_corpus_message_is_handled_without_throwing()
        {
            var m = new SipMessage();
            int accepted = 0, total = 0;
            foreach (byte[] msg in SipCorpus.All())
            {
                for (int len = 0; len <= msg.Length; len++)
                {
                    // Parse from offset 1 of a larger buffer so that offsets are exercised too.
                    byte[] buf = new byte[len + 2];
                    Array.Copy(msg, 0, buf, 1, len);
                    if (m.TryParse(buf, 1, len))
                    {
                        accepted++;
                        Assert.True(m.Body.Start >= 1 && m.Body.End <= len + 1);
                    }
                    total++;
                }
            }
            Assert.Equal(total, m.Stats.Accepted + m.Stats.Rejected);
            Assert.True(accepted > 0);
        }

        [Fact]
        public void Random_byte_mutations_never_throw_and_keep_slices_in_bounds()
        {
            var rng = new Random(4475);
            byte[][] corpus = SipCorpus.All();
            var m = new SipMessage(16, 4096, null);
            for (int iter = 0; iter < 60000; iter++)
            {
                byte[] src = corpus[rng.Next(corpus.Length)];
                byte[] buf = (byte[])src.Clone();
                int edits = 1 + rng.Next(4);
                for (int k = 0; k < edits; k++)
                {
                    int at = rng.Next(buf.Length);
                    switch (rng.Next(3))
                    {
                        case 0: buf[at] = (byte)rng.Next(256); break;
                        case 1: buf[at] = Interesting[rng.Next(Interesting.Length)]; break;
                        default: buf[at] ^= (byte)(1 << rng.Next(8)); break;
                    }
                }
                int len = rng.Next(4) == 0 ? rng.Next(buf.Length + 1) : buf.Length;
                if (m.TryParse(buf, 0, len))
                {
                    CheckSlices(m, len);
                }
            }
        }

        [Fact]
        public void Responses_built_from_any_accepted_mutated_request_parse_back()
        {
            var rng = new Random(8206);
            byte[][] corpus = SipCorpus.All();
            var m = new SipMessage();
            var r = new SipMessage();
            var w = new SipWriter(new byte[8192]);
            byte[] tag = { (byte)'t', (byte)'9' };
            int built = 0;
            for (int iter = 0; iter < 20000; iter++)
            {
                byte[] buf = (byte[])corpus[rng.Next(corpus.Length)].Clone();
                buf[rng.Next(buf.Length)] = Interesting[rng.Next(Interesting.Length)];
                if (!m.TryParse(buf, 0, buf.Length) || !m.IsRequest) continue;
                w.Reset();
                w.WriteResponseHeaders(m, 200, "OK", tag, 0, tag.Length, true);
                w.EndWithoutBody();
                Assert.False(w.Overflow);
                Assert.True(r.TryParse(w.Buffer, 0, w.Length), SipParseStats.ErrorName(r.Error) + "\n" + System.Text.Encoding.UTF8.GetString(w.Buffer, 0, w.Length));
                Assert.Equal(m.ViaCount, r.ViaCount);
                Assert.Equal(m.CSeqNumber, r.CSeqNumber);
                Assert.Equal(m.GetString(m.Via.Branch), r.GetString(r.Via.Branch));
                Assert.Equal(m.GetString(m.From.Tag), r.GetString(r.From.Tag));
                Assert.Equal(m.To.Tag.IsPresent ? m.GetString(m.To.Tag) : "t9", r.GetString(r.To.Tag));
                built++;
            }
            Assert.True(built > 1000);
        }

        [Fact]
        public void Random_garbage_and_line_soup_never_throw()
        {
            var rng = new Random(3261);
            string[] parts =
            {
                "INVITE sip:a@b SIP/2.0\r\n", "SIP/2.0 200 OK\r\n", "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\n", "v: SIP/2.0/TCP [::1]:5\r\n",
                "From: <sip:a@b>;tag=1\r\n", "t: \"x\\\"\" <sip:c@[2001:db8::1]:70>\r\n", "i: x@y\r\n", "CSeq: 1 INVITE\r\n",
                "l: 4\r\n", "Content-Length: 99999999999\r\n", " folded\r\n", "\r\n", "m: *\r\n", "Contact: <sip:x@y>;;\r\n",
                "\"", "<", ">", ";", ",", "=", ":", "\r", "\n", " ", "%", "[", "]",
            };
            var m = new SipMessage();
            byte[] buf = new byte[600];
            for (int iter = 0; iter < 30000; iter++)
            {
                int n = 0;
                int pieces = rng.Next(20);
                for (int k = 0; k < pieces; k++)
                {
                    if (rng.Next(5) == 0)
                    {
                        if (n < buf.Length) buf[n++] = (byte)rng.Next(256);
                        continue;
                    }
                    string p = parts[rng.Next(parts.Length)];
                    for (int j = 0; j < p.Length && n < buf.Length; j++) buf[n++] = (byte)p[j];
                }
                if (m.TryParse(buf, 0, n)) CheckSlices(m, n);
            }
        }

        private static void CheckSlices(SipMessage m, int len)
        {
            Assert.True(m.Body.Start >= 0 && m.Body.End <= len);
            for (int h = 0; h < m.HeaderCount; h++)
            {
                SipSlice v = m.GetHeaderValue(h);
                Assert.True(v.Start >= 0 && v.End <= len);
                m.GetHeaderString(h);
            }
            for (int i = 0; i < m.ViaCount; i++)
            {
                Assert.True(m.TryGetVia(i, out SipVia v));
                Assert.True(v.Host.End <= len);
            }
            for (int i = 0; i < m.ContactCount; i++)
            {
                Assert.True(m.TryGetNameAddr(SipHeaderId.Contact, i, out SipNameAddr c));
            }
        }

        [Fact]
        public void Oversized_and_overfull_messages_are_counted_not_thrown()
        {
            byte[] data = SipCorpus.Read("rfc4475", "longreq.dat");
            var small = new SipMessage(64, 256, null);
            Assert.False(small.TryParse(data, 0, data.Length));
            Assert.Equal(SipParseError.TooLarge, small.Error);
            var few = new SipMessage(8, 4096, null);
            Assert.False(few.TryParse(data, 0, data.Length));
            Assert.Equal(SipParseError.TooManyHeaders, few.Error);
            Assert.Equal(1, few.Stats.RejectedFor(SipParseError.TooManyHeaders));
            Assert.False(few.TryParse(null, 0, 10));
            Assert.False(few.TryParse(data, data.Length - 2, 10));
            Assert.False(few.TryParse(data, -1, 10));
        }

        [Fact]
        public void Parsing_and_reading_fields_allocates_nothing()
        {
            string[] names = System.IO.Directory.GetFiles(System.IO.Path.Combine(SipCorpus.Root, "office"));
            byte[][] msgs = new byte[names.Length][];
            for (int i = 0; i < names.Length; i++) msgs[i] = System.IO.File.ReadAllBytes(names[i]);
            var m = new SipMessage();
            for (int round = 0; round < 2; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                int ok = 0;
                for (int i = 0; i < msgs.Length; i++)
                {
                    if (!m.TryParse(msgs[i], 0, msgs[i].Length)) continue;
                    ok++;
                    m.TryGetVia(0, out SipVia v);
                    m.HeaderHasToken(SipHeaderId.Allow, "INVITE");
                    m.TryGetHeaderUInt(SipHeaderId.Expires, out uint _);
                    m.FindHeader(SipHeaderId.WwwAuthenticate);
                    m.From.TryGetParameter(m.Buffer, "tag", out SipSlice _);
                }
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.Equal(msgs.Length, ok);
                if (round == 1) Assert.Equal(0, allocated);
            }
        }
    }
}
