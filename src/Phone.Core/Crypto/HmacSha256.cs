// HMAC-SHA-256 keyed message authentication, RFC 2104 with SHA-256 (test vectors RFC 4231).
namespace Phone.Core.Crypto
{
    /// <summary>
    /// Incremental HMAC-SHA-256. <see cref="SetKey"/> once, then Reset/Update/Final per message; nothing is
    /// allocated after construction. Not thread-safe. The static <see cref="Compute"/> makes its own instance (876 B on
    /// nanoCLR with its SHA-256) and drops it: a configuration signature is checked on hook, so nothing is held for it.
    /// </summary>
    public sealed class HmacSha256
    {
        /// <summary>MAC length in bytes.</summary>
        public const int MacSize = 32;

        // One hash for the inner and the outer pass (RFC 2104 §2): the outer hash starts only after the inner one
        // is final, so a second SHA-256 state (292 B on nanoCLR) would never be in use at the same time.
        private readonly Sha256 _inner = new Sha256();
        private readonly byte[] _ipad = new byte[Sha256.BlockSize];
        private readonly byte[] _opad = new byte[Sha256.BlockSize];
        private readonly byte[] _innerDigest = new byte[Sha256.HashSize];

        /// <summary>Creates an instance with an empty key.</summary>
        public HmacSha256()
        {
            SetKey(_innerDigest, 0, 0);
        }

        /// <summary>
        /// Sets the key and starts a message. RFC 2104 §2: keys longer than the block are hashed first,
        /// shorter keys are zero-padded.
        /// </summary>
        public void SetKey(byte[] key, int keyOffset, int keyCount)
        {
            int len = keyCount;
            if (keyCount > Sha256.BlockSize)
            {
                _inner.Reset();
                _inner.Update(key, keyOffset, keyCount);
                _inner.Final(_ipad, 0);
                len = Sha256.HashSize;
            }
            else
            {
                for (int i = 0; i < keyCount; i++) _ipad[i] = key[keyOffset + i];
            }
            for (int i = len; i < Sha256.BlockSize; i++) _ipad[i] = 0;
            for (int i = 0; i < Sha256.BlockSize; i++)
            {
                byte k = _ipad[i];
                _ipad[i] = (byte)(k ^ 0x36);
                _opad[i] = (byte)(k ^ 0x5c);
            }
            Reset();
        }

        /// <summary>Starts a new message under the current key.</summary>
        public void Reset()
        {
            _inner.Reset();
            _inner.Update(_ipad, 0, Sha256.BlockSize);
        }

        /// <summary>Adds message bytes.</summary>
        [HotPath]
        public void Update(byte[] data, int offset, int count)
        {
            _inner.Update(data, offset, count);
        }

        /// <summary>Writes the 32-byte MAC at <paramref name="macOffset"/> and starts the next message under the same key.</summary>
        [HotPath]
        public void Final(byte[] mac, int macOffset)
        {
            _inner.Final(_innerDigest, 0);   // leaves _inner reset for the outer pass
            _inner.Update(_opad, 0, Sha256.BlockSize);
            _inner.Update(_innerDigest, 0, Sha256.HashSize);
            _inner.Final(mac, macOffset);
            Reset();
        }

        /// <summary>Clears key material from memory (the instance must get a new key before use).</summary>
        public void Clear()
        {
            for (int i = 0; i < Sha256.BlockSize; i++)
            {
                _ipad[i] = 0;
                _opad[i] = 0;
            }
            for (int i = 0; i < Sha256.HashSize; i++) _innerDigest[i] = 0;
            _inner.Reset();
        }

        /// <summary>
        /// One-shot HMAC-SHA-256(key, data) written as 32 bytes at mac[macOffset]. Thread-safe: each call works in an
        /// instance of its own, whose key material is cleared before it is dropped.
        /// </summary>
        public static void Compute(byte[] key, int keyOffset, int keyCount, byte[] data, int offset, int count, byte[] mac, int macOffset)
        {
            var hmac = new HmacSha256();
            hmac.SetKey(key, keyOffset, keyCount);
            hmac.Update(data, offset, count);
            hmac.Final(mac, macOffset);
            hmac.Clear();
        }
    }
}
