// Branch, tag and Call-ID generation from a seeded random source (RFC 3261 §8.1.1.4, §8.1.1.7, §19.3).
namespace Phone.Core.Sip
{
    using System;

    /// <summary>
    /// Writes random identifiers into caller buffers without allocating. The random source is passed in (seed it
    /// from the hardware RNG on the device, fixed in tests). Characters are alphanumeric, so the ids are valid tokens
    /// and Call-ID words. Branches start with the magic cookie "z9hG4bK" (RFC 3261 §8.1.1.7) and carry 64+ random
    /// bits; tags 48+ bits (§19.3 asks for at least 32); Call-IDs 96+ bits, optionally "@host".
    /// </summary>
    public sealed class SipIdGenerator
    {
        // Fields, not consts: nanoCLR allocates a string object for every ldstr, and these run per message.
        private static readonly string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

        /// <summary>The RFC 3261 branch magic cookie.</summary>
        public const string MagicCookie = "z9hG4bK";

        private static readonly string Cookie = MagicCookie;

        /// <summary>Random characters after the cookie in a branch.</summary>
        public const int BranchRandomLength = 12;

        /// <summary>Length of a branch (cookie + random part).</summary>
        public const int BranchLength = 7 + BranchRandomLength;

        /// <summary>Length of a tag.</summary>
        public const int TagLength = 10;

        /// <summary>Length of the random part of a Call-ID.</summary>
        public const int CallIdRandomLength = 20;

        private readonly Random _random;

        /// <summary>Creates a generator over a random source.</summary>
        public SipIdGenerator(Random random) => _random = random;

        [HotPath]
        private int WriteRandom(byte[] dst, int offset, int count)
        {
            if (offset < 0 || offset + count > dst.Length) return -1;
            for (int i = 0; i < count; i++) dst[offset + i] = (byte)Alphabet[_random.Next(Alphabet.Length)];
            return count;
        }

        /// <summary>Writes a new branch ("z9hG4bK" + random) at offset; returns its length, or -1 when dst is too small.</summary>
        [HotPath]
        public int WriteBranch(byte[] dst, int offset)
        {
            if (offset < 0 || offset + BranchLength > dst.Length) return -1;
            for (int i = 0; i < 7; i++) dst[offset + i] = (byte)Cookie[i];
            WriteRandom(dst, offset + 7, BranchRandomLength);
            return BranchLength;
        }

        /// <summary>Writes a new From/To tag at offset; returns its length, or -1 when dst is too small.</summary>
        [HotPath]
        public int WriteTag(byte[] dst, int offset) => WriteRandom(dst, offset, TagLength);

        /// <summary>Writes a new Call-ID (random, then "@host" when host is not null); returns its length or -1.</summary>
        [HotPath]
        public int WriteCallId(byte[] dst, int offset, string host)
        {
            int hostLength = host == null ? 0 : host.Length + 1;
            if (offset < 0 || offset + CallIdRandomLength + hostLength > dst.Length) return -1;
            WriteRandom(dst, offset, CallIdRandomLength);
            if (host != null)
            {
                int p = offset + CallIdRandomLength;
                dst[p++] = (byte)'@';
                for (int i = 0; i < host.Length; i++) dst[p++] = (byte)host[i];
            }
            return CallIdRandomLength + hostLength;
        }
    }
}
