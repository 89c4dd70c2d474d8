// Seeded pseudo-random source for retry and resync jitter (xorshift32), deterministic in tests.
namespace Phone.Core.Provisioning
{
    using Phone.Core.Auth;

    /// <summary>
    /// Marsaglia xorshift32: enough to spread an office's devices over time and to vary digest cnonces; not a
    /// cryptographic generator (the cnonce only needs to differ per request here, RFC 7616 §3.4).
    /// </summary>
    public sealed class ProvisioningRandom : IRandomSource
    {
        private uint _state;

        /// <summary>Creates the source; a zero seed is replaced, as xorshift would stay at zero.</summary>
        public ProvisioningRandom(int seed)
        {
            _state = seed == 0 ? 0x9E3779B9u : (uint)seed;
        }

        /// <summary>A value in 0 .. <paramref name="bound"/>-1 (0 when bound ≤ 0).</summary>
        public long Next(long bound)
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            if (bound <= 0) return 0;
            return (long)(_state % (ulong)bound);
        }

        /// <inheritdoc/>
        public void NextBytes(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++) buffer[offset + i] = (byte)Next(256);
        }
    }
}
