// Digest algorithm tokens (RFC 7616 §3.3, §6.1) name and parse each other for every algorithm.
namespace Phone.Core.Tests.Auth
{
    using Phone.Core.Auth;

    public class DigestAlgorithmNamesTests
    {
        [Theory]
        [InlineData(DigestAlgorithm.Md5, "MD5")]
        [InlineData(DigestAlgorithm.Md5Sess, "MD5-sess")]
        [InlineData(DigestAlgorithm.Sha256, "SHA-256")]
        [InlineData(DigestAlgorithm.Sha256Sess, "SHA-256-sess")]
        public void Every_algorithm_has_its_token_and_parses_back_from_it_in_any_case(DigestAlgorithm algorithm, string token)
        {
            Assert.Equal(token, DigestAlgorithmNames.Name(algorithm));
            Assert.Equal(algorithm, DigestAlgorithmNames.Parse(token, 0, token.Length));
            Assert.Equal(algorithm, DigestAlgorithmNames.Parse(token.ToLowerInvariant(), 0, token.Length));
            string framed = "x=" + token.ToUpperInvariant() + ",";
            Assert.Equal(algorithm, DigestAlgorithmNames.Parse(framed, 2, token.Length));
        }

        [Theory]
        [InlineData("SHA-512-256")]
        [InlineData("MD5-")]
        [InlineData("SHA-25")]
        [InlineData("unsupported")]
        [InlineData("")]
        public void Other_tokens_are_unsupported(string token)
        {
            Assert.Equal(DigestAlgorithm.Unsupported, DigestAlgorithmNames.Parse(token, 0, token.Length));
            Assert.Equal("unsupported", DigestAlgorithmNames.Name(DigestAlgorithm.Unsupported));
            Assert.Equal("unsupported", DigestAlgorithmNames.Name((DigestAlgorithm)99));
        }
    }
}
