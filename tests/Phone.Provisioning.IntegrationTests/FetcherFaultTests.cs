// HostHttpsFetcher against injected server faults: HTTP errors, hang, redirect, HTML, oversized and truncated bodies.
namespace Phone.Provisioning.IntegrationTests
{
    using System.Diagnostics;
    using System.Net.Http;
    using System.Net.Security;
    using System.Security.Cryptography.X509Certificates;
    using System.Threading.Tasks;
    using Phone.Core.Ports;
    using Phone.ProvisioningServer;

    public sealed class FetcherFaultTests
    {
        private const string File = TestServer.OpenMac + ".cfg";

        [Theory]
        [InlineData(FaultKind.NotFound, 404)]
        [InlineData(FaultKind.ServerError, 500)]
        public async Task HttpErrorStatusIsCompletedWithThatStatus(FaultKind kind, int status)
        {
            await using TestServer server = await TestServer.StartAsync();
            server.Host.Faults.Set(File, kind);
            HttpsResponse r = server.Fetcher().Send(TestServer.Get(server.Url(File)));
            Assert.Equal(HttpsOutcome.Completed, r.Outcome);
            Assert.Equal(status, r.StatusCode);
            Assert.Null(r.ETag);
        }

        [Fact]
        public async Task HangingServerIsTimeoutWithinTheRequestTimeout()
        {
            await using TestServer server = await TestServer.StartAsync(o => o.HangMs = 20000);
            server.Host.Faults.Set(File, FaultKind.Hang);
            Stopwatch watch = Stopwatch.StartNew();
            HttpsResponse r = server.Fetcher().Send(TestServer.Get(server.Url(File), timeoutMs: 700));
            watch.Stop();
            Assert.Equal(HttpsOutcome.Timeout, r.Outcome);
            Assert.InRange(watch.ElapsedMilliseconds, 500, 5000);
        }

        [Fact]
        public async Task RedirectIsReportedNotFollowed()
        {
            await using TestServer server = await TestServer.StartAsync();
            server.Host.Faults.Set(File, FaultKind.RedirectLoop);
            HttpsResponse r = server.Fetcher().Send(TestServer.Get(server.Url(File)));
            Assert.Equal(HttpsOutcome.Completed, r.Outcome);
            Assert.Equal(302, r.StatusCode);
            Assert.Equal("/prov/" + File, r.Location);
            Assert.Single(server.Host.AccessLog.Snapshot());
        }

        [Fact]
        public async Task HtmlPageIsPassedThroughWithItsContentType()
        {
            await using TestServer server = await TestServer.StartAsync();
            server.Host.Faults.Set(File, FaultKind.Html);
            HttpsResponse r = server.Fetcher().Send(TestServer.Get(server.Url(File)));
            Assert.Equal(HttpsOutcome.Completed, r.Outcome);
            Assert.Equal(200, r.StatusCode);
            Assert.StartsWith("text/html", r.ContentType);
        }

        [Fact]
        public async Task ChunkedBodyBeyondTheLimitIsTooLarge()
        {
            await using TestServer server = await TestServer.StartAsync();
            server.Host.Faults.Set(File, FaultKind.Oversized);
            HttpsRequest request = TestServer.Get(server.Url(File));
            request.MaxResponseBytes = 32768;
            HttpsResponse r = server.Fetcher().Send(request);
            Assert.Equal(HttpsOutcome.TooLarge, r.Outcome);
            Assert.Null(r.Body);
        }

        [Fact]
        public async Task DeclaredLengthBeyondTheLimitIsTooLarge()
        {
            await using TestServer server = await TestServer.StartAsync();
            HttpsRequest request = TestServer.Get(server.Url(File));
            request.MaxResponseBytes = 40;
            Assert.Equal(HttpsOutcome.TooLarge, server.Fetcher().Send(request).Outcome);
        }

        [Fact]
        public async Task BodyExactlyAtTheLimitIsAccepted()
        {
            await using TestServer server = await TestServer.StartAsync();
            HttpsResponse full = server.Fetcher().Send(TestServer.Get(server.Url(File)));
            HttpsRequest request = TestServer.Get(server.Url(File));
            request.MaxResponseBytes = full.BodyLength;
            HttpsResponse r = server.Fetcher().Send(request);
            Assert.Equal(HttpsOutcome.Completed, r.Outcome);
            Assert.Equal(full.BodyLength, r.BodyLength);
        }

        [Fact]
        public async Task TruncatedBodyIsNetworkError()
        {
            await using TestServer server = await TestServer.StartAsync();
            server.Host.Faults.Set(File, FaultKind.Truncated);
            HttpsResponse r = server.Fetcher().Send(TestServer.Get(server.Url(File)));
            Assert.Equal(HttpsOutcome.NetworkError, r.Outcome);
            Assert.Null(r.Body);
        }

        [Fact]
        public async Task FailHalfAlternatesServerErrorAndSuccess()
        {
            await using TestServer server = await TestServer.StartAsync();
            server.Host.Faults.Set(File, FaultKind.FailHalf);
            int[] statuses = new int[4];
            for (int i = 0; i < 4; i++) statuses[i] = server.Fetcher().Send(TestServer.Get(server.Url(File))).StatusCode;
            Assert.Equal(new[] { 500, 200, 500, 200 }, statuses);
        }

        [Fact]
        public async Task AdminEndpointSetsAndClearsFaults()
        {
            await using TestServer server = await TestServer.StartAsync();
            using HttpClient admin = AdminClient(server.Host.CaPem);
            HttpResponseMessage set = await admin.PutAsync(server.Host.BaseUrl + "/admin/faults/" + File + "?kind=500", null);
            Assert.Equal(200, (int)set.StatusCode);
            Assert.Equal(500, server.Fetcher().Send(TestServer.Get(server.Url(File))).StatusCode);
            HttpResponseMessage bad = await admin.PutAsync(server.Host.BaseUrl + "/admin/faults/" + File + "?kind=nonsense", null);
            Assert.Equal(400, (int)bad.StatusCode);
            HttpResponseMessage cleared = await admin.DeleteAsync(server.Host.BaseUrl + "/admin/faults/" + File);
            Assert.Equal(200, (int)cleared.StatusCode);
            Assert.Equal(200, server.Fetcher().Send(TestServer.Get(server.Url(File))).StatusCode);
            string log = await admin.GetStringAsync(server.Host.BaseUrl + "/admin/log");
            Assert.Contains("fault=500", log);
        }

        // An admin client that trusts exactly the server's CA (same custom-root validation as the fetcher).
        private static HttpClient AdminClient(string caPem)
        {
            X509Certificate2Collection roots = new X509Certificate2Collection();
            roots.ImportFromPem(caPem);
            SocketsHttpHandler handler = new SocketsHttpHandler();
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, errors) => errors == SslPolicyErrors.None;
            return new HttpClient(handler);
        }
    }
}
