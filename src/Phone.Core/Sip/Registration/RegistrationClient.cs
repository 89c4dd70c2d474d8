// REGISTER client (RFC 3261 §10.2): digest auth (§22), refresh, 423 Min-Expires, back-off (RFC 5626 §4.5),
// 503 Retry-After, failover between registrar targets, public address learning (RFC 3581) and unregister.
namespace Phone.Core.Sip.Registration
{
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Core.Text;

    /// <summary>
    /// Keeps one address-of-record bound at a registrar. Runs on the protocol thread: call <see cref="Poll"/> by the
    /// deadline it returns, and forward the transaction layer's client events for transactions whose
    /// <see cref="ClientTransaction.Owner"/> is this object to <see cref="OnResponse"/>, <see cref="OnTimeout"/> and
    /// <see cref="OnTransportError"/>. Call-ID and From tag stay constant for the registration; CSeq increases with
    /// every REGISTER (§10.2.4). Registration is not per packet: strings are allocated here, on the edges only.
    /// </summary>
    public sealed class RegistrationClient
    {
        /// <summary>Digest retries within one attempt (stale nonces included) before giving up: no endless 401 loop.</summary>
        public const int MaxAuthRetries = 3;

        /// <summary>423 answers followed within one attempt (§10.2.8) before giving up.</summary>
        public const int MaxIntervalRetries = 2;

        private readonly RegistrationConfig _config;
        private readonly TransactionLayer _layer;
        private readonly DigestClient _auth;
        private readonly System.Random _random;
        private readonly SipIdGenerator _ids;
        // A REGISTER with its Authorization is 600-900 bytes; a request over 1300 would leave UDP (RFC 3261 §18.1.1).
        private const int MaxRequestBytes = 1300;
        private readonly SipScratch _scratch;
        // The registration's Call-ID, then its From tag (both constant, §10.2), in one array of their size. The branch of
        // each REGISTER is written in the scratch's credential buffer and copied into the Via before any credential is.
        private readonly byte[] _dialogIds;
        private string _localHost;
        private int _localPort;

        private uint _cseq;
        private int _expires;
        private int _target;
        private int _targetsTried;
        private int _failures;
        private int _authRetries;
        private int _intervalRetries;
        private long _nextAt = long.MaxValue;
        private bool _unregisterAfter;
        private string _contact;
        private string _oldContact;
        private uint _contactAddress;
        private int _contactPort;

        /// <summary>Creates the client with buffers of its own; nothing is sent until <see cref="Start"/>.</summary>
        public RegistrationClient(RegistrationConfig config, TransactionLayer layer, DigestClient auth, System.Random random)
            : this(config, layer, auth, random, new SipScratch(MaxRequestBytes, SipScratch.DefaultAuthBytes))
        {
        }

        /// <summary>
        /// Creates the client writing its REGISTERs in <paramref name="scratch"/>, shared with the phone's other request
        /// writers: each REGISTER, digest resends included, is written whole from this client's state and copied into its
        /// transaction before anything else runs. Nothing is sent until <see cref="Start"/>.
        /// </summary>
        public RegistrationClient(RegistrationConfig config, TransactionLayer layer, DigestClient auth, System.Random random, SipScratch scratch)
        {
            _config = config;
            _layer = layer;
            _auth = auth;
            _random = random;
            _ids = new SipIdGenerator(random);
            _scratch = scratch;
            _localHost = NetEndPoint.AddressToString(config.LocalAddress);
            _localPort = config.LocalPort;
            int callIdLength = SipIdGenerator.CallIdRandomLength + 1 + _localHost.Length;
            _dialogIds = new byte[callIdLength + SipIdGenerator.TagLength];
            _ids.WriteCallId(_dialogIds, 0, _localHost);
            _ids.WriteTag(_dialogIds, callIdLength);
            _expires = config.Expires;
            SetContact(config.LocalAddress, config.LocalPort);
        }

        /// <summary>Current state.</summary>
        public RegistrationState State { get; private set; }

        /// <summary>Why the state last changed (for the log and the status page).</summary>
        public string StateReason { get; private set; }

