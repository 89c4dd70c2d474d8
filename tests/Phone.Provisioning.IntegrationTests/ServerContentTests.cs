// Served content over real HTTPS: rendering, ETag/304, signing, common.cfg, unknown devices, status reports, access log.
namespace Phone.Provisioning.IntegrationTests
{
    using System;
    using System.IO;
    using System.Security.Cryptography;
    using System.Text;
    using System.Threading.Tasks;
    using Phone.Core.Ports;

    public sealed class ServerContentTests
    {
        private static string Text(HttpsResponse r) => Encoding.UTF8.GetString(r.Body, 0, r.BodyLength);

        [Fact]
        public async Task DeviceFileIsRenderedPlainTextWithStrongETag()
        {
            await using TestServer server = await TestServer.StartAsync();
            HttpsResponse r = server.Fetcher().Send(TestServer.Get(server.Url(TestServer.OpenMac + ".cfg")));
            Assert.Equal(HttpsOutcome.Completed, r.Outcome);
            Assert.Equal(200, r.StatusCode);
            Assert.StartsWith("text/plain", r.ContentType);
            Assert.Matches("^\"[0-9a-f]{32}\"$", r.ETag);
            string text = Text(r);
            Assert.Equal("# test template for 0000000000a1\nconfig.version = 1\naccount.1.user = 2a1\n"
                + "account.1.password = " + TestServer.SipPassword + "\naccount.1.registrar = pbx.example.com\n", text);
            Assert.Contains(server.Host.AccessLog.Snapshot(), l => l.Contains("mac=0000000000a1") && l.Contains("status=200")
                && l.Contains("etag-hit=no"));
        }

        [Fact]
        public async Task IfNoneMatchWithCurrentETagIs304AndChangeIs200WithNewETag()
        {
            await using TestServer server = await TestServer.StartAsync();
            string url = server.Url(TestServer.OpenMac + ".cfg");
            HttpsResponse first = server.Fetcher().Send(TestServer.Get(url));
            HttpsRequest again = TestServer.Get(url);
            again.IfNoneMatch = first.ETag;
            HttpsResponse unchanged = server.Fetcher().Send(again);
            Assert.Equal(HttpsOutcome.Completed, unchanged.Outcome);
            Assert.Equal(304, unchanged.StatusCode);
            Assert.Equal(first.ETag, unchanged.ETag);
            Assert.Equal(0, unchanged.BodyLength);
            Assert.Contains(server.Host.AccessLog.Snapshot(), l => l.Contains("status=304") && l.Contains("etag-hit=yes"));

            server.EditTable(t => t.FindByMac(TestServer.OpenMac).Variables["ext"] = "777");
            HttpsResponse changed = server.Fetcher().Send(again);
            Assert.Equal(200, changed.StatusCode);
            Assert.NotEqual(first.ETag, changed.ETag);
            Assert.Contains("account.1.user = 777\n", Text(changed));
        }

