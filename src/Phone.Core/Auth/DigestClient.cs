// UAC side of SIP Digest authentication: 401/407 handling and Authorization values, RFC 3261 §22.2-22.3, RFC 7616 §3.4, RFC 8760.
namespace Phone.Core.Auth
{
    using Phone.Core.Crypto;
    using Phone.Core.Sip;
    using Phone.Core.Text;

    /// <summary>
    /// Keeps the current challenge per (realm, proxy) in a fixed table, chooses the strongest algorithm offered,
    /// counts nonce uses (nc) and rejections, and writes Authorization / Proxy-Authorization values.
    /// Sized at construction; not thread-safe (call from the protocol thread).
    /// </summary>
    public sealed class DigestClient
    {
        private const int MaxParsed = 8;

        private readonly DigestCredentialStore _credentials;
        private readonly IRandomSource _random;
        private readonly int _maxRejections;
        private readonly DigestChallenge[] _slots;
        private readonly uint[] _nc;
        private readonly bool[] _answered;
        private readonly int[] _rejections;
        // The challenges of one 401/407 are parsed into a table made for that response (DigestChallenge.TryParseAll
        // creates only the entries it fills) and dropped once the chosen ones are copied into _slots: a 401/407 comes
        // once per registration refresh or call set-up, and its parse already allocates its strings, while a table
        // held for it cost 1.4 KB of heap for the whole uptime (8 challenges of 12 fields, boxed one by one on nanoCLR).
        // No calculator is held: a response is computed in one call into the client's own _response, by a calculator
        // made for it and dropped (≈720 B with MD5, ≈1.1 KB with SHA-256 on nanoCLR), since a 401/407 is answered
        // once per registration refresh or challenged request; a shared one held its buffers for the uptime.
        private readonly byte[] _cnonceRaw = new byte[12];
        private readonly byte[] _response = new byte[64];
        private readonly string[] _one = new string[1];
        private int _count;
        private int _failures;

        /// <summary>Counters.</summary>
        public readonly DigestStats Stats = new DigestStats();

        /// <summary>
        /// Creates a client. <paramref name="maxRealms"/> bounds how many realms (registrar and proxies) can be
        /// answered at once; after <paramref name="maxRejections"/> non-stale re-challenges for one realm the
        /// outcome is <see cref="DigestOutcome.Rejected"/> (RFC 3261 §22.2: do not retry the same credentials forever).
        /// </summary>
        public DigestClient(DigestCredentialStore credentials, IRandomSource random, int maxRealms, int maxRejections)
        {
            _credentials = credentials;
            _random = random;
            _maxRejections = maxRejections < 1 ? 1 : maxRejections;
            _slots = new DigestChallenge[maxRealms];
            _nc = new uint[maxRealms];
            _answered = new bool[maxRealms];
            _rejections = new int[maxRealms];
        }

        /// <summary>Number of realms with a current challenge: write one header per index 0..Count-1.</summary>
        public int Count => _count;

        /// <summary>Rejections since the last <see cref="OnSuccess"/>.</summary>
        public int Failures => _failures;

        /// <summary>True when slot <paramref name="index"/> must be answered with Proxy-Authorization.</summary>
        public bool IsProxy(int index) => _slots[index] != null && _slots[index].IsProxy;

        /// <summary>The challenge held in slot <paramref name="index"/> (read it, do not modify it); null for a slot never filled.</summary>
        public DigestChallenge Challenge(int index) => _slots[index];

        /// <summary>Nonce count used in the last header written for slot <paramref name="index"/>.</summary>
        public uint NonceCount(int index) => _nc[index];

        /// <summary>Processes one WWW-Authenticate (proxy=false) or Proxy-Authenticate (proxy=true) value.</summary>
        public DigestOutcome OnChallenge(string headerValue, bool proxy)
        {
            _one[0] = headerValue;
            DigestOutcome r = OnChallenge(_one, 1, proxy);
            _one[0] = null;
            return r;
        }

        /// <summary>Same as <see cref="OnChallenge(string, bool)"/> for a header value given as a byte range of the received message.</summary>
        public DigestOutcome OnChallenge(byte[] message, int offset, int count, bool proxy)
            => OnChallenge(Utf8.GetString(message, offset, count), proxy);

