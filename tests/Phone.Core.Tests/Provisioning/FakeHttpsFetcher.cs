// Scripted HTTPS port for provisioning tests: serves files with ETags, or answers from per-URL scripts.
namespace Phone.Core.Tests.Provisioning
{
    using System;
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Ports;

    /// <summary>A copy of one request as the fake received it.</summary>
    public sealed class SeenRequest
    {
        public string Method, Url, Authorization, IfNoneMatch, ContentType, Body;
    }

    /// <summary>
    /// Files put with <see cref="Put"/> are served with an ETag and answered 304 to a matching If-None-Match; unknown
    /// URLs get 404. A script queued with <see cref="Script"/> for a URL overrides the file for as many requests.
    /// </summary>
    public sealed class FakeHttpsFetcher : IHttpsFetcher
    {
        private readonly Dictionary<string, (byte[] body, string etag, string type)> _files = new Dictionary<string, (byte[], string, string)>();
        private readonly Dictionary<string, Queue<Func<HttpsRequest, HttpsResponse>>> _scripts = new Dictionary<string, Queue<Func<HttpsRequest, HttpsResponse>>>();
        private int _etagCounter;

        /// <summary>Every request, in order.</summary>
        public List<SeenRequest> Requests { get; } = new List<SeenRequest>();

        /// <summary>Every CA handed to <see cref="SetTrustedCa"/>.</summary>
        public List<string> TrustedCas { get; } = new List<string>();

        /// <summary>Called for every request before files and scripts (e.g. a digest-checking server).</summary>
        public Func<HttpsRequest, HttpsResponse> Gate;

        /// <summary>Serves <paramref name="text"/> at <paramref name="url"/> with a fresh ETag.</summary>
        public void Put(string url, string text, string contentType = "text/plain")
            => _files[url] = (Encoding.UTF8.GetBytes(text), "\"e" + (++_etagCounter).ToString() + "\"", contentType);

        /// <summary>Stops serving <paramref name="url"/> (404).</summary>
        public void Remove(string url) => _files.Remove(url);

        /// <summary>Answers the next request for <paramref name="url"/> with <paramref name="answer"/>.</summary>
        public void Script(string url, Func<HttpsRequest, HttpsResponse> answer)
        {
            if (!_scripts.TryGetValue(url, out var q)) _scripts[url] = q = new Queue<Func<HttpsRequest, HttpsResponse>>();
            q.Enqueue(answer);
        }

        /// <summary>Answers every request for <paramref name="url"/> with <paramref name="answer"/> (up to 100 times).</summary>
        public void ScriptAlways(string url, Func<HttpsRequest, HttpsResponse> answer)
        {
            for (int i = 0; i < 100; i++) Script(url, answer);
        }

        /// <inheritdoc/>
        public void SetTrustedCa(string pem) => TrustedCas.Add(pem);

        /// <inheritdoc/>
        public HttpsResponse Send(HttpsRequest request)
        {
            Requests.Add(new SeenRequest
            {
                Method = request.Method, Url = request.Url, Authorization = request.Authorization, IfNoneMatch = request.IfNoneMatch,
                ContentType = request.ContentType,
                Body = request.Body == null ? null : Encoding.UTF8.GetString(request.Body, 0, request.BodyLength),
            });
            if (Gate != null)
            {
                HttpsResponse gated = Gate(request);
                if (gated != null) return gated;
            }
            if (_scripts.TryGetValue(request.Url, out var q) && q.Count > 0) return q.Dequeue()(request);
            if (request.Method == "POST") return Status(200);
            if (!_files.TryGetValue(request.Url, out var f)) return Status(404);
            if (request.IfNoneMatch == f.etag) return new HttpsResponse { Outcome = HttpsOutcome.Completed, StatusCode = 304, ETag = f.etag };
            return new HttpsResponse
            {
                Outcome = HttpsOutcome.Completed, StatusCode = 200, ContentType = f.type, ETag = f.etag,
                Body = (byte[])f.body.Clone(), BodyLength = f.body.Length,
            };
        }

        /// <summary>A completed response with a status code and no body.</summary>
        public static HttpsResponse Status(int code, string location = null, string challenge = null)
            => new HttpsResponse { Outcome = HttpsOutcome.Completed, StatusCode = code, Location = location, WwwAuthenticate = challenge, Body = new byte[0] };

        /// <summary>A transport-level failure.</summary>
        public static HttpsResponse Failed(HttpsOutcome outcome, string detail = null)
            => new HttpsResponse { Outcome = outcome, Detail = detail };

        /// <summary>A 200 with the given body bytes and claimed length.</summary>
        public static HttpsResponse Body(string text, string contentType = "text/plain", int? claimedLength = null)
        {
            byte[] b = Encoding.UTF8.GetBytes(text);
            return new HttpsResponse { Outcome = HttpsOutcome.Completed, StatusCode = 200, ContentType = contentType, Body = b, BodyLength = claimedLength ?? b.Length };
        }
    }
}
