// Result of checking Digest credentials on the server side, RFC 7616 §3.4 / RFC 3261 §22.
namespace Phone.Core.Auth
{
    /// <summary>Why a set of Digest credentials was accepted or refused.</summary>
    public enum DigestVerification : byte
    {
        /// <summary>Response matches.</summary>
        Valid = 0,

        /// <summary>Header value did not parse.</summary>
        Malformed = 1,

        /// <summary>Algorithm or qop the verifier cannot compute.</summary>
        Unsupported = 2,

        /// <summary>username differs from the expected user.</summary>
        WrongUsername = 3,

        /// <summary>realm differs.</summary>
        WrongRealm = 4,

        /// <summary>uri differs from the Request-URI.</summary>
        WrongUri = 5,

        /// <summary>nonce is not the one issued (answer with stale=true if it was once valid).</summary>
        WrongNonce = 6,

        /// <summary>The response does not match: wrong password (or tampering).</summary>
        BadResponse = 7,
    }
}
