// SHA-256 against the FIPS 180-4 / NIST example vectors and against .NET's implementation on random inputs.
namespace Phone.Core.Tests.Crypto
{
    using System.Text;
    using CsCheck;
    using Phone.Core.Crypto;

    public class Sha256Tests
    {
        [Theory]
        [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
        [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
        [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
        public void NistExamples(string message, string expected)
        {
            byte[] data = Encoding.ASCII.GetBytes(message);
            byte[] digest = new byte[Sha256.HashSize];
            Sha256.Hash(data, 0, data.Length, digest, 0);
            Assert.Equal(expected, Hex.ToLowerHex(digest, 0, Sha256.HashSize));
        }

        [Fact]
        public void OneMillionA_FedInUnevenChunks()
        {
            byte[] chunk = new byte[997];
            for (int i = 0; i < chunk.Length; i++) chunk[i] = (byte)'a';
            var sha = new Sha256();
            int left = 1000000;
            while (left > 0)
            {
                int n = left < chunk.Length ? left : chunk.Length;
                sha.Update(chunk, 0, n);
                left -= n;
            }
            byte[] digest = new byte[32];
            sha.Final(digest, 0);
            Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Hex.ToLowerHex(digest, 0, 32));
        }

        [Fact]
        public void MatchesDotNetOnRandomInputsAndSplits()
        {
            Gen.Select(Gen.Byte.Array[0, 700], Gen.Int[0, 700], Gen.Int[0, 5]).Sample((data, cut, pad) =>
            {
                // CsCheck samples on several threads; instances are per-thread by design.
                var sha = new Sha256();
                cut = cut % (data.Length + 1);
                byte[] expected = System.Security.Cryptography.SHA256.HashData(data);
                byte[] actual = new byte[32 + pad];
                sha.Update(data, 0, cut);
                sha.Update(data, cut, data.Length - cut);
                sha.Final(actual, pad);
                Assert.Equal(expected, actual[pad..]);
                Sha256.Hash(data, 0, data.Length, actual, pad);
                Assert.Equal(expected, actual[pad..]);
            }, iter: 2000);
        }
    }
}
