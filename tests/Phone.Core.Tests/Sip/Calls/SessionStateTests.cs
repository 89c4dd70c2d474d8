// Table tests of the session timer deadlines (RFC 4028 §10) and of the Require token check (RFC 3261 §8.2.2.3).
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Text;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Calls;

    public class SessionStateTests
    {
        [Theory]
        [InlineData(90, true, 45_000, long.MaxValue)]       // refresher: half the interval
        [InlineData(90, false, long.MaxValue, 60_000)]      // 90 − min(32, 30)
        [InlineData(120, false, long.MaxValue, 88_000)]     // 120 − min(32, 40)
        [InlineData(1800, false, long.MaxValue, 1_768_000)] // 1800 − 32
        [InlineData(1800, true, 900_000, long.MaxValue)]
        public void Deadlines_follow_rfc4028_section_10(int interval, bool weRefresh, long refreshAt, long expireAt)
        {
            var t = new SessionTimer();
            t.Start(interval, weRefresh, 0);
            Assert.Equal(refreshAt, t.RefreshAt);
            Assert.Equal(expireAt, t.ExpireAt);
            Assert.Equal(refreshAt < expireAt ? refreshAt : expireAt, t.NextDeadline);
            t.Stop();
            Assert.Equal(0, t.IntervalSeconds);
            Assert.Equal(long.MaxValue, t.NextDeadline);
        }

        [Theory]
        [InlineData("Require: timer\r\n", "", 0)]
        [InlineData("Require: 100rel ,  TIMER\r\n", "", 0)]
        [InlineData("Require: foo\r\n", "foo", 1)]
        [InlineData("Require: 100rel, foo,,bar \r\nRequire: baz\r\n", "foo, bar, baz", 3)]
        [InlineData("Require: precondition,\r\n timer\r\n", "precondition", 1)]   // folded line
        [InlineData("Proxy-Require: foo\r\n", "", 0)]                            // not a UAS matter (§8.2.2.3)
        public void Unsupported_lists_exactly_the_required_tags_we_lack(string headers, string unsupported, int count)
        {
            string raw = "OPTIONS sip:u2@10.0.0.2 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKt1\r\nMax-Forwards: 70\r\n"
                + "From: <sip:u1@x>;tag=1\r\nTo: <sip:u2@x>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n" + headers + "Content-Length: 0\r\n\r\n";
            var m = new SipMessage();
            byte[] bytes = Encoding.ASCII.GetBytes(raw);
            Assert.True(m.TryParse(bytes, 0, bytes.Length));
            Assert.Equal(count, OptionTags.WriteUnsupported(m, null));
            var buf = new byte[200];
            var w = new SipWriter(buf);
            Assert.Equal(count, OptionTags.WriteUnsupported(m, w));
            Assert.Equal(unsupported, Encoding.ASCII.GetString(buf, 0, w.Length));
        }
    }
}