        /// <summary>Expiry the registrar granted last, seconds (0 before the first success).</summary>
        public int GrantedExpires { get; private set; }

        /// <summary>The Contact URI currently registered or being registered.</summary>
        public string Contact => _contact;

        /// <summary>Index in <see cref="RegistrationConfig.Targets"/> of the registrar in use.</summary>
        public int TargetIndex => _target;

        /// <summary>The registrar end point in use.</summary>
        public NetEndPoint Target => _config.Targets[_target];

        /// <summary>Consecutive failed attempts (drives the back-off).</summary>
        public int ConsecutiveFailures => _failures;

        /// <summary>CSeq of the last REGISTER sent.</summary>
        public uint CSeq => _cseq;

        /// <summary>When set, the registrar in use is put on its allow list (and the previous one taken off).</summary>
        public SipSourceFilter Filter;

        /// <summary>A 2xx to REGISTER (first registration, refresh or re-registration with a new Contact).</summary>
        public event RegistrationEventHandler Registered;

        /// <summary>An attempt failed (final non-2xx, timeout = 408, transport error = 503); a retry is scheduled.</summary>
        public event RegistrationEventHandler Failed;

        /// <summary>The binding was removed (or un-registering gave up); the client is idle.</summary>
        public event RegistrationEventHandler Unregistered;

        /// <summary>The client moved to another registrar target (after a timeout, transport error or 503).</summary>
        public event RegistrationEventHandler FailedOver;

        /// <summary>Starts registering now.</summary>
        public void Start(long nowMs)
        {
            _unregisterAfter = false;
            _expires = _config.Expires;
            _failures = 0;
            _targetsTried = 0;
            BeginAttempt(RegistrationState.Registering, "start", nowMs);
        }

        /// <summary>
        /// Removes the binding (REGISTER with Expires: 0, §10.2.2), e.g. at shutdown. When nothing is bound the
        /// client goes idle at once and raises <see cref="Unregistered"/>.
        /// </summary>
        public void Unregister(long nowMs)
        {
            // A failed refresh leaves the old binding at the registrar until it expires: remove it too.
            if (State == RegistrationState.Registered || (State == RegistrationState.WaitingRetry && GrantedExpires > 0))
            {
                BeginAttempt(RegistrationState.Unregistering, "unregister", nowMs);
            }
            else if (State == RegistrationState.Refreshing || State == RegistrationState.Registering)
            {
                // A REGISTER is in flight: un-register as soon as it is answered.
                _unregisterAfter = true;
            }
            else
            {
                _nextAt = long.MaxValue;
                SetState(RegistrationState.Unregistered, "unregister (nothing bound)");
                Raise(Unregistered, 0, nowMs);
            }
        }

        /// <summary>
        /// Moves to registrar target <paramref name="index"/> (a failover manager's call); registers there now unless
        /// the client is idle.
        /// </summary>
        public void UseTarget(int index, long nowMs)
        {
            if (index < 0 || index >= _config.Targets.Length) return;
            SwitchTarget(index);
            if (State != RegistrationState.Unregistered) BeginAttempt(RegistrationState.Registering, "target set", nowMs);
        }

        /// <summary>
        /// The link came back or our address changed: register the new Contact now instead of at the next refresh
        /// (the registrar would otherwise route calls to an address we no longer have until the binding expires).
        /// A bound old Contact that differs goes in the same REGISTER with <c>;expires=0</c> (RFC 3261 §10.2.2).
        /// Does nothing while idle or un-registering.
        /// </summary>
        public void OnNetworkChange(uint localAddress, int localPort, long nowMs)
        {
            if (State == RegistrationState.Unregistered || State == RegistrationState.Unregistering) return;
            string before = _contact;
            _localHost = NetEndPoint.AddressToString(localAddress);
            _localPort = localPort;
            SetContact(localAddress, localPort);
            if (GrantedExpires > 0 && before != _contact) _oldContact = before;
            _failures = 0;
            _targetsTried = 0;
            BeginAttempt(RegistrationState.Registering, "network change", nowMs);
        }

