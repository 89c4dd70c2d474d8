// What the server-certificate callback concluded, read by HostHttpsFetcher after a failed handshake.
namespace Phone.Host.Net
{
    using Phone.Core.Ports;

    /// <summary>Per-request TLS verdict; <see cref="HttpsOutcome.Completed"/> means the callback accepted or never ran.</summary>
    internal sealed class TlsVerdict
    {
        /// <summary>The TLS outcome to report, or Completed.</summary>
        public HttpsOutcome Outcome = HttpsOutcome.Completed;

        /// <summary>Short reason (no certificate contents beyond what is public).</summary>
        public string Detail;
    }
}
