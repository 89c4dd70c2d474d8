// The core's Digest client (Phone.Core.Auth) against the server's RFC 7616 verifier, through the host fetcher.
namespace Phone.Provisioning.IntegrationTests
{
    using System.Threading;
    using System.Threading.Tasks;
    using Phone.Core.Auth;
    using Phone.Core.Ports;
    using Phone.Host.Net;

    public sealed class CoreDigestInteropTests
    {
        private const string Uri = "/prov/" + TestServer.DigestMac + ".cfg";

        private static DigestClient NewClient(string password)
        {
            DigestCredentialStore store = new DigestCredentialStore(2);
            Assert.True(store.Set("provisioning", TestServer.DigestMac, password));
            return new DigestClient(store, new SystemRandomSource(), 2, 2);
        }

        [Fact]
        public async Task CoreClientAnswersSha256ChallengeAndReusesTheNonce()
        {
            await using TestServer server = await TestServer.StartAsync();
            HostHttpsFetcher fetcher = server.Fetcher();
            DigestClient client = NewClient(TestServer.DigestPassword);
            HttpsRequest request = TestServer.Get(server.Url(TestServer.DigestMac + ".cfg"));
            HttpsResponse challenge = fetcher.Send(request);
            Assert.Equal(401, challenge.StatusCode);
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge(challenge.WwwAuthenticate, false));
            Assert.Equal(DigestAlgorithm.Sha256, client.Challenge(0).Algorithm);

            request.Authorization = client.BuildAuthorization(0, "GET", Uri);
            Assert.Equal(200, fetcher.Send(request).StatusCode);
            client.OnSuccess();

            // Same nonce, next nc (RFC 7616 §3.4): accepted without a new challenge.
            request.Authorization = client.BuildAuthorization(0, "GET", Uri);
            Assert.Equal(2u, client.NonceCount(0));
            Assert.Equal(200, fetcher.Send(request).StatusCode);
            Assert.Contains(server.Host.AccessLog.Snapshot(), l => l.Contains("auth=digest-SHA-256") && l.Contains("status=200"));
        }

        [Fact]
        public async Task CoreClientRetriesAfterStaleAndGivesUpOnWrongPassword()
        {
            await using TestServer server = await TestServer.StartAsync(o => o.NonceLifetimeSeconds = 1);
            HostHttpsFetcher fetcher = server.Fetcher();
            DigestClient client = NewClient(TestServer.DigestPassword);
            HttpsRequest request = TestServer.Get(server.Url(TestServer.DigestMac + ".cfg"));
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge(fetcher.Send(request).WwwAuthenticate, false));
            Thread.Sleep(2100);
            request.Authorization = client.BuildAuthorization(0, "GET", Uri);
            HttpsResponse stale = fetcher.Send(request);
            Assert.Equal(401, stale.StatusCode);
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge(stale.WwwAuthenticate, false));
            Assert.Equal(0, client.Failures);
            request.Authorization = client.BuildAuthorization(0, "GET", Uri);
            Assert.Equal(200, fetcher.Send(request).StatusCode);

            DigestClient wrong = NewClient("not-the-password");
            HttpsRequest again = TestServer.Get(server.Url(TestServer.DigestMac + ".cfg"));
            DigestOutcome outcome = wrong.OnChallenge(fetcher.Send(again).WwwAuthenticate, false);
            int rounds = 0;
            while (outcome == DigestOutcome.Retry && rounds++ < 5)
            {
                again.Authorization = wrong.BuildAuthorization(0, "GET", Uri);
                HttpsResponse r = fetcher.Send(again);
                Assert.Equal(401, r.StatusCode);
                outcome = wrong.OnChallenge(r.WwwAuthenticate, false);
            }

            Assert.Equal(DigestOutcome.Rejected, outcome);
        }
    }
}
