// Seeded pseudo-random source for retry and resync jitter (xorshift32), deterministic in tests.
namespace Phone.Core.Provisioning
{
    /// <summary>Marsaglia xorshift32: enough to spread an office's devices over time, not for cryptography.</summary>
    public sealed class ProvisioningRandom
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
    }
}
