// MD5 message digest, RFC 1321 (needed only for SIP Digest authentication, RFC 2617; not for integrity).
namespace Phone.Core.Crypto
{
    /// <summary>
    /// Incremental MD5 (RFC 1321). All buffers are allocated in the constructor; Reset/Update/Final allocate nothing.
    /// Not thread-safe: one instance per thread (the static <see cref="Hash"/> helper takes a lock).
    /// </summary>
    public sealed class Md5
    {
        /// <summary>Digest length in bytes.</summary>
        public const int HashSize = 16;

        /// <summary>Block length in bytes.</summary>
        public const int BlockSize = 64;

        // RFC 1321 §3.4: T[i] = floor(2^32 * abs(sin(i))), listed because there is no Math on the device.
        private static readonly uint[] T =
        {
            0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
            0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
            0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
            0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
            0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
            0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
            0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
            0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
        };

        private static readonly object SharedLock = new object();
        private static Md5 _shared;

        private readonly byte[] _block = new byte[BlockSize];
        private readonly uint[] _x = new uint[16];
        private uint _a, _b, _c, _d;
        private int _blockUsed;
        private long _totalBytes;

        /// <summary>Creates a hasher ready for <see cref="Update"/>.</summary>
        public Md5()
        {
            Reset();
        }

        /// <summary>Starts a new message (RFC 1321 §3.3 initial state).</summary>
        public void Reset()
        {
            _a = 0x67452301;
            _b = 0xefcdab89;
            _c = 0x98badcfe;
            _d = 0x10325476;
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

        /// <summary>Writes the 16-byte digest at <paramref name="digestOffset"/> and resets for the next message.</summary>
        [HotPath]
        public void Final(byte[] digest, int digestOffset)
        {
            long bits = _totalBytes << 3;
            // RFC 1321 §3.1-3.2: a 1 bit, zeros to 56 mod 64, then the bit length little-endian.
            _block[_blockUsed++] = 0x80;
            if (_blockUsed > 56)
            {
                while (_blockUsed < BlockSize) _block[_blockUsed++] = 0;
                Compress(_block, 0);
                _blockUsed = 0;
            }
            while (_blockUsed < 56) _block[_blockUsed++] = 0;
            for (int i = 0; i < 8; i++) _block[56 + i] = (byte)(bits >> (8 * i));
            Compress(_block, 0);
            PutLe(_a, digest, digestOffset);
            PutLe(_b, digest, digestOffset + 4);
            PutLe(_c, digest, digestOffset + 8);
            PutLe(_d, digest, digestOffset + 12);
            Reset();
        }

        /// <summary>One-shot MD5 of data[offset..offset+count) into digest[digestOffset..+16). Thread-safe; allocates only on first use.</summary>
        public static void Hash(byte[] data, int offset, int count, byte[] digest, int digestOffset)
        {
            lock (SharedLock)
            {
                if (_shared == null) _shared = new Md5();
                _shared.Reset();
                _shared.Update(data, offset, count);
                _shared.Final(digest, digestOffset);
            }
        }

        private static void PutLe(uint v, byte[] dst, int off)
        {
            dst[off] = (byte)v;
            dst[off + 1] = (byte)(v >> 8);
            dst[off + 2] = (byte)(v >> 16);
            dst[off + 3] = (byte)(v >> 24);
        }

        private static uint Rotl(uint x, int n) => (x << n) | (x >> (32 - n));

        // RFC 1321 §3.4: four rounds of 16 operations over one 64-byte block.
        private void Compress(byte[] p, int off)
        {
            uint[] x = _x;
            for (int i = 0; i < 16; i++, off += 4)
            {
                x[i] = (uint)(p[off] | (p[off + 1] << 8) | (p[off + 2] << 16) | (p[off + 3] << 24));
            }
            uint a = _a, b = _b, c = _c, d = _d;

            a = b + Rotl(a + ((b & c) | (~b & d)) + x[0] + T[0], 7);
            d = a + Rotl(d + ((a & b) | (~a & c)) + x[1] + T[1], 12);
            c = d + Rotl(c + ((d & a) | (~d & b)) + x[2] + T[2], 17);
            b = c + Rotl(b + ((c & d) | (~c & a)) + x[3] + T[3], 22);
            a = b + Rotl(a + ((b & c) | (~b & d)) + x[4] + T[4], 7);
            d = a + Rotl(d + ((a & b) | (~a & c)) + x[5] + T[5], 12);
            c = d + Rotl(c + ((d & a) | (~d & b)) + x[6] + T[6], 17);
            b = c + Rotl(b + ((c & d) | (~c & a)) + x[7] + T[7], 22);
            a = b + Rotl(a + ((b & c) | (~b & d)) + x[8] + T[8], 7);
            d = a + Rotl(d + ((a & b) | (~a & c)) + x[9] + T[9], 12);
            c = d + Rotl(c + ((d & a) | (~d & b)) + x[10] + T[10], 17);
            b = c + Rotl(b + ((c & d) | (~c & a)) + x[11] + T[11], 22);
            a = b + Rotl(a + ((b & c) | (~b & d)) + x[12] + T[12], 7);
            d = a + Rotl(d + ((a & b) | (~a & c)) + x[13] + T[13], 12);
            c = d + Rotl(c + ((d & a) | (~d & b)) + x[14] + T[14], 17);
            b = c + Rotl(b + ((c & d) | (~c & a)) + x[15] + T[15], 22);

            a = b + Rotl(a + ((b & d) | (c & ~d)) + x[1] + T[16], 5);
            d = a + Rotl(d + ((a & c) | (b & ~c)) + x[6] + T[17], 9);
            c = d + Rotl(c + ((d & b) | (a & ~b)) + x[11] + T[18], 14);
            b = c + Rotl(b + ((c & a) | (d & ~a)) + x[0] + T[19], 20);
            a = b + Rotl(a + ((b & d) | (c & ~d)) + x[5] + T[20], 5);
            d = a + Rotl(d + ((a & c) | (b & ~c)) + x[10] + T[21], 9);
            c = d + Rotl(c + ((d & b) | (a & ~b)) + x[15] + T[22], 14);
            b = c + Rotl(b + ((c & a) | (d & ~a)) + x[4] + T[23], 20);
            a = b + Rotl(a + ((b & d) | (c & ~d)) + x[9] + T[24], 5);
            d = a + Rotl(d + ((a & c) | (b & ~c)) + x[14] + T[25], 9);
            c = d + Rotl(c + ((d & b) | (a & ~b)) + x[3] + T[26], 14);
            b = c + Rotl(b + ((c & a) | (d & ~a)) + x[8] + T[27], 20);
            a = b + Rotl(a + ((b & d) | (c & ~d)) + x[13] + T[28], 5);
            d = a + Rotl(d + ((a & c) | (b & ~c)) + x[2] + T[29], 9);
            c = d + Rotl(c + ((d & b) | (a & ~b)) + x[7] + T[30], 14);
            b = c + Rotl(b + ((c & a) | (d & ~a)) + x[12] + T[31], 20);

            a = b + Rotl(a + (b ^ c ^ d) + x[5] + T[32], 4);
            d = a + Rotl(d + (a ^ b ^ c) + x[8] + T[33], 11);
            c = d + Rotl(c + (d ^ a ^ b) + x[11] + T[34], 16);
            b = c + Rotl(b + (c ^ d ^ a) + x[14] + T[35], 23);
            a = b + Rotl(a + (b ^ c ^ d) + x[1] + T[36], 4);
            d = a + Rotl(d + (a ^ b ^ c) + x[4] + T[37], 11);
            c = d + Rotl(c + (d ^ a ^ b) + x[7] + T[38], 16);
            b = c + Rotl(b + (c ^ d ^ a) + x[10] + T[39], 23);
            a = b + Rotl(a + (b ^ c ^ d) + x[13] + T[40], 4);
            d = a + Rotl(d + (a ^ b ^ c) + x[0] + T[41], 11);
            c = d + Rotl(c + (d ^ a ^ b) + x[3] + T[42], 16);
            b = c + Rotl(b + (c ^ d ^ a) + x[6] + T[43], 23);
            a = b + Rotl(a + (b ^ c ^ d) + x[9] + T[44], 4);
            d = a + Rotl(d + (a ^ b ^ c) + x[12] + T[45], 11);
            c = d + Rotl(c + (d ^ a ^ b) + x[15] + T[46], 16);
            b = c + Rotl(b + (c ^ d ^ a) + x[2] + T[47], 23);

            a = b + Rotl(a + (c ^ (b | ~d)) + x[0] + T[48], 6);
            d = a + Rotl(d + (b ^ (a | ~c)) + x[7] + T[49], 10);
            c = d + Rotl(c + (a ^ (d | ~b)) + x[14] + T[50], 15);
            b = c + Rotl(b + (d ^ (c | ~a)) + x[5] + T[51], 21);
            a = b + Rotl(a + (c ^ (b | ~d)) + x[12] + T[52], 6);
            d = a + Rotl(d + (b ^ (a | ~c)) + x[3] + T[53], 10);
            c = d + Rotl(c + (a ^ (d | ~b)) + x[10] + T[54], 15);
            b = c + Rotl(b + (d ^ (c | ~a)) + x[1] + T[55], 21);
            a = b + Rotl(a + (c ^ (b | ~d)) + x[8] + T[56], 6);
            d = a + Rotl(d + (b ^ (a | ~c)) + x[15] + T[57], 10);
            c = d + Rotl(c + (a ^ (d | ~b)) + x[6] + T[58], 15);
            b = c + Rotl(b + (d ^ (c | ~a)) + x[13] + T[59], 21);
            a = b + Rotl(a + (c ^ (b | ~d)) + x[4] + T[60], 6);
            d = a + Rotl(d + (b ^ (a | ~c)) + x[11] + T[61], 10);
            c = d + Rotl(c + (a ^ (d | ~b)) + x[2] + T[62], 15);
            b = c + Rotl(b + (d ^ (c | ~a)) + x[9] + T[63], 21);

            _a += a;
            _b += b;
            _c += c;
            _d += d;
        }
    }
}
