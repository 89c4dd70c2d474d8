// One device row of devices.json: identity, credentials, signing secret, template and its variables.
namespace Phone.ProvisioningServer
{
    using System.Collections.Generic;

    /// <summary>
    /// A provisioned device. Credentials decide how it must authenticate: a <see cref="Password"/> allows HTTP Digest
    /// (RFC 7616), a <see cref="Token"/> allows Bearer (RFC 6750); with neither, its file is served without auth.
    /// </summary>
    public sealed class DeviceRecord
    {
        /// <summary>MAC address, 12 lower-case hex digits without separators (the file is &lt;mac&gt;.cfg).</summary>
        public string Mac { get; set; }

        /// <summary>Digest user name; null means the MAC.</summary>
        public string User { get; set; }

        /// <summary>Digest password, or null (no Digest).</summary>
        public string Password { get; set; }

        /// <summary>Bearer token, or null (no Bearer).</summary>
        public string Token { get; set; }

        /// <summary>
        /// HMAC-SHA-256 key in hex (the device's security.signing_secret) for the trailing "# signature = …" line,
        /// or null (files are served unsigned).
        /// </summary>
        public string SigningKey { get; set; }

        /// <summary>Template file name under templates/; null means default.cfg.tpl.</summary>
        public string Template { get; set; }

        /// <summary>Template variables (%%name%% → value); "mac" is always defined.</summary>
        public Dictionary<string, string> Variables { get; set; }

        /// <summary>The Digest user name in effect.</summary>
        public string DigestUser => string.IsNullOrEmpty(User) ? Mac : User;

        /// <summary>True when the device must authenticate.</summary>
        public bool NeedsAuth => !string.IsNullOrEmpty(Password) || !string.IsNullOrEmpty(Token);
    }
}
