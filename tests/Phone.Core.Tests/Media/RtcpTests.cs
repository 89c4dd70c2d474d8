// RTCP SR/RR/SDES/BYE round trips, RTT from LSR/DLSR, and the compound-packet error table (RFC 3550 §6, A.2).
namespace Phone.Core.Tests.Media
{
    using Phone.Core.Media.Rtp;

    public class RtcpTests
    {
        private static readonly byte[] Cname = { (byte)'a', (byte)'@', (byte)'b' };

        [Fact]
        public void SenderReportRoundTrip()
        {
            var buf = new byte[256];
            var block = new RtcpReportBlock
            {
                Ssrc = 0x1234, FractionLost = 25, CumulativeLost = -3, ExtendedHighestSequence = 0x10005,
                Jitter = 77, LastSr = 0xAABBCCDD, DelaySinceLastSr = 65536,
            };
            ulong ntp = RtcpPacket.NtpFromMs(123456);
            int len = RtcpPacket.WriteReport(buf, 0, true, 0x9999, ntp, 4000, 50, 8000, true, block);
            Assert.Equal(52, len);
            len += RtcpPacket.WriteSdesCname(buf, len, 0x9999, Cname, 3);
            len += RtcpPacket.WriteBye(buf, len, 0x9999);
            Assert.Equal(0, len % 4);
            Assert.True(RtcpPacket.LooksLikeRtcp(buf, 0, len));
            Assert.True(RtcpPacket.TryReadCompound(buf, 0, len, 0x1234, out RtcpInfo info));
            Assert.True(info.HasSenderReport);
            Assert.Equal(0x9999u, info.SenderSsrc);
            Assert.Equal(RtcpPacket.NtpMiddle(ntp), info.SenderNtpMiddle);
            Assert.Equal(50u, info.SenderPacketCount);
            Assert.Equal(8000u, info.SenderOctetCount);
            Assert.True(info.HasBlockForUs);
            Assert.Equal(25, info.BlockForUs.FractionLost);
            Assert.Equal(-3, info.BlockForUs.CumulativeLost);
            Assert.Equal(0x10005u, info.BlockForUs.ExtendedHighestSequence);
            Assert.Equal(77u, info.BlockForUs.Jitter);
            Assert.Equal(0xAABBCCDDu, info.BlockForUs.LastSr);
            Assert.Equal(65536u, info.BlockForUs.DelaySinceLastSr);
            Assert.True(info.HasBye);
            Assert.Equal(0x9999u, info.ByeSsrc);
            Assert.Equal(1, info.OtherPackets);   // the SDES
        }

        [Fact]
        public void ReceiverReportWithoutBlocks()
        {
            var buf = new byte[64];
            int len = RtcpPacket.WriteReport(buf, 0, false, 7, 0, 0, 0, 0, false, default);
            Assert.Equal(8, len);
            Assert.True(RtcpPacket.TryReadCompound(buf, 0, len, 1, out RtcpInfo info));
            Assert.False(info.HasSenderReport);
            Assert.False(info.HasBlockForUs);
            Assert.Equal(7u, info.SenderSsrc);
        }

        [Fact]
        public void RoundTripTimeFromLsrAndDlsr()
        {
            // A sends SR at t=1000 ms; B receives it at t=1040, replies at t=1540 with DLSR = 500 ms;
            // A receives the reply at t=1580: RTT = 1580 - 1000 - 500 = 80 ms.
            var stats = new RtpStats();
            var a = new RtcpSession(1, 0);
            var b = new RtcpSession(2, 0);
            var txA = new RtpPacketizer(0xA, 0, 0);
            var txB = new RtpPacketizer(0xB, 0, 0);
            var buf = new byte[64];
            txA.WriteAudio(buf, 0, 0, 160);           // A has sent: its report is an SR
            var srcAatB = new RtpSource();
            srcAatB.Start(0xA, 10); srcAatB.UpdateSequence(10); srcAatB.UpdateSequence(11);
            var srcBatA = new RtpSource();
            var pkt = new byte[256];
            int len = a.Build(pkt, 1000, txA, srcBatA, Cname, 3, false);
            b.Receive(pkt, 0, len, 1040, 0xB, 0xA, stats);
            len = b.Build(pkt, 1540, txB, srcAatB, Cname, 3, false);
            a.Receive(pkt, 0, len, 1580, 0xA, 0xB, stats);
            Assert.InRange(a.RoundTripMs, 79, 81);      // 1/65536 s resolution
            Assert.Equal(2, stats.RtcpAccepted);
            Assert.Equal(2, stats.RtcpUnknownType);     // the SDES chunks
            Assert.True(a.NextSendMs > 0);
        }

