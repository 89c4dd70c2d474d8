// Result of processing a 401/407 challenge set, RFC 3261 §22.2-22.3.
namespace Phone.Core.Auth
{
    /// <summary>What the UAC should do after a 401/407.</summary>
    public enum DigestOutcome : byte
    {
        /// <summary>Credentials are ready: resend the request with the Authorization header(s).</summary>
        Retry = 0,

        /// <summary>The server refused our credentials again (not stale): stop and report (RFC 3261 §22.2).</summary>
        Rejected = 1,

        /// <summary>No credentials for the challenged realm: the user/provisioning must supply them.</summary>
        NoCredentials = 2,

        /// <summary>Only algorithms or qop values we cannot compute were offered.</summary>
        Unsupported = 3,

        /// <summary>No parsable Digest challenge.</summary>
        Malformed = 4,

        /// <summary>More realms challenged at once than the table holds.</summary>
        TableFull = 5,
    }
}
