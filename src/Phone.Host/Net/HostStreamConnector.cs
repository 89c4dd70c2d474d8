// Host TCP/TLS connector behind the core's stream port; TLS servers are validated against provisioned CAs only.
namespace Phone.Host.Net
{
    using System;
    using System.Net;
    using System.Net.Security;
    using System.Net.Sockets;
    using System.Security.Authentication;
    using System.Security.Cryptography.X509Certificates;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>
    /// Opens TCP connections and, for TLS, authenticates the server: the chain must end at one of the trusted CA
    /// certificates given here (custom root trust; the system store is not consulted) and the certificate must
    /// match the server name (RFC 5922 / RFC 6125). There is no accept-any mode. Failures return null.
    /// </summary>
    public sealed class HostStreamConnector : IStreamConnector
    {
        private readonly X509Certificate2Collection _trusted;
        private string _validationError;

        /// <summary>Creates a connector trusting exactly <paramref name="trustedCas"/> (may be empty: TLS then always fails).</summary>
        public HostStreamConnector(X509Certificate2Collection trustedCas)
        {
            _trusted = trustedCas ?? new X509Certificate2Collection();
        }

        /// <summary>Connect timeout, ms.</summary>
        public int ConnectTimeoutMs { get; set; } = 5000;

        /// <summary>Why the last connection failed (no secrets), or null.</summary>
        public string LastError { get; private set; }

        /// <inheritdoc/>
        public IStreamConnection Connect(NetEndPoint remote, bool tls, string serverName)
        {
            _validationError = null;
            LastError = null;
            var client = new TcpClient(AddressFamily.InterNetwork) { NoDelay = true };
            try
            {
                var ip = new IPAddress(new[] { (byte)(remote.Address >> 24), (byte)(remote.Address >> 16), (byte)(remote.Address >> 8), (byte)remote.Address });
                if (!client.ConnectAsync(ip, remote.Port).Wait(ConnectTimeoutMs))
                {
                    LastError = "connect timeout";
                    client.Dispose();
                    return null;
                }
                NetworkStream net = client.GetStream();
                if (!tls) return new HostStreamConnection(client, net, remote);

                var ssl = new SslStream(net, false, (sender, cert, chain, errors) => Validate(cert, chain, errors));
                ssl.ReadTimeout = ConnectTimeoutMs;
                ssl.AuthenticateAsClient(new SslClientAuthenticationOptions
                {
                    TargetHost = serverName,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                });
                ssl.ReadTimeout = System.Threading.Timeout.Infinite;
                return new HostStreamConnection(client, ssl, remote);
            }
            catch (Exception e)
            {
                // The validator's reason is more useful than the handshake exception it caused.
                LastError = _validationError ?? e.GetType().Name + ": " + e.Message;
                client.Dispose();
                return null;
            }
        }

        private bool Validate(X509Certificate certificate, X509Chain presented, SslPolicyErrors errors)
        {
            if (certificate == null || _trusted.Count == 0)
            {
                _validationError = "no certificate or no trusted CA";
                return false;
            }
            // The platform's chain verdict used the system store and is ignored; its name verdict is kept.
            if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
            {
                _validationError = "server name mismatch";
                return false;
            }
            X509Certificate2 leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_trusted);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            if (presented != null)
            {
                foreach (X509ChainElement element in presented.ChainElements)
                {
                    if (!element.Certificate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span)) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }
            bool ok = chain.Build(leaf);
            if (!ok) _validationError = "certificate does not chain to the trusted CA";
            return ok;
        }
    }
}
