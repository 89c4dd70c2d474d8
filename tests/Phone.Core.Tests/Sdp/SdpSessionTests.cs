// SDP parsing (RFC 4566) of real bodies from the conformance corpora and a malformed-input table.
namespace Phone.Core.Tests.Sdp
{
    using System.Text;
    using Phone.Core.Sdp;

    public class SdpSessionTests
    {
        private static SdpSession Parse(byte[] body, SdpStats stats = null)
        {
            var s = new SdpSession();
            Assert.True(s.TryParse(body, 0, body.Length, stats ?? new SdpStats()));
            return s;
        }

        private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

        [Fact]
        public void Format_numbers_at_their_limits_survive_the_packed_storage()
        {
            // Clock rate, channels, rtpmap name and fmtp share words per format (SdpMedia): their largest values
            // must come back unchanged, and a second m= line must not see the first one's values.
            string fmtp = new string('x', 200);
            var s = Parse(Ascii("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP6 2001:DB8::1\r\nt=0 0\r\n"
                + "m=audio 65535/2 RTP/AVP 127 0\r\na=rtpmap:127 L16/1000000/255\r\na=fmtp:127 " + fmtp + "\r\na=sendonly\r\na=ptime:30\r\na=rtcp:65535\r\n"
                + "m=audio 4000 RTP/AVP 8\r\n"));
            SdpMedia m = s.Media[0];
            Assert.Equal(65535, m.Port);
            Assert.Equal(2, m.PortCount);
            Assert.Equal(new[] { 127, 0 }, m.PayloadTypes[..m.FormatCount]);
            Assert.Equal(1000000, m.ClockRate(0));
            Assert.Equal(255, m.ChannelCount(0));
            Assert.Equal("L16", m.EncodingName(0));
            Assert.Equal(fmtp, m.Fmtp(0));
            Assert.False(m.HasRtpmap(1));
            Assert.Equal(0, m.ClockRate(1));
            Assert.Equal(1, m.ChannelCount(1));
            Assert.True(m.HasDirection);
            Assert.Equal(SdpDirection.SendOnly, m.Direction);
            Assert.Equal(30, m.Ptime);
            Assert.Equal(65535, m.RtcpPort);
            Assert.True(m.IsRtpAvp);
            SdpMedia n = s.Media[1];
            Assert.Equal(1, n.PortCount);
            Assert.False(n.HasDirection);
            Assert.Equal(0, n.Ptime);
            Assert.Equal(0, n.RtcpPort);
            Assert.False(n.HasFmtp(0));
            Assert.True(s.Connection.IsIpv6);
            Assert.True(s.Connection.IsPresent);
            Assert.False(s.Connection.IsIpv4Literal);
            Assert.Equal("2001:DB8::1", s.Connection.AddressText);
        }

        [Fact]
        public void OfficeInviteBody()
        {
            var s = Parse(SdpCorpus.Body("office", "04_INVITE_sdp.sip"));
            Assert.Equal("aaronxten", s.OriginUser);
            Assert.Equal(423137371UL, s.SessionId);
            Assert.Equal(423137414UL, s.SessionVersion);
            Assert.Equal(0xC0A80102u, s.Connection.Ipv4);
            Assert.Equal(1, s.MediaCount);
            SdpMedia m = s.Media[0];
            Assert.Equal(SdpMediaType.Audio, m.Type);
            Assert.Equal(8004, m.Port);
            Assert.True(m.IsRtpAvp);
            Assert.Equal(new[] { 0, 8, 3, 97, 101 }, m.PayloadTypes[..m.FormatCount]);
            Assert.Equal("pcmu", m.EncodingName(0));
            Assert.True(m.EncodingIs(0, "PCMU"));
            Assert.Equal("speex", m.EncodingName(3));
            Assert.Equal("telephone-event", m.EncodingName(4));
            Assert.Equal(8000, m.ClockRate(4));
            Assert.Equal("0-15", m.Fmtp(4));
            Assert.Equal(SdpDirection.SendRecv, s.EffectiveDirection(0));
            Assert.Same(s.Connection, s.EffectiveConnection(0));
        }

        [Fact]
        public void Office200BodyWithBareLineFeeds()
        {
            var s = Parse(SdpCorpus.Body("office", "07_200_INVITE_sdp.sip"));
            Assert.Equal("Sonus_UAC", s.OriginUser);
            Assert.Equal("64.152.60.78", s.OriginAddress.AddressText);
            Assert.Equal("64.152.60.164", s.EffectiveConnection(0).AddressText);
            SdpMedia m = s.Media[0];
            Assert.Equal(19144, m.Port);
            Assert.Equal(new[] { 0, 101 }, m.PayloadTypes[..m.FormatCount]);
            Assert.Equal(20, m.Ptime);
            Assert.True(m.HasDirection);
            Assert.Equal(SdpDirection.SendRecv, m.Direction);
        }

