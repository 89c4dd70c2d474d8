// Self-checks of the core's media code on nanoCLR: G.711 known values (G.191) and agreement with the reference kernel.
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Media;
    using Phone.Core.Media.Codecs;
    using Phone.Core.Media.Rtp;
    using Phone.Core.Net;

    /// <summary>Proves Phone.Core.Media types resolve on nanoCLR and compute what they compute on desktop .NET.</summary>
    public static class MediaChecks
    {
        /// <summary>Runs every media check.</summary>
        public static void Run()
        {
            try
            {
                G711Checks();
            }
            catch (Exception e)
            {
                Report.Threw("Media.G711", e);
            }
            try
            {
                SessionChecks();
            }
            catch (Exception e)
            {
                Report.Threw("Media.MediaSession", e);
            }
            try
            {
                RtpChecks();
            }
            catch (Exception e)
            {
                Report.Threw("Media.Rtp", e);
            }
        }

        private static void SessionChecks()
        {
            // Two sessions back to back for 2 s of calls: each end must receive, decode and play the other's audio.
            NetEndPoint ea = new NetEndPoint(0x0A000001, 4000);
            NetEndPoint eb = new NetEndPoint(0x0A000002, 4002);
            LoopSocket sa = new LoopSocket(ea);
            LoopSocket sb = new LoopSocket(eb);
            sa.Peer = sb;
            sb.Peer = sa;
            MediaSessionConfig ca = new MediaSessionConfig();
            ca.RemoteRtp = eb;
            ca.RandomSeed = 1;
            MediaSessionConfig cb = new MediaSessionConfig();
            cb.RemoteRtp = ea;
            cb.RandomSeed = 2;
            ToneAudio audioA = new ToneAudio(true);
            ToneAudio audioB = new ToneAudio(true);
            MediaSession a = new MediaSession(audioA, sa, null, ca, 0);
            MediaSession b = new MediaSession(audioB, sb, null, cb, 0);
            for (long now = 20; now <= 2000; now += 20)
            {
                a.Tick(now);
                b.Tick(now);
            }
            Report.Check("Media.MediaSession 100 ticks: B received A's packets (sent " + a.Stats.PacketsSent.ToString()
                + ", received " + b.Stats.PacketsReceived.ToString() + ")", a.Stats.PacketsSent >= 99 && b.Stats.PacketsReceived >= 90);
            Report.Check("Media.MediaSession B played A's audio (peak " + audioB.PlayedPeak.ToString() + ")", audioB.PlayedPeak > 10000);
            Report.Check("Media.MediaSession A played B's audio (peak " + audioA.PlayedPeak.ToString() + ")", audioA.PlayedPeak > 10000);
        }

        private static void RtpChecks()
        {
            // RFC 3550 A.1: a new source is on probation; after enough in-order packets the receiver accepts it.
            RtpPacketizer tx = new RtpPacketizer(0x12345678, 1000, 160000);
            RtpReceiver rx = new RtpReceiver(new RtpStats());
            NetEndPoint from = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 1), 40000);
            rx.SetRemote(from);
            byte[] packet = new byte[172];
            RtpHeader h = new RtpHeader();
            RtpReceiveResult last = RtpReceiveResult.Dropped;
            for (int k = 0; k < 4; k++)
            {
                int length = tx.WriteAudio(packet, G711.PayloadTypePcmu, 160, 160);
                last = rx.Receive(packet, 0, length, from, (uint)(k * 160), out h);
            }
            Report.Check("Media.Rtp packetizer -> receiver accepted (result " + ((int)last).ToString() + ")",
                last != RtpReceiveResult.Dropped);
            Report.Equal("Media.Rtp sequence of 4th packet", 1003, h.SequenceNumber);
            Report.Equal("Media.Rtp timestamp of 4th packet", 160000 + 3 * 160, h.Timestamp);
            Report.Equal("Media.Rtp SSRC", 0x12345678, h.Ssrc);
            Report.Equal("Media.Rtp payload", 160, h.PayloadLength);
        }

        private static void G711Checks()
        {
            Report.Equal("Media.G711 ulaw encode 0", 0xFF, G711.LinearToUlaw(0));
            Report.Equal("Media.G711 ulaw encode 32767", 0x80, G711.LinearToUlaw(32767));
            Report.Equal("Media.G711 ulaw encode -32768", 0x00, G711.LinearToUlaw(-32768));
            Report.Equal("Media.G711 ulaw decode 0x80", 32124, G711.UlawToLinear(0x80));
            Report.Equal("Media.G711 ulaw decode 0x00", -32124, G711.UlawToLinear(0x00));
            Report.Equal("Media.G711 alaw encode 0", 0xD5, G711.LinearToAlaw(0));
            Report.Equal("Media.G711 alaw encode 32767", 0xAA, G711.LinearToAlaw(32767));
            Report.Equal("Media.G711 alaw encode -32768", 0x2A, G711.LinearToAlaw(-32768));
            Report.Equal("Media.G711 alaw decode 0xD5", 8, G711.AlawToLinear(0xD5));
            Report.Equal("Media.G711 alaw decode 0xAA", 32256, G711.AlawToLinear(0xAA));
            Report.Equal("Media.G711 alaw decode 0x2A", -32256, G711.AlawToLinear(0x2A));

            // Two independent implementations must agree on every 16-bit input.
            int bad = 0;
            for (int x = -32768; x < 32768; x++)
            {
                if (G711.LinearToUlaw((short)x) != ReferenceMuLaw.Encode((short)x)) bad++;
            }
            Report.Equal("Media.G711 ulaw == reference encoder (65536 inputs)", 0, bad);

            // A-law: decode then encode is the identity for all 256 codes (A-law has no negative zero).
            bad = 0;
            for (int c = 0; c < 256; c++)
            {
                if (G711.LinearToAlaw(G711.AlawToLinear((byte)c)) != c) bad++;
            }
            Report.Equal("Media.G711 alaw decode->encode identity (256 codes)", 0, bad);

            // The block API equals the per-sample API.
            short[] pcm = new short[160];
            byte[] block = new byte[172];
            for (int i = 0; i < pcm.Length; i++) pcm[i] = (short)(i * 409 - 32000);
            G711.EncodeUlaw(pcm, 0, block, 12, 160);
            bad = 0;
            for (int i = 0; i < pcm.Length; i++)
            {
                if (block[12 + i] != G711.LinearToUlaw(pcm[i])) bad++;
            }
            G711.EncodeAlaw(pcm, 0, block, 12, 160);
            for (int i = 0; i < pcm.Length; i++)
            {
                if (block[12 + i] != G711.LinearToAlaw(pcm[i])) bad++;
            }
            short[] back = new short[160];
            G711.DecodeAlaw(block, 12, back, 0, 160);
            for (int i = 0; i < pcm.Length; i++)
            {
                if (back[i] != G711.AlawToLinear(block[12 + i])) bad++;
            }
            Report.Equal("Media.G711 block API == per-sample API", 0, bad);
        }
    }
}
