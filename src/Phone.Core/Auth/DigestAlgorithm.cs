// Digest hash algorithms, RFC 7616 §3.3 / RFC 8760 §2.2 ("MD5", "MD5-sess", "SHA-256", "SHA-256-sess").
namespace Phone.Core.Auth
{
    /// <summary>Digest algorithm named in a challenge. <see cref="Unsupported"/> covers SHA-512-256 and unknown tokens.</summary>
    public enum DigestAlgorithm : byte
    {
        /// <summary>Token we cannot compute (e.g. SHA-512-256); such a challenge is skipped.</summary>
        Unsupported = 0,

        /// <summary>MD5 (RFC 2617; default when the parameter is absent).</summary>
        Md5 = 1,

        /// <summary>MD5-sess (HA1 bound to nonce and cnonce, RFC 2617 §3.2.2.2).</summary>
        Md5Sess = 2,

        /// <summary>SHA-256 (RFC 7616, RFC 8760).</summary>
        Sha256 = 3,

        /// <summary>SHA-256-sess (RFC 7616 §3.4.2).</summary>
        Sha256Sess = 4,
    }
}