        [Fact]
        public void Rfc5118Ipv6InSdp()
        {
            var s = Parse(SdpCorpus.Body("rfc5118", "ipv6-in-sdp.dat"));
            Assert.Equal(971731711378798081UL, s.SessionId);
            Assert.True(s.OriginAddress.IsIpv6);
            Assert.True(s.Connection.IsIpv6);
            Assert.Equal("2001:db8::20", s.Connection.AddressText);
            Assert.Equal(2, s.MediaCount);
            Assert.Equal(SdpMediaType.Audio, s.Media[0].Type);
            Assert.Equal(6000, s.Media[0].Port);
            Assert.Equal("G726-32", s.Media[0].EncodingName(0));
            Assert.Equal(SdpMediaType.Video, s.Media[1].Type);
            Assert.Equal(107, s.Media[1].PayloadTypes[0]);
            Assert.Equal(90000, s.Media[1].ClockRate(0));
        }

        [Fact]
        public void Rfc5118MultipleAddressesMediaLevelOnly()
        {
            var s = Parse(SdpCorpus.Body("rfc5118", "mult-ip-in-sdp.dat"));
            Assert.False(s.Connection.IsPresent);
            Assert.Equal("host.example.com", s.OriginAddress.AddressText);
            Assert.False(s.OriginAddress.IsIpv4Literal);
            Assert.False(s.EffectiveConnection(0).IsIpv6);
            Assert.Equal(0xC0000201u, s.EffectiveConnection(0).Ipv4);
            Assert.True(s.EffectiveConnection(1).IsIpv6);
            Assert.Equal("2001:db8::1", s.EffectiveConnection(1).AddressText);
        }

        [Fact]
        public void SessionAndMediaLevelDirectionAndRtcp()
        {
            var s = Parse(Ascii("v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\na=sendonly\r\n" +
                "m=audio 4000 RTP/AVP 0\r\na=rtcp:4011\r\nm=audio 4002 RTP/AVP 8\r\na=inactive\r\nc=IN IP4 0.0.0.0\r\n"));
            Assert.Equal(SdpDirection.SendOnly, s.EffectiveDirection(0));
            Assert.Equal(SdpDirection.Inactive, s.EffectiveDirection(1));
            Assert.Equal(4011, s.Media[0].RtcpPort);
            Assert.True(s.EffectiveConnection(1).IsHoldAddress);
            Assert.False(s.EffectiveConnection(0).IsHoldAddress);
        }

        [Fact]
        public void ExtraFormatsBeyondTableAreDroppedAndCounted()
        {
            var sb = new StringBuilder("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\nm=audio 5000 RTP/AVP");
            for (int i = 0; i < 20; i++) sb.Append(' ').Append(96 + i);
            var stats = new SdpStats();
            var s = Parse(Ascii(sb.Append("\r\n").ToString()), stats);
            Assert.Equal(SdpMedia.MaxFormats, s.Media[0].FormatCount);
            Assert.Equal(4, stats.DroppedFormats);
        }

        [Theory]
        [InlineData("")]
        [InlineData("o=- 1 1 IN IP4 1.2.3.4\r\nv=0\r\n")]                                      // v= not first
        [InlineData("v=1\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n")]                     // version 1
        [InlineData("v=0\r\ns=-\r\nt=0 0\r\n")]                                               // no o=
        [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\n")]                              // no t=
        [InlineData("v=0\r\no=- x 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n")]                     // bad sess-id
        [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n")]          // no c= anywhere
        [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\nm=audio 70000 RTP/AVP 0\r\n")]
        [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\nm=audio 5000 RTP/AVP\r\n")]
        [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP5 1.2.3.4\r\nt=0 0\r\n")]
        [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP6 2001:db8::zz\r\nt=0 0\r\n")]
        [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n")]
        [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=ptime:abc\r\n")]
        [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\ngarbage\r\n")]
        [InlineData("v=0\r\no=- 99999999999999999999 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n")]   // > 64 bits
        public void MalformedBodiesAreRefusedAndCounted(string body)
        {
            var stats = new SdpStats();
            var s = new SdpSession();
            byte[] b = Ascii(body);
            Assert.False(s.TryParse(b, 0, b.Length, stats));
            Assert.Equal(1, stats.Malformed);
            Assert.Equal(0, s.MediaCount);
        }

        [Fact]
        public void MoreThanMaxMediaIsRefused()
        {
            var sb = new StringBuilder("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\n");
            for (int i = 0; i <= SdpSession.MaxMedia; i++) sb.Append("m=audio ").Append(5000 + 2 * i).Append(" RTP/AVP 0\r\n");
            var stats = new SdpStats();
            byte[] b = Ascii(sb.ToString());
            Assert.False(new SdpSession().TryParse(b, 0, b.Length, stats));
            Assert.Equal(1, stats.TooManyMedia);
        }
    }
}
