// Opens TCP or TLS connections for the SIP stream transport (RFC 3261 §18.3, §26.2.1 TLS).
namespace Phone.Core.Ports
{
    using Phone.Core.Net;

    /// <summary>Creates outgoing stream connections. The TLS adapter validates the server against a provisioned CA.</summary>
    public interface IStreamConnector
    {
        /// <summary>
        /// Connects to <paramref name="remote"/>; with <paramref name="tls"/> the server certificate must chain to
        /// the trusted CA and match <paramref name="serverName"/>. Returns null when the connection or the
        /// handshake failed (never an unauthenticated TLS connection).
        /// </summary>
        IStreamConnection Connect(NetEndPoint remote, bool tls, string serverName);
    }
}
