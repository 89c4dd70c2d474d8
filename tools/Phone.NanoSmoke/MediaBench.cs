// Timing of the core's media code on nanoCLR: one 20 ms PCMU frame through the core's codec and RTP code.
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Media;
    using Phone.Core.Media.Codecs;
    using Phone.Core.Media.Jitter;
    using Phone.Core.Media.Rtp;
    using Phone.Core.Net;

    /// <summary>
    /// "Core frame": G711.EncodeUlaw of 160 samples into a packet, RtpPacketizer.WriteAudio (header), RtpReceiver.Receive
    /// (parse and source checks), copy of the payload into a jitter slot, G711.DecodeUlaw. All buffers allocated here.
    /// </summary>
    public static class MediaBench
    {
        /// <summary>Runs every media case.</summary>
        public static void Run()
        {
            short[] pcm = new short[160];
            short[] outp = new short[160];
            byte[] packet = new byte[172];
            byte[] slot = new byte[160];
            for (int i = 0; i < pcm.Length; i++) pcm[i] = (short)(i * 409 - 32000);
            RtpPacketizer tx = new RtpPacketizer(0x12345678, 1, 0);
            RtpReceiver rx = new RtpReceiver(new RtpStats());
            NetEndPoint from = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 1), 40000);
            rx.SetRemote(from);
            uint arrival = 0;

            Timing.Measure("bare core frame: G711 + RtpPacketizer + RtpReceiver + copy", n =>
            {
                RtpHeader h;
                for (int i = 0; i < n; i++)
                {
                    G711.EncodeUlaw(pcm, 0, packet, RtpHeader.FixedLength, 160);
                    int length = tx.WriteAudio(packet, G711.PayloadTypePcmu, 160, 160);
                    arrival += 160;
                    rx.Receive(packet, 0, length, from, arrival, out h);
                    Array.Copy(packet, h.PayloadOffset, slot, 0, h.PayloadLength);
                    G711.DecodeUlaw(slot, 0, outp, 0, 160);
                }
            });
            MeasureSessionTick();
            Timing.Measure("  part: core G711.EncodeUlaw, 160 samples", n => { for (int i = 0; i < n; i++) G711.EncodeUlaw(pcm, 0, packet, 12, 160); });
            Timing.Measure("  part: core G711.DecodeUlaw, 160 samples", n => { for (int i = 0; i < n; i++) G711.DecodeUlaw(slot, 0, outp, 0, 160); });
            Timing.Measure("  part: RtpPacketizer.WriteAudio + RtpReceiver.Receive", n =>
            {
                RtpHeader h;
                for (int i = 0; i < n; i++)
                {
                    int length = tx.WriteAudio(packet, G711.PayloadTypePcmu, 160, 160);
                    arrival += 160;
                    rx.Receive(packet, 0, length, from, arrival, out h);
                }
            });
        }

        /// <summary>Two sessions wired back to back; one tick of both, 20 ms apart, after 500 ticks of warm-up.</summary>
        private static void MeasureSessionTick()
        {
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
            MediaSession a = new MediaSession(new ToneAudio(false), sa, null, ca, 0);
            MediaSession b = new MediaSession(new ToneAudio(false), sb, null, cb, 0);
            long now = 0;
            for (int i = 0; i < 500; i++)
            {
                now += 20;
                a.Tick(now);
                b.Tick(now);
            }
            Timing.Measure("MediaSession: one tick of BOTH ends (per end = half)", n =>
            {
                for (int i = 0; i < n; i++)
                {
                    now += 20;
                    a.Tick(now);
                    b.Tick(now);
                }
            });

            JitterBuffer jb = new JitterBuffer(32, 240);
            byte[] payload = new byte[160];
            for (int i = 0; i < payload.Length; i++) payload[i] = (byte)(0x80 + (i & 63));
            short[] frame = new short[160];
            uint ts = 0;
            long t = 0;
            Timing.Measure("  part: JitterBuffer Put + Get (steady stream, incl. decode)", n =>
            {
                for (int i = 0; i < n; i++)
                {
                    jb.Put(ts, 0, payload, 0, 160, t);
                    jb.Get(t, frame, 0);
                    ts += 160;
                    t += 20;
                }
            });
            PacketLossConcealer plc = new PacketLossConcealer();
            Timing.Measure("  part: PacketLossConcealer.Remember, 160 samples", n => { for (int i = 0; i < n; i++) plc.Remember(frame, 0, 160); });
        }
    }
}
