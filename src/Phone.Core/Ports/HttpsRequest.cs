// One HTTPS request handed to the HTTPS-fetch port.
namespace Phone.Core.Ports
{
    /// <summary>An HTTPS request. The port never follows redirects or answers challenges itself: the core does.</summary>
    public sealed class HttpsRequest
    {
        /// <summary>"GET" or "POST".</summary>
        public string Method = "GET";

        /// <summary>Absolute https URL.</summary>
        public string Url;

        /// <summary>Authorization header value (Digest … or Bearer …), or null. Never logged.</summary>
        public string Authorization;

        /// <summary>If-None-Match header value (an ETag from an earlier response), or null.</summary>
        public string IfNoneMatch;

        /// <summary>Content-Type of <see cref="Body"/> for POST, or null.</summary>
        public string ContentType;

        /// <summary>Request body for POST, or null.</summary>
        public byte[] Body;

        /// <summary>Bytes of <see cref="Body"/> to send.</summary>
        public int BodyLength;

        /// <summary>Whole-request timeout in milliseconds.</summary>
        public int TimeoutMs = 15000;

        /// <summary>Largest response body accepted; a larger one ends with <see cref="HttpsOutcome.TooLarge"/>.</summary>
        public int MaxResponseBytes = 32768;

        /// <summary>
        /// Where the port should put the response body (from index 0), or null for a buffer of its own. The
        /// provisioning client lends its configuration buffer here, so the device holds one configuration-sized
        /// buffer rather than two; a port that ignores it is still correct (the core reads <see cref="HttpsResponse.Body"/>).
        /// </summary>
        public byte[] ResponseBuffer;
    }
}
