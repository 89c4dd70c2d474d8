// Command line of the reference provisioning server: dotnet run --project tools/Phone.ProvisioningServer -- --data DIR --port N
namespace Phone.ProvisioningServer
{
    using System;
    using System.IO;
    using System.Threading.Tasks;

    /// <summary>Parses the command line, starts <see cref="ProvisioningServerHost"/> and runs until Ctrl+C.</summary>
    public static class Program
    {
        private const string Usage =
            "usage: Phone.ProvisioningServer [--data DIR] [--port N] [--cert normal|expired|wrong-name|unknown-ca]\n" +
            "                                [--nonce-lifetime SECONDS] [--quiet]\n" +
            "  --data DIR   data directory (default ./prov-data); created with a CA, certificate and samples\n" +
            "  --port N     HTTPS port on 127.0.0.1 (default 8443; 0 = ephemeral, the chosen port is printed)\n";

        /// <summary>Entry point; returns 0 after a clean stop, 2 on bad arguments.</summary>
        public static async Task<int> Main(string[] args)
        {
            ProvisioningServerOptions options = new ProvisioningServerOptions { AccessLogEcho = Console.Out };
            for (int i = 0; i < args.Length; i++)
            {
                string value = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--data" when value != null:
                        options.DataDir = value;
                        i++;
                        break;
                    case "--port" when value != null && int.TryParse(value, out int port) && port >= 0 && port <= 65535:
                        options.Port = port;
                        i++;
                        break;
                    case "--nonce-lifetime" when value != null && int.TryParse(value, out int seconds) && seconds > 0:
                        options.NonceLifetimeSeconds = seconds;
                        i++;
                        break;
                    case "--cert" when value != null && TryCertMode(value, out ServerCertificateMode mode):
                        options.CertificateMode = mode;
                        i++;
                        break;
                    case "--quiet":
                        options.AccessLogEcho = null;
                        break;
                    default:
                        Console.Error.Write(Usage);
                        return 2;
                }
            }

            await using (ProvisioningServerHost host = await ProvisioningServerHost.StartAsync(options))
            {
                Console.WriteLine("provisioning server on " + host.BaseUrl + "/prov/<mac>.cfg");
                Console.WriteLine("port " + host.Port);
                Console.WriteLine("CA for devices: " + Path.Combine(host.DataDir, CertificateStore.CaFileName));
                Console.WriteLine("data: " + host.DataDir + "   (Ctrl+C stops)");
                await host.WaitForShutdownAsync();
            }

            return 0;
        }

        private static bool TryCertMode(string name, out ServerCertificateMode mode)
        {
            string[] names = { "normal", "expired", "wrong-name", "unknown-ca" };
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == name)
                {
                    mode = (ServerCertificateMode)i;
                    return true;
                }
            }

            mode = ServerCertificateMode.Normal;
            return false;
        }
    }
}
