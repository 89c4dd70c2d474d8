// One "bare" 20 ms G.711 frame (RFC 3551 §4.5.14, PCMU, 160 samples at 8 kHz) through encode → RTP → jitter slot → decode.
namespace Phone.NanoSmoke
{
    using System;

    /// <summary>
    /// The smallest media path per frame with no session logic: encode 160 samples into an RTP packet, write the
    /// fixed 12-byte header (RFC 3550 §5.1), copy the payload into a jitter-buffer slot, decode it back. Three
    /// encoder styles; all buffers are allocated once in the constructor.
    /// </summary>
    public sealed class BareFrame
    {
        /// <summary>Samples per 20 ms frame at 8 kHz.</summary>
        public const int Samples = 160;

        /// <summary>RTP fixed header size, no CSRC, no extension (RFC 3550 §5.1).</summary>
        public const int RtpHeader = 12;

        private readonly short[] _pcmIn = new short[Samples];
        private readonly short[] _pcmOut = new short[Samples];
        private readonly byte[] _packet = new byte[RtpHeader + Samples];
        private readonly byte[] _slot = new byte[Samples];
        private int _seq;
        private uint _timestamp;

        /// <summary>Fills the input with a full-scale triangle so every segment of the codec is exercised.</summary>
        public BareFrame()
        {
            for (int i = 0; i < Samples; i++)
            {
                int phase = i % 80;
                int v = phase < 40 ? -32000 + phase * 1600 : 32000 - (phase - 40) * 1600;
                _pcmIn[i] = (short)v;
            }
        }

        /// <summary>Decoded output of the last frame.</summary>
        public short[] Output => _pcmOut;

        /// <summary>Input samples.</summary>
        public short[] Input => _pcmIn;

        /// <summary>Encoder called as a method per sample (256-byte segment table).</summary>
        public void RunCallPerSample()
        {
            byte[] packet = _packet;
            short[] pcm = _pcmIn;
            for (int i = 0; i < Samples; i++)
            {
                packet[RtpHeader + i] = ReferenceMuLaw.Encode(pcm[i]);
            }
            Finish();
        }

        /// <summary>The same encoder written inside the loop (no call per sample).</summary>
        public void RunInlined()
        {
            byte[] packet = _packet;
            short[] pcm = _pcmIn;
            byte[] segment = ReferenceMuLaw.Segment;
            for (int i = 0; i < Samples; i++)
            {
                int x = pcm[i];
                int absno = (x < 0 ? (~x >> 2) : (x >> 2)) + 33;
                if (absno > 0x1FFF) absno = 0x1FFF;
                int e = segment[absno >> 5];
                int code = (e << 4) | ((absno >> (e + 1)) & 0x0F);
                packet[RtpHeader + i] = (byte)(x >= 0 ? 0xFF - code : 0x7F - code);
            }
            Finish();
        }

        /// <summary>One load per sample from the 16 KB direct table.</summary>
        public void RunDirectTable()
        {
            byte[] packet = _packet;
            short[] pcm = _pcmIn;
            byte[] direct = ReferenceMuLaw.Direct;
            for (int i = 0; i < Samples; i++)
            {
                packet[RtpHeader + i] = direct[(pcm[i] >> 2) & 0x3FFF];
            }
            Finish();
        }

        /// <summary>Only the RTP header write and the copy into the jitter slot.</summary>
        public void RunHeaderAndCopyOnly() => WriteHeaderAndCopy();

        /// <summary>Header, copy to the jitter slot, decode: common to the three variants.</summary>
        private void Finish()
        {
            WriteHeaderAndCopy();
            byte[] slot = _slot;
            short[] expand = ReferenceMuLaw.Expand;
            short[] outp = _pcmOut;
            for (int i = 0; i < Samples; i++)
            {
                outp[i] = expand[slot[i]];
            }
        }

        private void WriteHeaderAndCopy()
        {
            byte[] packet = _packet;
            _seq = (_seq + 1) & 0xFFFF;
            _timestamp += Samples;
            packet[0] = 0x80;                  // V=2, no padding, no extension, CC=0
            packet[1] = 0;                     // M=0, PT=0 (PCMU)
            packet[2] = (byte)(_seq >> 8);
            packet[3] = (byte)_seq;
            packet[4] = (byte)(_timestamp >> 24);
            packet[5] = (byte)(_timestamp >> 16);
            packet[6] = (byte)(_timestamp >> 8);
            packet[7] = (byte)_timestamp;
            packet[8] = 0x12;                  // SSRC 0x12345678
            packet[9] = 0x34;
            packet[10] = 0x56;
            packet[11] = 0x78;
            Array.Copy(packet, RtpHeader, _slot, 0, Samples);
        }
    }
}
