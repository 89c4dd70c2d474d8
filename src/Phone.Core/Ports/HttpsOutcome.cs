// What happened to an HTTPS request, before any HTTP status is considered.
namespace Phone.Core.Ports
{
    /// <summary>Transport-level result of an HTTPS request; HTTP status codes are in <see cref="HttpsResponse.StatusCode"/>.</summary>
    public enum HttpsOutcome : byte
    {
        /// <summary>An HTTP response was received (any status code).</summary>
        Completed = 0,
        /// <summary>Name resolution, connection or read failed.</summary>
        NetworkError = 1,
        /// <summary>No complete response within the request's timeout.</summary>
        Timeout = 2,
        /// <summary>The server certificate does not name the requested host.</summary>
        TlsNameMismatch = 3,
        /// <summary>The server certificate does not chain to the trusted CA.</summary>
        TlsUntrusted = 4,
        /// <summary>The server certificate is expired or not yet valid.</summary>
        TlsExpired = 5,
        /// <summary>The response body exceeded <see cref="HttpsRequest.MaxResponseBytes"/>.</summary>
        TooLarge = 6,
        /// <summary>The URL is not an https URL this port can fetch.</summary>
        BadUrl = 7,
        /// <summary>Any other TLS failure (handshake, protocol version).</summary>
        TlsError = 8,
    }
}
