// Offer/answer tables (RFC 3264 §6-§8): codec choice, 488, refused m-lines, telephone-event PT, hold/resume, re-offers.
namespace Phone.Core.Tests.Sdp
{
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sdp;
    using Phone.Core.Text;

    public class SdpOfferAnswerTests
    {
        private static SdpOfferAnswer NewNegotiator(params int[] codecs)
        {
            var n = new SdpOfferAnswer(codecs.Length == 0 ? new[] { 0, 8 } : codecs, 101, 20, 1000, new SdpStats());
            n.LocalAddress.SetIpv4(NetEndPoint.MakeAddress(10, 0, 0, 5));
            n.LocalPort = 16000;
            return n;
        }

        private static SdpSession ParseText(string sdp)
        {
            byte[] b = Encoding.ASCII.GetBytes(sdp.Replace("\n", "\r\n"));
            var s = new SdpSession();
            Assert.True(s.TryParse(b, 0, b.Length, new SdpStats()), sdp);
            return s;
        }

        private static string Offer(string mlines, string connection = "IN IP4 192.0.2.10", ulong version = 1)
            => "v=0\no=peer 77 " + version + " IN IP4 192.0.2.10\ns=-\nc=" + connection + "\nt=0 0\n" + mlines;

        private static (SdpResult Result, string Answer, SdpSession Parsed) Answer(SdpOfferAnswer n, string offer, SdpDirection local = SdpDirection.SendRecv)
        {
            var w = new ByteWriter(new byte[1500], 0, 1500);
            SdpResult r = n.ProcessOffer(ParseText(offer), local, w);
            if (r != SdpResult.Ok) return (r, null, null);
            string text = w.ToString();
            var parsed = new SdpSession();
            byte[] b = Encoding.ASCII.GetBytes(text);
            Assert.True(parsed.TryParse(b, 0, b.Length, null), text);
            return (r, text, parsed);
        }

        [Theory]
        // offered formats, our order, expected PT in answer (first common in OFFERER's order), expected codec
        [InlineData("0", new[] { 0, 8 }, 0, 0)]
        [InlineData("8", new[] { 0, 8 }, 8, 8)]
        [InlineData("0 8", new[] { 8, 0 }, 0, 0)]
        [InlineData("8 0", new[] { 0, 8 }, 8, 8)]
        [InlineData("18 3 8 0", new[] { 0, 8 }, 8, 8)]
        [InlineData("18 3 8 0", new[] { 0 }, 0, 0)]
        public void AnswerPicksFirstCommonCodecInOfferersOrder(string formats, int[] ours, int expectedPt, int expectedCodec)
        {
            var n = NewNegotiator(ours);
            var (r, text, a) = Answer(n, Offer("m=audio 5004 RTP/AVP " + formats + "\n"));
            Assert.Equal(SdpResult.Ok, r);
            Assert.Equal(1, a.MediaCount);
            Assert.Equal(new[] { expectedPt }, a.Media[0].PayloadTypes[..a.Media[0].FormatCount]);
            Assert.Equal(expectedPt, n.Current.PayloadType);
            Assert.Equal(expectedCodec, n.Current.Codec);
            Assert.Equal(16000, a.Media[0].Port);
            Assert.Equal(20, a.Media[0].Ptime);
            Assert.Contains("c=IN IP4 10.0.0.5", text);
            Assert.Equal(-1, n.Current.TelephoneEventPayloadType);
            Assert.Equal(5004, n.Current.RemotePort);
            Assert.Equal(5005, n.Current.RemoteRtcpPort);
            Assert.Equal(0xC000020Au, n.Current.RemoteAddress.Ipv4);
        }

        [Fact]
        public void DynamicPayloadTypeMappedByRtpmapIsKept()
        {
            var n = NewNegotiator();
            var (r, text, a) = Answer(n, Offer("m=audio 5004 RTP/AVP 96 97\na=rtpmap:96 opus/48000/2\na=rtpmap:97 PCMA/8000\n"));
            Assert.Equal(SdpResult.Ok, r);
            Assert.Equal(97, n.Current.PayloadType);
            Assert.Equal(8, n.Current.Codec);
            Assert.Contains("a=rtpmap:97 PCMA/8000", text);
        }