        /// <summary>Fires the refresh or retry timer; returns the next deadline (long.MaxValue when none).</summary>
        public long Poll(long nowMs)
        {
            if (nowMs >= _nextAt)
            {
                _nextAt = long.MaxValue;
                if (State == RegistrationState.Registered) BeginAttempt(RegistrationState.Refreshing, "refresh timer", nowMs);
                else if (State == RegistrationState.WaitingRetry) BeginAttempt(RegistrationState.Registering, "retry timer", nowMs);
            }
            return _nextAt;
        }

        /// <summary>A response to one of our REGISTER transactions.</summary>
        public void OnResponse(ClientTransaction tx, SipMessage response, long nowMs)
        {
            if (!IsCurrent(tx) || response.StatusCode < 200) return;
            int code = response.StatusCode;
            if (code < 300)
            {
                OnSuccess(response, nowMs);
                return;
            }
            if (code == 401 || code == 407)
            {
                OnChallenge(response, nowMs);
                return;
            }
            if (code == 423)
            {
                // §10.2.8: retry with an expiry at least Min-Expires.
                uint min;
                if (response.TryGetHeaderUInt(SipHeaderId.MinExpires, out min) && min > (uint)_expires
                    && ++_intervalRetries <= MaxIntervalRetries && State != RegistrationState.Unregistering)
                {
                    _expires = (int)min;
                    Send(nowMs, "423 Min-Expires " + min.ToString());
                    return;
                }
                Fail(code, "423 without a usable Min-Expires", false, nowMs);
                return;
            }
            if (code == 503)
            {
                uint retryAfter;
                if (response.TryGetHeaderUInt(SipHeaderId.RetryAfter, out retryAfter) && State != RegistrationState.Unregistering)
                {
                    // RFC 3261 §21.5.4: the server told us when to come back; that beats our own back-off.
                    _failures++;
                    ScheduleRetry(nowMs + (long)retryAfter * 1000, "503 Retry-After " + retryAfter.ToString());
                    Raise(Failed, code, nowMs);
                    return;
                }
                Fail(code, "503", true, nowMs);
                return;
            }
            Fail(code, "final " + code.ToString(), false, nowMs);
        }

        /// <summary>Timer F fired for our REGISTER (treated as 408, §8.1.3.1): fail over and back off.</summary>
        public void OnTimeout(ClientTransaction tx, long nowMs)
        {
            if (IsCurrent(tx)) Fail(408, "timeout", true, nowMs);
        }

        /// <summary>The transport refused our REGISTER (treated as 503, §8.1.3.1): fail over and back off.</summary>
        public void OnTransportError(ClientTransaction tx, long nowMs)
        {
            if (IsCurrent(tx)) Fail(503, "transport error", true, nowMs);
        }

        private bool IsCurrent(ClientTransaction tx) => tx.Owner == this && tx.CSeq == _cseq
            && (State == RegistrationState.Registering || State == RegistrationState.Refreshing || State == RegistrationState.Unregistering);

        private void BeginAttempt(RegistrationState state, string reason, long nowMs)
        {
            _authRetries = 0;
            _intervalRetries = 0;
            SetState(state, reason);
            Send(nowMs, reason);
        }

        private void OnSuccess(SipMessage response, long nowMs)
        {
            _auth.OnSuccess();
            _failures = 0;
            _targetsTried = 0;
            if (State == RegistrationState.Unregistering)
            {
                _oldContact = null;
                GrantedExpires = 0;
                _nextAt = long.MaxValue;
                if (Filter != null) Filter.Remove(Target);
                SetState(RegistrationState.Unregistered, "unregistered (2xx)");
                Raise(Unregistered, response.StatusCode, nowMs);
                return;
            }
            _oldContact = null;
            if (Filter != null) Filter.Allow(Target);
            if (_unregisterAfter)
            {
                _unregisterAfter = false;
                BeginAttempt(RegistrationState.Unregistering, "unregister (deferred)", nowMs);
                return;
            }
            if (_config.LearnPublicAddress && LearnPublicAddress(response))
            {
                // RFC 3581 §9 / RFC 5626 §3: the registrar saw another address; bind that one and drop the old.
                BeginAttempt(RegistrationState.Registering, "public address learned", nowMs);
                return;
            }
            int granted = GrantedFrom(response);
            GrantedExpires = granted;
            // Refresh at 50-90 % of the granted time (jitter spreads a building full of phones after a power cut).
            long refreshMs = (long)granted * (50 + _random.Next(41)) * 10;
            if (refreshMs < 1000) refreshMs = 1000;
            _nextAt = nowMs + refreshMs;
            SetState(RegistrationState.Registered, "2xx, expires " + granted.ToString());
            Raise(Registered, response.StatusCode, nowMs);
        }

