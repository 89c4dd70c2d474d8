// One Digest challenge from WWW-Authenticate / Proxy-Authenticate, RFC 2617 §3.2.1, RFC 7616 §3.3, RFC 3261 §22.
namespace Phone.Core.Auth
{
    using Phone.Core.Text;

    /// <summary>
    /// A parsed Digest challenge. Parse with <see cref="TryParse"/> / <see cref="TryParseAll"/>; unknown parameters
    /// are ignored, malformed values give false (never an exception). Also written by the server side.
    /// </summary>
    public sealed class DigestChallenge
    {
        /// <summary>realm (required).</summary>
        public string Realm;

        /// <summary>nonce (required).</summary>
        public string Nonce;

        /// <summary>opaque, echoed unchanged; null when absent.</summary>
        public string Opaque;

        /// <summary>domain (space-separated URIs); null when absent.</summary>
        public string Domain;

        /// <summary>algorithm; MD5 when the parameter is absent (RFC 7616 §3.3).</summary>
        public DigestAlgorithm Algorithm;

        /// <summary>True when the challenge carried an algorithm parameter.</summary>
        public bool AlgorithmPresent;

        /// <summary>True when a qop parameter was present (absent = RFC 2069 compatibility mode).</summary>
        public bool QopPresent;

        /// <summary>qop list contains "auth".</summary>
        public bool QopAuth;

        /// <summary>qop list contains "auth-int".</summary>
        public bool QopAuthInt;

        /// <summary>stale=true: the nonce expired but the credentials were good; retry without prompting (RFC 2617 §3.2.1).</summary>
        public bool Stale;

        /// <summary>Set by the caller: came from Proxy-Authenticate (answer with Proxy-Authorization).</summary>
        public bool IsProxy;

        /// <summary>Clears every field.</summary>
        public void Clear()
        {
            Realm = null;
            Nonce = null;
            Opaque = null;
            Domain = null;
            Algorithm = DigestAlgorithm.Md5;
            AlgorithmPresent = false;
            QopPresent = false;
            QopAuth = false;
            QopAuthInt = false;
            Stale = false;
            IsProxy = false;
        }

        /// <summary>Copies every field from another challenge.</summary>
        public void CopyFrom(DigestChallenge other)
        {
            Realm = other.Realm;
            Nonce = other.Nonce;
            Opaque = other.Opaque;
            Domain = other.Domain;
            Algorithm = other.Algorithm;
            AlgorithmPresent = other.AlgorithmPresent;
            QopPresent = other.QopPresent;
            QopAuth = other.QopAuth;
            QopAuthInt = other.QopAuthInt;
            Stale = other.Stale;
            IsProxy = other.IsProxy;
        }

        /// <summary>True when this client can answer it: a known algorithm and, if qop is offered, auth or auth-int.</summary>
        public bool IsSupported => Algorithm != DigestAlgorithm.Unsupported && (!QopPresent || QopAuth || QopAuthInt);

        /// <summary>Parses the first Digest challenge of a header value into <paramref name="result"/>.</summary>
        public static bool TryParse(string value, DigestChallenge result)
        {
            DigestChallenge[] one = { result };
            return TryParseAll(value, one, 0, 1, out int count) && count == 1;
        }

        /// <summary>Parses the first Digest challenge of a header value given as a byte range (UTF-8).</summary>
        public static bool TryParse(byte[] message, int offset, int count, DigestChallenge result)
            => TryParse(Utf8.GetString(message, offset, count), result);

