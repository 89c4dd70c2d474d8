// Digest request-digest computation, RFC 2617 §3.2.2.1-3 and RFC 7616 §3.4.1-3.4.3 (MD5, SHA-256 and -sess).
namespace Phone.Core.Auth
{
    using Phone.Core.Crypto;
    using Phone.Core.Text;

    /// <summary>
    /// Computes the "response" value. Buffers are allocated in the constructor, each hash state with the first
    /// response of its algorithm; intermediate HA1 values are wiped after each computation. Not thread-safe: one
    /// instance per thread (a digest client makes one per response and drops it; a verifier keeps its own).
    /// </summary>
    public sealed class DigestCalculator
    {
        // Each hash is created with the first challenge that needs it (a PBX offering only MD5 never costs the
        // SHA-256 state, 292 B on nanoCLR) and kept for the next ones.
        private Md5 _md5;
        private Sha256 _sha;
        private readonly byte[] _scratch = new byte[192];
        private readonly byte[] _digest = new byte[32];
        private readonly byte[] _ha1 = new byte[64];
        // H(body) for auth-int, then HA2: the body hash is read into HA2's hash before HA2 is written over it.
        private readonly byte[] _ha2 = new byte[64];
        private DigestAlgorithm _alg;

        /// <summary>
        /// Writes the lower-case hex response (32 chars for MD5, 64 for SHA-256) at dst[dstOffset]; returns its length,
        /// or 0 for an unsupported algorithm.
        /// <para>HA1 = H(username:realm:password), for -sess H(HA1:nonce:cnonce); HA2 = H(method:uri) or, for auth-int,
        /// H(method:uri:H(body)); response = H(HA1:nonce:nc:cnonce:qop:HA2), or H(HA1:nonce:HA2) when qop is null
        /// (RFC 2069 compatibility).</para>
        /// </summary>
        /// <param name="qop">"auth", "auth-int" or null.</param>
        /// <param name="nc">Nonce count; written as 8 hex digits.</param>
        public int ComputeResponse(DigestAlgorithm algorithm, string username, string realm,
            byte[] password, int passwordOffset, int passwordCount,
            string method, string uri, string nonce, uint nc, string cnonce, string qop,
            byte[] body, int bodyOffset, int bodyCount, byte[] dst, int dstOffset)
        {
            int size = DigestAlgorithmNames.HashSize(algorithm);
            if (size == 0) return 0;
            _alg = algorithm;
            if (IsMd5) { if (_md5 == null) _md5 = new Md5(); }
            else if (_sha == null) _sha = new Sha256();
            int hexLen = 2 * size;

            Begin();
            AddString(username);
            AddColon();
            AddString(realm);
            AddColon();
            Add(password, passwordOffset, passwordCount);
            EndHex(_ha1);
            if (DigestAlgorithmNames.IsSession(algorithm))
            {
                Begin();
                Add(_ha1, 0, hexLen);
                AddColon();
                AddString(nonce);
                AddColon();
                AddString(cnonce);
                EndHex(_ha1);
            }

            bool authInt = qop != null && AuthText.EqualsIgnoreCase(qop, "auth-int");
            if (authInt)
            {
                Begin();
                if (body != null) Add(body, bodyOffset, bodyCount);
                EndHex(_ha2);
            }
            Begin();
            AddString(method);
            AddColon();
            AddString(uri);
            if (authInt)
            {
                AddColon();
                Add(_ha2, 0, hexLen);
            }
            EndHex(_ha2);

            Begin();
            Add(_ha1, 0, hexLen);
            AddColon();
            AddString(nonce);
            AddColon();
            if (qop != null)
            {
                for (int i = 0; i < 8; i++)
                {
                    int v = (int)((nc >> (28 - 4 * i)) & 0xF);
                    _scratch[i] = (byte)(v < 10 ? '0' + v : 'a' + v - 10);
                }
                Add(_scratch, 0, 8);
                AddColon();
                AddString(cnonce);
                AddColon();
                AddString(qop);
                AddColon();
            }
            Add(_ha2, 0, hexLen);
            EndHex(dst, dstOffset);
            CryptoBytes.Wipe(_ha1, 0, _ha1.Length);
            CryptoBytes.Wipe(_digest, 0, _digest.Length);
            return hexLen;
        }

        /// <summary>Convenience overload with a string password and no body; returns the hex response (allocates).</summary>
        public static string ComputeResponse(DigestAlgorithm algorithm, string username, string realm, string password,
            string method, string uri, string nonce, uint nc, string cnonce, string qop)
        {
            byte[] pw = new byte[Utf8.ByteCount(password)];
            Utf8.GetBytes(password, pw, 0);
            byte[] hex = new byte[64];
            int n = new DigestCalculator().ComputeResponse(algorithm, username, realm, pw, 0, pw.Length,
                method, uri, nonce, nc, cnonce, qop, null, 0, 0, hex, 0);
            CryptoBytes.Wipe(pw, 0, pw.Length);
            return Utf8.GetString(hex, 0, n);
        }

        private bool IsMd5 => _alg == DigestAlgorithm.Md5 || _alg == DigestAlgorithm.Md5Sess;

        private void Begin()
        {
            if (IsMd5) _md5.Reset();
            else _sha.Reset();
        }

        private void Add(byte[] data, int offset, int count)
        {
            if (IsMd5) _md5.Update(data, offset, count);
            else _sha.Update(data, offset, count);
        }

        private void AddColon()
        {
            _scratch[0] = (byte)':';
            Add(_scratch, 0, 1);
        }

        // Strings are hashed as UTF-8 (RFC 7616 §3.4.1) in chunks that never split a surrogate pair.
        private void AddString(string s)
        {
            if (s == null) return;
            int i = 0;
            const int Chunk = 64;
            while (i < s.Length)
            {
                int n = s.Length - i;
                if (n > Chunk)
                {
                    n = Chunk;
                    char last = s[i + n - 1];
                    if (last >= 0xD800 && last <= 0xDBFF) n--;
                }
                int bytes = Utf8.GetBytes(s, i, n, _scratch, 0);
                Add(_scratch, 0, bytes);
                i += n;
            }
        }

        private void EndHex(byte[] dst) => EndHex(dst, 0);

        private void EndHex(byte[] dst, int offset)
        {
            int size;
            if (IsMd5)
            {
                _md5.Final(_digest, 0);
                size = Md5.HashSize;
            }
            else
            {
                _sha.Final(_digest, 0);
                size = Sha256.HashSize;
            }
            Hex.ToLowerHex(_digest, 0, size, dst, offset);
        }
    }
}
