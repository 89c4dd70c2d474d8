// Incremental hashing allocates nothing after construction; the one-shots hold nothing between uses and are thread-safe.
namespace Phone.Core.Tests.Crypto
{
    using System;
    using System.Reflection;
    using System.Threading;
    using Phone.Core.Auth;
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
            md5.Update(data, 0, 10);   // warm-up (JIT)
            md5.Final(outBuf, 0);
            sha.Update(data, 0, 10);
            sha.Final(outBuf, 0);
            hmac.SetKey(key, 0, 10);
            hmac.Update(data, 0, 10);
            hmac.Final(outBuf, 0);
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
            }
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }

        [Fact]
        public void No_static_field_holds_hash_state_or_a_calculator_after_every_one_shot_and_a_digest_answer_ran()
        {
            byte[] data = new byte[100];
            byte[] outBuf = new byte[32];
            Md5.Hash(data, 0, 100, outBuf, 0);
            Sha256.Hash(data, 0, 100, outBuf, 0);
            HmacSha256.Compute(data, 0, 16, data, 0, 100, outBuf, 0);
            var credentials = new DigestCredentialStore(1);
            credentials.Set("pbx", "desk", "secret");
            foreach (string challenge in new[] { "Digest realm=\"pbx\", nonce=\"n\"", "Digest realm=\"pbx\", nonce=\"n2\", algorithm=SHA-256, qop=\"auth\"" })
            {
                var client = new DigestClient(credentials, new Phone.Core.Tests.Auth.CountingRandom(), 1, 1);
                client.OnChallenge(challenge, false);
                Assert.NotNull(client.BuildAuthorization(0, "REGISTER", "sip:pbx"));
            }

            // Every static field of the core: none may hold (or be) a hash, an HMAC, a digest calculator or a table of
            // hash constants; those exist only while a digest answer, an SDP body or a configuration check runs.
            foreach (Type t in typeof(Md5).Assembly.GetTypes())
            {
                if (t.IsGenericTypeDefinition) continue;
                foreach (FieldInfo f in t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (f.IsLiteral) continue;
                    Type ft = f.FieldType;
                    Assert.False(ft == typeof(Md5) || ft == typeof(Sha256) || ft == typeof(HmacSha256) || ft == typeof(DigestCalculator),
                        $"{t.Name}.{f.Name} holds a {ft.Name} for the uptime");
                    if (t.Namespace == typeof(Md5).Namespace) Assert.False(ft == typeof(uint[]), $"{t.Name}.{f.Name} is a constant table held for the uptime");
                }
            }
        }

        [Fact]
        public void One_shots_from_two_threads_at_once_match_dotnet_on_every_call()
        {
            // The one-shots shared one instance under a lock before; each call now has its own: two threads hammering
            // all three at once must still get the published results on every call.
            Exception failure = null;
            void Run(int seed)
            {
                try
                {
                    var random = new Random(seed);
                    byte[] outBuf = new byte[32];
                    for (int i = 0; i < 400; i++)
                    {
                        byte[] data = new byte[random.Next(0, 300)];
                        random.NextBytes(data);
                        byte[] key = new byte[random.Next(1, 100)];
                        random.NextBytes(key);
                        Md5.Hash(data, 0, data.Length, outBuf, 0);
                        Assert.Equal(System.Security.Cryptography.MD5.HashData(data), outBuf[..16]);
                        Sha256.Hash(data, 0, data.Length, outBuf, 0);
                        Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), outBuf);
                        HmacSha256.Compute(key, 0, key.Length, data, 0, data.Length, outBuf, 0);
                        Assert.Equal(System.Security.Cryptography.HMACSHA256.HashData(key, data), outBuf);
                    }
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            }
            var a = new Thread(() => Run(1));
            var b = new Thread(() => Run(2));
            a.Start();
            b.Start();
            a.Join();
            b.Join();
            Assert.Null(failure);
        }
    }
}