        /// <summary>
        /// Processes all WWW-Authenticate / Proxy-Authenticate values of one 401/407 response. For each realm the
        /// strongest supported challenge is kept: SHA-256 over MD5 as local policy (RFC 8760 §2.4 otherwise takes
        /// the topmost supported one); the server's order breaks ties.
        /// </summary>
        public DigestOutcome OnChallenge(string[] headerValues, int count, bool proxy)
            => OnChallengeParsed(headerValues, count, proxy, new DigestChallenge[MaxParsed]);

        /// <summary>
        /// Processes every WWW-Authenticate (401) or Proxy-Authenticate (407) value of <paramref name="response"/>, as
        /// <see cref="OnChallenge(string[], int, bool)"/>; a response without any is Malformed.
        /// </summary>
        public DigestOutcome OnChallenge(SipMessage response)
        {
            bool proxy = response.StatusCode == 407;
            SipHeaderId id = proxy ? SipHeaderId.ProxyAuthenticate : SipHeaderId.WwwAuthenticate;
            var values = new string[MaxParsed];
            int n = 0;
            for (int i = response.FindHeader(id); i >= 0 && n < values.Length; i = response.FindHeader(id, i))
            {
                values[n++] = response.GetHeaderString(i);
            }
            return n == 0 ? DigestOutcome.Malformed : OnChallengeParsed(values, n, proxy, new DigestChallenge[MaxParsed]);
        }

        private DigestOutcome OnChallengeParsed(string[] headerValues, int count, bool proxy, DigestChallenge[] table)
        {
            Stats.Challenges++;
            int parsed = 0;
            for (int i = 0; i < count && parsed < MaxParsed; i++)
            {
                bool ok = DigestChallenge.TryParseAll(headerValues[i], table, parsed, MaxParsed - parsed, out int n);
                parsed += n;
                if (!ok) Stats.Malformed++;
            }
            if (parsed == 0) return DigestOutcome.Malformed;

            bool rejected = false, noCredentials = false, tableFull = false, unsupported = false;
            int usable = 0;
            for (int i = 0; i < parsed; i++)
            {
                table[i].IsProxy = proxy;
                if (SeenRealmBefore(table, i)) continue;
                int best = -1;
                for (int j = i; j < parsed; j++)
                {
                    DigestChallenge c = table[j];
                    if (c.Realm != table[i].Realm || !c.IsSupported) continue;
                    if (best < 0 || DigestAlgorithmNames.Rank(c.Algorithm) > DigestAlgorithmNames.Rank(table[best].Algorithm)) best = j;
                }
                if (best < 0)
                {
                    Stats.Unsupported++;
                    unsupported = true;
                    continue;
                }
                DigestChallenge chosen = table[best];
                if (_credentials.Find(chosen.Realm) < 0)
                {
                    Stats.NoCredentials++;
                    noCredentials = true;
                    continue;
                }
                int slot = FindSlot(chosen.Realm, proxy);
                if (slot >= 0 && chosen.Stale)
                {
                    // RFC 2617 §3.2.1: stale=true means the credentials were right; retry with the new nonce, no prompt.
                    Stats.StaleRetries++;
                }
                else if (slot >= 0 && _answered[slot])
                {
                    // Re-challenged after we answered and not stale: the server refused our credentials.
                    Stats.Rejections++;
                    _failures++;
                    if (++_rejections[slot] >= _maxRejections)
                    {
                        RemoveSlot(slot);
                        rejected = true;
                        continue;
                    }
                }
                else if (slot < 0)
                {
                    if (_count == _slots.Length)
                    {
                        tableFull = true;
                        continue;
                    }
                    slot = _count++;
                    _rejections[slot] = 0;
                }
                // A slot's challenge object is made when a realm first needs it: a client that is never challenged
                // (a provisioning server without digest) holds none.
                if (_slots[slot] == null) _slots[slot] = new DigestChallenge();
                _slots[slot].CopyFrom(chosen);
                _nc[slot] = 0;
                _answered[slot] = false;
                usable++;
            }
            if (rejected) return DigestOutcome.Rejected;
            if (noCredentials) return DigestOutcome.NoCredentials;
            if (tableFull) return DigestOutcome.TableFull;
            if (usable > 0) return DigestOutcome.Retry;
            return unsupported ? DigestOutcome.Unsupported : DigestOutcome.Malformed;
        }

        /// <summary>Call on a 2xx: the credentials worked, so the rejection counters restart (nonces are kept for reuse).</summary>
        public void OnSuccess()
        {
            _failures = 0;
            for (int i = 0; i < _count; i++) _rejections[i] = 0;
        }

