// Host HTTPS-fetch port: HttpClient over SocketsHttpHandler, server certificate checked against our own CA set (RFC 5280 §6).
namespace Phone.Host.Net
{
    using System;
    using System.IO;
    using System.Net.Http;
    using System.Net.Security;
    using System.Security.Authentication;
    using System.Security.Cryptography;
    using System.Security.Cryptography.X509Certificates;
    using System.Threading;
    using Phone.Core.Ports;

    /// <summary>
    /// <see cref="IHttpsFetcher"/> for desktop .NET. The server certificate must chain to the trusted CA set
    /// (custom root trust: the operating system's store is never consulted) and name the requested host.
    /// Redirects are not followed and challenges are not answered: the caller sees them. Never throws from
    /// <see cref="Send"/>, and never logs header values or bodies.
    /// </summary>
    public sealed class HostHttpsFetcher : IHttpsFetcher
    {
        private readonly string _factoryCaPem;
        private readonly ILog _log;
        private readonly object _gate = new object();
        private X509Certificate2Collection _trusted;

        /// <summary>
        /// Creates a fetcher trusting <paramref name="factoryCaPem"/> (one or more PEM certificates);
        /// null trusts nothing until <see cref="SetTrustedCa"/> is called.
        /// </summary>
        /// <param name="factoryCaPem">Factory CA certificate(s) in PEM, or null.</param>
        /// <param name="log">Optional log for one line per request (method, host, path, outcome; no secrets).</param>
        /// <exception cref="CryptographicException">The factory PEM is malformed (a build-time error).</exception>
        public HostHttpsFetcher(string factoryCaPem, ILog log = null)
        {
            _factoryCaPem = factoryCaPem;
            _log = log;
            _trusted = ParsePem(factoryCaPem);
        }

        /// <summary>Number of CA certificates currently trusted.</summary>
        public int TrustedCount
        {
            get { lock (_gate) return _trusted.Count; }
        }

        /// <summary>
        /// Replaces the trusted CA certificate(s); null restores the factory CA. Never throws: PEM text without a
        /// readable certificate leaves the current set in force (logged), so a bad value cannot lock the device
        /// out of its provisioning server, and never widens trust either.
        /// </summary>
        public void SetTrustedCa(string pem)
        {
            X509Certificate2Collection next;
            try
            {
                next = ParsePem(pem ?? _factoryCaPem);
            }
            catch (CryptographicException)
            {
                next = null;
            }

            if (pem != null && (next == null || next.Count == 0))
            {
                _log?.Write(LogLevel.Error, "https", "trusted CA not changed: no readable certificate in the PEM text");
                return;
            }

            lock (_gate) _trusted = next ?? new X509Certificate2Collection();
        }

