// MD5 against the RFC 1321 §A.5 test suite and against .NET's implementation on random inputs.
namespace Phone.Core.Tests.Crypto
{
    using System.Text;
    using CsCheck;
    using Phone.Core.Crypto;

    public class Md5Tests
    {
        [Theory]
        [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
        [InlineData("a", "0cc175b9c0f1b6a831c399e269772661")]
        [InlineData("abc", "900150983cd24fb0d6963f7d28e17f72")]
        [InlineData("message digest", "f96b697d7cb7938d525a2f31aaf161d0")]
        [InlineData("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b")]
        [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f")]
        [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a")]
        public void Rfc1321TestSuite(string message, string expected)
        {
            byte[] data = Encoding.ASCII.GetBytes(message);
            byte[] digest = new byte[Md5.HashSize + 3];
            Md5.Hash(data, 0, data.Length, digest, 3);
            Assert.Equal(expected, Hex.ToLowerHex(digest, 3, Md5.HashSize));
        }

        [Fact]
        public void IncrementalByteByByteMatchesOneShotAndInstanceIsReusable()
        {
            byte[] data = Encoding.ASCII.GetBytes("12345678901234567890123456789012345678901234567890123456789012345678901234567890");
            var md5 = new Md5();
            byte[] digest = new byte[16];
            for (int round = 0; round < 2; round++)
            {
                for (int i = 0; i < data.Length; i++) md5.Update(data, i, 1);
                md5.Final(digest, 0);
                Assert.Equal("57edf4a22be3c955ac49da2e2107b67a", Hex.ToLowerHex(digest, 0, 16));
            }
        }

        [Fact]
        public void MatchesDotNetOnRandomInputsAndSplits()
        {
            Gen.Select(Gen.Byte.Array[0, 700], Gen.Int[0, 700], Gen.Int[0, 5]).Sample((data, cut, pad) =>
            {
                // CsCheck samples on several threads; instances are per-thread by design.
                var md5 = new Md5();
                cut = cut % (data.Length + 1);
                byte[] expected = System.Security.Cryptography.MD5.HashData(data);
                byte[] actual = new byte[16 + pad];
                md5.Update(data, 0, cut);
                md5.Update(data, cut, data.Length - cut);
                md5.Final(actual, pad);
                Assert.Equal(expected, actual[pad..]);
                Md5.Hash(data, 0, data.Length, actual, pad);
                Assert.Equal(expected, actual[pad..]);
            }, iter: 2000);
        }
    }
}
