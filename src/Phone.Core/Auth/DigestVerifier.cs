// Server-side check of Digest credentials (scripted registrar in tests, provisioning server), RFC 7616 §3.4-3.5.
namespace Phone.Core.Auth
{
    using Phone.Core.Crypto;
    using Phone.Core.Text;

    /// <summary>
    /// Recomputes the expected response from the known password and compares it in constant time.
    /// Not thread-safe: one instance per server thread.
    /// </summary>
    public sealed class DigestVerifier
    {
        private readonly DigestAuthorization _parsed = new DigestAuthorization();
        private readonly DigestCalculator _calculator = new DigestCalculator();
        private readonly byte[] _expectedHex = new byte[64];
        private readonly byte[] _expected = new byte[32];
        private readonly byte[] _received = new byte[32];

        /// <summary>The credentials parsed by the last <see cref="Verify"/> call (e.g. to check nc for replay).</summary>
        public DigestAuthorization Last => _parsed;

        /// <summary>
        /// Checks an Authorization value against the request method, Request-URI and the expected user, realm and
        /// password. <paramref name="expectedNonce"/> is the nonce the server issued (null = do not check).
        /// body is the message body for qop=auth-int (null = empty).
        /// </summary>
        public DigestVerification Verify(string method, string requestUri, string username, string realm, string password,
            string authorizationValue, string expectedNonce, byte[] body, int bodyOffset, int bodyCount)
        {
            if (!DigestAuthorization.TryParse(authorizationValue, _parsed)) return DigestVerification.Malformed;
            DigestAuthorization a = _parsed;
            int size = DigestAlgorithmNames.HashSize(a.Algorithm);
            if (size == 0) return DigestVerification.Unsupported;
            if (a.Qop != null && !AuthText.EqualsIgnoreCase(a.Qop, "auth") && !AuthText.EqualsIgnoreCase(a.Qop, "auth-int")) return DigestVerification.Unsupported;
            if (DigestAlgorithmNames.IsSession(a.Algorithm) && a.Cnonce == null) return DigestVerification.Malformed;
            if (a.Username != username) return DigestVerification.WrongUsername;
            if (a.Realm != realm) return DigestVerification.WrongRealm;
            if (a.Uri != requestUri) return DigestVerification.WrongUri;
            if (expectedNonce != null && a.Nonce != expectedNonce) return DigestVerification.WrongNonce;
            // The response hex may arrive in either case: compare decoded digests, in constant time.
            if (a.Response.Length != 2 * size || !Hex.TryDecode(a.Response, 0, size, _received, 0)) return DigestVerification.BadResponse;
            byte[] pw = new byte[Utf8.ByteCount(password)];
            Utf8.GetBytes(password, pw, 0);
            int n = _calculator.ComputeResponse(a.Algorithm, a.Username, a.Realm, pw, 0, pw.Length, method, a.Uri, a.Nonce,
                a.NonceCount, a.Cnonce, a.Qop, body, bodyOffset, bodyCount, _expectedHex, 0);
            CryptoBytes.Wipe(pw, 0, pw.Length);
            if (n != 2 * size) return DigestVerification.Unsupported;
            for (int i = 0; i < size; i++)
            {
                _expected[i] = (byte)((Hex.DigitValue(_expectedHex[2 * i]) << 4) | Hex.DigitValue(_expectedHex[2 * i + 1]));
            }
            return CryptoBytes.FixedTimeEquals(_expected, 0, _received, 0, size) ? DigestVerification.Valid : DigestVerification.BadResponse;
        }

        /// <summary>Same as the full overload without a body.</summary>
        public DigestVerification Verify(string method, string requestUri, string username, string realm, string password,
            string authorizationValue, string expectedNonce)
            => Verify(method, requestUri, username, realm, password, authorizationValue, expectedNonce, null, 0, 0);
    }
}
