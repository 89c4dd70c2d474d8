// Device authentication over real HTTPS: Digest (SHA-256, MD5, stale nonce, replay, wrong device) and Bearer.
namespace Phone.Provisioning.IntegrationTests
{
    using System.IO;
    using System.Threading;
    using System.Threading.Tasks;
    using Phone.Core.Ports;
    using Phone.Host.Net;

    public sealed class ServerAuthTests
    {
        private const string DigestFile = TestServer.DigestMac + ".cfg";
        private const string DigestUri = "/prov/" + DigestFile;

        [Theory]
        [InlineData("SHA-256")]
        [InlineData("MD5")]
        public async Task DigestChallengeThenAuthenticated200(string algorithm)
        {
            await using TestServer server = await TestServer.StartAsync();
            HostHttpsFetcher fetcher = server.Fetcher();
            HttpsRequest request = TestServer.Get(server.Url(DigestFile));
            HttpsResponse challenge = fetcher.Send(request);
            Assert.Equal(401, challenge.StatusCode);
            // The strongest algorithm is offered first (RFC 7616 §3.7).
            Assert.Contains("algorithm=SHA-256", challenge.WwwAuthenticate);
            Assert.Contains("qop=\"auth\"", challenge.WwwAuthenticate);

            request.Authorization = DigestTestClient.Answer(challenge.WwwAuthenticate, "GET", DigestUri, TestServer.DigestMac,
                TestServer.DigestPassword, algorithmOverride: algorithm);
            HttpsResponse r = fetcher.Send(request);
            Assert.Equal(HttpsOutcome.Completed, r.Outcome);
            Assert.Equal(200, r.StatusCode);
            Assert.Contains(server.Host.AccessLog.Snapshot(), l => l.Contains("auth=digest-" + algorithm) && l.Contains("status=200"));
        }

        [Fact]
        public async Task EveryChallengeHasAFreshNonceSoNcOneIsNeverAReplay()
        {
            await using TestServer server = await TestServer.StartAsync();
            HttpsRequest request = TestServer.Get(server.Url(DigestFile));
            string first = server.Fetcher().Send(request).WwwAuthenticate;
            string second = server.Fetcher().Send(request).WwwAuthenticate;
            Assert.NotEqual(DigestTestClient.Parse(first)["nonce"], DigestTestClient.Parse(second)["nonce"]);
            request.Authorization = DigestTestClient.Answer(first, "GET", DigestUri, TestServer.DigestMac, TestServer.DigestPassword);
            Assert.Equal(200, server.Fetcher().Send(request).StatusCode);
            request.Authorization = DigestTestClient.Answer(second, "GET", DigestUri, TestServer.DigestMac, TestServer.DigestPassword);
            Assert.Equal(200, server.Fetcher().Send(request).StatusCode);
        }

        [Fact]
        public async Task WrongPasswordIsChallengedAgain()
        {
            await using TestServer server = await TestServer.StartAsync();
            HttpsRequest request = TestServer.Get(server.Url(DigestFile));
            HttpsResponse challenge = server.Fetcher().Send(request);
            request.Authorization = DigestTestClient.Answer(challenge.WwwAuthenticate, "GET", DigestUri, TestServer.DigestMac, "wrong");
            HttpsResponse r = server.Fetcher().Send(request);
            Assert.Equal(401, r.StatusCode);
            Assert.DoesNotContain("stale", r.WwwAuthenticate);
        }

        [Fact]
        public async Task ReplayedNonceCountIsRejectedAndNextCountAccepted()
        {
            await using TestServer server = await TestServer.StartAsync();
            HttpsRequest request = TestServer.Get(server.Url(DigestFile));
            string challenge = server.Fetcher().Send(request).WwwAuthenticate;
            request.Authorization = DigestTestClient.Answer(challenge, "GET", DigestUri, TestServer.DigestMac, TestServer.DigestPassword, nc: 1);
            Assert.Equal(200, server.Fetcher().Send(request).StatusCode);
            Assert.Equal(401, server.Fetcher().Send(request).StatusCode);
            request.Authorization = DigestTestClient.Answer(challenge, "GET", DigestUri, TestServer.DigestMac, TestServer.DigestPassword, nc: 2);
            Assert.Equal(200, server.Fetcher().Send(request).StatusCode);
        }

