// Result of authenticating one device request (which device, which scheme, or which challenge to send).
namespace Phone.ProvisioningServer
{
    /// <summary>Outcome of <see cref="ProvisioningEndpoints"/>' device authentication.</summary>
    public sealed class AuthCheck
    {
        /// <summary>True when the request may proceed.</summary>
        public bool Ok;

        /// <summary>The authenticated device (null for an unauthenticated public file).</summary>
        public DeviceRecord Device;

        /// <summary>Scheme used, for the access log: "none", "bearer", "digest-SHA-256", "digest-MD5".</summary>
        public string Scheme = "none";

        /// <summary>Status to send when not <see cref="Ok"/>: 401 (challenge) or 403 (valid credentials, wrong device).</summary>
        public int FailStatus = 401;

        /// <summary>The Digest nonce was expired: challenge with stale=true.</summary>
        public bool Stale;
    }
}
