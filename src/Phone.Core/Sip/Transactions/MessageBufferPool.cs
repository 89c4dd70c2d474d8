// Message buffers lent to transactions and calls only while they hold a message they may re-send (RFC 3261 §17, §13.3.1.4).
namespace Phone.Core.Sip.Transactions
{
    /// <summary>
    /// A fixed set of SIP message buffers allocated once. A client transaction keeps its request only until it can no
    /// longer be retransmitted, a server transaction its response while a retransmitted request may need it again, a
    /// call its 2xx until the ACK: a stable call holds none, so the buffers are lent rather than owned. A user that
    /// finds the pool dry behaves as when its own table is full (503 with Retry-After, a refused send).
    /// The pool may hold two sizes: most messages a phone keeps (a REGISTER, a keep-alive OPTIONS, the answer to a
    /// PBX's OPTIONS) are a few hundred bytes, only INVITEs and their answers need a full buffer, so
    /// <see cref="Take(int)"/> lends the smallest free buffer that holds the message and the full ones stay for those.
    /// </summary>
    public sealed class MessageBufferPool
    {
        /// <summary>
        /// Size of a small buffer: a REGISTER with its digest answer (the phone's: 535 B with a short nonce), a keep-alive
        /// OPTIONS (261 B), the answer to a PBX's OPTIONS, a BYE (300 B); a longer message takes a full buffer.
        /// </summary>
        public const int SmallBufferBytes = 896;

        private readonly byte[][] _buffers;   // the small ones first: the first free one that fits is the smallest
        private readonly bool[] _lent;
        private int _inUse;

        /// <summary>Allocates <paramref name="count"/> buffers of <paramref name="bufferBytes"/> each.</summary>
        public MessageBufferPool(int count, int bufferBytes)
            : this(count, bufferBytes, 0, 0)
        {
        }

        /// <summary>
        /// Allocates <paramref name="count"/> buffers of <paramref name="bufferBytes"/> and <paramref name="smallCount"/>
        /// of <paramref name="smallBytes"/> (less than <paramref name="bufferBytes"/>) for short messages.
        /// </summary>
        public MessageBufferPool(int count, int bufferBytes, int smallCount, int smallBytes)
        {
            if (count < 0) count = 0;
            if (smallCount < 0 || smallBytes <= 0 || smallBytes >= bufferBytes) smallCount = 0;
            _buffers = new byte[smallCount + count][];
            _lent = new bool[_buffers.Length];
            for (int i = 0; i < _buffers.Length; i++) _buffers[i] = new byte[i < smallCount ? smallBytes : bufferBytes];
            BufferBytes = bufferBytes;
            SmallCount = smallCount;
        }

        /// <summary>Size of a full buffer (the largest message the pool takes).</summary>
        public int BufferBytes { get; }

        /// <summary>Buffers in the pool, both sizes.</summary>
        public int Count => _buffers.Length;

        /// <summary>Buffers shorter than <see cref="BufferBytes"/>.</summary>
        public int SmallCount { get; }

        /// <summary>Buffers lent now.</summary>
        public int InUse => _inUse;

        /// <summary>Full buffers (<see cref="BufferBytes"/>) lent now.</summary>
        public int FullInUse
        {
            get
            {
                int n = 0;
                for (int i = SmallCount; i < _lent.Length; i++) if (_lent[i]) n++;
                return n;
            }
        }

        /// <summary>Most buffers ever lent at once.</summary>
        public int HighWater { get; private set; }

        /// <summary>Times <see cref="Take(int)"/> found no free buffer that fits.</summary>
        public int DryCount { get; private set; }

        /// <summary>Lends a full buffer (<see cref="BufferBytes"/>), or returns null when none is free.</summary>
        public byte[] Take() => Take(BufferBytes);

        /// <summary>Lends the smallest free buffer of at least <paramref name="bytes"/>, or returns null when none is free.</summary>
        public byte[] Take(int bytes)
        {
            for (int i = 0; i < _lent.Length; i++)
            {
                if (_lent[i] || _buffers[i].Length < bytes) continue;
                _lent[i] = true;
                _inUse++;
                if (_inUse > HighWater) HighWater = _inUse;
                return _buffers[i];
            }
            DryCount++;
            return null;
        }

        /// <summary>Takes back a buffer lent by <see cref="Take(int)"/>; null and buffers not lent are ignored.</summary>
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
