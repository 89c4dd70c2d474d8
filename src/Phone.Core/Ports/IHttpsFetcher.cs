// HTTPS-fetch port: provisioning and status reports use it. ESP32: System.Net.Http over SslStream; host: HttpClient.
namespace Phone.Core.Ports
{
    /// <summary>
    /// Sends HTTPS requests, validating the server certificate against the trusted CA (never "accept any").
    /// Never throws: every failure is an <see cref="HttpsOutcome"/>.
    /// </summary>
    public interface IHttpsFetcher
    {
        /// <summary>Replaces the trusted CA certificate(s), PEM text; null restores the factory CA.</summary>
        void SetTrustedCa(string pem);

        /// <summary>Sends one request and waits for the whole response (or the timeout).</summary>
        HttpsResponse Send(HttpsRequest request);
    }
}
