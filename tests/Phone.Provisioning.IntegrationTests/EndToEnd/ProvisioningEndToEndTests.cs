// End to end: the core provisioning client on the host fetcher against the real reference server over HTTPS.
namespace Phone.Provisioning.IntegrationTests.EndToEnd
{
    using System.Collections.Generic;
    using System.IO;
    using System.Linq;
    using System.Threading.Tasks;
    using Phone.Core.Provisioning;
    using Phone.ProvisioningServer;

    public sealed class ProvisioningEndToEndTests
    {
        private const string Mac = "0000000000e1";
        private const string ProvPassword = "prov-E1-Secret";
        private const string KeyA = "a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0";
        private const string KeyB = "0f0e0d0c0b0a09080706050403020100ffeeddccbbaa99887766554433221100";
        private const string File = Mac + ".cfg";
        private const string TokenMac = "0000000000e2";
        private const string Token = "tok-E2-Secret-0123456789";

        private const string Template =
            "# device %%mac%%\n" +
            "config.version = 1\n" +
            "account.1.user = %%ext%%\n" +
            "account.1.password = %%sip_password%%\n" +
            "account.1.registrar = pbx.example.com\n" +
            "prov.status_url = %%status_url%%\n" +
            "prov.retry_min_s = 10\n" +
            "prov.retry_max_s = 60\n";

        private const string SignedTemplate = Template +
            "security.signing_secret = %%signing_key%%\n" +
            "security.signing_required = true\n";

        private const string Common =
            "# office\n" +
            "config.version = 1\n" +
            "tones.country = de\n" +
            "prov.resync_s = 3600\n" +
            "prov.resync_jitter_s = 60\n";

        private static async Task<TestServer> StartServer(bool signed)
        {
            string dir = TestServer.NewDataDir();
            System.IO.File.WriteAllText(Path.Combine(dir, "templates", "e2e.cfg.tpl"), signed ? SignedTemplate : Template);
            System.IO.File.WriteAllText(Path.Combine(dir, "common.cfg"), Common);
            TestServer server = await TestServer.StartAsync(dir, true);
            server.EditTable(t => t.Devices.Add(new DeviceRecord
            {
                Mac = Mac,
                Password = ProvPassword,
                SigningKey = signed ? KeyA : null,
                Template = "e2e.cfg.tpl",
                Variables = new Dictionary<string, string>
                {
                    ["ext"] = "201",
                    ["sip_password"] = TestServer.SipPassword,
                    ["status_url"] = server.Host.BaseUrl + "/status",
                    ["signing_key"] = KeyA,
                },
            }));
            server.EditTable(t => t.Devices.Add(new DeviceRecord
            {
                Mac = TokenMac,
                Token = Token,
                Template = "e2e.cfg.tpl",
                Variables = new Dictionary<string, string>
                {
                    ["ext"] = "220",
                    ["sip_password"] = TestServer.SipPassword,
                    ["status_url"] = server.Host.BaseUrl + "/status",
                    ["signing_key"] = KeyA,
                },
            }));
            return server;
        }

        private static DeviceUnderTest Provisioned(TestServer server)
        {
            DeviceUnderTest device = new DeviceUnderTest(server.Host.CaPem, Mac);
            Assert.True(device.Client.EnterSetup(server.Host.BaseUrl + "/prov/", Mac, ProvPassword, null, out string error), error);
            device.Run();
            Assert.True(device.Client.State == ProvisioningState.Idle, device.Log.All);
            return device;
        }

        private static void SetExt(TestServer server, string ext) =>
            server.EditTable(t => t.FindByMac(Mac).Variables["ext"] = ext);

        private static string[] LogFor(TestServer server, string file) =>
            server.Host.AccessLog.Snapshot().Where(l => l.Contains(" /prov/" + file + " ")).ToArray();

