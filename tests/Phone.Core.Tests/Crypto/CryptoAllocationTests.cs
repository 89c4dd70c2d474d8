// Incremental hashing and HMAC allocate nothing after construction (they run per provisioning chunk / per request).
namespace Phone.Core.Tests.Crypto
{
    using System;
    using Phone.Core.Crypto;

    public class CryptoAllocationTests
    {
        [Fact]
        public void UpdateAndFinalAllocateNothing()
        {
            var md5 = new Md5();
            var sha = new Sha256();
            var hmac = new HmacSha256();
            byte[] data = new byte[1000];
            byte[] key = new byte[100];
            byte[] outBuf = new byte[32];
            // Warm up (JIT, the one-shot helpers' shared instances).
            Md5.Hash(data, 0, 10, outBuf, 0);
            Sha256.Hash(data, 0, 10, outBuf, 0);
            HmacSha256.Compute(key, 0, 10, data, 0, 10, outBuf, 0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                md5.Update(data, 0, 999);
                md5.Final(outBuf, 0);
                sha.Update(data, 1, 999);
                sha.Final(outBuf, 0);
                hmac.SetKey(key, 0, 100);
                hmac.Update(data, 0, 1000);
                hmac.Final(outBuf, 0);
                Md5.Hash(data, 0, 64, outBuf, 0);
                Sha256.Hash(data, 0, 64, outBuf, 0);
                HmacSha256.Compute(key, 0, 32, data, 0, 100, outBuf, 0);
            }
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }
    }
}
