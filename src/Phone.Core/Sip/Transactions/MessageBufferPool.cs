// Message buffers lent to transactions and calls only while they hold a message they may re-send (RFC 3261 §17, §13.3.1.4).
namespace Phone.Core.Sip.Transactions
{
    /// <summary>
    /// A fixed set of SIP message buffers allocated once. A client transaction keeps its request only until it can no
    /// longer be retransmitted, a server transaction its response while a retransmitted request may need it again, a
    /// call its 2xx until the ACK: a stable call holds none, so the buffers are lent rather than owned. A user that
    /// finds the pool dry behaves as when its own table is full (503 with Retry-After, a refused send).
    /// </summary>
    public sealed class MessageBufferPool
    {
        private readonly byte[][] _buffers;
        private readonly bool[] _lent;
        private int _inUse;

        /// <summary>Allocates <paramref name="count"/> buffers of <paramref name="bufferBytes"/> each.</summary>
        public MessageBufferPool(int count, int bufferBytes)
        {
            if (count < 0) count = 0;
            _buffers = new byte[count][];
            _lent = new bool[count];
            for (int i = 0; i < count; i++) _buffers[i] = new byte[bufferBytes];
            BufferBytes = bufferBytes;
        }

        /// <summary>Size of each buffer.</summary>
        public int BufferBytes { get; }

        /// <summary>Buffers in the pool.</summary>
        public int Count => _buffers.Length;

        /// <summary>Buffers lent now.</summary>
        public int InUse => _inUse;

        /// <summary>Most buffers ever lent at once.</summary>
        public int HighWater { get; private set; }

        /// <summary>Times <see cref="Take"/> found no free buffer.</summary>
        public int DryCount { get; private set; }

        /// <summary>Lends a buffer, or returns null when all are lent.</summary>
        public byte[] Take()
        {
            for (int i = 0; i < _lent.Length; i++)
            {
                if (_lent[i]) continue;
                _lent[i] = true;
                _inUse++;
                if (_inUse > HighWater) HighWater = _inUse;
                return _buffers[i];
            }
            DryCount++;
            return null;
        }

        /// <summary>Takes back a buffer lent by <see cref="Take"/>; null and buffers not lent are ignored.</summary>
        public void Give(byte[] buffer)
        {
            if (buffer == null) return;
            for (int i = 0; i < _buffers.Length; i++)
            {
                if (_buffers[i] != buffer) continue;
                if (_lent[i])
                {
                    _lent[i] = false;
                    _inUse--;
                }
                return;
            }
        }
    }
}
