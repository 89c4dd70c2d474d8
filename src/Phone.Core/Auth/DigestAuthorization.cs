// Digest credentials from an Authorization / Proxy-Authorization value, RFC 2617 §3.2.2, RFC 7616 §3.4, RFC 3261 §25.1.
namespace Phone.Core.Auth
{
    /// <summary>Parsed Digest credentials (server side). Malformed input gives false from <see cref="TryParse"/>.</summary>
    public sealed class DigestAuthorization
    {
        /// <summary>username.</summary>
        public string Username;

        /// <summary>realm.</summary>
        public string Realm;

        /// <summary>nonce.</summary>
        public string Nonce;

        /// <summary>uri (digest-uri).</summary>
        public string Uri;

        /// <summary>response (hex).</summary>
        public string Response;

        /// <summary>algorithm (MD5 when absent).</summary>
        public DigestAlgorithm Algorithm;

        /// <summary>cnonce, or null.</summary>
        public string Cnonce;

        /// <summary>opaque, or null.</summary>
        public string Opaque;

        /// <summary>qop ("auth"/"auth-int"), or null.</summary>
        public string Qop;

        /// <summary>nc as sent (8 hex digits), or null.</summary>
        public string NonceCountText;

        /// <summary>nc value (0 when absent).</summary>
        public uint NonceCount;

        /// <summary>Clears every field.</summary>
        public void Clear()
        {
            Username = Realm = Nonce = Uri = Response = Cnonce = Opaque = Qop = NonceCountText = null;
            Algorithm = DigestAlgorithm.Md5;
            NonceCount = 0;
        }

        /// <summary>
        /// Parses "Digest username=..., ...". Requires username, realm, nonce, uri and response; with qop also
        /// cnonce and an 8-hex-digit nc (RFC 7616 §3.4). Unknown parameters are ignored, duplicates rejected.
        /// </summary>
        public static bool TryParse(string value, DigestAuthorization result)
        {
            result.Clear();
            if (value == null) return false;
            var reader = new AuthParamReader();
            reader.Reset(value);
            if (reader.Next() != AuthParamKind.Scheme || !reader.NameIs("Digest")) return false;
            bool seenAlg = false;
            while (true)
            {
                AuthParamKind kind = reader.Next();
                if (kind == AuthParamKind.End) break;
                if (kind != AuthParamKind.Param) return false;
                string v = reader.Value;
                if (reader.NameIs("username")) { if (result.Username != null) return false; result.Username = v; }
                else if (reader.NameIs("realm")) { if (result.Realm != null) return false; result.Realm = v; }
                else if (reader.NameIs("nonce")) { if (result.Nonce != null) return false; result.Nonce = v; }
                else if (reader.NameIs("uri")) { if (result.Uri != null) return false; result.Uri = v; }
                else if (reader.NameIs("response")) { if (result.Response != null) return false; result.Response = v; }
                else if (reader.NameIs("cnonce")) { if (result.Cnonce != null) return false; result.Cnonce = v; }
                else if (reader.NameIs("opaque")) { if (result.Opaque != null) return false; result.Opaque = v; }
                else if (reader.NameIs("qop")) { if (result.Qop != null) return false; result.Qop = v; }
                else if (reader.NameIs("nc")) { if (result.NonceCountText != null) return false; result.NonceCountText = v; }
                else if (reader.NameIs("algorithm"))
                {
                    if (seenAlg) return false;
                    seenAlg = true;
                    result.Algorithm = DigestAlgorithmNames.Parse(v, 0, v.Length);
                }
            }
            if (result.Username == null || result.Realm == null || result.Nonce == null || result.Uri == null || result.Response == null) return false;
            if (result.Qop != null)
            {
                if (result.Cnonce == null || result.NonceCountText == null || result.NonceCountText.Length != 8) return false;
                uint nc = 0;
                for (int i = 0; i < 8; i++)
                {
                    int d = Phone.Core.Crypto.Hex.DigitValue(result.NonceCountText[i]);
                    if (d < 0) return false;
                    nc = (nc << 4) | (uint)d;
                }
                result.NonceCount = nc;
            }
            return true;
        }

        /// <summary>Summary for logs: user, realm, algorithm and nc; the response is not printed.</summary>
        public override string ToString()
            => "Digest user=" + Username + " realm=" + Realm + " alg=" + DigestAlgorithmNames.Name(Algorithm) + " nc=" + NonceCountText;
    }
}