        [Theory]
        [InlineData("m=audio 5004 RTP/AVP 18 9\n")]                                     // G.729, G.722 only
        [InlineData("m=audio 5004 RTP/AVP 0\na=rtpmap:0 G729/8000\n")]                 // rtpmap overrides the static number
        [InlineData("m=audio 0 RTP/AVP 0 8\n")]                                         // stream disabled
        [InlineData("m=audio 5004 RTP/SAVP 0 8\n")]                                     // SRTP not supported
        [InlineData("m=video 5006 RTP/AVP 96\na=rtpmap:96 H264/90000\n")]
        public void NoCommonCodecIs488AndWritesNothing(string mlines)
        {
            var n = NewNegotiator();
            var w = new ByteWriter(new byte[1500], 0, 1500);
            Assert.Equal(SdpResult.NotAcceptable, n.ProcessOffer(ParseText(Offer(mlines)), SdpDirection.SendRecv, w));
            Assert.Equal(0, w.Length);
            Assert.Equal(1, n.Stats.NotAcceptable);
            Assert.False(n.Current.IsEstablished);
        }

        [Fact]
        public void VideoAndUnknownLinesAreRefusedWithPortZeroInPlace()
        {
            var n = NewNegotiator();
            var (r, text, a) = Answer(n, Offer(
                "m=video 5006 RTP/AVP 96\na=rtpmap:96 H264/90000\n" +
                "m=audio 5004 RTP/AVP 0 101\na=rtpmap:101 telephone-event/8000\na=fmtp:101 0-15\n" +
                "m=application 5008 UDP/BFCP *\n" +
                "m=audio 5010 RTP/AVP 8\n"));
            Assert.Equal(SdpResult.Ok, r);
            Assert.Equal(4, a.MediaCount);
            Assert.Contains("m=video 0 RTP/AVP 96\r\n", text);
            Assert.Contains("m=application 0 UDP/BFCP *\r\n", text);
            Assert.Contains("m=audio 0 RTP/AVP 8\r\n", text);
            Assert.Equal(SdpMediaType.Audio, a.Media[1].Type);
            Assert.Equal(16000, a.Media[1].Port);
            Assert.Equal(0, a.Media[3].Port);
            Assert.Equal(1, n.Current.MediaIndex);
        }

        [Theory]
        [InlineData(101)]
        [InlineData(96)]
        [InlineData(126)]
        public void TelephoneEventKeepsOfferersPayloadTypeAndEvents(int pt)
        {
            var n = NewNegotiator();
            var (r, text, a) = Answer(n, Offer("m=audio 5004 RTP/AVP 8 " + pt + "\na=rtpmap:" + pt + " telephone-event/8000\na=fmtp:" + pt + " 0-15\n"));
            Assert.Equal(SdpResult.Ok, r);
            Assert.Equal(pt, n.Current.TelephoneEventPayloadType);
            Assert.Equal(new[] { 8, pt }, a.Media[0].PayloadTypes[..2]);
            Assert.Contains("a=rtpmap:" + pt + " telephone-event/8000\r\na=fmtp:" + pt + " 0-15\r\n", text);
        }

        [Fact]
        public void TelephoneEventIsNotAcceptedWhenDisabledLocally()
        {
            var n = new SdpOfferAnswer(new[] { 0 }, -1, 20, 5, new SdpStats());
            n.LocalAddress.SetIpv4(0x0A000005);
            n.LocalPort = 16000;
            var (r, text, a) = Answer(n, Offer("m=audio 5004 RTP/AVP 0 101\na=rtpmap:101 telephone-event/8000\n"));
            Assert.Equal(SdpResult.Ok, r);
            Assert.Equal(-1, n.Current.TelephoneEventPayloadType);
            Assert.Equal(1, a.Media[0].FormatCount);
            Assert.DoesNotContain("telephone-event", text);
        }

