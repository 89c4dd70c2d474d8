// Server-side Digest verification: RFC 7616 §3.9.1 Authorization examples and each refusal reason.
namespace Phone.Core.Tests.Auth
{
    using Phone.Core.Auth;

    public class DigestVerifierTests
    {
        private const string Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";

        private static string Rfc7616Header(string alg, string response)
            => "Digest username=\"Mufasa\",\r\n realm=\"http-auth@example.org\",\r\n uri=\"/dir/index.html\",\r\n algorithm=" + alg
             + ",\r\n nonce=\"" + Nonce + "\",\r\n nc=00000001,\r\n cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\",\r\n qop=auth,\r\n response=\""
             + response + "\",\r\n opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

        [Theory]
        [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
        [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
        [InlineData("SHA-256", "753927FA0E85D155564E2E272A28D1802CA10DAF4496794697CF8DB5856CB6C1")]
        public void AcceptsRfc7616Examples(string alg, string response)
        {
            var v = new DigestVerifier();
            Assert.Equal(DigestVerification.Valid, v.Verify("GET", "/dir/index.html", "Mufasa", "http-auth@example.org", "Circle of Life", Rfc7616Header(alg, response), Nonce));
            Assert.Equal(1u, v.Last.NonceCount);
        }

        [Fact]
        public void AcceptsRfc2617Example()
        {
            string h = "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", "
                     + "qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
            Assert.Equal(DigestVerification.Valid, new DigestVerifier().Verify("GET", "/dir/index.html", "Mufasa", "testrealm@host.com", "Circle Of Life", h, null));
        }

        [Theory]
        [InlineData("GET", "/dir/index.html", "Mufasa", "http-auth@example.org", "Circle of life", Nonce, DigestVerification.BadResponse)]
        [InlineData("POST", "/dir/index.html", "Mufasa", "http-auth@example.org", "Circle of Life", Nonce, DigestVerification.BadResponse)]
        [InlineData("GET", "/other", "Mufasa", "http-auth@example.org", "Circle of Life", Nonce, DigestVerification.WrongUri)]
        [InlineData("GET", "/dir/index.html", "Simba", "http-auth@example.org", "Circle of Life", Nonce, DigestVerification.WrongUsername)]
        [InlineData("GET", "/dir/index.html", "Mufasa", "example.org", "Circle of Life", Nonce, DigestVerification.WrongRealm)]
        [InlineData("GET", "/dir/index.html", "Mufasa", "http-auth@example.org", "Circle of Life", "old", DigestVerification.WrongNonce)]
        public void RefusalReasons(string method, string uri, string user, string realm, string pw, string nonce, DigestVerification expected)
        {
            string h = Rfc7616Header("MD5", "8ca523f5e9506fed4657c9700eebdbec");
            Assert.Equal(expected, new DigestVerifier().Verify(method, uri, user, realm, pw, h, nonce));
        }

        [Theory]
        [InlineData("Basic dXNlcjpwYXNz", DigestVerification.Malformed)]
        [InlineData("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"/\"", DigestVerification.Malformed)]
        [InlineData("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"00\", qop=auth, cnonce=\"c\", nc=1", DigestVerification.Malformed)]
        [InlineData("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"00\", qop=auth, nc=00000001", DigestVerification.Malformed)]
        [InlineData("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"00\", algorithm=SHA-512-256", DigestVerification.Unsupported)]
        [InlineData("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"zz\"", DigestVerification.BadResponse)]
        [InlineData("Digest username=\"u\", username=\"v\", realm=\"r\", nonce=\"n\", uri=\"/\", response=\"00\"", DigestVerification.Malformed)]
        public void MalformedOrUnsupportedCredentials(string value, DigestVerification expected)
        {
            Assert.Equal(expected, new DigestVerifier().Verify("GET", "/", "u", "r", "p", value, null));
        }
    }
}
