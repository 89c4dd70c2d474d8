// RTP header, receiver validation (RFC 3550 A.1), loss (A.3), jitter (A.8) and the bad-input table.
namespace Phone.Core.Tests.Media
{
    using Phone.Core.Media.Rtp;
    using Phone.Core.Net;

    public class RtpTests
    {
        private static readonly NetEndPoint Far = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 2), 4000);

        private static byte[] Packet(int seq, uint ts, uint ssrc = 0x11223344, int pt = 0, int payload = 160, bool marker = false)
        {
            var b = new byte[12 + payload];
            RtpHeader.Write(b, 0, marker, pt, seq, ts, ssrc);
            return b;
        }

        [Fact]
        public void PacketizerWritesHeaderInFrontOfPayloadAndAdvances()
        {
            var p = new RtpPacketizer(0xCAFEBABE, 65535, 1000);
            var buf = new byte[12 + 160];
            buf[12] = 0x5A;
            int len = p.WriteAudio(buf, 8, 160, 160);
            Assert.Equal(172, len);
            Assert.Equal(RtpParseError.None, RtpHeader.TryRead(buf, 0, len, out RtpHeader h));
            Assert.True(h.Marker);                       // first packet of the first talk spurt
            Assert.Equal(8, h.PayloadType);
            Assert.Equal(65535, h.SequenceNumber);
            Assert.Equal(1000u, h.Timestamp);
            Assert.Equal(0xCAFEBABEu, h.Ssrc);
            Assert.Equal(12, h.PayloadOffset);
            Assert.Equal(160, h.PayloadLength);
            Assert.Equal(0x5A, buf[h.PayloadOffset]);
            len = p.WriteAudio(buf, 8, 160, 160);
            RtpHeader.TryRead(buf, 0, len, out h);
            Assert.False(h.Marker);
            Assert.Equal(0, h.SequenceNumber);           // wrapped
            Assert.Equal(1160u, h.Timestamp);
            p.BeginTalkSpurt();
            p.SkipSamples(320);
            len = p.WriteAudio(buf, 8, 160, 160);
            RtpHeader.TryRead(buf, 0, len, out h);
            Assert.True(h.Marker);
            Assert.Equal(1640u, h.Timestamp);
            Assert.Equal(3u, p.PacketCount);
            Assert.Equal(480u, p.OctetCount);
        }

        [Fact]
        public void ParsesCsrcExtensionAndPadding()
        {
            // V=2 P=1 X=1 CC=2, PT 0; 2 CSRC, extension of 1 word, 3 payload octets, 4 padding octets.
            var b = new byte[12 + 8 + 8 + 3 + 4];
            b[0] = 0x80 | 0x20 | 0x10 | 2;
            b[1] = 0;
            b[12 + 8 + 2] = 0; b[12 + 8 + 3] = 1;
            b[28] = 7; b[29] = 8; b[30] = 9;
            b[b.Length - 1] = 4;
            Assert.Equal(RtpParseError.None, RtpHeader.TryRead(b, 0, b.Length, out RtpHeader h));
            Assert.Equal(2, h.CsrcCount);
            Assert.Equal(28, h.PayloadOffset);
            Assert.Equal(3, h.PayloadLength);
        }

        public static TheoryData<string, byte[], string> BadPackets()
        {
            var d = new TheoryData<string, byte[], string>();
            d.Add("empty", new byte[0], "TooShort");
            d.Add("11 bytes", new byte[11], "TooShort");
            var v1 = Packet(1, 0); v1[0] = 0x40; d.Add("version 1", v1, "BadVersion");
            var v0 = Packet(1, 0); v0[0] = 0x00; d.Add("version 0", v0, "BadVersion");
            var cc = Packet(1, 0, payload: 4); cc[0] = 0x80 | 15; d.Add("CSRC count past end", cc, "CsrcPastEnd");
            var x1 = Packet(1, 0, payload: 2); x1[0] = 0x90; d.Add("extension header past end", x1, "ExtensionPastEnd");
            var x2 = Packet(1, 0, payload: 8); x2[0] = 0x90; x2[14] = 0xFF; x2[15] = 0xFF; d.Add("extension length past end", x2, "ExtensionPastEnd");
            var p0 = Packet(1, 0, payload: 8); p0[0] = 0xA0; p0[p0.Length - 1] = 0; d.Add("padding zero", p0, "BadPadding");
            var p1 = Packet(1, 0, payload: 8); p1[0] = 0xA0; p1[p1.Length - 1] = 200; d.Add("padding past start", p1, "BadPadding");
            d.Add("unknown payload type", Packet(1, 0, pt: 18), "UnknownPayloadType");
            d.Add("DTMF type not negotiated", Packet(1, 0, pt: 101, payload: 4), "UnknownPayloadType");
            d.Add("our own SSRC", Packet(1, 0, ssrc: 0xABCD), "SsrcCollisions");
            d.Add("empty audio", Packet(1, 0, payload: 0), "EmptyPayload");
            d.Add("short event", Packet(1, 0, pt: 96, payload: 3), "EventTooShort");
            return d;
        }

        [Theory]
        [MemberData(nameof(BadPackets))]
        public void MalformedPacketsAreCountedNotThrown(string name, byte[] packet, string counter)
        {
            var stats = new RtpStats();
            var rx = new RtpReceiver(stats) { LocalSsrc = 0xABCD, TelephoneEventPayloadType = 96 };
            var result = rx.Receive(packet, 0, packet.Length, Far, 0, out _);
            Assert.Equal(RtpReceiveResult.Dropped, result);
            int value = (int)typeof(RtpStats).GetProperty(counter).GetValue(stats);
            Assert.True(value == 1, name + ": " + counter + " = " + value);
            Assert.Equal(1, stats.RtpDropped);
            Assert.Equal(0, stats.PacketsAccepted);
        }

        [Fact]
        public void ProbationWrapLossAndFraction()
        {
            var stats = new RtpStats();
            var rx = new RtpReceiver(stats) { LocalSsrc = 1 };
            // A.1: MIN_SEQUENTIAL = 2, the first packet of a new source is held back.
            Assert.Equal(RtpReceiveResult.Dropped, rx.Receive(Packet(65530, 0), 0, 172, Far, 0, out _));
            Assert.Equal(1, stats.Probation);
            Assert.Equal(RtpReceiveResult.Audio, rx.Receive(Packet(65531, 160), 0, 172, Far, 0, out _));
            // 65532 .. 65535, 0 .. 93 with 10 lost (5..14) and one duplicate.
            for (int i = 65532; i < 65536 + 94; i++)
            {
                int seq = i & 0xFFFF;
                if (seq >= 5 && seq < 15) continue;
                rx.Receive(Packet(seq, 0), 0, 172, Far, 0, out _);
            }
            Assert.Equal(65536u + 93, rx.Source.ExtendedMaxSequence);   // one cycle counted
            uint expected = rx.Source.Expected;                           // 65531 .. 65536+93
            Assert.Equal(99u, expected);
            Assert.Equal(10, rx.Source.CumulativeLost);
            Assert.Equal((10 << 8) / 99, rx.Source.TakeFractionLost());  // 25: 8-bit fixed point
            // Next interval: 50 more, 5 lost.
            for (int seq = 94; seq < 144; seq++) if (seq % 10 != 0) rx.Receive(Packet(seq, 0), 0, 172, Far, 0, out _);
            Assert.Equal((5 << 8) / 50, rx.Source.TakeFractionLost());   // 25
            // A duplicate counts as received (A.1), so the interval after it shows no loss.
            rx.Receive(Packet(143, 0), 0, 172, Far, 0, out _);
            Assert.Equal(0, rx.Source.TakeFractionLost());
            Assert.Equal(14, rx.Source.CumulativeLost);
        }

        [Fact]
        public void LargeJumpDroppedUnlessTheNextPacketFollowsIt()
        {
            var stats = new RtpStats();
            var rx = new RtpReceiver(stats) { LocalSsrc = 1 };
            rx.Receive(Packet(100, 0), 0, 172, Far, 0, out _);
            rx.Receive(Packet(101, 0), 0, 172, Far, 0, out _);
            Assert.Equal(RtpReceiveResult.Dropped, rx.Receive(Packet(40000, 0), 0, 172, Far, 0, out _));
            Assert.Equal(1, stats.SequenceJumps);
            Assert.Equal(RtpReceiveResult.Audio, rx.Receive(Packet(102, 0), 0, 172, Far, 0, out _));
            Assert.Equal(RtpReceiveResult.Dropped, rx.Receive(Packet(20000, 0), 0, 172, Far, 0, out _));
            rx.SourceChanged = false;
            Assert.Equal(RtpReceiveResult.Audio, rx.Receive(Packet(20001, 0), 0, 172, Far, 0, out _));
            Assert.Equal(1, stats.SequenceRestarts);
            Assert.True(rx.SourceChanged);
        }

        [Fact]
        public void NewSsrcTakesOverOnlyAfterProbationAndRelatches()
        {
            var stats = new RtpStats();
            var rx = new RtpReceiver(stats) { LocalSsrc = 1 };
            rx.SetRemote(Far);
            rx.Receive(Packet(1, 0, ssrc: 5), 0, 172, Far, 0, out _);
            rx.Receive(Packet(2, 0, ssrc: 5), 0, 172, Far, 0, out _);
            Assert.Equal(0, stats.Relatches);
            var nat = new NetEndPoint(NetEndPoint.MakeAddress(192, 0, 2, 9), 31000);
            Assert.Equal(RtpReceiveResult.Dropped, rx.Receive(Packet(900, 0, ssrc: 6), 0, 172, nat, 0, out _));
            Assert.Equal(5u, rx.Source.Ssrc);
            Assert.Equal(RtpReceiveResult.Audio, rx.Receive(Packet(3, 0, ssrc: 5), 0, 172, Far, 0, out _));
            Assert.Equal(RtpReceiveResult.Audio, rx.Receive(Packet(901, 0, ssrc: 6), 0, 172, nat, 0, out _));
            Assert.Equal(6u, rx.Source.Ssrc);
            Assert.Equal(1, stats.SsrcChanges);
            Assert.True(rx.RemoteEndPoint.SameAs(nat));
            Assert.Equal(1, stats.Relatches);
        }

        [Fact]
        public void InterarrivalJitterMatchesHandComputation()
        {
            // A.8 with J scaled by 16: transits 1000, 1010, 990, 1000 → |D| = 10, 20, 10.
            // J16: 0 → 10 → 10+20-1 = 29 → 29+10-2 = 37; reported J = 37 >> 4 = 2
            // (float: 0.625, 1.836, 2.346).
            var s = new RtpSource();
            s.Start(9, 0);
            uint[] ts = { 0, 160, 320, 480 };
            uint[] arrival = { 1000, 1170, 1310, 1480 };
            for (int i = 0; i < 4; i++) s.UpdateJitter(arrival[i], ts[i]);
            Assert.Equal(2u, s.Jitter);

            // Alternating ±40-sample arrival error: |D| = 80 every packet, J converges to 80 (fixed-point: 79).
            var t = new RtpSource();
            t.Start(9, 0);
            for (int i = 0; i < 400; i++) t.UpdateJitter((uint)(i * 160 + (i % 2 == 0 ? 0 : 80)), (uint)(i * 160));
            Assert.InRange(t.Jitter, 79u, 80u);
        }
    }
}
