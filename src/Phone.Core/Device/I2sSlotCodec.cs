// Converts between the port's 8 kHz mono 16-bit frames and I2S stereo slot bytes (16- or 32-bit slots, 8 or 16 kHz).
namespace Phone.Core.Device
{
    using Phone.Core.Ports;

    /// <summary>
    /// Pure sample-format conversion for the I2S driver, kept in the core so it is tested on the host.
    /// I2S (Philips) frames carry left then right slots, little-endian as the ESP32 DMA stores them; a 32-bit slot
    /// holds the sample in its top bits (INMP441: 24 bits, left-justified), so the top 16 bits are the sample.
    /// At 16 kHz the wire rate is twice the port rate: capture averages each pair, playback repeats each sample.
    /// The driver moves a frame in <see cref="PiecesPerFrame"/> pieces through slot buffers of <see cref="PieceBytes"/>
    /// (a quarter of the frame's slots on the heap instead of all of them); the count overloads convert one piece.
    /// </summary>
    public sealed class I2sSlotCodec
    {
        /// <summary>Pieces a 20 ms frame is read and written in (each a blocking I2S read or write of 5 ms).</summary>
        public const int PiecesPerFrame = 4;

        /// <summary>Port samples in one piece (40: 5 ms at 8 kHz).</summary>
        public const int PieceSamples = AudioFormat.FrameSamples / PiecesPerFrame;

        private readonly int _slotBytes;
        private readonly int _rateFactor;
        private readonly int _channel;

        /// <summary>
        /// Creates a codec for <paramref name="slotBits"/> (16 or 32) per slot, a wire sample rate of 8000 or 16000,
        /// and the capture channel (0 = left, 1 = right) that carries the microphone.
        /// </summary>
        public I2sSlotCodec(int slotBits, int wireSampleRate, int captureChannel)
        {
            _slotBytes = slotBits == 32 ? 4 : 2;
            _rateFactor = wireSampleRate == 16000 ? 2 : 1;
            _channel = captureChannel == 1 ? 1 : 0;
        }

        /// <summary>Bytes of I2S data for one 20 ms port frame (both slots).</summary>
        public int FrameBytes => AudioFormat.FrameSamples * _rateFactor * 2 * _slotBytes;

        /// <summary>Bytes of I2S data for one piece of <see cref="PieceSamples"/> port samples (the driver's slot buffer).</summary>
        public int PieceBytes => PieceSamples * _rateFactor * 2 * _slotBytes;

        /// <summary>Wire samples per port sample (1 at 8 kHz, 2 at 16 kHz).</summary>
        public int RateFactor => _rateFactor;

        /// <summary>Bytes in one slot (2 or 4).</summary>
        public int SlotBytes => _slotBytes;

        /// <summary>Takes the capture channel out of <see cref="FrameBytes"/> bytes of slots into one port frame.</summary>
        [HotPath]
        public void Decode(byte[] slots, int slotsOffset, short[] frame, int frameOffset) => Decode(slots, slotsOffset, frame, frameOffset, AudioFormat.FrameSamples);

        /// <summary>Takes the capture channel of <paramref name="count"/> port samples' slots into <paramref name="frame"/>.</summary>
        [HotPath]
        public void Decode(byte[] slots, int slotsOffset, short[] frame, int frameOffset, int count)
        {
            int stride = 2 * _slotBytes;
            // The top 16 bits of a little-endian slot are its last two bytes.
            int first = slotsOffset + _channel * _slotBytes + _slotBytes - 2;
            for (int i = 0; i < count; i++)
            {
                int p = first + i * _rateFactor * stride;
                int s = (short)(slots[p] | (slots[p + 1] << 8));
                if (_rateFactor == 2)
                {
                    int q = p + stride;
                    s = (s + (short)(slots[q] | (slots[q + 1] << 8))) >> 1;
                }
                frame[frameOffset + i] = (short)s;
            }
        }

        /// <summary>Writes one port frame as <see cref="FrameBytes"/> bytes of slots, the same sample in both channels.</summary>
        [HotPath]
        public void Encode(short[] frame, int frameOffset, byte[] slots, int slotsOffset) => Encode(frame, frameOffset, AudioFormat.FrameSamples, slots, slotsOffset);

        /// <summary>Writes <paramref name="count"/> port samples as slots, the same sample in both channels.</summary>
        [HotPath]
        public void Encode(short[] frame, int frameOffset, int count, byte[] slots, int slotsOffset)
        {
            int p = slotsOffset;
            for (int i = 0; i < count; i++)
            {
                int s = frame[frameOffset + i];
                byte lo = (byte)s;
                byte hi = (byte)(s >> 8);
                for (int r = 0; r < _rateFactor; r++)
                {
                    for (int ch = 0; ch < 2; ch++)
                    {
                        for (int z = 0; z < _slotBytes - 2; z++) slots[p++] = 0;
                        slots[p++] = lo;
                        slots[p++] = hi;
                    }
                }
            }
        }
    }
}
