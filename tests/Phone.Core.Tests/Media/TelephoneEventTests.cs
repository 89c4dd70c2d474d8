// RFC 4733 telephone-event send and receive with payload types other than 101.
namespace Phone.Core.Tests.Media
{
    using System.Collections.Generic;
    using Phone.Core.Media.Rtp;
    using Phone.Core.Net;

    public class TelephoneEventTests
    {
        private struct Sent
        {
            public RtpHeader Header;
            public int Event;
            public bool End;
            public int Duration;
            public byte[] Bytes;
        }

        private static List<Sent> SendDigit(int pt, int code, int durationMs, uint startTs)
        {
            var tx = new RtpPacketizer(0x77, 500, startTs);
            var sender = new TelephoneEventSender();
            Assert.True(sender.Start(code, durationMs, tx.Timestamp));
            Assert.False(sender.Start(3, 100, 0));       // one event at a time
            var list = new List<Sent>();
            for (int i = 0; i < 50 && sender.IsActive; i++)
            {
                var buf = new byte[64];
                int len = sender.NextPacket(buf, tx, pt, 160);
                Assert.Equal(RtpParseError.None, RtpHeader.TryRead(buf, 0, len, out RtpHeader h));
                TelephoneEvent.TryRead(buf, h.PayloadOffset, h.PayloadLength, out int ev, out bool end, out int vol, out int dur);
                Assert.Equal(10, vol);
                var copy = new byte[len];
                System.Array.Copy(buf, copy, len);
                list.Add(new Sent { Header = h, Event = ev, End = end, Duration = dur, Bytes = copy });
            }
            return list;
        }

        [Theory]
        [InlineData(96)]
        [InlineData(126)]
        public void SenderFollowsRfc4733(int pt)
        {
            var sent = SendDigit(pt, 5, 100, 8000);
            // 100 ms at 20 ms/packet: durations 160..800, the last one with E, then two more end packets.
            Assert.Equal(7, sent.Count);
            for (int i = 0; i < sent.Count; i++)
            {
                Assert.Equal(pt, sent[i].Header.PayloadType);
                Assert.Equal(8000u, sent[i].Header.Timestamp);     // every packet carries the event's start time
                Assert.Equal(i == 0, sent[i].Header.Marker);
                Assert.Equal((500 + i) & 0xFFFF, sent[i].Header.SequenceNumber);
                Assert.Equal(5, sent[i].Event);
                Assert.Equal(System.Math.Min(160 * (i + 1), 800), sent[i].Duration);
                Assert.Equal(i >= 4, sent[i].End);
            }
        }

        [Theory]
        [InlineData(96)]
        [InlineData(126)]
        public void ReceiverReportsStartAndEndOnceWithNegotiatedPayloadType(int pt)
        {
            var stats = new RtpStats();
            var rx = new RtpReceiver(stats) { LocalSsrc = 1, TelephoneEventPayloadType = pt };
            var ev = new TelephoneEventReceiver();
            var from = new NetEndPoint(1, 2);
            // Two audio packets validate the source first (A.1 probation).
            for (int s = 498; s < 500; s++)
            {
                var a = new byte[172];
                RtpHeader.Write(a, 0, false, 0, s, 7840, 0x77);
                rx.Receive(a, 0, a.Length, from, 0, out _);
            }
            var sent = SendDigit(pt, 11, 100, 8000);
            sent.Add(sent[sent.Count - 1]);             // a network duplicate of the last end packet
            foreach (var p in sent)
            {
                Assert.Equal(RtpReceiveResult.TelephoneEvent, rx.Receive(p.Bytes, 0, p.Bytes.Length, from, 0, out RtpHeader h));
                Assert.True(ev.Receive(p.Bytes, h.PayloadOffset, h.PayloadLength, h.Timestamp, 0));
            }
            Assert.Equal(2, ev.Count);
            Assert.True(ev.TryRead(out TelephoneEventNotice start));
            Assert.False(start.IsEnd);
            Assert.Equal('#', start.Digit);
            Assert.True(ev.TryRead(out TelephoneEventNotice end));
            Assert.True(end.IsEnd);
            Assert.Equal('#', end.Digit);
            Assert.Equal(100, end.DurationMs);
            Assert.False(ev.TryRead(out _));
            // The same packets with PT 101 are not telephone events here.
            var other = SendDigit(101, 1, 40, 9000);
            Assert.Equal(RtpReceiveResult.Dropped, rx.Receive(other[0].Bytes, 0, other[0].Bytes.Length, from, 0, out _));
        }

