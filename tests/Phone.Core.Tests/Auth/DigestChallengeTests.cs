// WWW-Authenticate / Proxy-Authenticate Digest challenge parsing: valid forms and a malformed table (RFC 7616 §3.3, RFC 3261 §25.1).
namespace Phone.Core.Tests.Auth
{
    using Phone.Core.Auth;

    public class DigestChallengeTests
    {
        [Fact]
        public void ParsesRfc7616Example()
        {
            var c = new DigestChallenge();
            Assert.True(DigestChallenge.TryParse(
                "Digest\r\n    realm=\"http-auth@example.org\",\r\n    qop=\"auth, auth-int\",\r\n    algorithm=SHA-256,\r\n" +
                "    nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n    opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"", c));
            Assert.Equal("http-auth@example.org", c.Realm);
            Assert.Equal("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", c.Nonce);
            Assert.Equal("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", c.Opaque);
            Assert.Equal(DigestAlgorithm.Sha256, c.Algorithm);
            Assert.True(c.AlgorithmPresent && c.QopPresent && c.QopAuth && c.QopAuthInt && !c.Stale);
            Assert.True(c.IsSupported);
        }

        [Fact]
        public void ParsesSipRegistrarChallengeWithStaleDomainAndEscapes()
        {
            var c = new DigestChallenge();
            Assert.True(DigestChallenge.TryParse(
                "digest REALM=\"atl\\\"anta.example.com\", domain=\"sip:ss1.example.com sip:ss2.example.com\", qop=auth, " +
                "nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\", Stale=TRUE, algorithm=md5-SESS, charset=UTF-8, userhash=false", c));
            Assert.Equal("atl\"anta.example.com", c.Realm);
            Assert.Equal("sip:ss1.example.com sip:ss2.example.com", c.Domain);
            Assert.Equal("", c.Opaque);
            Assert.True(c.Stale);
            Assert.Equal(DigestAlgorithm.Md5Sess, c.Algorithm);
            Assert.True(c.QopAuth && !c.QopAuthInt);
        }

        [Fact]
        public void DefaultsToMd5WithoutQop()
        {
            var c = new DigestChallenge();
            Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\"", c));
            Assert.Equal(DigestAlgorithm.Md5, c.Algorithm);
            Assert.False(c.AlgorithmPresent || c.QopPresent || c.Stale);
            Assert.Null(c.Opaque);
        }

        [Fact]
        public void UnknownAlgorithmOrQopParsesButIsNotSupported()
        {
            var c = new DigestChallenge();
            Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256", c));
            Assert.Equal(DigestAlgorithm.Unsupported, c.Algorithm);
            Assert.False(c.IsSupported);
            Assert.True(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\", qop=\"token\"", c));
            Assert.False(c.IsSupported);
        }

        [Fact]
        public void ParsesSeveralChallengesInOneValueSkippingOtherSchemes()
        {
            var arr = new[] { new DigestChallenge(), new DigestChallenge(), new DigestChallenge() };
            Assert.True(DigestChallenge.TryParseAll(
                "Basic realm=\"x\", Digest realm=\"a\", nonce=\"1\", algorithm=MD5, Digest realm=\"a\", nonce=\"2\", algorithm=SHA-256",
                arr, 0, 3, out int n));
            Assert.Equal(2, n);
            Assert.Equal("1", arr[0].Nonce);
            Assert.Equal(DigestAlgorithm.Sha256, arr[1].Algorithm);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("Digest")]
        [InlineData("Basic realm=\"x\"")]
        [InlineData("Digest realm=\"r\"")]                              // no nonce
        [InlineData("Digest nonce=\"n\"")]                              // no realm
        [InlineData("Digest realm=\"r\", nonce=\"n")]                   // unterminated quote
        [InlineData("Digest realm=\"r\", nonce=\"n\\")]                 // dangling escape
        [InlineData("Digest realm=\"r\", nonce=\"n\", realm=\"s\"")]    // duplicate realm
        [InlineData("Digest realm=\"r\", nonce=\"n\", stale=maybe")]
        [InlineData("Digest realm=\"r\", nonce=\"\"")]                  // empty nonce
        [InlineData("Digest realm=\"r\", nonce=\"n\", qop=\"\"")]
        [InlineData("Digest realm=\"r\", nonce=")]
        [InlineData("Digest realm=\"r\" nonce=\"n\"")]                  // missing comma
        [InlineData("Digest realm==\"r\", nonce=\"n\"")]
        [InlineData("Digest , realm")]
        [InlineData("realm=\"r\", nonce=\"n\"")]                        // no scheme
        [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=MD5, algorithm=SHA-256")]
        [InlineData("Digest realm=\"r\", nonce=\"n\", @=x")]
        public void MalformedChallengesGiveFalseNotException(string value)
        {
            Assert.False(DigestChallenge.TryParse(value, new DigestChallenge()));
        }

        [Fact]
        public void WriteRoundTrips()
        {
            var c = new DigestChallenge
            {
                Realm = "biloxi.com", Nonce = "abc\"def", Opaque = "xyz", Algorithm = DigestAlgorithm.Sha256,
                QopAuth = true, QopAuthInt = true, Stale = true,
            };
            string v = c.ToHeaderValue();
            Assert.Equal("Digest realm=\"biloxi.com\", nonce=\"abc\\\"def\", opaque=\"xyz\", stale=true, algorithm=SHA-256, qop=\"auth,auth-int\"", v);
            var back = new DigestChallenge();
            Assert.True(DigestChallenge.TryParse(v, back));
            Assert.Equal("abc\"def", back.Nonce);
            Assert.True(back.Stale && back.QopAuth && back.QopAuthInt);
            Assert.Equal(DigestAlgorithm.Sha256, back.Algorithm);
        }
    }
}
