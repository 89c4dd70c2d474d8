// Reports the local-survivability call log to the PBX as a SIP MESSAGE (RFC 3428, text/plain) once registered again.
namespace Phone.Core.Resilience
{
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Text;

    /// <summary>
    /// When the registration succeeds and the <see cref="LocalCallLog"/> holds records, sends one MESSAGE to
    /// <c>reportUri</c> through the registrar in use, with the body of <see cref="LocalCallLog.WriteReport"/>. A 2xx
    /// clears the log; a 401/407 is answered with digest credentials (RFC 3261 §22.2, at most twice); any other
    /// outcome keeps the log for the next registration. Forward the transaction events of transactions whose Owner
    /// is this object.
    /// </summary>
    public sealed class LocalCallReporter
    {
        private const int MaxAuthRetries = 2;
        private const int MaxTableFullRetries = 5;
        private const int TableFullRetryMs = 1000;

        private readonly LocalCallLog _log;
        private readonly TransactionLayer _layer;
        private readonly DigestClient _auth;
        private readonly string _from;
        private readonly string _reportUri;
        private readonly SipIdGenerator _ids;
        private readonly byte[] _out = new byte[2048];
        private readonly byte[] _body = new byte[1024];
        private readonly SipWriter _writer;
        private readonly byte[] _authValue = new byte[768];
        private readonly ByteWriter _authWriter;
        private readonly byte[] _callId = new byte[64];
        private readonly byte[] _tag = new byte[SipIdGenerator.TagLength];
        private readonly byte[] _branch = new byte[SipIdGenerator.BranchLength];
        private readonly string[] _challenges = new string[4];

        private string _localHost;
        private int _localPort;
        private int _callIdLength;
        private uint _cseq;
        private int _bodyLength;
        private int _authRetries;
        private NetEndPoint _destination;
        private ClientTransaction _inFlight;
        private long _retryAt = long.MaxValue;
        private int _tableFullRetries;

        /// <summary>
        /// Creates the reporter. <paramref name="auth"/> may be null (no credentials: a challenge ends the attempt).
        /// </summary>
        public LocalCallReporter(LocalCallLog log, TransactionLayer layer, DigestClient auth, string fromAor, string reportUri,
            uint localAddress, int localPort, System.Random random)
        {
            _log = log;
            _layer = layer;
            _auth = auth;
            _from = fromAor;
            _reportUri = reportUri;
            _ids = new SipIdGenerator(random);
            _writer = new SipWriter(_out);
            _authWriter = new ByteWriter(_authValue, 0, _authValue.Length);
            SetLocal(localAddress, localPort);
        }

        /// <summary>Reports accepted by the PBX (2xx).</summary>
        public int Reported { get; private set; }

        /// <summary>Reports sent (first attempts, not digest resends).</summary>
        public int Sent { get; private set; }

        /// <summary>Final status of the last report (0 before any; 408 timeout, 503 transport error).</summary>
        public int LastStatus { get; private set; }

        /// <summary>True while a MESSAGE is in flight.</summary>
        public bool Busy => _inFlight != null;

        /// <summary>Our address changed.</summary>
        public void SetLocal(uint localAddress, int localPort)
        {
            _localHost = NetEndPoint.AddressToString(localAddress);
            _localPort = localPort;
        }

        /// <summary>Sends the report on every 2xx to REGISTER (subscribe to <see cref="RegistrationClient.Registered"/>).</summary>
        public void Attach(RegistrationClient registration)
        {
            registration.Registered += (r, code, now) => TrySend(r.Target, now);
        }

        /// <summary>Sends the log to <paramref name="registrar"/> now when it holds records and nothing is in flight.</summary>
        public bool TrySend(NetEndPoint registrar, long nowMs)
        {
            if (_inFlight != null || _log.Count == 0) return false;
            _bodyLength = _log.WriteReport(_body, 0, _body.Length, nowMs);
            if (_bodyLength < 0) return false;
            _destination = registrar;
            _authRetries = 0;
            _tableFullRetries = 0;
            _retryAt = long.MaxValue;
            // A new Call-ID per report: each is a stand-alone request (RFC 3428 §7).
            _callIdLength = _ids.WriteCallId(_callId, 0, _localHost);
            _ids.WriteTag(_tag, 0);
            Sent++;
            return Send(nowMs);
        }

        /// <summary>Resends a MESSAGE the full transaction table refused; returns the next deadline (long.MaxValue when none).</summary>
        public long Poll(long nowMs)
        {
            if (_retryAt == long.MaxValue || nowMs < _retryAt) return _retryAt;
            _retryAt = long.MaxValue;
            if (_inFlight == null && _log.Count > 0) Send(nowMs);
            return _retryAt;
        }

        /// <summary>A response to our MESSAGE.</summary>
        public void OnResponse(ClientTransaction tx, SipMessage response, long nowMs)
        {
            if (tx != _inFlight || tx.Owner != this || response.StatusCode < 200) return;
            _inFlight = null;
            int code = response.StatusCode;
            LastStatus = code;
            if (code < 300)
            {
                if (_auth != null) _auth.OnSuccess();
                Reported++;
                _log.Clear();
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

        /// <summary>Timer F for our MESSAGE: the log is kept for the next registration.</summary>
        public void OnTimeout(ClientTransaction tx, long nowMs)
        {
            if (tx != _inFlight) return;
            _inFlight = null;
            LastStatus = 408;
        }

        /// <summary>The transport could not send our MESSAGE: the log is kept.</summary>
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
            w.WriteRequestLine(SipMethod.Message, _reportUri);
            int bl = _ids.WriteBranch(_branch, 0);
            w.WriteVia("UDP", _localHost, _localPort, _branch, 0, bl, true);
            w.WriteMaxForwards(70);
            w.WriteNameAddr(SipHeaderId.From, null, _from, _tag, 0, _tag.Length);
            w.WriteNameAddr(SipHeaderId.To, null, _reportUri, null, 0, 0);
            w.WriteCallId(_callId, 0, _callIdLength);
            w.WriteCSeq(_cseq, SipMethod.Message);
            for (int i = 0; _auth != null && i < _auth.Count; i++)
            {
                _authWriter.Reset(_authValue, 0, _authValue.Length);
                if (!_auth.WriteAuthorization(i, "MESSAGE", _reportUri, _body, 0, _bodyLength, _authWriter) || _authWriter.Overflow) continue;
                w.BeginHeader(_auth.IsProxy(i) ? SipHeaderId.ProxyAuthorization : SipHeaderId.Authorization);
                w.Append(_authValue, 0, _authWriter.Length);
                w.EndHeader();
            }
            w.EndWithBody("text/plain", _body, 0, _bodyLength);
            if (w.Overflow) return false;
            _inFlight = _layer.SendRequest(_out, 0, w.Length, _destination, this, nowMs);
            if (_inFlight == null)
            {
                // Transaction table full (the burst right after re-registering): try again shortly, same body and credentials.
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