        [Fact]
        public async Task ExpiredNonceGetsStaleChallenge()
        {
            await using TestServer server = await TestServer.StartAsync(o => o.NonceLifetimeSeconds = 1);
            HttpsRequest request = TestServer.Get(server.Url(DigestFile));
            string challenge = server.Fetcher().Send(request).WwwAuthenticate;
            Thread.Sleep(2100);
            request.Authorization = DigestTestClient.Answer(challenge, "GET", DigestUri, TestServer.DigestMac, TestServer.DigestPassword);
            HttpsResponse r = server.Fetcher().Send(request);
            Assert.Equal(401, r.StatusCode);
            Assert.Contains("stale=true", r.WwwAuthenticate);

            request.Authorization = DigestTestClient.Answer(r.WwwAuthenticate, "GET", DigestUri, TestServer.DigestMac, TestServer.DigestPassword);
            Assert.Equal(200, server.Fetcher().Send(request).StatusCode);
        }

        [Fact]
        public async Task DigestForAnotherUriIsRejected()
        {
            await using TestServer server = await TestServer.StartAsync();
            HttpsRequest request = TestServer.Get(server.Url(DigestFile));
            string challenge = server.Fetcher().Send(request).WwwAuthenticate;
            request.Authorization = DigestTestClient.Answer(challenge, "GET", "/prov/common.cfg", TestServer.DigestMac, TestServer.DigestPassword);
            Assert.Equal(401, server.Fetcher().Send(request).StatusCode);
        }

        [Fact]
        public async Task AnotherDevicesValidCredentialsAreForbidden()
        {
            await using TestServer server = await TestServer.StartAsync();
            HttpsRequest request = TestServer.Get(server.Url(DigestFile));
            string challenge = server.Fetcher().Send(request).WwwAuthenticate;
            request.Authorization = DigestTestClient.Answer(challenge, "GET", DigestUri, TestServer.DigestMac2, TestServer.DigestPassword2);
            Assert.Equal(403, server.Fetcher().Send(request).StatusCode);
        }

        [Fact]
        public async Task BearerTokenAuthenticates()
        {
            await using TestServer server = await TestServer.StartAsync();
            HttpsRequest request = TestServer.Get(server.Url(TestServer.BearerMac + ".cfg"));
            HttpsResponse challenge = server.Fetcher().Send(request);
            Assert.Equal(401, challenge.StatusCode);
            Assert.StartsWith("Bearer realm=", challenge.WwwAuthenticate);

            request.Authorization = "Bearer " + TestServer.BearerToken;
            HttpsResponse r = server.Fetcher().Send(request);
            Assert.Equal(200, r.StatusCode);

            request.Authorization = "Bearer " + TestServer.BearerToken + "x";
            Assert.Equal(401, server.Fetcher().Send(request).StatusCode);

            // Its token does not open another device's file.
            HttpsRequest other = TestServer.Get(server.Url(DigestFile));
            other.Authorization = "Bearer " + TestServer.BearerToken;
            Assert.Equal(401, server.Fetcher().Send(other).StatusCode);
        }

        [Fact]
        public async Task AccessLogNeverHoldsSecrets()
        {
            await using TestServer server = await TestServer.StartAsync();
            HttpsRequest digest = TestServer.Get(server.Url(DigestFile));
            digest.Authorization = DigestTestClient.Answer(server.Fetcher().Send(digest).WwwAuthenticate, "GET", DigestUri,
                TestServer.DigestMac, TestServer.DigestPassword);
            Assert.Equal(200, server.Fetcher().Send(digest).StatusCode);
            HttpsRequest bearer = TestServer.Get(server.Url(TestServer.BearerMac + ".cfg"));
            bearer.Authorization = "Bearer " + TestServer.BearerToken;
            Assert.Equal(200, server.Fetcher().Send(bearer).StatusCode);
            bearer.Authorization = "Bearer " + TestServer.BearerToken + "x";
            Assert.Equal(401, server.Fetcher().Send(bearer).StatusCode);

            string log = File.ReadAllText(Path.Combine(server.Dir, "access.log"));
            Assert.Equal(4, log.Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Length);
            foreach (string secret in new[] { TestServer.DigestPassword, TestServer.BearerToken, TestServer.SipPassword, "response=" })
                Assert.DoesNotContain(secret, log);
        }
    }
}
