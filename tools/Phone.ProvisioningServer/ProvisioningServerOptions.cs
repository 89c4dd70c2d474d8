// Start-up options of the reference provisioning server.
namespace Phone.ProvisioningServer
{
    using System.IO;

    /// <summary>Options for <see cref="ProvisioningServerHost.StartAsync"/>; the command line maps onto these.</summary>
    public sealed class ProvisioningServerOptions
    {
        /// <summary>Data directory (certificates, devices.json, templates, logs, status reports). Created if missing.</summary>
        public string DataDir = "prov-data";

        /// <summary>TCP port on 127.0.0.1; 0 picks an ephemeral port (see <see cref="ProvisioningServerHost.Port"/>).</summary>
        public int Port = 8443;

        /// <summary>Which certificate to present (tests use the non-normal ones).</summary>
        public ServerCertificateMode CertificateMode = ServerCertificateMode.Normal;

        /// <summary>Lifetime of a Digest nonce in seconds; an older one gets a stale=true challenge (RFC 7616 §3.3).</summary>
        public int NonceLifetimeSeconds = 300;

        /// <summary>How long the "hang" fault holds a request before giving up, in milliseconds.</summary>
        public int HangMs = 30000;

        /// <summary>Copy of the access log (one line per request, no secrets); null: file only.</summary>
        public TextWriter AccessLogEcho;

        /// <summary>Write sample devices.json and templates when the data directory has none.</summary>
        public bool WriteSamples = true;
    }
}
