// The provisioning server as an object: start on Kestrel (HTTPS, 127.0.0.1 only), inspect, stop. Used by Program and tests.
namespace Phone.ProvisioningServer
{
    using System;
    using System.IO;
    using System.Net;
    using System.Security.Cryptography.X509Certificates;
    using System.Threading;
    using System.Threading.Tasks;
    using Microsoft.AspNetCore.Builder;
    using Microsoft.AspNetCore.Hosting;
    using Microsoft.AspNetCore.Hosting.Server;
    using Microsoft.AspNetCore.Hosting.Server.Features;
    using Microsoft.AspNetCore.Http;
    using Microsoft.Extensions.DependencyInjection;
    using Microsoft.Extensions.Hosting;
    using Microsoft.Extensions.Logging;

    /// <summary>A running provisioning server. Start with <see cref="StartAsync"/>; dispose (or <see cref="StopAsync"/>) to stop.</summary>
    public sealed class ProvisioningServerHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly X509Certificate2 _serverCertificate;
        private int _stopped;

        private ProvisioningServerHost(WebApplication app, X509Certificate2 serverCertificate, string dataDir, int port,
            string caPem, FaultTable faults, StatusStore status, AccessLog log)
        {
            _app = app;
            _serverCertificate = serverCertificate;
            DataDir = dataDir;
            Port = port;
            CaPem = caPem;
            Faults = faults;
            Status = status;
            AccessLog = log;
        }

        /// <summary>The bound TCP port on 127.0.0.1.</summary>
        public int Port { get; }

        /// <summary>"https://127.0.0.1:&lt;port&gt;" (no trailing slash).</summary>
        public string BaseUrl => "https://127.0.0.1:" + Port;

        /// <summary>The CA certificate (PEM) devices must trust; also in &lt;data&gt;/ca.pem.</summary>
        public string CaPem { get; }

        /// <summary>Full path of the data directory.</summary>
        public string DataDir { get; }

        /// <summary>Injected faults (same table as the /admin/faults endpoint).</summary>
        public FaultTable Faults { get; }

        /// <summary>Status reports received.</summary>
        public StatusStore Status { get; }

        /// <summary>Who fetched what.</summary>
        public AccessLog AccessLog { get; }

        /// <summary>URL of a file under /prov/, e.g. FileUrl("001122aabbcc.cfg").</summary>
        public string FileUrl(string file) => BaseUrl + "/prov/" + file;

        /// <summary>
        /// Creates the data directory, CA and server certificate if needed and starts listening on 127.0.0.1.
        /// </summary>
        public static async Task<ProvisioningServerHost> StartAsync(ProvisioningServerOptions options, CancellationToken cancel = default)
        {
            string dataDir = Path.GetFullPath(options.DataDir);
            Directory.CreateDirectory(dataDir);
            if (options.WriteSamples) SampleData.WriteIfMissing(dataDir);
            X509Certificate2 serverCertificate = CertificateStore.Load(dataDir, options.CertificateMode, out X509Certificate2 ca);
            string caPem = ca.ExportCertificatePem();
            ca.Dispose();

            FaultTable faults = new FaultTable();
            StatusStore status = new StatusStore(Path.Combine(dataDir, "status"));
            AccessLog log = new AccessLog(Path.Combine(dataDir, "access.log"), options.AccessLogEcho);
            ProvisioningEndpoints endpoints = new ProvisioningEndpoints(dataDir, options, faults, status, log);

            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                Args = Array.Empty<string>(),
                ContentRootPath = dataDir,
                EnvironmentName = Environments.Production,
            });
            builder.Logging.ClearProviders();
            builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(serverCertificate));
            });

            WebApplication app = builder.Build();
            app.MapGet("/prov/{file}", endpoints.ServeFile);
            app.MapPost("/status/{mac}", endpoints.PostStatus);
            app.MapPost("/status", endpoints.PostStatus);
            app.MapGet("/status/{mac}", endpoints.GetStatus);
            app.MapMethods("/admin/faults/{file}", new[] { HttpMethods.Put, HttpMethods.Delete }, endpoints.SetFault);
            app.MapDelete("/admin/faults", endpoints.ClearFaults);
            app.MapGet("/admin/log", endpoints.GetLog);

            await app.StartAsync(cancel);
            int port = options.Port;
            IServerAddressesFeature addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
            foreach (string address in addresses.Addresses)
            {
                port = new Uri(address).Port;
                break;
            }

            return new ProvisioningServerHost(app, serverCertificate, dataDir, port, caPem, faults, status, log);
        }

        /// <summary>Stops listening and waits for requests in flight (hung ones are cancelled).</summary>
        public async Task StopAsync()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
            using (CancellationTokenSource grace = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
            {
                await _app.StopAsync(grace.Token);
            }

            await _app.DisposeAsync();
            _serverCertificate.Dispose();
        }

        /// <summary>Completes when the process is asked to stop (Ctrl+C, SIGTERM).</summary>
        public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

        /// <inheritdoc/>
        public async ValueTask DisposeAsync() => await StopAsync();
    }
}