        [Theory]
        // offered direction, c= address, our wish, expected answer direction, remote hold
        [InlineData("sendrecv", "192.0.2.10", SdpDirection.SendRecv, SdpDirection.SendRecv, false)]
        [InlineData("sendonly", "192.0.2.10", SdpDirection.SendRecv, SdpDirection.RecvOnly, true)]
        [InlineData("inactive", "192.0.2.10", SdpDirection.SendRecv, SdpDirection.Inactive, true)]
        [InlineData("recvonly", "192.0.2.10", SdpDirection.SendRecv, SdpDirection.SendOnly, false)]
        [InlineData("sendrecv", "0.0.0.0", SdpDirection.SendRecv, SdpDirection.RecvOnly, true)]     // RFC 2543 hold
        [InlineData("sendonly", "0.0.0.0", SdpDirection.SendRecv, SdpDirection.RecvOnly, true)]
        [InlineData("sendrecv", "192.0.2.10", SdpDirection.SendOnly, SdpDirection.SendOnly, false)] // we hold
        [InlineData("sendonly", "192.0.2.10", SdpDirection.SendOnly, SdpDirection.Inactive, true)]  // both hold
        public void HoldDirections(string offered, string address, SdpDirection local, SdpDirection expected, bool remoteHold)
        {
            var n = NewNegotiator();
            var (r, text, a) = Answer(n, Offer("m=audio 5004 RTP/AVP 0\na=" + offered + "\n", "IN IP4 " + address), local);
            Assert.Equal(SdpResult.Ok, r);
            Assert.Equal(expected, a.EffectiveDirection(0));
            Assert.Equal(expected, n.Current.LocalDirection);
            Assert.Equal(remoteHold, n.Current.RemoteHold);
            Assert.Contains("c=IN IP4 10.0.0.5", text); // our own address is never 0.0.0.0
        }

        [Fact]
        public void ReOffersDetectHoldResumeAddressAndPortChanges()
        {
            var n = NewNegotiator();
            Answer(n, Offer("m=audio 5004 RTP/AVP 0\n"));
            ulong v1 = n.SessionVersion;
            Assert.False(n.Current.AddressChanged || n.Current.PortChanged || n.Current.DirectionChanged);

            // Same offer again (session refresh): nothing changed, our o= version stays.
            Answer(n, Offer("m=audio 5004 RTP/AVP 0\n"));
            Assert.False(n.Current.AddressChanged || n.Current.PortChanged || n.Current.CodecChanged || n.Current.DirectionChanged);
            Assert.Equal(v1, n.SessionVersion);

            // Old-style hold: c=0.0.0.0 is not a new destination.
            Answer(n, Offer("m=audio 5004 RTP/AVP 0\n", "IN IP4 0.0.0.0", 2));
            Assert.True(n.Current.RemoteHold && n.Current.DirectionChanged);
            Assert.False(n.Current.AddressChanged);
            Assert.Equal("192.0.2.10", n.Current.RemoteAddress.AddressText);
            Assert.Equal(v1 + 1, n.SessionVersion);

            // Resume from another address and port (e.g. transfer to a media server).
            Answer(n, Offer("m=audio 6000 RTP/AVP 8 0\n", "IN IP4 198.51.100.7", 3));
            Assert.True(n.Current.AddressChanged && n.Current.PortChanged && n.Current.CodecChanged && n.Current.DirectionChanged);
            Assert.False(n.Current.RemoteHold);
            Assert.Equal(6000, n.Current.RemotePort);
            Assert.Equal(v1 + 2, n.SessionVersion);

            // IPv6 re-offer.
            Answer(n, Offer("m=audio 6000 RTP/AVP 8\n", "IN IP6 2001:db8::7", 4));
            Assert.True(n.Current.AddressChanged);
            Assert.True(n.Current.RemoteAddress.IsIpv6);
        }