        /// <summary>Forgets every challenge (e.g. after un-registering or a credentials change).</summary>
        public void Clear()
        {
            for (int i = 0; i < _slots.Length; i++) if (_slots[i] != null) _slots[i].Clear();
            _count = 0;
            _failures = 0;
        }

        /// <summary>
        /// Writes the Authorization (or Proxy-Authorization, see <see cref="IsProxy"/>) value for slot
        /// <paramref name="index"/> and request method/Request-URI; the nonce count advances by one.
        /// body is only hashed for qop=auth-int (null = empty). False when the slot cannot be answered or the buffer overflowed.
        /// </summary>
        public bool WriteAuthorization(int index, string method, string uri, byte[] body, int bodyOffset, int bodyCount, ByteWriter w)
        {
            if (index < 0 || index >= _count) return false;
            DigestChallenge c = _slots[index];
            int cred = _credentials.Find(c.Realm);
            if (cred < 0) return false;
            string qop = null;
            if (c.QopPresent)
            {
                if (c.QopAuth) qop = "auth";
                else if (c.QopAuthInt) qop = "auth-int";
                else return false;
            }
            string cnonce = null;
            if (qop != null || DigestAlgorithmNames.IsSession(c.Algorithm))
            {
                // RFC 7616 §3.4: cnonce is an unpredictable client value, fresh per request.
                _random.NextBytes(_cnonceRaw, 0, _cnonceRaw.Length);
                cnonce = Hex.ToLowerHex(_cnonceRaw, 0, _cnonceRaw.Length);
            }
            uint nc = _nc[index] + 1;
            byte[] pw = _credentials.PasswordBytes(cred);
            int n;
            n = new DigestCalculator().ComputeResponse(c.Algorithm, _credentials.Username(cred), c.Realm, pw, 0, pw.Length,
                method, uri, c.Nonce, nc, cnonce, qop, body, bodyOffset, bodyCount, _response, 0);
            if (n == 0) return false;

            int start = w.Position;
            w.Text("Digest username=");
            w.Quoted(_credentials.Username(cred));
            w.Text(", realm=");
            w.Quoted(c.Realm);
            w.Text(", nonce=");
            w.Quoted(c.Nonce);
            w.Text(", uri=");
            w.Quoted(uri);
            w.Text(", response=\"");
            w.Bytes(_response, 0, n);
            w.Text("\", algorithm=");
            w.Text(DigestAlgorithmNames.Name(c.Algorithm));
            if (cnonce != null)
            {
                w.Text(", cnonce=");
                w.Quoted(cnonce);
            }
            if (c.Opaque != null)
            {
                w.Text(", opaque=");
                w.Quoted(c.Opaque);
            }
            if (qop != null)
            {
                w.Text(", qop=");
                w.Text(qop);
                w.Text(", nc=");
                w.HexFixed(nc, 8);
            }
            if (w.Overflow)
            {
                w.Rewind(start);
                return false;
            }
            _nc[index] = nc;
            _answered[index] = true;
            Stats.AuthorizationsWritten++;
            return true;
        }

        /// <summary>Convenience: the header value as a string (allocates), or null.</summary>
        public string BuildAuthorization(int index, string method, string uri)
        {
            byte[] buf = new byte[1024];
            var w = new ByteWriter(buf, 0, buf.Length);
            return WriteAuthorization(index, method, uri, null, 0, 0, w) ? w.ToString() : null;
        }

        private static bool SeenRealmBefore(DigestChallenge[] table, int i)
        {
            for (int j = 0; j < i; j++)
            {
                if (table[j].Realm == table[i].Realm) return true;
            }
            return false;
        }

        private int FindSlot(string realm, bool proxy)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_slots[i].IsProxy == proxy && _slots[i].Realm == realm) return i;
            }
            return -1;
        }

        private void RemoveSlot(int slot)
        {
            // Keep 0..Count-1 dense by moving the last slot into the hole.
            int last = _count - 1;
            if (slot != last)
            {
                DigestChallenge tmp = _slots[slot];
                _slots[slot] = _slots[last];
                _slots[last] = tmp;
                _nc[slot] = _nc[last];
                _answered[slot] = _answered[last];
                _rejections[slot] = _rejections[last];
            }
            _slots[last].Clear();
            _count = last;
        }

        /// <summary>State summary without secrets (no password, no HA1).</summary>
        public override string ToString() => "DigestClient realms=" + _count + " failures=" + _failures + " " + Stats.ToString();
    }
}