        [Fact]
        public void ByeIsNoted()
        {
            var stats = new RtpStats();
            var a = new RtcpSession(1, 0);
            var tx = new RtpPacketizer(0xB, 0, 0);
            var pkt = new byte[256];
            int len = new RtcpSession(3, 0).Build(pkt, 10, tx, new RtpSource(), Cname, 3, true);
            a.Receive(pkt, 0, len, 20, 0xA, 0xB, stats);
            Assert.True(a.ByeReceived);
            Assert.Equal(1, stats.RtcpByes);
        }

        [Fact]
        public void ReportIntervalIsRandomisedAroundFiveSeconds()
        {
            var s = new RtcpSession(12345, 0);
            Assert.InRange(s.NextSendMs, 1000, 3100);   // first report: half the minimum interval (§6.2)
            var tx = new RtpPacketizer(1, 0, 0);
            var buf = new byte[256];
            long now = s.NextSendMs;
            for (int i = 0; i < 50; i++)
            {
                s.Build(buf, now, tx, new RtpSource(), Cname, 3, false);
                Assert.InRange(s.NextSendMs - now, 2050, 6160);   // 5 s × [0.5, 1.5] / 1.21828
                now = s.NextSendMs;
            }
        }

        private static byte[] GoodCompound(out int len)
        {
            var b = new byte[128];
            len = RtcpPacket.WriteReport(b, 0, false, 7, 0, 0, 0, 0, false, default);
            len += RtcpPacket.WriteSdesCname(b, len, 7, Cname, 3);
            var r = new byte[len];
            System.Array.Copy(b, r, len);
            return r;
        }

        public static TheoryData<string, byte[]> BadCompounds()
        {
            var d = new TheoryData<string, byte[]>();
            d.Add("empty", new byte[0]);
            d.Add("4 bytes", new byte[] { 0x80, 201, 0, 1 });
            var v = GoodCompound(out _); v[0] = 0x40; d.Add("version 1", v);
            var first = GoodCompound(out _); first[1] = 202; d.Add("first not SR/RR", first);
            var len = GoodCompound(out _); len[3] = 50; d.Add("length past end", len);
            var v2 = GoodCompound(out _); v2[8] = 0x00; d.Add("second packet version 0", v2);
            var pad = GoodCompound(out _); pad[0] |= 0x20; d.Add("padding on first packet", pad);
            var trail = GoodCompound(out int n); var t2 = new byte[n + 3]; System.Array.Copy(trail, t2, n); d.Add("trailing garbage", t2);
            var rc = GoodCompound(out _); rc[0] = 0x80 | 3; d.Add("report count past length", rc);
            var bye = new byte[12]; RtcpPacket.WriteReport(bye, 0, false, 7, 0, 0, 0, 0, false, default);
            bye[8] = 0x80 | 5; bye[9] = 203; bye[10] = 0; bye[11] = 0; d.Add("BYE count past length", bye);
            return d;
        }

        [Theory]
        [MemberData(nameof(BadCompounds))]
        public void MalformedCompoundsAreCountedNotThrown(string name, byte[] packet)
        {
            var stats = new RtpStats();
            var s = new RtcpSession(1, 0);
            s.Receive(packet, 0, packet.Length, 0, 1, 7, stats);
            Assert.True(stats.RtcpMalformed == 1, name);
            Assert.Equal(0, stats.RtcpAccepted);
            Assert.Equal(0, s.ReportsReceived);
        }
    }
}
