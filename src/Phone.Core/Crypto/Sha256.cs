// SHA-256 secure hash, FIPS 180-4 §6.2 (Digest auth RFC 7616/8760, HMAC-SHA-256 for provisioning).
namespace Phone.Core.Crypto
{
    /// <summary>
    /// Incremental SHA-256 (FIPS 180-4). All buffers are allocated in the constructor; Reset/Update/Final allocate
    /// nothing. Not thread-safe: one instance per thread. The static <see cref="Hash"/> makes its own instance (588 B
    /// on nanoCLR) and drops it: nothing is held between uses (provisioning on hook, a SHA-256 digest answer).
    /// </summary>
    public sealed class Sha256
    {
        /// <summary>Digest length in bytes.</summary>
        public const int HashSize = 32;

        /// <summary>Block length in bytes.</summary>
        public const int BlockSize = 64;

        private readonly byte[] _block = new byte[BlockSize];
        // The message schedule as a ring of its last 16 words: W[t] needs only W[t-2], W[t-7], W[t-15] and W[t-16]
        // (FIPS 180-4 §6.2.2 step 1), so 64 words (276 B per instance on nanoCLR) were 48 more than ever read.
        private readonly uint[] _w = new uint[16];
        private readonly uint[] _h = new uint[8];
        // FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes. A copy
        // per instance (276 B on nanoCLR) rather than a static table held for the uptime: SHA-256 runs while a
        // configuration is checked or a digest answered, and the instance is dropped afterwards.
        private readonly uint[] _k =
        {
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        };
        private int _blockUsed;
        private long _totalBytes;

        /// <summary>Creates a hasher ready for <see cref="Update"/>.</summary>
        public Sha256()
        {
            Reset();
        }

        /// <summary>Starts a new message (FIPS 180-4 §5.3.3 initial hash value).</summary>
        public void Reset()
        {
            _h[0] = 0x6a09e667;
            _h[1] = 0xbb67ae85;
            _h[2] = 0x3c6ef372;
            _h[3] = 0xa54ff53a;
            _h[4] = 0x510e527f;
            _h[5] = 0x9b05688c;
            _h[6] = 0x1f83d9ab;
            _h[7] = 0x5be0cd19;
            _blockUsed = 0;
            _totalBytes = 0;
        }

        /// <summary>Adds <paramref name="count"/> bytes of message.</summary>
        [HotPath]
        public void Update(byte[] data, int offset, int count)
        {
            _totalBytes += count;
            if (_blockUsed > 0)
            {
                int take = BlockSize - _blockUsed;
                if (take > count) take = count;
                for (int i = 0; i < take; i++) _block[_blockUsed + i] = data[offset + i];
                _blockUsed += take;
                offset += take;
                count -= take;
                if (_blockUsed < BlockSize) return;
                Compress(_block, 0);
                _blockUsed = 0;
            }
            while (count >= BlockSize)
            {
                Compress(data, offset);
                offset += BlockSize;
                count -= BlockSize;
            }
            for (int i = 0; i < count; i++) _block[i] = data[offset + i];
            _blockUsed = count;
        }

        /// <summary>Writes the 32-byte digest at <paramref name="digestOffset"/> and resets for the next message.</summary>
        [HotPath]
        public void Final(byte[] digest, int digestOffset)
        {
            long bits = _totalBytes << 3;
            // FIPS 180-4 §5.1.1: a 1 bit, zeros to 56 mod 64, then the bit length big-endian.
            _block[_blockUsed++] = 0x80;
            if (_blockUsed > 56)
            {
                while (_blockUsed < BlockSize) _block[_blockUsed++] = 0;
                Compress(_block, 0);
                _blockUsed = 0;
            }
            while (_blockUsed < 56) _block[_blockUsed++] = 0;
            for (int i = 0; i < 8; i++) _block[63 - i] = (byte)(bits >> (8 * i));
            Compress(_block, 0);
            for (int i = 0; i < 8; i++)
            {
                uint v = _h[i];
                int o = digestOffset + 4 * i;
                digest[o] = (byte)(v >> 24);
                digest[o + 1] = (byte)(v >> 16);
                digest[o + 2] = (byte)(v >> 8);
                digest[o + 3] = (byte)v;
            }
            Reset();
        }

        /// <summary>
        /// One-shot SHA-256 of data[offset..offset+count) into digest[digestOffset..+32). Thread-safe: each call hashes
        /// with an instance of its own, garbage afterwards.
        /// </summary>
        public static void Hash(byte[] data, int offset, int count, byte[] digest, int digestOffset)
        {
            var sha = new Sha256();
            sha.Update(data, offset, count);
            sha.Final(digest, digestOffset);
        }

        private static uint Rotr(uint x, int n) => (x >> n) | (x << (32 - n));

        // FIPS 180-4 §6.2.2: message schedule and 64 rounds.
        private void Compress(byte[] p, int off)
        {
            uint[] w = _w;
            for (int t = 0; t < 16; t++, off += 4)
            {
                w[t] = ((uint)p[off] << 24) | ((uint)p[off + 1] << 16) | ((uint)p[off + 2] << 8) | p[off + 3];
            }
            uint[] h = _h;
            uint[] k = _k;
            uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
            for (int t = 0; t < 64; t++)
            {
                uint wt;
                if (t < 16)
                {
                    wt = w[t];
                }
                else
                {
                    // W[t-16] sits where W[t] goes: slot t & 15.
                    uint x = w[(t - 2) & 15];
                    uint y = w[(t - 15) & 15];
                    uint s1 = Rotr(x, 17) ^ Rotr(x, 19) ^ (x >> 10);
                    uint s0 = Rotr(y, 7) ^ Rotr(y, 18) ^ (y >> 3);
                    wt = s1 + w[(t - 7) & 15] + s0 + w[t & 15];
                    w[t & 15] = wt;
                }
                uint t1 = hh + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[t] + wt;
                uint t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
                hh = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }
            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
            h[4] += e;
            h[5] += f;
            h[6] += g;
            h[7] += hh;
        }
    }
}
