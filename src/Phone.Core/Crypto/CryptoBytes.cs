// Byte helpers for secrets: constant-time comparison (no early exit, against timing side channels) and wiping.
namespace Phone.Core.Crypto
{
    /// <summary>Byte-array helpers for secret material.</summary>
    public static class CryptoBytes
    {
        /// <summary>
        /// Compares count bytes in time that depends only on count, not on where the first difference is,
        /// so that a MAC or digest response cannot be guessed byte by byte from response times.
        /// </summary>
        public static bool FixedTimeEquals(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            int diff = 0;
            for (int i = 0; i < count; i++) diff |= a[aOffset + i] ^ b[bOffset + i];
            return diff == 0;
        }

        /// <summary>Overwrites count bytes with zeros (passwords, HA1, keys after use).</summary>
        public static void Wipe(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++) buffer[offset + i] = 0;
        }
    }
}
