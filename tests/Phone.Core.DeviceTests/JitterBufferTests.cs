// On-device jitter buffer: a steady 20 ms PCMU stream (RFC 3551 §4.5.14, payload type 0) plays in order, nothing concealed.
namespace Phone.Core.DeviceTests
{
    using nanoFramework.TestFramework;
    using Phone.Core.Media.Jitter;

    /// <summary>The jitter buffer on the board, with buffers sized once as the media path does.</summary>
    [TestClass]
    public class JitterBufferTests
    {
        private const int Packets = 100;

        private JitterBuffer _buffer;
        private byte[] _payload;
        private short[] _frame;

        /// <summary>Buffers are sized once before the tests, as at start-up on the phone.</summary>
        [Setup]
        public void SizeBuffers()
        {
            _buffer = new JitterBuffer(32, 240);
            _payload = new byte[JitterBuffer.FrameSamples];
            _frame = new short[JitterBuffer.FrameSamples];
        }

        /// <summary>Each packet carries one µ-law code; codes 0xFE down to 0x9B decode to rising levels, so order shows in the output.</summary>
        [TestMethod]
        public void Plays_a_steady_stream_in_order()
        {
            _buffer.Reset();
            int last = -1;
            int rises = 0;
            for (int f = 0; f < Packets; f++)
            {
                long now = f * 20;
                byte code = (byte)(0xFE - f);
                for (int i = 0; i < _payload.Length; i++)
                {
                    _payload[i] = code;
                }

                Assert.IsTrue(_buffer.Put((uint)(f * JitterBuffer.FrameSamples), 0, _payload, 0, _payload.Length, now));
                _buffer.Get(now, _frame, 0);
                int level = _frame[JitterBuffer.FrameSamples / 2];
                if (level == 0)
                {
                    continue; // start-up delay plays silence before the first packet
                }

                Assert.IsTrue(level >= last, "frame out of order");
                if (level > last)
                {
                    rises++;
                }

                last = level;
            }

            JitterBufferStats s = _buffer.Stats;
            Assert.AreEqual(Packets, s.PacketsStored);
            Assert.AreEqual(0, s.Duplicates);
            Assert.AreEqual(0, s.Late);
            Assert.AreEqual(0, s.ConcealedFrames);
            Assert.IsTrue(rises >= Packets - 3, "frames skipped");
        }

        /// <summary>Nothing is left queued for the next test class.</summary>
        [Cleanup]
        public void Release()
        {
            _buffer.Reset();
            Assert.AreEqual(0, _buffer.Count);
        }
    }
}
