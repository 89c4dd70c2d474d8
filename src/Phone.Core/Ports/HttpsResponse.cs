// The result of one HTTPS request.
namespace Phone.Core.Ports
{
    /// <summary>Result of <see cref="IHttpsFetcher.Send"/>. Fields other than Outcome are meaningful only when Outcome is Completed.</summary>
    public sealed class HttpsResponse
    {
        /// <summary>Transport-level result.</summary>
        public HttpsOutcome Outcome;

        /// <summary>HTTP status code (200, 304, 401, …).</summary>
        public int StatusCode;

        /// <summary>Content-Type header, or null.</summary>
        public string ContentType;

        /// <summary>ETag header, or null.</summary>
        public string ETag;

        /// <summary>WWW-Authenticate header (first challenge), or null.</summary>
        public string WwwAuthenticate;

        /// <summary>Location header of a redirect, or null.</summary>
        public string Location;

        /// <summary>Response body (may be longer than <see cref="BodyLength"/>).</summary>
        public byte[] Body;

        /// <summary>Bytes of <see cref="Body"/> received.</summary>
        public int BodyLength;

        /// <summary>A short human-readable reason for a failed outcome (no secrets), or null.</summary>
        public string Detail;
    }
}
