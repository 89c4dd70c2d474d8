// Server side of HTTP Digest access authentication, RFC 7616 (SHA-256 and MD5, qop=auth).
namespace Phone.ProvisioningServer
{
    using System;
    using System.Buffers.Binary;
    using System.Collections.Concurrent;
    using System.Collections.Generic;
    using System.Security.Cryptography;
    using System.Text;

    /// <summary>
    /// Issues challenges and checks responses. Nonces are self-validating (timestamp + random + HMAC under a per-start key),
    /// expire after the configured lifetime (then the challenge says stale=true, §3.3), and each nonce count may be
    /// used once (§3.4: nc must increase), so a captured Authorization header cannot be replayed.
    /// </summary>
    public sealed class DigestAuthenticator
    {
        private readonly byte[] _nonceKey = RandomNumberGenerator.GetBytes(32);
        private readonly string _opaque = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        private readonly int _lifetimeSeconds;
        private readonly ConcurrentDictionary<string, long> _lastNonceCount = new ConcurrentDictionary<string, long>();

        /// <summary>Creates an authenticator whose nonces live <paramref name="lifetimeSeconds"/>.</summary>
        public DigestAuthenticator(int lifetimeSeconds) => _lifetimeSeconds = lifetimeSeconds;

        /// <summary>
        /// The WWW-Authenticate values to send, strongest first (RFC 7616 §3.7: the client uses the first it supports).
        /// </summary>
        public string[] Challenges(string realm, bool stale)
        {
            string nonce = NewNonce(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            string tail = ", qop=\"auth\", nonce=\"" + nonce + "\", opaque=\"" + _opaque + "\"" + (stale ? ", stale=true" : string.Empty);
            return new[]
            {
                "Digest realm=\"" + realm + "\", algorithm=SHA-256" + tail,
                "Digest realm=\"" + realm + "\", algorithm=MD5" + tail,
            };
        }

        /// <summary>
        /// Checks credentials already parsed by <see cref="DigestParameters"/> for <paramref name="method"/> on
        /// <paramref name="requestUri"/> (path and query as sent) against <paramref name="password"/>.
        /// </summary>
        public DigestResult Verify(Dictionary<string, string> p, string method, string requestUri, string realm, string password,
            out string algorithmUsed)
        {
            algorithmUsed = null;
            if (!p.TryGetValue("username", out string user) || !p.TryGetValue("realm", out string givenRealm)
                || !p.TryGetValue("nonce", out string nonce) || !p.TryGetValue("uri", out string uri)
                || !p.TryGetValue("response", out string response) || !p.TryGetValue("qop", out string qop)
                || !p.TryGetValue("nc", out string nc) || !p.TryGetValue("cnonce", out string cnonce))
                return DigestResult.Invalid;

            p.TryGetValue("algorithm", out string algorithm);
            algorithm ??= "MD5"; // §3.4: absent means MD5
            bool sha256 = string.Equals(algorithm, "SHA-256", StringComparison.OrdinalIgnoreCase);
            if (!sha256 && !string.Equals(algorithm, "MD5", StringComparison.OrdinalIgnoreCase)) return DigestResult.Invalid;
            if (qop != "auth" || givenRealm != realm || uri != requestUri) return DigestResult.Invalid;
            if (nc.Length != 8 || !long.TryParse(nc, System.Globalization.NumberStyles.AllowHexSpecifier, null, out long count))
                return DigestResult.Invalid;
            if (!TryNonceTime(nonce, out long issued)) return DigestResult.Invalid;

            string ha1 = Hash(sha256, user + ":" + realm + ":" + password);
            string ha2 = Hash(sha256, method + ":" + uri);
            string expected = Hash(sha256, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected),
                    Encoding.ASCII.GetBytes(response.ToLowerInvariant())))
                return DigestResult.Invalid;

            algorithmUsed = sha256 ? "SHA-256" : "MD5";
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            if (now - issued > _lifetimeSeconds || issued - now > 5) return DigestResult.Stale;

            // §3.4 nc: the same nonce count twice is a replay.
            bool fresh = false;
            _lastNonceCount.AddOrUpdate(nonce, _ => { fresh = true; return count; }, (_, last) =>
            {
                fresh = count > last;
                return fresh ? count : last;
            });
            if (_lastNonceCount.Count > 4096) Purge(now);
            return fresh ? DigestResult.Ok : DigestResult.Invalid;
        }

        // nonce = hex(issue time, 8 bytes) + hex(8 random bytes) + hex(first 16 bytes of HMAC-SHA-256 over both):
        // unique per challenge (so nc restarts at 1 safely) and checkable without server state.
        private string NewNonce(long unixSeconds)
        {
            byte[] seed = new byte[16];
            BinaryPrimitives.WriteInt64BigEndian(seed, unixSeconds);
            RandomNumberGenerator.Fill(seed.AsSpan(8));
            return Convert.ToHexStringLower(seed) + Convert.ToHexStringLower(HMACSHA256.HashData(_nonceKey, seed), 0, 16);
        }

        private bool TryNonceTime(string nonce, out long unixSeconds)
        {
            unixSeconds = 0;
            if (nonce.Length != 64) return false;
            byte[] seed;
            try
            {
                seed = Convert.FromHexString(nonce.AsSpan(0, 32));
            }
            catch (FormatException)
            {
                return false;
            }

            string mac = Convert.ToHexStringLower(HMACSHA256.HashData(_nonceKey, seed), 0, 16);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(mac), Encoding.ASCII.GetBytes(nonce.Substring(32))))
                return false;
            unixSeconds = BinaryPrimitives.ReadInt64BigEndian(seed);
            return true;
        }

        private void Purge(long now)
        {
            foreach (KeyValuePair<string, long> entry in _lastNonceCount)
            {
                if (TryNonceTime(entry.Key, out long issued) && now - issued > _lifetimeSeconds)
                    _lastNonceCount.TryRemove(entry.Key, out _);
            }
        }

        private static string Hash(bool sha256, string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return Convert.ToHexStringLower(sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes));
        }
    }
}
