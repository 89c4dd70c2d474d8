// Host tests of the device-support logic in the core: audio ring, I2S slot conversion, memory budget.
namespace Phone.Core.Tests.Device
{
    using System;
    using Phone.Core.Device;
    using Phone.Core.Ports;

    public class DeviceCoreTests
    {
        private static short[] Frame(int seed)
        {
            var f = new short[AudioFormat.FrameSamples];
            for (int i = 0; i < f.Length; i++) f[i] = (short)(seed * 1000 + i - 80);
            return f;
        }

        [Fact]
        public void Ring_keeps_order_and_counts_overruns_and_underruns()
        {
            var ring = new AudioFrameRing(2);
            var out1 = new short[AudioFormat.FrameSamples];
            Assert.False(ring.TryRead(out1, 0));
            Assert.Equal(1, ring.Underruns);
            Assert.True(ring.TryWrite(Frame(1), 0));
            Assert.True(ring.TryWrite(Frame(2), 0));
            Assert.False(ring.TryWrite(Frame(3), 0));
            Assert.Equal(1, ring.Overruns);
            Assert.True(ring.TryRead(out1, 0));
            Assert.Equal(Frame(1), out1);
            Assert.True(ring.TryWrite(Frame(4), 0));
            Assert.True(ring.TryRead(out1, 0));
            Assert.Equal(Frame(2), out1);
            Assert.True(ring.TryRead(out1, 0));
            Assert.Equal(Frame(4), out1);
            Assert.Equal(0, ring.Count);
        }

        [Theory]
        [InlineData(16, 8000, 0)]
        [InlineData(16, 8000, 1)]
        [InlineData(32, 8000, 0)]
        [InlineData(32, 16000, 1)]
        [InlineData(16, 16000, 0)]
        public void Slot_codec_round_trips_a_frame(int slotBits, int rate, int channel)
        {
            var codec = new I2sSlotCodec(slotBits, rate, channel);
            Assert.Equal(AudioFormat.FrameSamples * (rate / 8000) * 2 * (slotBits / 8), codec.FrameBytes);
            var slots = new byte[codec.FrameBytes + 3];
            var back = new short[AudioFormat.FrameSamples];
            codec.Encode(Frame(7), 0, slots, 3);
            codec.Decode(slots, 3, back, 0);
            Assert.Equal(Frame(7), back);
        }

        [Theory]
        [InlineData(16, 8000, 0)]
        [InlineData(16, 8000, 1)]
        [InlineData(32, 8000, 0)]
        [InlineData(32, 8000, 1)]
        [InlineData(32, 16000, 1)]
        [InlineData(16, 16000, 0)]
        public void Slot_codec_in_pieces_gives_the_same_slots_and_samples_as_whole_frames(int slotBits, int rate, int channel)
        {
            // The driver moves a frame in PiecesPerFrame reads and writes of PieceBytes: the bytes written and the
            // samples read must be exactly those of a whole-frame conversion. The captured slots differ in every byte
            // (both channels, the low bytes of 32-bit slots, both samples of a 16 kHz pair).
            var codec = new I2sSlotCodec(slotBits, rate, channel);
            Assert.Equal(codec.FrameBytes, I2sSlotCodec.PiecesPerFrame * codec.PieceBytes);
            var rng = new Random(slotBits + rate + channel);
            var captured = new byte[codec.FrameBytes];
            rng.NextBytes(captured);
            var whole = new short[AudioFormat.FrameSamples];
            codec.Decode(captured, 0, whole, 0);
            var pieced = new short[AudioFormat.FrameSamples];
            var piece = new byte[codec.PieceBytes];
            for (int k = 0; k < I2sSlotCodec.PiecesPerFrame; k++)
            {
                Array.Copy(captured, k * codec.PieceBytes, piece, 0, codec.PieceBytes);   // what one blocking read returns
                codec.Decode(piece, 0, pieced, k * I2sSlotCodec.PieceSamples, I2sSlotCodec.PieceSamples);
            }
            Assert.Equal(whole, pieced);

            short[] toPlay = Frame(11);
            var wholeSlots = new byte[codec.FrameBytes];
            codec.Encode(toPlay, 0, wholeSlots, 0);
            var written = new byte[codec.FrameBytes];
            for (int k = 0; k < I2sSlotCodec.PiecesPerFrame; k++)
            {
                for (int i = 0; i < piece.Length; i++) piece[i] = 0xA5;   // stale bytes of the last piece are overwritten
                codec.Encode(toPlay, k * I2sSlotCodec.PieceSamples, I2sSlotCodec.PieceSamples, piece, 0);
                Array.Copy(piece, 0, written, k * codec.PieceBytes, codec.PieceBytes);   // what one blocking write sends
            }
            Assert.Equal(wholeSlots, written);
        }

        [Fact]
        public void Slot_codec_takes_the_top_16_bits_of_the_chosen_32_bit_slot()
        {
            var codec = new I2sSlotCodec(32, 8000, 1);
            var slots = new byte[codec.FrameBytes];
            // First frame: left slot 0x11223344, right slot 0x80017F00 (little-endian in memory).
            slots[0] = 0x44; slots[1] = 0x33; slots[2] = 0x22; slots[3] = 0x11;
            slots[4] = 0x00; slots[5] = 0x7F; slots[6] = 0x01; slots[7] = 0x80;
            var frame = new short[AudioFormat.FrameSamples];
            codec.Decode(slots, 0, frame, 0);
            Assert.Equal(unchecked((short)0x8001), frame[0]);
        }

        [Fact]
        public void Start_up_buffers_fit_the_in_call_heap_budget()
        {
            Assert.Equal(2 * 6 * 320 + 320 + 2 * 320 + 0 + 512 + 2, MemoryBudget.TotalBytes);
            Assert.True(MemoryBudget.TotalBytes <= MemoryBudget.InCallHeapBudgetBytes);
            Assert.Equal(MemoryBudget.AudioRingsBytes, new AudioFrameRing(MemoryBudget.AudioRingFrames).SampleBytes * 2);
            Assert.Equal(MemoryBudget.I2sSlotBufferBytesMax, new I2sSlotCodec(32, 8000, 0).PieceBytes);
            // Every board's slot buffers fit the budgeted size (I2sAudioPort allocates the codec's PieceBytes).
            foreach (string text in BoardFiles.Texts)
            {
                Assert.True(BoardConfig.TryParse(text, out BoardConfig board, out string error), error);
                var codec = new I2sSlotCodec(board.GetInt("i2s.slot_bits", 16), board.GetInt("i2s.rate", 8000), board.GetInt("i2s.mic_channel", 0));
                Assert.True(codec.PieceBytes <= MemoryBudget.I2sSlotBufferBytesMax, board.GetString("name", "?") + ": " + codec.PieceBytes + " B of slots");
            }
        }
    }
}
