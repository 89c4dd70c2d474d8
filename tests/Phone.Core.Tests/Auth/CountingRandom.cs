// Deterministic IRandomSource for tests: 1, 2, 3, ... so cnonces are predictable.
namespace Phone.Core.Tests.Auth
{
    using Phone.Core.Auth;

    internal sealed class CountingRandom : IRandomSource
    {
        private byte _next = 1;

        public void NextBytes(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++) buffer[offset + i] = _next++;
        }
    }
}