        /// <inheritdoc/>
        public HttpsResponse Send(HttpsRequest request)
        {
            HttpsResponse response = new HttpsResponse();
            if (request == null || !Uri.TryCreate(request.Url, UriKind.Absolute, out Uri uri)
                || uri.Scheme != Uri.UriSchemeHttps || (request.Method != "GET" && request.Method != "POST"))
            {
                response.Outcome = HttpsOutcome.BadUrl;
                response.Detail = "not an https GET/POST";
                return response;
            }

            X509Certificate2Collection trusted;
            lock (_gate) trusted = _trusted;
            TlsVerdict verdict = new TlsVerdict();

            // One handler per request: the validation callback then reports into this request's verdict, and a
            // connection validated under an earlier CA set is never reused after SetTrustedCa.
            using (SocketsHttpHandler handler = new SocketsHttpHandler())
            using (HttpClient client = new HttpClient(handler, disposeHandler: false))
            using (CancellationTokenSource timeout = new CancellationTokenSource(request.TimeoutMs > 0 ? request.TimeoutMs : 1))
            {
                handler.AllowAutoRedirect = false;
                handler.UseCookies = false;
                handler.UseProxy = false;
                handler.AutomaticDecompression = System.Net.DecompressionMethods.None;
                handler.PooledConnectionLifetime = TimeSpan.Zero;
                handler.SslOptions.RemoteCertificateValidationCallback =
                    (sender, certificate, chain, errors) => Validate(trusted, certificate, chain, errors, verdict);
                client.Timeout = Timeout.InfiniteTimeSpan;

                try
                {
                    using (HttpRequestMessage message = BuildMessage(request, uri))
                    using (HttpResponseMessage reply = client.Send(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token))
                    {
                        response.StatusCode = (int)reply.StatusCode;
                        response.ETag = First(reply.Headers.NonValidated, "ETag");
                        response.WwwAuthenticate = First(reply.Headers.NonValidated, "WWW-Authenticate");
                        response.Location = First(reply.Headers.NonValidated, "Location");
                        response.ContentType = First(reply.Content.Headers.NonValidated, "Content-Type");
                        response.Outcome = ReadBody(reply, request.MaxResponseBytes, timeout.Token, response);
                    }
                }
                catch (Exception e)
                {
                    response.Outcome = Classify(e, timeout.IsCancellationRequested, verdict, out string detail);
                    response.Detail = detail;
                    response.StatusCode = 0;
                }
            }

            if (response.Outcome != HttpsOutcome.Completed)
            {
                response.Body = null;
                response.BodyLength = 0;
            }

            _log?.Write(LogLevel.Debug, "https", request.Method + " " + uri.Host + ":" + uri.Port + uri.AbsolutePath + " -> "
                + (response.Outcome == HttpsOutcome.Completed ? response.StatusCode.ToString() : response.Outcome.ToString()));
            return response;
        }

        private static HttpRequestMessage BuildMessage(HttpsRequest request, Uri uri)
        {
            HttpRequestMessage message = new HttpRequestMessage(request.Method == "POST" ? HttpMethod.Post : HttpMethod.Get, uri);
            if (request.Authorization != null) message.Headers.TryAddWithoutValidation("Authorization", request.Authorization);
            if (request.IfNoneMatch != null) message.Headers.TryAddWithoutValidation("If-None-Match", request.IfNoneMatch);
            if (request.Method == "POST")
            {
                byte[] body = request.Body ?? Array.Empty<byte>();
                int length = request.Body == null ? 0 : Math.Min(request.BodyLength, body.Length);
                message.Content = new ByteArrayContent(body, 0, length);
                if (request.ContentType != null) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }

            return message;
        }

        // Reads at most maxBytes; one byte more means the body is too large and reading stops there.
        private static HttpsOutcome ReadBody(HttpResponseMessage reply, int maxBytes, CancellationToken token, HttpsResponse response)
        {
            if (maxBytes < 0) maxBytes = 0;
            long? declared = reply.Content.Headers.ContentLength;
            if (declared.HasValue && declared.Value > maxBytes)
            {
                response.Detail = "Content-Length " + declared.Value + " > " + maxBytes;
                return HttpsOutcome.TooLarge;
            }

            byte[] buffer = new byte[declared.HasValue ? (int)declared.Value : Math.Min(maxBytes, 4096)];
            int count = 0;
            // A blocked synchronous read ignores the token, so cancellation closes the response under it.
            using (token.Register(static state => ((HttpResponseMessage)state).Dispose(), reply))
            using (Stream stream = reply.Content.ReadAsStream(token))
            {
                while (true)
                {
                    if (count == buffer.Length)
                    {
                        if (count >= maxBytes)
                        {
                            byte[] probe = new byte[1];
                            if (stream.Read(probe, 0, 1) == 0) break;
                            response.Detail = "body > " + maxBytes + " bytes";
                            return HttpsOutcome.TooLarge;
                        }

                        byte[] larger = new byte[Math.Min(maxBytes, buffer.Length * 2 + 1)];
                        Buffer.BlockCopy(buffer, 0, larger, 0, count);
                        buffer = larger;
                    }

                    int read = stream.Read(buffer, count, buffer.Length - count);
                    if (read == 0) break;
                    count += read;
                }
            }

            token.ThrowIfCancellationRequested();
            response.Body = buffer;
            response.BodyLength = count;
            return HttpsOutcome.Completed;
        }