        /// <summary>
        /// Parses every Digest challenge of one header value (RFC 7235 §4.1 allows several, comma-separated)
        /// into into[start..start+capacity) (a null entry is created); other schemes (Basic, Bearer...) are skipped. False when the value is
        /// malformed or holds no Digest challenge; count is then the number parsed before the fault.
        /// </summary>
        public static bool TryParseAll(string value, DigestChallenge[] into, int start, int capacity, out int count)
        {
            count = 0;
            if (value == null || into == null) return false;
            var reader = new AuthParamReader();
            reader.Reset(value);
            DigestChallenge current = null;
            bool inOtherScheme = false;
            bool seenAlgorithm = false, seenQop = false, seenStale = false, seenOpaque = false, seenDomain = false;
            while (true)
            {
                AuthParamKind kind = reader.Next();
                if (kind == AuthParamKind.Error) return false;
                if (kind == AuthParamKind.End || kind == AuthParamKind.Scheme)
                {
                    if (current != null)
                    {
                        if (current.Realm == null || current.Nonce == null) return false;
                        count++;
                        current = null;
                    }
                    if (kind == AuthParamKind.End) return count > 0;
                    inOtherScheme = !reader.NameIs("Digest");
                    if (!inOtherScheme)
                    {
                        if (count >= capacity) return count > 0;
                        // An empty entry is created here, so a caller's table need hold only as many as arrive.
                        current = into[start + count];
                        if (current == null) into[start + count] = current = new DigestChallenge();
                        current.Clear();
                        seenAlgorithm = seenQop = seenStale = seenOpaque = seenDomain = false;
                    }
                    continue;
                }
                if (inOtherScheme) continue;
                if (current == null) return false; // parameters before any scheme
                string v = reader.Value;
                if (reader.NameIs("realm"))
                {
                    if (current.Realm != null) return false;
                    current.Realm = v;
                }
                else if (reader.NameIs("nonce"))
                {
                    if (current.Nonce != null || v.Length == 0) return false;
                    current.Nonce = v;
                }
                else if (reader.NameIs("opaque"))
                {
                    if (seenOpaque) return false;
                    seenOpaque = true;
                    current.Opaque = v;
                }
                else if (reader.NameIs("domain"))
                {
                    if (seenDomain) return false;
                    seenDomain = true;
                    current.Domain = v;
                }
                else if (reader.NameIs("algorithm"))
                {
                    if (seenAlgorithm) return false;
                    seenAlgorithm = true;
                    current.AlgorithmPresent = true;
                    current.Algorithm = DigestAlgorithmNames.Parse(v, 0, v.Length);
                }
                else if (reader.NameIs("qop"))
                {
                    if (seenQop || !ParseQopList(v, current)) return false;
                    seenQop = true;
                }
                else if (reader.NameIs("stale"))
                {
                    if (seenStale) return false;
                    seenStale = true;
                    if (AuthText.EqualsIgnoreCase(v, "true")) current.Stale = true;
                    else if (!AuthText.EqualsIgnoreCase(v, "false")) return false;
                }
                // RFC 7616 §3.3: unknown directives (charset, userhash, ...) MUST be ignored.
            }
        }

        // qop-options = "qop" EQUAL LDQUOT qop-value *("," qop-value) RDQUOT; unknown values are ignored.
        private static bool ParseQopList(string v, DigestChallenge c)
        {
            c.QopPresent = true;
            int i = 0;
            int n = v.Length;
            bool any = false;
            while (i < n)
            {
                while (i < n && (AuthText.IsSpace(v[i]) || v[i] == ',')) i++;
                int s = i;
                while (i < n && AuthText.IsTokenChar(v[i])) i++;
                if (i == s)
                {
                    if (i < n) return false;
                    break;
                }
                any = true;
                if (AuthText.EqualsIgnoreCase(v, s, i - s, "auth")) c.QopAuth = true;
                else if (AuthText.EqualsIgnoreCase(v, s, i - s, "auth-int")) c.QopAuthInt = true;
            }
            return any;
        }

        /// <summary>Writes this challenge as a header value (server side): Digest realm="..", nonce="..", ...</summary>
        public void Write(ByteWriter w)
        {
            w.Text("Digest realm=");
            w.Quoted(Realm);
            if (Domain != null)
            {
                w.Text(", domain=");
                w.Quoted(Domain);
            }
            w.Text(", nonce=");
            w.Quoted(Nonce);
            if (Opaque != null)
            {
                w.Text(", opaque=");
                w.Quoted(Opaque);
            }
            if (Stale) w.Text(", stale=true");
            w.Text(", algorithm=");
            w.Text(DigestAlgorithmNames.Name(Algorithm));
            if (QopAuth || QopAuthInt)
            {
                w.Text(", qop=\"");
                if (QopAuth) w.Text("auth");
                if (QopAuth && QopAuthInt) w.Byte(',');
                if (QopAuthInt) w.Text("auth-int");
                w.Byte('"');
            }
        }

        /// <summary>Header value as a string (allocates; server side and tests).</summary>
        public string ToHeaderValue()
        {
            byte[] buf = new byte[128 + 2 * (Length(Realm) + Length(Nonce) + Length(Opaque) + Length(Domain))];
            var w = new ByteWriter(buf, 0, buf.Length);
            Write(w);
            return w.ToString();
        }

        private static int Length(string s) => s == null ? 0 : Utf8.ByteCount(s);

        /// <summary>Summary for logs (no secrets in a challenge).</summary>
        public override string ToString()
            => "Digest realm=" + Realm + " alg=" + DigestAlgorithmNames.Name(Algorithm) + (Stale ? " stale" : "") + (IsProxy ? " proxy" : "");
    }
}
