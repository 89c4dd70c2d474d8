// Removes our binding at the backup registrar after fail-back (REGISTER Contact ;expires=0, RFC 3261 §10.2.2, §10.3 step 6).
namespace Phone.Core.Resilience
{
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Text;

    /// <summary>
    /// Once the registration is bound at a better target than before (fail-back: primary again after the backup), the
    /// binding left at the worse one would make that registrar fork or route calls to a contact that no longer
    /// watches it until it expires (up to the full registration lifetime). This sends one REGISTER with the old
    /// Contact and <c>expires=0</c> to the registrar left behind: a different Call-ID with expiry 0 removes the binding
    /// (RFC 3261 §10.3 step 6). A 401/407 is answered with digest credentials (at most twice); any other outcome is only
    /// counted — the binding then expires by itself. Failover to a worse target sends nothing (the old one is dead).
    /// Forward the transaction events of transactions whose Owner is this object.
    /// </summary>
    public sealed class StaleBindingRemover
    {
        private const int MaxAuthRetries = 2;
        private const int MaxTableFullRetries = 5;
        private const int TableFullRetryMs = 1000;

        private readonly TransactionLayer _layer;
        private readonly DigestClient _auth;
        private readonly string _aor;
        private readonly string _registrarUri;
        private readonly string _userAgent;
        private readonly NetEndPoint[] _targets;
        private readonly SipIdGenerator _ids;
        private readonly byte[] _out = new byte[1024];   // REGISTER with one Contact and Authorization: ~650 bytes
        private readonly SipWriter _writer;
        private readonly byte[] _authValue = new byte[512];
        private readonly ByteWriter _authWriter;
        private readonly byte[] _callId = new byte[64];
        private readonly byte[] _tag = new byte[SipIdGenerator.TagLength];
        private readonly byte[] _branch = new byte[SipIdGenerator.BranchLength];
        private readonly string[] _challenges = new string[4];

        private string _localHost;
        private int _localPort;
        private int _callIdLength;
        private uint _cseq;
        private int _authRetries;
        private int _boundIndex = -1;
        private string _boundContact;
        private string _contact;
        private NetEndPoint _destination;
        private ClientTransaction _inFlight;
        private long _retryAt = long.MaxValue;
        private int _tableFullRetries;

        /// <summary>
        /// Creates the remover for the registration of <paramref name="addressOfRecord"/> at <paramref name="registrarUri"/>
        /// over <paramref name="targets"/> (the registration's target array, best first). <paramref name="auth"/> may be
        /// null (a challenge then ends the attempt); give it its own DigestClient: the registration's holds the nonce
        /// of the registrar in use (it may be shared with the LocalCallReporter).
        /// </summary>
        public StaleBindingRemover(TransactionLayer layer, DigestClient auth, NetEndPoint[] targets, string addressOfRecord,
            string registrarUri, string userAgent, uint localAddress, int localPort, System.Random random)
        {
            _layer = layer;
            _auth = auth;
            _targets = targets;
            _aor = addressOfRecord;
            _registrarUri = registrarUri;
            _userAgent = userAgent;
            _ids = new SipIdGenerator(random);
            _writer = new SipWriter(_out);
            _authWriter = new ByteWriter(_authValue, 0, _authValue.Length);
            SetLocal(localAddress, localPort);
        }

        /// <summary>Removal REGISTERs sent (first attempts, not digest resends).</summary>
        public int Sent { get; private set; }

        /// <summary>Bindings the left registrar confirmed removed (2xx).</summary>
        public int Removed { get; private set; }

        /// <summary>Final status of the last removal (0 before any; 408 timeout, 503 transport error).</summary>
        public int LastStatus { get; private set; }

        /// <summary>Index of the target of the last removal, -1 before any.</summary>
        public int LastTargetIndex { get; private set; } = -1;

        /// <summary>True while a removal is in flight.</summary>
        public bool Busy => _inFlight != null;

        /// <summary>Our address changed (the Via of later removals).</summary>
        public void SetLocal(uint localAddress, int localPort)
        {
            _localHost = NetEndPoint.AddressToString(localAddress);
            _localPort = localPort;
        }

        /// <summary>Follows <paramref name="registration"/>: every 2xx at a better target than the last one removes the old binding.</summary>
        public void Attach(RegistrationClient registration)
        {
            registration.Registered += OnRegistered;
        }

        private void OnRegistered(RegistrationClient sender, int statusCode, long nowMs)
        {
            int now = sender.TargetIndex;
            int before = _boundIndex;
            string oldContact = _boundContact;
            _boundIndex = now;
            _boundContact = sender.Contact;
            if (before > now && oldContact != null) Remove(before, oldContact, nowMs);
        }

