// Two MediaSessions over an in-memory link: audio, DTMF with a non-101 PT, RTCP RTT, BYE, and zero allocation.
namespace Phone.Core.Tests.Media
{
    using System;
    using CsCheck;
    using Phone.Core.Media;
    using Phone.Core.Media.Rtp;
    using Phone.Core.Net;

    public class MediaSessionTests
    {
        private static readonly NetEndPoint AddrA = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 1), 40000);
        private static readonly NetEndPoint AddrB = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 2), 50000);

        private sealed class Mixer : IFrameMixer
        {
            public int Calls;
            public void Mix(short[] frame, int offset, int count)
            {
                Calls++;
                frame[offset] = (short)(frame[offset] / 2 + 100);
            }
        }

        private sealed class Pair
        {
            public MemoryDatagramLink Link;
            public ToneAudioPort AudioA = new ToneAudioPort(20, 8000);
            public ToneAudioPort AudioB = new ToneAudioPort(32, 6000);
            public MediaSession A, B;
        }

        private static Pair Make(int pt, int dtmfPt, int loss, int reorder)
        {
            var p = new Pair();
            p.Link = new MemoryDatagramLink(AddrA, AddrB, loss, reorder, 99);
            var ca = new MediaSessionConfig { PayloadType = pt, TelephoneEventPayloadType = dtmfPt, RemoteRtp = AddrB, RandomSeed = 1, Cname = "a@10.0.0.1" };
            var cb = new MediaSessionConfig { PayloadType = pt, TelephoneEventPayloadType = dtmfPt, RemoteRtp = AddrA, RandomSeed = 2, Cname = "b@10.0.0.2" };
            p.A = new MediaSession(p.AudioA, p.Link.A, null, ca, 0);
            p.B = new MediaSession(p.AudioB, p.Link.B, null, cb, 0);
            return p;
        }

        [Theory]
        [InlineData(0, 96)]
        [InlineData(8, 126)]
        public void AudioDtmfAndRtcpFlowBothWays(int pt, int dtmfPt)
        {
            var p = Make(pt, dtmfPt, 0, 0);
            var mixer = new Mixer();
            p.B.Mixer = mixer;
            long now = 0;
            int digitsSeen = 0;
            string digits = "";
            for (int f = 0; f < 1000; f++, now += 20)
            {
                if (f == 100) Assert.True(p.A.SendDtmf('7', 120));
                if (f == 200) Assert.True(p.A.SendDtmf('#', 60));
                p.A.Tick(now);
                p.B.Tick(now);
                while (p.B.TryReadDtmf(out TelephoneEventNotice n))
                {
                    digitsSeen++;
                    digits += n.Digit + (n.IsEnd ? "-" + n.DurationMs : "+");
                }
            }
            Assert.Equal("7+7-120#+#-60", digits);
            Assert.Equal(4, digitsSeen);
            Assert.Equal(1000, p.AudioB.FramesPlayed);
            Assert.Equal(1000, mixer.Calls);
            Assert.True(p.AudioB.PlayedEnergy > 1000L * 160 * 1000, "B hears A's tone");
            Assert.True(p.AudioA.PlayedEnergy > 1000L * 160 * 1000, "A hears B's tone");
            Assert.Equal(0, p.A.Stats.PacketsLost);
            // Only the audio the two events replaced (6 + 3 and 3 + 3 packets of 20 ms, RFC 4733 §2.5.1.1) is concealed.
            Assert.InRange(p.B.Stats.ConcealedFrames, 1, 16);
            Assert.Equal(0, p.A.Stats.ConcealedFrames);
            Assert.Equal(2, p.A.Stats.DtmfSent);
            Assert.True(p.A.Stats.RtcpSent >= 3 && p.B.Stats.RtcpReceived >= 3);
            Assert.InRange(p.A.Stats.RoundTripMs, 0, 40);   // in-memory: only the tick granularity
            Assert.Equal(0, p.B.RtpStats.RtpDropped - p.B.RtpStats.Probation);
            p.A.Stop(now);
            p.B.Tick(now + 20);
            Assert.True(p.B.RemoteBye);
        }

        [Fact]
        public void LossAndReorderAreCountedAndConcealed()
        {
            var p = Make(0, 101, 5, 5);
            long now = 0;
            for (int f = 0; f < 3000; f++, now += 20)
            {
                p.A.Tick(now);
                p.B.Tick(now);
            }
            var s = p.B.Stats;
            int lost = p.Link.A.Lost;
            // Packets lost on the wire show up as RFC 3550 loss (± the one held back at the end).
            Assert.InRange(s.PacketsLost, lost - 1, lost + 1);
            Assert.True(s.ConcealedFrames >= lost / 2, $"concealed {s.ConcealedFrames} lost {lost}");
            Assert.True(p.A.Stats.RemoteFractionLost > 0);
            Assert.True(s.JitterMs >= 0 && s.JitterBufferDelayMs >= 20);
            Assert.True(p.A.Stats.RoundTripMs >= 0);
        }

        [Fact]
        public void SeparateRtcpSocketsOnPortPlusOne()
        {
            var rtp = new MemoryDatagramLink(AddrA, AddrB, 0, 0, 1);
            var rtcp = new MemoryDatagramLink(new NetEndPoint(AddrA.Address, AddrA.Port + 1),
                new NetEndPoint(AddrB.Address, AddrB.Port + 1), 0, 0, 2);
            var a = new MediaSession(new ToneAudioPort(20, 8000), rtp.A, rtcp.A,
                new MediaSessionConfig { RemoteRtp = AddrB, RandomSeed = 1 }, 0);
            var b = new MediaSession(new ToneAudioPort(20, 8000), rtp.B, rtcp.B,
                new MediaSessionConfig { RemoteRtp = AddrA, RandomSeed = 2 }, 0);
            long now = 0;
            for (int f = 0; f < 1000; f++, now += 20)
            {
                a.Tick(now);
                b.Tick(now);
            }
            Assert.True(rtcp.A.Sent >= 3 && rtcp.B.Sent >= 3);
            Assert.Equal(0, a.RtpStats.RtcpMalformed);
            Assert.True(a.Stats.RtcpReceived >= 3);
            Assert.InRange(a.Stats.RoundTripMs, 0, 40);
        }

        // Passes datagrams through and keeps a copy of every RTCP one sent.
        private sealed class RtcpRecorder : Phone.Core.Ports.IDatagramSocket
        {
            private readonly Phone.Core.Ports.IDatagramSocket _inner;
            public readonly System.Collections.Generic.List<byte[]> Rtcp = new System.Collections.Generic.List<byte[]>();
            public RtcpRecorder(Phone.Core.Ports.IDatagramSocket inner) => _inner = inner;
            public NetEndPoint LocalEndPoint => _inner.LocalEndPoint;
            public bool SendTo(byte[] buffer, int offset, int count, NetEndPoint remote)
            {
                if (RtcpPacket.LooksLikeRtcp(buffer, offset, count)) Rtcp.Add(buffer.AsSpan(offset, count).ToArray());
                return _inner.SendTo(buffer, offset, count, remote);
            }
            public int ReceiveFrom(byte[] buffer, int offset, int count, out NetEndPoint remote) => _inner.ReceiveFrom(buffer, offset, count, out remote);
            public bool WaitReadable(int timeoutMs) => _inner.WaitReadable(timeoutMs);
            public void Close() => _inner.Close();
        }

        [Fact]
        public void RtcpBuiltInTheReceiveBufferIsWholeWithALongCnameAndASmallDatagramLimit()
        {
            // B receives into a 180-byte buffer (an audio packet fits, our largest RTCP does not) and builds its
            // reports in that buffer: each must still carry the whole 255-octet CNAME, be read by A, and end with BYE.
            var link = new MemoryDatagramLink(AddrA, AddrB, 0, 0, 5);
            var recorder = new RtcpRecorder(link.B);
            string cname = new string('c', 250) + "@host";
            var a = new MediaSession(new ToneAudioPort(20, 8000), link.A, null, new MediaSessionConfig { RemoteRtp = AddrB, RandomSeed = 1 }, 0);
            var b = new MediaSession(new ToneAudioPort(32, 6000), recorder, null,
                new MediaSessionConfig { RemoteRtp = AddrA, RandomSeed = 2, Cname = cname, MaxDatagramBytes = 180 }, 0);
            long now = 0;
            for (int f = 0; f < 1000; f++, now += 20)
            {
                a.Tick(now);
                b.Tick(now);
            }
            b.Stop(now);
            a.Tick(now + 20);
            Assert.True(recorder.Rtcp.Count >= 4);
            Assert.True(b.Stats.PacketsReceived >= 990);
            Assert.True(b.Stats.RtcpReceived >= 3);
            Assert.Equal(0, a.RtpStats.RtcpMalformed);
            Assert.Equal(recorder.Rtcp.Count, a.Stats.RtcpReceived);
            Assert.True(a.RemoteBye);
            for (int i = 0; i < recorder.Rtcp.Count; i++)
            {
                byte[] d = recorder.Rtcp[i];
                bool last = i == recorder.Rtcp.Count - 1;
                // SR with A's block (28 + 24), then SDES with the CNAME (header 4, SSRC 4, type 1, length 1, text,
                // padded to 268), then BYE (8) in the last one.
                Assert.Equal(28 + 24 + 268 + (last ? 8 : 0), d.Length);
                Assert.True(RtcpPacket.TryReadCompound(d, 0, d.Length, a.Ssrc, out RtcpInfo info));
                Assert.True(info.HasSenderReport && info.HasBlockForUs);
                Assert.Equal(last, info.HasBye);
                Assert.Equal(1, d[52 + 8]);
                Assert.Equal(255, d[52 + 9]);
                Assert.Equal(cname, System.Text.Encoding.ASCII.GetString(d, 52 + 10, 255));
            }
        }

        [Fact]
        public void SymmetricRtpLatchesToTheSourceOfMedia()
        {
            var p = Make(0, 101, 0, 0);
            // A was told (SDP) to send to a wrong port; B's media arrives from its real address.
            var wrong = new MediaSessionConfig { RemoteRtp = new NetEndPoint(AddrB.Address, 1), RandomSeed = 5 };
            var a = new MediaSession(p.AudioA, p.Link.A, null, wrong, 0);
            long now = 0;
            for (int f = 0; f < 10; f++, now += 20)
            {
                a.Tick(now);
                p.B.Tick(now);
            }
            Assert.True(a.RemoteRtp.SameAs(AddrB));
            Assert.Equal(1, a.RtpStats.Relatches);
        }

        [Fact]
        public void SsrcCollisionMakesUsPickANewSsrc()
        {
            var p = Make(0, 101, 0, 0);
            uint old = p.A.Ssrc;
            var pkt = new byte[172];
            for (int i = 0; i < 3; i++)
            {
                RtpHeader.Write(pkt, 0, false, 0, 10 + i, 0, old);
                p.Link.A.Enqueue(pkt, 0, pkt.Length, AddrB);
            }
            p.A.Tick(0);
            Assert.NotEqual(old, p.A.Ssrc);
            Assert.True(p.A.Stats.SsrcCollisions >= 1);
            long now = 0;
            for (int f = 0; f < 50; f++, now += 20)
            {
                p.A.Tick(now);
                p.B.Tick(now);
            }
            Assert.True(p.B.Stats.PacketsReceived > 40);   // B follows the new SSRC after probation
        }

        [Fact]
        public void RandomDatagramsNeverThrowAndAreCounted()
        {
            var p = Make(0, 101, 0, 0);
            long now = 0;
            Gen.Byte.Array[0, 300].Array[1, 20].Sample(datagrams =>
            {
                foreach (byte[] d in datagrams)
                {
                    // Half of them get a valid-looking RTP or RTCP first octet so the deeper checks run too.
                    if (d.Length > 1 && (d[0] & 1) == 0) d[0] = (byte)(0x80 | (d[0] & 0x3F));
                    p.Link.B.Enqueue(d, 0, d.Length, AddrA);
                }
                now += 20;
                p.B.Tick(now);
            }, iter: 300, threads: 1);   // one session is shared by every sample: CsCheck's default runs them on all cores at once
            var r = p.B.RtpStats;
            Assert.True(r.RtpDropped + r.RtcpMalformed + r.RtcpAccepted + r.PacketsAccepted > 0);
            Assert.Equal(300, p.AudioB.FramesPlayed);
        }

        [Fact]
        public void TenThousandFramesAllocateNothing()
        {
            var p = Make(0, 101, 3, 3);
            long now = 0;
            TelephoneEventNotice n;
            for (int f = 0; f < 1000; f++, now += 20)   // warm-up: JIT, first RTCP, a DTMF digit
            {
                if (f == 100) p.A.SendDtmf('1', 100);
                p.A.Tick(now);
                p.B.Tick(now);
                while (p.B.TryReadDtmf(out n)) { }
            }
            int rtcpBefore = p.B.Stats.RtcpReceived;
            int dtmfBefore = p.B.Stats.DtmfReceived;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int f = 0; f < 10000; f++, now += 20)
            {
                if (f % 500 == 0) p.A.SendDtmf('5', 100);
                if (f % 700 == 0) p.B.SendDtmf('*', 80);
                p.A.Tick(now);
                p.B.Tick(now);
                while (p.B.TryReadDtmf(out n)) { }
                while (p.A.TryReadDtmf(out n)) { }
            }
            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(before, after);
            Assert.True(p.B.Stats.RtcpReceived - rtcpBefore >= 30, "RTCP ran");
            Assert.True(p.B.Stats.DtmfReceived - dtmfBefore >= 30, "DTMF ran");
            Assert.True(p.B.Stats.PacketsLost > 0 && p.Link.A.Reordered > 0, "loss and reordering ran");
        }
    }
}
