// A provisioning server in a temporary data directory with a fixed set of test devices; disposing stops it and deletes the directory.
namespace Phone.Provisioning.IntegrationTests
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using System.Threading.Tasks;
    using Phone.Core.Ports;
    using Phone.Host.Net;
    using Phone.ProvisioningServer;

    /// <summary>Starts <see cref="ProvisioningServerHost"/> on an ephemeral 127.0.0.1 port; use with <c>await using</c>.</summary>
    internal sealed class TestServer : IAsyncDisposable
    {
        public const string OpenMac = "0000000000a1";
        public const string DigestMac = "0000000000d1";
        public const string DigestPassword = "pw-d1-Secret";
        public const string DigestMac2 = "0000000000d2";
        public const string DigestPassword2 = "pw-d2-Secret";
        public const string BearerMac = "0000000000b1";
        public const string BearerToken = "tok-b1-Secret";
        public const string SignedMac = "0000000000c1";
        public const string SigningKeyHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        public const string SipPassword = "sip-Secret-42";

        public const string Template =
            "# test template for %%mac%%\n" +
            "config.version = 1\n" +
            "account.1.user = %%ext%%\n" +
            "account.1.password = %%sip_password%%\n" +
            "account.1.registrar = pbx.example.com\n";

        private TestServer(ProvisioningServerHost host, string dir, bool ownsDir)
        {
            Host = host;
            Dir = dir;
            OwnsDir = ownsDir;
        }

        public ProvisioningServerHost Host { get; }

        public string Dir { get; }

        private bool OwnsDir { get; }

        public string Url(string file) => Host.FileUrl(file);

        /// <summary>A fetcher that trusts this server's CA.</summary>
        public HostHttpsFetcher Fetcher() => new HostHttpsFetcher(Host.CaPem);

        public static string NewDataDir()
        {
            string dir = Path.Combine(Path.GetTempPath(), "provtest-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path.Combine(dir, "templates"));
            File.WriteAllText(Path.Combine(dir, "templates", "default.cfg.tpl"), Template);
            File.WriteAllText(Path.Combine(dir, "common.cfg"), "# shared\nconfig.version = 1\ntones.country = us\n");
            DeviceTable table = new DeviceTable();
            table.Devices.Add(Device(OpenMac, null, null, null));
            table.Devices.Add(Device(DigestMac, DigestPassword, null, null));
            table.Devices.Add(Device(DigestMac2, DigestPassword2, null, null));
            table.Devices.Add(Device(BearerMac, null, BearerToken, null));
            table.Devices.Add(Device(SignedMac, null, null, SigningKeyHex));
            table.Save(dir);
            return dir;
        }

        public static DeviceRecord Device(string mac, string password, string token, string key)
        {
            return new DeviceRecord
            {
                Mac = mac,
                Password = password,
                Token = token,
                SigningKey = key,
                Variables = new Dictionary<string, string> { ["ext"] = "2" + mac.Substring(10), ["sip_password"] = SipPassword },
            };
        }

        public static Task<TestServer> StartAsync(Action<ProvisioningServerOptions> configure = null) =>
            StartAsync(NewDataDir(), true, configure);

        public static async Task<TestServer> StartAsync(string dir, bool ownsDir, Action<ProvisioningServerOptions> configure = null)
        {
            ProvisioningServerOptions options = new ProvisioningServerOptions { DataDir = dir, Port = 0, WriteSamples = false };
            configure?.Invoke(options);
            ProvisioningServerHost host = await ProvisioningServerHost.StartAsync(options);
            return new TestServer(host, dir, ownsDir);
        }

        public void EditTable(Action<DeviceTable> edit)
        {
            DeviceTable table = DeviceTable.Load(Dir);
            edit(table);
            table.Save(Dir);
        }

        public static HttpsRequest Get(string url, int timeoutMs = 10000)
        {
            return new HttpsRequest { Method = "GET", Url = url, TimeoutMs = timeoutMs };
        }

        public async ValueTask DisposeAsync()
        {
            await Host.StopAsync();
            if (OwnsDir)
            {
                try
                {
                    Directory.Delete(Dir, true);
                }
                catch (IOException)
                {
                    // A leftover temp directory is harmless.
                }
            }
        }
    }
}