        [Fact]
        public async Task SignedFileEndsWithHmacOfAllPrecedingBytes()
        {
            await using TestServer server = await TestServer.StartAsync();
            HttpsResponse r = server.Fetcher().Send(TestServer.Get(server.Url(TestServer.SignedMac + ".cfg")));
            Assert.Equal(200, r.StatusCode);
            string text = Text(r);
            int last = text.LastIndexOf("# signature = ", StringComparison.Ordinal);
            Assert.True(last > 0);
            Assert.Equal('\n', text[last - 1]);
            string hex = text.Substring(last + 14).TrimEnd('\n');
            Assert.Matches("^[0-9a-f]{64}$", hex);
            Assert.EndsWith("\n", text);
            byte[] signedPart = new byte[last];
            Buffer.BlockCopy(r.Body, 0, signedPart, 0, last);
            string expected = Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromHexString(TestServer.SigningKeyHex), signedPart));
            Assert.Equal(expected, hex);
        }

        [Fact]
        public async Task CommonFileNeedsADeviceAndIsSignedWithThatDevicesKey()
        {
            await using TestServer server = await TestServer.StartAsync();
            server.EditTable(t => t.FindByMac(TestServer.BearerMac).SigningKey = TestServer.SigningKeyHex);
            HttpsRequest anonymous = TestServer.Get(server.Url("common.cfg"));
            Assert.Equal(401, server.Fetcher().Send(anonymous).StatusCode);

            HttpsRequest request = TestServer.Get(server.Url("common.cfg"));
            request.Authorization = "Bearer " + TestServer.BearerToken;
            HttpsResponse r = server.Fetcher().Send(request);
            Assert.Equal(200, r.StatusCode);
            string text = Text(r);
            Assert.StartsWith("# shared\nconfig.version = 1\ntones.country = us\n# signature = ", text);
        }

        [Fact]
        public async Task PublicCommonFileIsServedUnsigned()
        {
            await using TestServer server = await TestServer.StartAsync();
            server.EditTable(t => t.CommonPublic = true);
            HttpsResponse r = server.Fetcher().Send(TestServer.Get(server.Url("common.cfg")));
            Assert.Equal(200, r.StatusCode);
            Assert.Equal("# shared\nconfig.version = 1\ntones.country = us\n", Text(r));
        }

        [Fact]
        public async Task UnknownDeviceIs404OrChallengedPerTable()
        {
            await using TestServer server = await TestServer.StartAsync();
            HttpsRequest request = TestServer.Get(server.Url("ffffffffffff.cfg"));
            Assert.Equal(404, server.Fetcher().Send(request).StatusCode);
            server.EditTable(t => t.UnknownDeviceStatus = 401);
            HttpsResponse r = server.Fetcher().Send(request);
            Assert.Equal(401, r.StatusCode);
            Assert.StartsWith("Digest ", r.WwwAuthenticate);
            Assert.Equal(404, server.Fetcher().Send(TestServer.Get(server.Url("not-a-mac.cfg"))).StatusCode);
            Assert.Equal(404, server.Fetcher().Send(TestServer.Get(server.Url("0000000000A1.cfg"))).StatusCode);
        }

        [Fact]
        public async Task UndefinedTemplateVariableIs500NotAHalfRenderedFile()
        {
            await using TestServer server = await TestServer.StartAsync();
            server.EditTable(t => t.FindByMac(TestServer.OpenMac).Variables.Remove("ext"));
            HttpsResponse r = server.Fetcher().Send(TestServer.Get(server.Url(TestServer.OpenMac + ".cfg")));
            Assert.Equal(500, r.StatusCode);
            Assert.Contains("ext", Text(r));
        }

        [Fact]
        public async Task StatusPostIsRecordedAndReadable()
        {
            await using TestServer server = await TestServer.StartAsync();
            byte[] report = Encoding.UTF8.GetBytes("state = provisioned\nconfig.etag = \"abc\"\n");
            HttpsRequest post = new HttpsRequest
            {
                Method = "POST",
                Url = server.Host.BaseUrl + "/status/" + TestServer.BearerMac,
                ContentType = "text/plain",
                Body = report,
                BodyLength = report.Length,
                Authorization = "Bearer " + TestServer.BearerToken,
            };
            HttpsResponse r = server.Fetcher().Send(post);
            Assert.Equal(HttpsOutcome.Completed, r.Outcome);
            Assert.Equal(204, r.StatusCode);
            Assert.Equal("state = provisioned\nconfig.etag = \"abc\"\n", server.Host.Status.Latest(TestServer.BearerMac));

            HttpsResponse read = server.Fetcher().Send(TestServer.Get(server.Host.BaseUrl + "/status/" + TestServer.BearerMac));
            Assert.Equal(200, read.StatusCode);
            Assert.Equal("state = provisioned\nconfig.etag = \"abc\"\n", Text(read));
            Assert.True(File.Exists(Path.Combine(server.Dir, "status", TestServer.BearerMac + ".txt")));

            post.Authorization = "Bearer wrong";
            Assert.Equal(401, server.Fetcher().Send(post).StatusCode);
            Assert.Equal(404, server.Fetcher().Send(TestServer.Get(server.Host.BaseUrl + "/status/" + TestServer.OpenMac)).StatusCode);
        }

        [Fact]
        public async Task StatusPostWithoutMacIsFiledUnderTheAuthenticatedDevice()
        {
            await using TestServer server = await TestServer.StartAsync();
            byte[] report = Encoding.UTF8.GetBytes("firmware = 1.0\n");
            HttpsRequest post = new HttpsRequest
            {
                Method = "POST",
                Url = server.Host.BaseUrl + "/status",
                ContentType = "text/plain",
                Body = report,
                BodyLength = report.Length,
            };
            HttpsResponse challenge = server.Fetcher().Send(post);
            Assert.Equal(401, challenge.StatusCode);
            post.Authorization = DigestTestClient.Answer(challenge.WwwAuthenticate, "POST", "/status", TestServer.DigestMac,
                TestServer.DigestPassword);
            Assert.Equal(204, server.Fetcher().Send(post).StatusCode);
            Assert.Equal("firmware = 1.0\n", server.Host.Status.Latest(TestServer.DigestMac));
        }
    }
}