        // RFC 5280 §6 path validation against our trust anchors only; the platform's verdict on the chain is
        // ignored because it used the system store, but its host-name verdict (RFC 6125) is kept.
        private static bool Validate(X509Certificate2Collection trusted, X509Certificate certificate, X509Chain presented,
            SslPolicyErrors errors, TlsVerdict verdict)
        {
            if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                verdict.Outcome = HttpsOutcome.TlsError;
                verdict.Detail = "no server certificate";
                return false;
            }

            if (trusted.Count == 0)
            {
                verdict.Outcome = HttpsOutcome.TlsUntrusted;
                verdict.Detail = "no trusted CA configured";
                return false;
            }

            X509Certificate2 leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
            using (X509Chain chain = new X509Chain())
            {
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.DisableCertificateDownloads = true;
                chain.ChainPolicy.VerificationTime = DateTime.Now;
                if (presented != null)
                {
                    foreach (X509ChainElement element in presented.ChainElements)
                    {
                        if (!element.Certificate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
                            chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                    }
                }

                bool built = chain.Build(leaf);
                X509ChainStatusFlags flags = X509ChainStatusFlags.NoError;
                foreach (X509ChainStatus status in chain.ChainStatus) flags |= status.Status;

                // Trust first: an expired certificate from an unknown CA is an untrusted one.
                if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
                {
                    verdict.Outcome = HttpsOutcome.TlsUntrusted;
                    verdict.Detail = "certificate does not chain to the trusted CA";
                    return false;
                }

                if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
                {
                    verdict.Outcome = HttpsOutcome.TlsExpired;
                    verdict.Detail = "certificate expired or not yet valid";
                    return false;
                }

                if (!built || flags != X509ChainStatusFlags.NoError)
                {
                    verdict.Outcome = HttpsOutcome.TlsUntrusted;
                    verdict.Detail = "certificate chain invalid: " + flags;
                    return false;
                }
            }

            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                verdict.Outcome = HttpsOutcome.TlsNameMismatch;
                verdict.Detail = "certificate does not name the host";
                return false;
            }

            return true;
        }

        private static HttpsOutcome Classify(Exception e, bool timedOut, TlsVerdict verdict, out string detail)
        {
            if (verdict.Outcome != HttpsOutcome.Completed)
            {
                detail = verdict.Detail;
                return verdict.Outcome;
            }

            if (timedOut)
            {
                detail = "timeout";
                return HttpsOutcome.Timeout;
            }

            for (Exception inner = e; inner != null; inner = inner.InnerException)
            {
                if (inner is AuthenticationException)
                {
                    detail = "TLS handshake failed";
                    return HttpsOutcome.TlsError;
                }

                if (inner is TimeoutException)
                {
                    detail = "timeout";
                    return HttpsOutcome.Timeout;
                }
            }

            detail = e is HttpRequestException h && h.HttpRequestError != HttpRequestError.Unknown
                ? h.HttpRequestError.ToString()
                : e.GetType().Name;
            return HttpsOutcome.NetworkError;
        }

        private static string First(System.Net.Http.Headers.HttpHeadersNonValidated headers, string name)
        {
            if (!headers.TryGetValues(name, out System.Net.Http.Headers.HeaderStringValues values)) return null;
            foreach (string value in values) return value;
            return null;
        }

        private static X509Certificate2Collection ParsePem(string pem)
        {
            X509Certificate2Collection collection = new X509Certificate2Collection();
            if (!string.IsNullOrEmpty(pem)) collection.ImportFromPem(pem);
            return collection;
        }
    }
}
