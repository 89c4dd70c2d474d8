// HostHttpsFetcher against the real server: certificate validation outcomes and URL/connection failures.
namespace Phone.Provisioning.IntegrationTests
{
    using System.Threading.Tasks;
    using Phone.Core.Ports;
    using Phone.Host.Net;
    using Phone.ProvisioningServer;

    public sealed class FetcherTlsTests
    {
        [Fact]
        public async Task TrustedCertificateForTheHostCompletes()
        {
            await using TestServer server = await TestServer.StartAsync();
            HttpsResponse r = server.Fetcher().Send(TestServer.Get(server.Url(TestServer.OpenMac + ".cfg")));
            Assert.Equal(HttpsOutcome.Completed, r.Outcome);
            Assert.Equal(200, r.StatusCode);
        }

        [Fact]
        public async Task LocalhostNameAlsoMatches()
        {
            await using TestServer server = await TestServer.StartAsync();
            // localhost may resolve to ::1 first; the server listens on 127.0.0.1 only, so the fallback must work too.
            HttpsResponse r = server.Fetcher().Send(TestServer.Get("https://localhost:" + server.Host.Port + "/prov/" + TestServer.OpenMac + ".cfg"));
            Assert.Equal(HttpsOutcome.Completed, r.Outcome);
            Assert.Equal(200, r.StatusCode);
        }

        [Fact]
        public async Task CertificateNamingAnotherHostIsNameMismatch()
        {
            await using TestServer server = await TestServer.StartAsync(o => o.CertificateMode = ServerCertificateMode.WrongName);
            HttpsResponse r = server.Fetcher().Send(TestServer.Get(server.Url(TestServer.OpenMac + ".cfg")));
            Assert.Equal(HttpsOutcome.TlsNameMismatch, r.Outcome);
            Assert.Equal(0, r.StatusCode);
            Assert.Null(r.Body);
            Assert.Empty(server.Host.AccessLog.Snapshot());
        }

        [Fact]
        public async Task CertificateFromAnUnknownCaIsUntrusted()
        {
            await using TestServer server = await TestServer.StartAsync(o => o.CertificateMode = ServerCertificateMode.UnknownCa);
            HttpsResponse r = server.Fetcher().Send(TestServer.Get(server.Url(TestServer.OpenMac + ".cfg")));
            Assert.Equal(HttpsOutcome.TlsUntrusted, r.Outcome);
            Assert.Empty(server.Host.AccessLog.Snapshot());
        }

        [Fact]
        public async Task FetcherTrustingAnotherServersCaRejectsAndSetTrustedCaFixesIt()
        {
            await using TestServer server = await TestServer.StartAsync();
            await using TestServer other = await TestServer.StartAsync();
            Assert.NotEqual(server.Host.CaPem, other.Host.CaPem);
            HostHttpsFetcher fetcher = new HostHttpsFetcher(other.Host.CaPem);
            HttpsRequest request = TestServer.Get(server.Url(TestServer.OpenMac + ".cfg"));
            Assert.Equal(HttpsOutcome.TlsUntrusted, fetcher.Send(request).Outcome);

            fetcher.SetTrustedCa(server.Host.CaPem);
            Assert.Equal(HttpsOutcome.Completed, fetcher.Send(request).Outcome);

            // null restores the factory CA, which is the other server's.
            fetcher.SetTrustedCa(null);
            Assert.Equal(HttpsOutcome.TlsUntrusted, fetcher.Send(request).Outcome);
        }

        [Theory]
        [InlineData("not a pem at all")]
        [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
        public async Task UnreadableCaPemLeavesTheTrustedSetAsItWas(string pem)
        {
            await using TestServer server = await TestServer.StartAsync();
            HostHttpsFetcher fetcher = server.Fetcher();
            fetcher.SetTrustedCa(pem);
            Assert.Equal(1, fetcher.TrustedCount);
            Assert.Equal(HttpsOutcome.Completed, fetcher.Send(TestServer.Get(server.Url(TestServer.OpenMac + ".cfg"))).Outcome);
        }

        [Fact]
        public async Task NoFactoryCaTrustsNothing()
        {
            await using TestServer server = await TestServer.StartAsync();
            HostHttpsFetcher fetcher = new HostHttpsFetcher(null);
            Assert.Equal(0, fetcher.TrustedCount);
            HttpsResponse r = fetcher.Send(TestServer.Get(server.Url(TestServer.OpenMac + ".cfg")));
            Assert.Equal(HttpsOutcome.TlsUntrusted, r.Outcome);
        }

        [Fact]
        public async Task ExpiredCertificateIsExpired()
        {
            await using TestServer server = await TestServer.StartAsync(o => o.CertificateMode = ServerCertificateMode.Expired);
            HttpsResponse r = server.Fetcher().Send(TestServer.Get(server.Url(TestServer.OpenMac + ".cfg")));
            Assert.Equal(HttpsOutcome.TlsExpired, r.Outcome);
        }

        [Theory]
        [InlineData("http://127.0.0.1:1/prov/0000000000a1.cfg")]
        [InlineData("ftp://127.0.0.1/x")]
        [InlineData("not a url")]
        [InlineData("/prov/0000000000a1.cfg")]
        [InlineData(null)]
        public void NonHttpsUrlIsBadUrl(string url)
        {
            HttpsResponse r = new HostHttpsFetcher(null).Send(TestServer.Get(url));
            Assert.Equal(HttpsOutcome.BadUrl, r.Outcome);
        }

        [Fact]
        public async Task StoppedServerIsNetworkError()
        {
            TestServer server = await TestServer.StartAsync();
            string url = server.Url(TestServer.OpenMac + ".cfg");
            HostHttpsFetcher fetcher = server.Fetcher();
            await server.DisposeAsync();
            HttpsResponse r = fetcher.Send(TestServer.Get(url));
            Assert.Equal(HttpsOutcome.NetworkError, r.Outcome);
            Assert.NotNull(r.Detail);
        }

        [Fact]
        public async Task RestartKeepsTheCaAndServerCertificate()
        {
            string dir = TestServer.NewDataDir();
            string first;
            await using (TestServer server = await TestServer.StartAsync(dir, false))
                first = server.Host.CaPem;
            await using (TestServer again = await TestServer.StartAsync(dir, true))
            {
                Assert.Equal(first, again.Host.CaPem);
                Assert.Equal(first, System.IO.File.ReadAllText(System.IO.Path.Combine(dir, "ca.pem")));
                HttpsResponse r = new HostHttpsFetcher(first).Send(TestServer.Get(again.Url(TestServer.OpenMac + ".cfg")));
                Assert.Equal(HttpsOutcome.Completed, r.Outcome);
            }
        }
    }
}