        [Fact]
        public async Task FirstProvisioningAuthenticatesMergesStoresAndReports()
        {
            await using TestServer server = await StartServer(false);
            using DeviceUnderTest device = new DeviceUnderTest(server.Host.CaPem, Mac);
            Assert.False(device.Client.HasStoredConfiguration);
            Assert.True(device.Client.EnterSetup(server.Host.BaseUrl + "/prov/", Mac, ProvPassword, null, out string error), error);

            long next = device.Run();

            Assert.True(device.Client.State == ProvisioningState.Idle, device.Log.All);
            Assert.True(device.Client.HasStoredConfiguration);
            Assert.Equal("201", device.Client.Current.GetString("account.1.user"));
            Assert.Equal("de", device.Client.Current.GetString("tones.country"));
            Assert.Single(device.Applied);
            Assert.True((device.Applied[0] & ConfigChanges.Account) != 0);
            // Periodic resync after prov.resync_s (3600 s) plus at most prov.resync_jitter_s (60 s).
            Assert.InRange(next - device.Now, 3600_000, 3660_000);

            // Each file: a 401 challenge, then 200 with Digest SHA-256.
            Assert.Contains(LogFor(server, "common.cfg"), l => l.Contains("status=401"));
            Assert.Contains(LogFor(server, "common.cfg"), l => l.Contains("auth=digest-SHA-256 status=200"));
            Assert.Contains(LogFor(server, File), l => l.Contains("auth=digest-SHA-256 status=200"));
            string report = server.Host.Status.Latest(Mac);
            Assert.NotNull(report);
            Assert.Contains("mac = " + Mac, report);
            Assert.Equal(1, device.Client.Stats.StatusReportsSent);

            // Survives a reboot from flash, and no secret reached the device log.
            device.Reboot();
            Assert.True(device.Client.HasStoredConfiguration);
            Assert.Equal("201", device.Client.Current.GetString("account.1.user"));
            Assert.DoesNotContain(ProvPassword, device.Log.All);
            Assert.DoesNotContain(TestServer.SipPassword, device.Log.All);
        }

        [Fact]
        public async Task BearerTokenDeviceIsProvisionedWithoutChallengesAndReports()
        {
            await using TestServer server = await StartServer(false);
            using DeviceUnderTest device = new DeviceUnderTest(server.Host.CaPem, TokenMac);
            Assert.True(device.Client.EnterSetup(server.Host.BaseUrl + "/prov/", null, null, Token, out string error), error);
            device.Run();

            Assert.True(device.Client.State == ProvisioningState.Idle, device.Log.All);
            Assert.Equal("220", device.Client.Current.GetString("account.1.user"));
            string[] lines = server.Host.AccessLog.Snapshot();
            Assert.DoesNotContain(lines, l => l.Contains("status=401"));
            Assert.Contains(lines, l => l.Contains("/prov/common.cfg") && l.Contains("auth=bearer status=200"));
            Assert.Contains(lines, l => l.Contains("/prov/" + TokenMac + ".cfg") && l.Contains("auth=bearer status=200"));
            Assert.Contains(lines, l => l.Contains("POST /status") && l.Contains("mac=" + TokenMac) && l.Contains("status=204"));
            Assert.Contains("mac = " + TokenMac, server.Host.Status.Latest(TokenMac));
            Assert.DoesNotContain(Token, device.Log.All);
            Assert.DoesNotContain(Token, System.IO.File.ReadAllText(Path.Combine(server.Dir, "access.log")));
        }

        [Fact]
        public async Task UnchangedPeriodicResyncCostsTwo304sAndAppliesNothing()
        {
            await using TestServer server = await StartServer(false);
            using DeviceUnderTest device = Provisioned(server);
            long waited = device.RunUntilNextAttempt();
            Assert.InRange(waited, 3600_000, 3660_000);

            Assert.Equal(ProvisioningState.Idle, device.Client.State);
            Assert.Equal(2, device.Client.Stats.NotModified);
            Assert.Single(device.Applied);
            Assert.Contains(LogFor(server, "common.cfg"), l => l.Contains("status=304 etag-hit=yes"));
            Assert.Contains(LogFor(server, File), l => l.Contains("status=304 etag-hit=yes"));
        }

        [Fact]
        public async Task ChangedFileIsAppliedAtTheNextResyncWithoutReboot()
        {
            await using TestServer server = await StartServer(false);
            using DeviceUnderTest device = Provisioned(server);
            ProvisioningClient sameClient = device.Client;
            SetExt(server, "777");

            device.RunUntilNextAttempt();

            Assert.Same(sameClient, device.Client);
            Assert.Equal("777", device.Client.Current.GetString("account.1.user"));
            Assert.Equal(2, device.Applied.Count);
            Assert.Equal(ConfigChanges.Account, device.Applied[1] & ConfigChanges.Account);
            Assert.Contains(LogFor(server, "common.cfg"), l => l.Contains("status=304"));
            Assert.Equal(2, LogFor(server, File).Count(l => l.Contains("status=200")));
        }

        [Fact]
        public async Task CheckSyncFetchesAtOnceInsteadOfWaitingAnHour()
        {
            await using TestServer server = await StartServer(false);
            using DeviceUnderTest device = Provisioned(server);
            SetExt(server, "305");
            device.Now += 5000;

            // What a SIP NOTIFY Event: check-sync does.
            device.Client.RequestResync("check-sync");
            device.Run();

            Assert.Equal("305", device.Client.Current.GetString("account.1.user"));
            Assert.Equal(2, device.Client.Stats.Successes);
        }