        [Fact]
        public void OfferListsCodecsInConfiguredOrderAndVersionIncrementsOnReOffer()
        {
            var n = NewNegotiator(8, 0);
            var w = new ByteWriter(new byte[1500], 0, 1500);
            Assert.True(n.WriteOffer(SdpDirection.SendRecv, w));
            Assert.Equal(
                "v=0\r\no=- 1000 1000 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\n" +
                "m=audio 16000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n" +
                "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n", w.ToString());
            w.Reset(new byte[1500], 0, 1500);
            Assert.True(n.WriteOffer(SdpDirection.SendOnly, w));
            Assert.Contains("o=- 1000 1001 IN IP4", w.ToString());
            Assert.Contains("a=sendonly", w.ToString());
            w.Reset(new byte[1500], 0, 1500);
            Assert.True(n.WriteOffer(SdpDirection.SendRecv, w));
            Assert.Contains("o=- 1000 1002 IN IP4", w.ToString());
        }

        [Theory]
        // our offered direction, answer text, expected local direction, expected PT
        [InlineData(SdpDirection.SendRecv, "m=audio 7000 RTP/AVP 0 101\na=rtpmap:101 telephone-event/8000\n", SdpDirection.SendRecv, 0)]
        [InlineData(SdpDirection.SendOnly, "m=audio 7000 RTP/AVP 8\na=recvonly\n", SdpDirection.SendOnly, 8)]
        [InlineData(SdpDirection.SendRecv, "m=audio 7000 RTP/AVP 8\na=sendonly\n", SdpDirection.RecvOnly, 8)]
        public void ProcessAnswerToOurOffer(SdpDirection offered, string answerMedia, SdpDirection expectedLocal, int expectedPt)
        {
            var n = NewNegotiator();
            n.WriteOffer(offered, new ByteWriter(new byte[1500], 0, 1500));
            Assert.Equal(SdpResult.Ok, n.ProcessAnswer(ParseText(Offer(answerMedia))));
            Assert.Equal(expectedLocal, n.Current.LocalDirection);
            Assert.Equal(expectedPt, n.Current.PayloadType);
            Assert.Equal(7000, n.Current.RemotePort);
        }

        [Theory]
        [InlineData("m=audio 0 RTP/AVP 0\n", SdpResult.NotAcceptable)]
        [InlineData("m=audio 7000 RTP/AVP 18\n", SdpResult.NotAcceptable)]
        [InlineData("m=audio 7000 RTP/AVP 0\nm=video 0 RTP/AVP 96\n", SdpResult.Malformed)]
        public void BadAnswers(string answerMedia, SdpResult expected)
        {
            var n = NewNegotiator();
            n.WriteOffer(SdpDirection.SendRecv, new ByteWriter(new byte[1500], 0, 1500));
            Assert.Equal(expected, n.ProcessAnswer(ParseText(Offer(answerMedia))));
        }

        [Fact]
        public void AnswersTheOfficeInviteFromTheCorpus()
        {
            var n = NewNegotiator();
            byte[] body = SdpCorpus.Body("office", "04_INVITE_sdp.sip");
            var offer = new SdpSession();
            Assert.True(offer.TryParse(body, 0, body.Length, null));
            var w = new ByteWriter(new byte[1500], 0, 1500);
            Assert.Equal(SdpResult.Ok, n.ProcessOffer(offer, SdpDirection.SendRecv, w));
            Assert.Contains("m=audio 16000 RTP/AVP 0 101\r\n", w.ToString());
            Assert.Equal(101, n.Current.TelephoneEventPayloadType);
            Assert.Equal(8004, n.Current.RemotePort);
        }

        [Fact]
        public void TooSmallBufferReportsOverflowAndWritesNothing()
        {
            var n = NewNegotiator();
            var w = new ByteWriter(new byte[60], 0, 60);
            Assert.Equal(SdpResult.Overflow, n.ProcessOffer(ParseText(Offer("m=audio 5004 RTP/AVP 0\n")), SdpDirection.SendRecv, w));
            Assert.Equal(0, w.Length);
            Assert.False(n.WriteOffer(SdpDirection.SendRecv, w));
        }
    }
}
