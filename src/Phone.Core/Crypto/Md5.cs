// MD5 message digest, RFC 1321 (needed only for SIP Digest authentication, RFC 2617; not for integrity).
namespace Phone.Core.Crypto
{
    /// <summary>
    /// Incremental MD5 (RFC 1321). All buffers are allocated in the constructor; Reset/Update/Final allocate nothing.
    /// Not thread-safe: one instance per thread. The static <see cref="Hash"/> makes its own instance (180 B on
    /// nanoCLR) and drops it: MD5 runs for a digest answer or an SDP body, never per packet, so nothing is held for it.
    /// </summary>
    public sealed class Md5
    {
        /// <summary>Digest length in bytes.</summary>
        public const int HashSize = 16;

        /// <summary>Block length in bytes.</summary>
        public const int BlockSize = 64;

        private readonly byte[] _block = new byte[BlockSize];
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

        /// <summary>
        /// One-shot MD5 of data[offset..offset+count) into digest[digestOffset..+16). Thread-safe: each call hashes
        /// with an instance of its own, garbage afterwards.
        /// </summary>
        public static void Hash(byte[] data, int offset, int count, byte[] digest, int digestOffset)
        {
            var md5 = new Md5();
            md5.Update(data, offset, count);
            md5.Final(digest, digestOffset);
        }

        private static void PutLe(uint v, byte[] dst, int off)
        {
            dst[off] = (byte)v;
            dst[off + 1] = (byte)(v >> 8);
            dst[off + 2] = (byte)(v >> 16);
            dst[off + 3] = (byte)(v >> 24);
        }

        private static uint Rotl(uint x, int n) => (x << n) | (x >> (32 - n));

        private static uint Le(byte[] p, int off) => (uint)(p[off] | (p[off + 1] << 8) | (p[off + 2] << 16) | (p[off + 3] << 24));

