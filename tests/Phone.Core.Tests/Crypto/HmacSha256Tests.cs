// HMAC-SHA-256 against RFC 4231 §4.2-4.8 test cases 1-7 and against .NET's HMACSHA256 on random keys/messages.
namespace Phone.Core.Tests.Crypto
{
    using System;
    using System.Text;
    using CsCheck;
    using Phone.Core.Crypto;

    public class HmacSha256Tests
    {
        private static byte[] Repeat(byte b, int n)
        {
            byte[] r = new byte[n];
            for (int i = 0; i < n; i++) r[i] = b;
            return r;
        }

        public static TheoryData<byte[], byte[], string> Rfc4231Cases()
        {
            byte[] key4 = new byte[25];
            for (int i = 0; i < 25; i++) key4[i] = (byte)(i + 1);
            return new TheoryData<byte[], byte[], string>
            {
                { Repeat(0x0b, 20), Encoding.ASCII.GetBytes("Hi There"), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
                { Encoding.ASCII.GetBytes("Jefe"), Encoding.ASCII.GetBytes("what do ya want for nothing?"), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
                { Repeat(0xaa, 20), Repeat(0xdd, 50), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
                { key4, Repeat(0xcd, 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
                // Test case 5 publishes only the first 128 bits (truncated output).
                { Repeat(0x0c, 20), Encoding.ASCII.GetBytes("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b" },
                { Repeat(0xaa, 131), Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First"), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
                { Repeat(0xaa, 131), Encoding.ASCII.GetBytes("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."), "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
            };
        }

        [Theory]
        [MemberData(nameof(Rfc4231Cases))]
        public void Rfc4231TestCases(byte[] key, byte[] data, string expected)
        {
            byte[] mac = new byte[40];
            HmacSha256.Compute(key, 0, key.Length, data, 0, data.Length, mac, 8);
            Assert.Equal(expected, Hex.ToLowerHex(mac, 8, expected.Length / 2));
        }

        [Fact]
        public void IncrementalInstanceReusesKeyAcrossMessages()
        {
            var hmac = new HmacSha256();
            byte[] key = Encoding.ASCII.GetBytes("Jefe");
            byte[] data = Encoding.ASCII.GetBytes("what do ya want for nothing?");
            hmac.SetKey(key, 0, key.Length);
            byte[] mac = new byte[32];
            for (int round = 0; round < 3; round++)
            {
                hmac.Update(data, 0, 10);
                hmac.Update(data, 10, data.Length - 10);
                hmac.Final(mac, 0);
                Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", Hex.ToLowerHex(mac, 0, 32));
            }
        }

        [Fact]
        public void MatchesDotNetOnRandomKeysAndMessages()
        {
            Gen.Select(Gen.Byte.Array[0, 200], Gen.Byte.Array[0, 600], Gen.Int[0, 600]).Sample((key, data, cut) =>
            {
                // CsCheck samples on several threads; instances are per-thread by design.
                var hmac = new HmacSha256();
                cut = cut % (data.Length + 1);
                byte[] expected = System.Security.Cryptography.HMACSHA256.HashData(key, data);
                byte[] actual = new byte[32];
                hmac.SetKey(key, 0, key.Length);
                hmac.Update(data, 0, cut);
                hmac.Update(data, cut, data.Length - cut);
                hmac.Final(actual, 0);
                Assert.Equal(expected, actual);
                Array.Clear(actual);
                HmacSha256.Compute(key, 0, key.Length, data, 0, data.Length, actual, 0);
                Assert.Equal(expected, actual);
            }, iter: 2000);
        }
    }
}