        private void OnChallenge(SipMessage response, long nowMs)
        {
            DigestOutcome outcome = _auth.OnChallenge(response);
            // §22.2: resend with credentials; a challenge after that which is not stale means the password is wrong
            // (DigestClient reports Rejected). The per-attempt cap also ends a server that says stale=true forever.
            if (outcome == DigestOutcome.Retry && ++_authRetries <= MaxAuthRetries)
            {
                Send(nowMs, "digest challenge");
                return;
            }
            Fail(response.StatusCode, "authentication failed (" + DigestOutcomeNames.Name(outcome) + ")", false, nowMs);
        }

        private void Fail(int code, string reason, bool failover, long nowMs)
        {
            if (State == RegistrationState.Unregistering)
            {
                // Shutting down: do not retry; the binding expires by itself at the registrar.
                _nextAt = long.MaxValue;
                SetState(RegistrationState.Unregistered, "unregister failed: " + reason);
                Raise(Unregistered, code, nowMs);
                return;
            }
            _failures++;
            if (failover && _config.Targets.Length > 1)
            {
                SwitchTarget((_target + 1) % _config.Targets.Length);
                Raise(FailedOver, code, nowMs);
                if (++_targetsTried < _config.Targets.Length)
                {
                    // RFC 3263 §4.3: on a timeout or 503 try the next server at once.
                    Raise(Failed, code, nowMs);
                    BeginAttempt(RegistrationState.Registering, reason + ", next target", nowMs);
                    return;
                }
                _targetsTried = 0;
            }
            ScheduleRetry(nowMs + BackoffMs(), reason);
            Raise(Failed, code, nowMs);
        }

        /// <summary>RFC 5626 §4.5: wait = min(max-time, base · 2^failures), then a random 50-100 % of that.</summary>
        private long BackoffMs()
        {
            long wait = _config.BackoffBaseSeconds;
            for (int i = 1; i < _failures && wait < _config.BackoffMaxSeconds; i++) wait *= 2;
            if (wait > _config.BackoffMaxSeconds) wait = _config.BackoffMaxSeconds;
            return wait * (500 + _random.Next(501));
        }

        private void ScheduleRetry(long at, string reason)
        {
            _nextAt = at;
            SetState(RegistrationState.WaitingRetry, reason);
        }

        private void SwitchTarget(int index)
        {
            if (Filter != null) Filter.Remove(Target);
            // A nonce belongs to the server that issued it: another registrar of the same realm would re-challenge our
            // old answer, which the digest client would take for a wrong password. Start the new target unauthenticated.
            if (index != _target) _auth.Clear();
            _target = index;
        }

        private bool LearnPublicAddress(SipMessage response)
        {
            if (!response.Via.Received.IsPresent || response.Via.RPort <= 0) return false;
            uint address;
            if (!NetEndPoint.TryParseAddress(response.GetString(response.Via.Received), out address)) return false;
            int port = response.Via.RPort;
            if (address == _contactAddress && port == _contactPort) return false;
            _oldContact = _contact;
            SetContact(address, port);
            return true;
        }