        [Fact]
        public async Task BadSignatureIsRejectedAndLastKnownGoodKept()
        {
            await using TestServer server = await StartServer(true);
            using DeviceUnderTest device = Provisioned(server);
            Assert.True(device.Client.Current.GetBool("security.signing_required"));
            Assert.Equal("201", device.Client.Current.GetString("account.1.user"));

            // A correctly signed change is accepted...
            SetExt(server, "202");
            device.Client.RequestResync("check-sync");
            device.Run();
            Assert.Equal("202", device.Client.Current.GetString("account.1.user"));

            // ...one signed with another key is not, and the running configuration stays.
            server.EditTable(t =>
            {
                t.FindByMac(Mac).SigningKey = KeyB;
                t.FindByMac(Mac).Variables["ext"] = "666";
            });
            device.Client.RequestResync("check-sync");
            device.Run();

            Assert.Equal(ProvisioningState.Backoff, device.Client.State);
            Assert.Contains("bad signature", device.Client.Stats.LastError);
            Assert.Equal("202", device.Client.Current.GetString("account.1.user"));
            Assert.Contains("bad signature", server.Host.Status.Latest(Mac));
            device.Reboot();
            Assert.Equal("202", device.Client.Current.GetString("account.1.user"));
        }

        [Fact]
        public async Task ServerFailingHalfTheTimeStillConverges()
        {
            await using TestServer server = await StartServer(false);
            using DeviceUnderTest device = Provisioned(server);
            server.Host.Faults.Set(File, FaultKind.FailHalf);
            SetExt(server, "410");

            device.Client.RequestResync("check-sync");
            long retry = device.Run();
            Assert.Equal(ProvisioningState.Backoff, device.Client.State);
            Assert.Contains("500", device.Client.Stats.LastError);
            Assert.Equal("201", device.Client.Current.GetString("account.1.user"));
            // Jittered backoff: prov.retry_min_s = 10 s, first retry in [5 s, 10 s].
            Assert.InRange(retry - device.Now, 5000, 10000);

            device.RunAtDeadline(retry);
            Assert.Equal(ProvisioningState.Idle, device.Client.State);
            Assert.Equal("410", device.Client.Current.GetString("account.1.user"));

            SetExt(server, "411");
            device.Client.RequestResync("check-sync");
            device.RunAtDeadline(device.Run());
            Assert.Equal("411", device.Client.Current.GetString("account.1.user"));
            Assert.Equal(2, device.Client.Stats.Failures);
            Assert.Equal(3, device.Client.Stats.Applied);
        }

        [Theory]
        [InlineData(FaultKind.ServerError, "500")]
        [InlineData(FaultKind.NotFound, "404")]
        [InlineData(FaultKind.RedirectLoop, "redirect loop")]
        [InlineData(FaultKind.Html, "captive portal")]
        [InlineData(FaultKind.Oversized, "too large")]
        [InlineData(FaultKind.Truncated, "network error")]
        public async Task EveryServerFaultKeepsLastKnownGood(FaultKind fault, string reason)
        {
            await using TestServer server = await StartServer(false);
            using DeviceUnderTest device = Provisioned(server);
            server.Host.Faults.Set(File, fault);
            SetExt(server, "999");

            device.Client.RequestResync("check-sync");
            device.Run();

            Assert.Equal(ProvisioningState.Backoff, device.Client.State);
            Assert.Contains(reason, device.Client.Stats.LastError);
            Assert.Equal("201", device.Client.Current.GetString("account.1.user"));
            Assert.Single(device.Applied);

            server.Host.Faults.Clear();
            device.Client.RequestResync("check-sync");
            device.Run();
            Assert.Equal("999", device.Client.Current.GetString("account.1.user"));
        }

        [Fact]
        public async Task UntrustedServerNeverConfiguresTheDevice()
        {
            await using TestServer server = await StartServer(false);
            await using TestServer impostor = await TestServer.StartAsync();
            using DeviceUnderTest device = new DeviceUnderTest(impostor.Host.CaPem, Mac);
            Assert.True(device.Client.EnterSetup(server.Host.BaseUrl + "/prov/", Mac, ProvPassword, null, out string error), error);
            device.Run();

            Assert.Equal(ProvisioningState.Backoff, device.Client.State);
            Assert.Contains("not trusted", device.Client.Stats.LastError);
            Assert.False(device.Client.HasStoredConfiguration);
            Assert.Empty(server.Host.AccessLog.Snapshot());
        }
    }
}