        [Fact]
        public void LostEndPacketsAreRecoveredByNextEventOrTimeout()
        {
            var ev = new TelephoneEventReceiver();
            var p = new byte[4];
            TelephoneEvent.Write(p, 0, 1, false, 10, 160);
            ev.Receive(p, 0, 4, 1000, 0);
            TelephoneEvent.Write(p, 0, 2, false, 10, 160);
            ev.Receive(p, 0, 4, 3000, 100);              // new event: the first one ends
            TelephoneEvent.Write(p, 0, 1, true, 10, 800);
            ev.Receive(p, 0, 4, 1000, 120);              // a late end packet of the first event: ignored
            ev.Poll(100 + TelephoneEventReceiver.TimeoutMs);
            var seen = new List<string>();
            while (ev.TryRead(out TelephoneEventNotice n)) seen.Add(n.Digit + (n.IsEnd ? "-" : "+"));
            Assert.Equal(new[] { "1+", "1-", "2+", "2-" }, seen);
            Assert.False(ev.Receive(p, 0, 3, 5000, 200));
        }

        [Fact]
        public void OnlyAnEndPacketGivesStartAndEnd()
        {
            var ev = new TelephoneEventReceiver();
            var p = new byte[4];
            TelephoneEvent.Write(p, 0, 12, true, 10, 640);
            ev.Receive(p, 0, 4, 1000, 0);
            Assert.True(ev.TryRead(out var a));
            Assert.True(ev.TryRead(out var b));
            Assert.Equal('A', a.Digit);
            Assert.True(b.IsEnd);
            Assert.Equal(80, b.DurationMs);
        }

        [Fact]
        public void NoticesKeepEveryFieldAtItsLimitsThroughTheRing()
        {
            // The ring packs a notice into two words: the 8-bit event code, the end flag, the duration in ms (the
            // 16-bit duration field / 8) and the 32-bit timestamp must come back unchanged.
            var ev = new TelephoneEventReceiver();
            var p = new byte[4];
            TelephoneEvent.Write(p, 0, 255, true, 63, 65535);
            ev.Receive(p, 0, 4, 0xFFFFFFF0u, 0);
            Assert.True(ev.TryRead(out TelephoneEventNotice start));
            Assert.True(ev.TryRead(out TelephoneEventNotice end));
            Assert.Equal(255, start.EventCode);
            Assert.Equal('?', start.Digit);
            Assert.False(start.IsEnd);
            Assert.Equal(0xFFFFFFF0u, start.Timestamp);
            Assert.Equal(65535 / 8, start.DurationMs);
            Assert.Equal(255, end.EventCode);
            Assert.True(end.IsEnd);
            Assert.Equal(8191, end.DurationMs);
            Assert.Equal(0xFFFFFFF0u, end.Timestamp);
            TelephoneEvent.Write(p, 0, 16, false, 10, 0);
            ev.Receive(p, 0, 4, 7, 10);
            Assert.True(ev.TryRead(out TelephoneEventNotice flash));
            Assert.Equal('!', flash.Digit);
            Assert.Equal(16, flash.EventCode);
            Assert.Equal(0, flash.DurationMs);
            Assert.Equal(7u, flash.Timestamp);
        }

        [Fact]
        public void AFullRingDropsTheNewestNoticesAndKeepsTheOrderAcrossTheWrap()
        {
            var ev = new TelephoneEventReceiver();
            var p = new byte[4];
            // Move the ring's head first, so that the 16 notices below wrap around its end.
            TelephoneEvent.Write(p, 0, 0, true, 10, 80);
            ev.Receive(p, 0, 4, 100, 0);
            Assert.True(ev.TryRead(out _));
            Assert.True(ev.TryRead(out _));
            for (int i = 0; i < 9; i++)
            {
                TelephoneEvent.Write(p, 0, i + 1, true, 10, 80 * (i + 1));
                ev.Receive(p, 0, 4, (uint)(1000 + 1000 * i), 10 * i);
            }
            Assert.Equal(16, ev.Count);
            Assert.Equal(2, ev.Overflows);   // the ninth digit's start and end
            for (int i = 0; i < 8; i++)
            {
                Assert.True(ev.TryRead(out TelephoneEventNotice a));
                Assert.True(ev.TryRead(out TelephoneEventNotice b));
                Assert.Equal((char)('1' + i), a.Digit);
                Assert.False(a.IsEnd);
                Assert.True(b.IsEnd);
                Assert.Equal(10 * (i + 1), b.DurationMs);
                Assert.Equal((uint)(1000 + 1000 * i), b.Timestamp);
            }
            Assert.False(ev.TryRead(out _));
        }

        [Theory]
        [InlineData('0', 0)]
        [InlineData('9', 9)]
        [InlineData('*', 10)]
        [InlineData('#', 11)]
        [InlineData('d', 15)]
        [InlineData('x', -1)]
        public void DigitCodes(char c, int code) => Assert.Equal(code, TelephoneEvent.FromDigit(c));
    }
}
