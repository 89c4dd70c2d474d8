// Outcome of checking HTTP Digest credentials (RFC 7616 §3.4, stale nonces §3.3).
namespace Phone.ProvisioningServer
{
    /// <summary>Result of <see cref="DigestAuthenticator.Verify"/>.</summary>
    public enum DigestResult
    {
        /// <summary>Credentials are valid.</summary>
        Ok,
        /// <summary>No or malformed Digest credentials, wrong user/password/uri/realm, or a replayed nc.</summary>
        Invalid,
        /// <summary>Correct credentials on an expired nonce: challenge again with stale=true.</summary>
        Stale,
    }
}