        /// <summary>Sends REGISTER Contact: <paramref name="contact"/>;expires=0 to target <paramref name="index"/> now (false when busy).</summary>
        public bool Remove(int index, string contact, long nowMs)
        {
            if (_inFlight != null || index < 0 || index >= _targets.Length) return false;
            _destination = _targets[index];
            _contact = contact;
            _authRetries = 0;
            _tableFullRetries = 0;
            _retryAt = long.MaxValue;
            LastTargetIndex = index;
            // A Call-ID of our own: the registrar removes a binding whose Call-ID differs when the expiry is 0 (§10.3 step 6).
            _callIdLength = _ids.WriteCallId(_callId, 0, _localHost);
            _ids.WriteTag(_tag, 0);
            Sent++;
            return Send(nowMs);
        }

        /// <summary>Resends a removal the full transaction table refused; returns the next deadline (long.MaxValue when none).</summary>
        public long Poll(long nowMs)
        {
            if (_retryAt == long.MaxValue || nowMs < _retryAt) return _retryAt;
            _retryAt = long.MaxValue;
            if (_inFlight == null) Send(nowMs);
            return _retryAt;
        }

        /// <summary>A response to our REGISTER.</summary>
        public void OnResponse(ClientTransaction tx, SipMessage response, long nowMs)
        {
            if (tx != _inFlight || tx.Owner != this || response.StatusCode < 200) return;
            _inFlight = null;
            int code = response.StatusCode;
            LastStatus = code;
            if (code < 300)
            {
                if (_auth != null) _auth.OnSuccess();
                Removed++;
                return;
            }
            if ((code == 401 || code == 407) && _auth != null && ++_authRetries <= MaxAuthRetries)
            {
                bool proxy = code == 407;
                SipHeaderId id = proxy ? SipHeaderId.ProxyAuthenticate : SipHeaderId.WwwAuthenticate;
                int n = 0;
                for (int i = response.FindHeader(id); i >= 0 && n < _challenges.Length; i = response.FindHeader(id, i))
                {
                    _challenges[n++] = response.GetHeaderString(i);
                }
                DigestOutcome outcome = n == 0 ? DigestOutcome.Malformed : _auth.OnChallenge(_challenges, n, proxy);
                for (int i = 0; i < n; i++) _challenges[i] = null;
                if (outcome == DigestOutcome.Retry) Send(nowMs);
            }
        }

        /// <summary>Timer F for our REGISTER: the binding expires by itself.</summary>
        public void OnTimeout(ClientTransaction tx, long nowMs)
        {
            if (tx != _inFlight) return;
            _inFlight = null;
            LastStatus = 408;
        }

        /// <summary>The transport could not send our REGISTER.</summary>
        public void OnTransportError(ClientTransaction tx, long nowMs)
        {
            if (tx != _inFlight) return;
            _inFlight = null;
            LastStatus = 503;
        }

        private bool Send(long nowMs)
        {
            _cseq++;
            SipWriter w = _writer;
            w.Reset(_out, 0, _out.Length);
            w.WriteRequestLine(SipMethod.Register, _registrarUri);
            int bl = _ids.WriteBranch(_branch, 0);
            w.WriteVia("UDP", _localHost, _localPort, _branch, 0, bl, true);
            w.WriteMaxForwards(70);
            w.WriteNameAddr(SipHeaderId.From, null, _aor, _tag, 0, _tag.Length);
            w.WriteNameAddr(SipHeaderId.To, null, _aor, null, 0, 0);
            w.WriteCallId(_callId, 0, _callIdLength);
            w.WriteCSeq(_cseq, SipMethod.Register);
            w.WriteContact(_contact, 0);
            w.WriteHeader(SipHeaderId.Expires, 0u);
            for (int i = 0; _auth != null && i < _auth.Count; i++)
            {
                _authWriter.Reset(_authValue, 0, _authValue.Length);
                if (!_auth.WriteAuthorization(i, "REGISTER", _registrarUri, null, 0, 0, _authWriter) || _authWriter.Overflow) continue;
                w.BeginHeader(_auth.IsProxy(i) ? SipHeaderId.ProxyAuthorization : SipHeaderId.Authorization);
                w.Append(_authValue, 0, _authWriter.Length);
                w.EndHeader();
            }
            if (_userAgent != null) w.WriteHeader(SipHeaderId.UserAgent, _userAgent);
            w.EndWithoutBody();
            if (w.Overflow) return false;
            _inFlight = _layer.SendRequest(_out, 0, w.Length, _destination, this, nowMs);
            if (_inFlight == null)
            {
                // Transaction table full (a local shortage right after the fail-back burst): try again shortly.
                if (++_tableFullRetries <= MaxTableFullRetries) _retryAt = nowMs + TableFullRetryMs;
                return false;
            }
            if (_inFlight != null && (_inFlight.State == TransactionState.Terminated || _inFlight.State == TransactionState.Free))
            {
                _inFlight = null;
                LastStatus = 503;
            }
            return _inFlight != null;
        }
    }
}
