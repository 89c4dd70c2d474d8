// IRandomSource over the operating system's CSPRNG, for the core Digest client in tests.
namespace Phone.Provisioning.IntegrationTests
{
    using System;
    using System.Security.Cryptography;
    using Phone.Core.Auth;

    internal sealed class SystemRandomSource : IRandomSource
    {
        public void NextBytes(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
    }
}
