// HTTPS-fetch port over nanoFramework's HttpWebRequest (mbedTLS underneath), verifying the server against the provisioned CA.
namespace Phone.Device.Net
{
    using System;
    using System.IO;
    using System.Net;
    using System.Net.Security;
    using System.Net.Sockets;
    using System.Security.Cryptography.X509Certificates;
    using Phone.Core.Ports;

    /// <summary>
    /// HttpWebRequest rather than HttpClient: nanoFramework's HttpResponseMessage headers cannot be read
    /// (HttpResponseHeaders has no getter), and the core needs ETag, WWW-Authenticate and Location.
    /// TLS 1.2 with SslVerification.VerifyPeer against the CA given by <see cref="SetTrustedCa"/>; the request never
    /// follows redirects (HttpWebRequest.AllowAutoRedirect is always false on nanoFramework), the core does.
    /// Every exception ends here as an <see cref="HttpsOutcome"/>.
    /// </summary>
    public sealed class HttpsFetcher : IHttpsFetcher
    {
        private readonly string _factoryCaPem;
        private X509Certificate _ca;
        private readonly byte[] _body;

        /// <summary>
        /// Creates a fetcher trusting <paramref name="factoryCaPem"/> with a response buffer of its own of
        /// <paramref name="maxBodyBytes"/>, used only by requests that do not lend one (0: such a request's body must be empty).
        /// </summary>
        public HttpsFetcher(string factoryCaPem, int maxBodyBytes)
        {
            _factoryCaPem = factoryCaPem;
            _body = new byte[maxBodyBytes];
            SetTrustedCa(null);
        }

        /// <inheritdoc/>
        public void SetTrustedCa(string pem)
        {
            string text = pem ?? _factoryCaPem;
            try
            {
                _ca = text == null ? null : new X509Certificate(text);
            }
            catch (Exception)
            {
                _ca = null;
            }
        }

        /// <inheritdoc/>
        public HttpsResponse Send(HttpsRequest request)
        {
            HttpsResponse result = new HttpsResponse();
            if (request == null || request.Url == null || !request.Url.StartsWith("https://"))
            {
                result.Outcome = HttpsOutcome.BadUrl;
                result.Detail = "not an https URL";
                return result;
            }
            if (_ca == null)
            {
                result.Outcome = HttpsOutcome.TlsUntrusted;
                result.Detail = "no trusted CA";
                return result;
            }
            HttpWebRequest web = null;
            HttpWebResponse response = null;
            try
            {
                web = (HttpWebRequest)WebRequest.Create(request.Url);
                web.Method = request.Method;
                web.Timeout = request.TimeoutMs;
                web.ReadWriteTimeout = request.TimeoutMs;
                web.KeepAlive = false;
                web.HttpsAuthentCert = _ca;
                web.SslVerification = SslVerification.VerifyPeer;
                web.SslProtocols = SslProtocols.Tls12;
                if (request.Authorization != null) web.Headers.Add("Authorization", request.Authorization);
                if (request.IfNoneMatch != null) web.Headers.Add("If-None-Match", request.IfNoneMatch);
                if (request.Body != null)
                {
                    if (request.ContentType != null) web.ContentType = request.ContentType;
                    web.ContentLength = request.BodyLength;
                    Stream up = web.GetRequestStream();
                    up.Write(request.Body, 0, request.BodyLength);
                    up.Close();
                }
                response = (HttpWebResponse)web.GetResponse();
                result.StatusCode = (int)response.StatusCode;
                result.ContentType = response.Headers["Content-Type"];
                result.ETag = response.Headers["ETag"];
                result.WwwAuthenticate = response.Headers["WWW-Authenticate"];
                result.Location = response.Headers["Location"];
                // The provisioning client lends its configuration buffer (HttpsRequest.ResponseBuffer): one buffer on the heap.
                byte[] body = request.ResponseBuffer != null ? request.ResponseBuffer : _body;
                int limit = request.MaxResponseBytes < body.Length ? request.MaxResponseBytes : body.Length;
                Stream down = response.GetResponseStream();
                int total = 0;
                while (true)
                {
                    if (total == limit)
                    {
                        // One more byte means the body is larger than allowed.
                        if (down.Read(body, 0, 1) > 0)
                        {
                            result.Outcome = HttpsOutcome.TooLarge;
                            result.Detail = "body over " + limit.ToString() + " bytes";
                            return result;
                        }
                        break;
                    }
                    int n = down.Read(body, total, limit - total);
                    if (n <= 0) break;
                    total += n;
                }
                result.Body = body;
                result.BodyLength = total;
                result.Outcome = HttpsOutcome.Completed;
                return result;
            }
            catch (WebException ex)
            {
                result.Outcome = Classify(ex);
                result.Detail = ex.Message;
                return result;
            }
            catch (SocketException ex)
            {
                result.Outcome = HttpsOutcome.NetworkError;
                result.Detail = "socket error " + ex.ErrorCode.ToString();
                return result;
            }
            catch (Exception ex)
            {
                result.Outcome = HttpsOutcome.TlsError;
                result.Detail = ex.Message;
                return result;
            }
            finally
            {
                if (response != null)
                {
                    try { response.Close(); } catch (Exception) { }
                }
                if (web != null)
                {
                    try { web.Dispose(); } catch (Exception) { }
                }
            }
        }

        /// <summary>
        /// Maps a WebException. nanoFramework wraps a failed TLS handshake as a WebException whose inner exception is
        /// not a SocketException (HttpWebRequest.GetResponse catch-all), so an unknown cause is reported as a TLS error;
        /// mbedTLS does not tell the managed side whether the name, the chain or the dates were wrong.
        /// </summary>
        private static HttpsOutcome Classify(WebException ex)
        {
            switch (ex.Status)
            {
                case WebExceptionStatus.Timeout:
                case WebExceptionStatus.RequestCanceled:
                    return HttpsOutcome.Timeout;
                case WebExceptionStatus.TrustFailure:
                    return HttpsOutcome.TlsUntrusted;
                case WebExceptionStatus.SecureChannelFailure:
                    return HttpsOutcome.TlsError;
                case WebExceptionStatus.NameResolutionFailure:
                case WebExceptionStatus.ConnectFailure:
                case WebExceptionStatus.ReceiveFailure:
                case WebExceptionStatus.SendFailure:
                case WebExceptionStatus.ConnectionClosed:
                case WebExceptionStatus.KeepAliveFailure:
                    return HttpsOutcome.NetworkError;
            }
            return ex.InnerException is SocketException ? HttpsOutcome.NetworkError : HttpsOutcome.TlsError;
        }
    }
}