        // RFC 1321 §3.4: four rounds of 16 operations over one 64-byte block. The block's words are locals and
        // T[i] = floor(2^32 * abs(sin(i))) is written into each step (there is no Math on the device): no table or
        // word array lives on the heap.
        private void Compress(byte[] p, int off)
        {
            uint x0 = Le(p, off), x1 = Le(p, off + 4), x2 = Le(p, off + 8), x3 = Le(p, off + 12);
            uint x4 = Le(p, off + 16), x5 = Le(p, off + 20), x6 = Le(p, off + 24), x7 = Le(p, off + 28);
            uint x8 = Le(p, off + 32), x9 = Le(p, off + 36), x10 = Le(p, off + 40), x11 = Le(p, off + 44);
            uint x12 = Le(p, off + 48), x13 = Le(p, off + 52), x14 = Le(p, off + 56), x15 = Le(p, off + 60);
            uint a = _a, b = _b, c = _c, d = _d;

            a = b + Rotl(a + ((b & c) | (~b & d)) + x0 + 0xd76aa478u, 7);
            d = a + Rotl(d + ((a & b) | (~a & c)) + x1 + 0xe8c7b756u, 12);
            c = d + Rotl(c + ((d & a) | (~d & b)) + x2 + 0x242070dbu, 17);
            b = c + Rotl(b + ((c & d) | (~c & a)) + x3 + 0xc1bdceeeu, 22);
            a = b + Rotl(a + ((b & c) | (~b & d)) + x4 + 0xf57c0fafu, 7);
            d = a + Rotl(d + ((a & b) | (~a & c)) + x5 + 0x4787c62au, 12);
            c = d + Rotl(c + ((d & a) | (~d & b)) + x6 + 0xa8304613u, 17);
            b = c + Rotl(b + ((c & d) | (~c & a)) + x7 + 0xfd469501u, 22);
            a = b + Rotl(a + ((b & c) | (~b & d)) + x8 + 0x698098d8u, 7);
            d = a + Rotl(d + ((a & b) | (~a & c)) + x9 + 0x8b44f7afu, 12);
            c = d + Rotl(c + ((d & a) | (~d & b)) + x10 + 0xffff5bb1u, 17);
            b = c + Rotl(b + ((c & d) | (~c & a)) + x11 + 0x895cd7beu, 22);
            a = b + Rotl(a + ((b & c) | (~b & d)) + x12 + 0x6b901122u, 7);
            d = a + Rotl(d + ((a & b) | (~a & c)) + x13 + 0xfd987193u, 12);
            c = d + Rotl(c + ((d & a) | (~d & b)) + x14 + 0xa679438eu, 17);
            b = c + Rotl(b + ((c & d) | (~c & a)) + x15 + 0x49b40821u, 22);

            a = b + Rotl(a + ((b & d) | (c & ~d)) + x1 + 0xf61e2562u, 5);
            d = a + Rotl(d + ((a & c) | (b & ~c)) + x6 + 0xc040b340u, 9);
            c = d + Rotl(c + ((d & b) | (a & ~b)) + x11 + 0x265e5a51u, 14);
            b = c + Rotl(b + ((c & a) | (d & ~a)) + x0 + 0xe9b6c7aau, 20);
            a = b + Rotl(a + ((b & d) | (c & ~d)) + x5 + 0xd62f105du, 5);
            d = a + Rotl(d + ((a & c) | (b & ~c)) + x10 + 0x02441453u, 9);
            c = d + Rotl(c + ((d & b) | (a & ~b)) + x15 + 0xd8a1e681u, 14);
            b = c + Rotl(b + ((c & a) | (d & ~a)) + x4 + 0xe7d3fbc8u, 20);
            a = b + Rotl(a + ((b & d) | (c & ~d)) + x9 + 0x21e1cde6u, 5);
            d = a + Rotl(d + ((a & c) | (b & ~c)) + x14 + 0xc33707d6u, 9);
            c = d + Rotl(c + ((d & b) | (a & ~b)) + x3 + 0xf4d50d87u, 14);
            b = c + Rotl(b + ((c & a) | (d & ~a)) + x8 + 0x455a14edu, 20);
            a = b + Rotl(a + ((b & d) | (c & ~d)) + x13 + 0xa9e3e905u, 5);
            d = a + Rotl(d + ((a & c) | (b & ~c)) + x2 + 0xfcefa3f8u, 9);
            c = d + Rotl(c + ((d & b) | (a & ~b)) + x7 + 0x676f02d9u, 14);
            b = c + Rotl(b + ((c & a) | (d & ~a)) + x12 + 0x8d2a4c8au, 20);

            a = b + Rotl(a + (b ^ c ^ d) + x5 + 0xfffa3942u, 4);
            d = a + Rotl(d + (a ^ b ^ c) + x8 + 0x8771f681u, 11);
            c = d + Rotl(c + (d ^ a ^ b) + x11 + 0x6d9d6122u, 16);
            b = c + Rotl(b + (c ^ d ^ a) + x14 + 0xfde5380cu, 23);
            a = b + Rotl(a + (b ^ c ^ d) + x1 + 0xa4beea44u, 4);
            d = a + Rotl(d + (a ^ b ^ c) + x4 + 0x4bdecfa9u, 11);
            c = d + Rotl(c + (d ^ a ^ b) + x7 + 0xf6bb4b60u, 16);
            b = c + Rotl(b + (c ^ d ^ a) + x10 + 0xbebfbc70u, 23);
            a = b + Rotl(a + (b ^ c ^ d) + x13 + 0x289b7ec6u, 4);
            d = a + Rotl(d + (a ^ b ^ c) + x0 + 0xeaa127fau, 11);
            c = d + Rotl(c + (d ^ a ^ b) + x3 + 0xd4ef3085u, 16);
            b = c + Rotl(b + (c ^ d ^ a) + x6 + 0x04881d05u, 23);
            a = b + Rotl(a + (b ^ c ^ d) + x9 + 0xd9d4d039u, 4);
            d = a + Rotl(d + (a ^ b ^ c) + x12 + 0xe6db99e5u, 11);
            c = d + Rotl(c + (d ^ a ^ b) + x15 + 0x1fa27cf8u, 16);
            b = c + Rotl(b + (c ^ d ^ a) + x2 + 0xc4ac5665u, 23);

            a = b + Rotl(a + (c ^ (b | ~d)) + x0 + 0xf4292244u, 6);
            d = a + Rotl(d + (b ^ (a | ~c)) + x7 + 0x432aff97u, 10);
            c = d + Rotl(c + (a ^ (d | ~b)) + x14 + 0xab9423a7u, 15);
            b = c + Rotl(b + (d ^ (c | ~a)) + x5 + 0xfc93a039u, 21);
            a = b + Rotl(a + (c ^ (b | ~d)) + x12 + 0x655b59c3u, 6);
            d = a + Rotl(d + (b ^ (a | ~c)) + x3 + 0x8f0ccc92u, 10);
            c = d + Rotl(c + (a ^ (d | ~b)) + x10 + 0xffeff47du, 15);
            b = c + Rotl(b + (d ^ (c | ~a)) + x1 + 0x85845dd1u, 21);
            a = b + Rotl(a + (c ^ (b | ~d)) + x8 + 0x6fa87e4fu, 6);
            d = a + Rotl(d + (b ^ (a | ~c)) + x15 + 0xfe2ce6e0u, 10);
            c = d + Rotl(c + (a ^ (d | ~b)) + x6 + 0xa3014314u, 15);
            b = c + Rotl(b + (d ^ (c | ~a)) + x13 + 0x4e0811a1u, 21);
            a = b + Rotl(a + (c ^ (b | ~d)) + x4 + 0xf7537e82u, 6);
            d = a + Rotl(d + (b ^ (a | ~c)) + x11 + 0xbd3af235u, 10);
            c = d + Rotl(c + (a ^ (d | ~b)) + x2 + 0x2ad7d2bbu, 15);
            b = c + Rotl(b + (d ^ (c | ~a)) + x9 + 0xeb86d391u, 21);

            _a += a;
            _b += b;
            _c += c;
            _d += d;
        }
    }
}
