// Digest response computation against the published examples: RFC 2617 §3.5 and RFC 7616 §3.9.1.
namespace Phone.Core.Tests.Auth
{
    using Phone.Core.Auth;

    public class DigestCalculatorTests
    {
        [Fact]
        public void Rfc2617Section3_5Example()
        {
            string r = DigestCalculator.ComputeResponse(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life",
                "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", 1, "0a4f113b", "auth");
            Assert.Equal("6629fae49393a05397450978507c4ef1", r);
        }

        [Theory]
        [InlineData(DigestAlgorithm.Md5, "8ca523f5e9506fed4657c9700eebdbec")]
        [InlineData(DigestAlgorithm.Sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
        public void Rfc7616Section3_9_1Examples(DigestAlgorithm alg, string expected)
        {
            string r = DigestCalculator.ComputeResponse(alg, "Mufasa", "http-auth@example.org", "Circle of Life",
                "GET", "/dir/index.html", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", 1,
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth");
            Assert.Equal(expected, r);
        }

        [Theory]
        [InlineData(DigestAlgorithm.Md5)]
        [InlineData(DigestAlgorithm.Md5Sess)]
        [InlineData(DigestAlgorithm.Sha256)]
        [InlineData(DigestAlgorithm.Sha256Sess)]
        public void MatchesIndependentFormulaForEveryAlgorithmAndQop(DigestAlgorithm alg)
        {
            foreach (string qop in new[] { null, "auth", "auth-int" })
            {
                string expected = Reference(alg, "bob", "biloxi.com", "zanzibar", "REGISTER", "sip:biloxi.com",
                    "ea9c8e88df84f1cec4341ae6cbe5a359", 0x1a, "0a4f113b", qop, "");
                string actual = DigestCalculator.ComputeResponse(alg, "bob", "biloxi.com", "zanzibar", "REGISTER", "sip:biloxi.com",
                    "ea9c8e88df84f1cec4341ae6cbe5a359", 0x1a, "0a4f113b", qop);
                Assert.Equal(expected, actual);
            }
        }

        [Fact]
        public void UnsupportedAlgorithmWritesNothing()
        {
            var calc = new DigestCalculator();
            byte[] dst = new byte[64];
            Assert.Equal(0, calc.ComputeResponse(DigestAlgorithm.Unsupported, "u", "r", new byte[1], 0, 1, "GET", "/", "n", 1, "c", "auth", null, 0, 0, dst, 0));
        }

        // Straight transcription of RFC 7616 §3.4.1-3.4.3 with .NET hashing, as an independent reference.
        internal static string Reference(DigestAlgorithm alg, string user, string realm, string pw, string method, string uri,
            string nonce, uint nc, string cnonce, string qop, string body)
        {
            bool sha = alg == DigestAlgorithm.Sha256 || alg == DigestAlgorithm.Sha256Sess;
            string H(string s)
            {
                byte[] b = System.Text.Encoding.UTF8.GetBytes(s);
                byte[] d = sha ? System.Security.Cryptography.SHA256.HashData(b) : System.Security.Cryptography.MD5.HashData(b);
                return System.Convert.ToHexString(d).ToLowerInvariant();
            }
            string ha1 = H(user + ":" + realm + ":" + pw);
            if (alg == DigestAlgorithm.Md5Sess || alg == DigestAlgorithm.Sha256Sess) ha1 = H(ha1 + ":" + nonce + ":" + cnonce);
            string ha2 = qop == "auth-int" ? H(method + ":" + uri + ":" + H(body)) : H(method + ":" + uri);
            return qop == null ? H(ha1 + ":" + nonce + ":" + ha2) : H(ha1 + ":" + nonce + ":" + nc.ToString("x8") + ":" + cnonce + ":" + qop + ":" + ha2);
        }
    }
}