        private void SetContact(uint address, int port)
        {
            _contactAddress = address;
            _contactPort = port;
            _contact = "sip:" + _config.ContactUser + "@" + NetEndPoint.AddressToString(address) + ":" + port.ToString();
            if (_config.Transport != null && !AuthText.EqualsIgnoreCase(_config.Transport, "UDP"))
            {
                // RFC 3261 §19.1.1: transport=tcp / tls so that requests to us come over the same kind of flow.
                char[] lower = new char[_config.Transport.Length];
                for (int i = 0; i < lower.Length; i++)
                {
                    char c = _config.Transport[i];
                    lower[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
                }
                _contact = _contact + ";transport=" + new string(lower);
            }
        }

        private int GrantedFrom(SipMessage response)
        {
            // §10.2.4: the expires parameter of our Contact in the 2xx, else the Expires header, else what we asked.
            for (int n = 0; n < response.ContactCount; n++)
            {
                SipNameAddr c;
                if (!response.TryGetNameAddr(SipHeaderId.Contact, n, out c) || !IsOurContact(response.Buffer, c.Uri)) continue;
                SipSlice v;
                uint e;
                if (c.TryGetParameter(response.Buffer, "expires", out v) && SipText.TryParseUInt32(response.Buffer, v.Start, v.Length, out e))
                {
                    return (int)e;
                }
            }
            if (response.Expires >= 0) return (int)response.Expires;
            return _expires;
        }

        private bool IsOurContact(byte[] buf, SipUri uri)
        {
            uint a;
            if (!uri.Host.IsPresent || !NetEndPoint.TryParseAddress(SipText.ToAsciiString(buf, uri.Host.Start, uri.Host.Length), out a)) return false;
            return a == _contactAddress && (uri.Port == 0 ? 5060 : uri.Port) == _contactPort;
        }

        private void Send(long nowMs, string reason)
        {
            bool removing = State == RegistrationState.Unregistering;
            _cseq++;
            byte[] buffer = _scratch.Transmit;
            SipWriter w = _scratch.Writer;
            ByteWriter authWriter = _scratch.AuthWriter;
            byte[] authValue = _scratch.Auth;
            w.Reset(buffer, 0, buffer.Length < MaxRequestBytes ? buffer.Length : MaxRequestBytes);
            w.WriteRequestLine(SipMethod.Register, _config.RegistrarUri);
            int bl = _ids.WriteBranch(authValue, 0);
            w.WriteVia(_config.Transport, _localHost, _localPort, authValue, 0, bl, true);
            w.WriteMaxForwards(70);
            int callIdLength = _dialogIds.Length - SipIdGenerator.TagLength;
            w.WriteNameAddr(SipHeaderId.From, null, _config.AddressOfRecord, _dialogIds, callIdLength, SipIdGenerator.TagLength);
            w.WriteNameAddr(SipHeaderId.To, null, _config.AddressOfRecord, null, 0, 0);
            w.WriteCallId(_dialogIds, 0, callIdLength);
            w.WriteCSeq(_cseq, SipMethod.Register);
            if (_oldContact != null) w.WriteContact(_oldContact, 0);
            w.WriteContact(_contact, removing ? 0 : _expires);
            w.WriteHeader(SipHeaderId.Expires, (uint)(removing ? 0 : _expires));
            for (int i = 0; i < _auth.Count; i++)
            {
                authWriter.Reset(authValue, 0, authValue.Length);
                if (!_auth.WriteAuthorization(i, "REGISTER", _config.RegistrarUri, null, 0, 0, authWriter) || authWriter.Overflow) continue;
                w.BeginHeader(_auth.IsProxy(i) ? SipHeaderId.ProxyAuthorization : SipHeaderId.Authorization);
                w.Append(authValue, 0, authWriter.Length);
                w.EndHeader();
            }
            if (_config.UserAgent != null) w.WriteHeader(SipHeaderId.UserAgent, _config.UserAgent);
            w.EndWithoutBody();
            ClientTransaction tx = w.Overflow ? null : _layer.SendRequest(buffer, 0, w.Length, Target, this, nowMs);
            if (tx == null)
            {
                // No transaction slot (or an oversize message): try again after the back-off, as for a 503.
                Fail(503, reason + ": no transaction slot", false, nowMs);
            }
        }

        private void SetState(RegistrationState next, string reason)
        {
            State = next;
            StateReason = reason;
        }

        private void Raise(RegistrationEventHandler handler, int code, long nowMs)
        {
            if (handler != null) handler(this, code, nowMs);
        }
    }
}
