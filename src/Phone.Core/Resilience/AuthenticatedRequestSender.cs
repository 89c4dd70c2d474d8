// One stand-alone SIP request at a time with digest answers (RFC 3261 §22.2) and a retry when the transaction table is full.
namespace Phone.Core.Resilience
{
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Text;

    /// <summary>
    /// What <see cref="StaleBindingRemover"/> and <see cref="LocalCallReporter"/> share: a request outside any dialog
    /// with a fresh Call-ID and From tag per attempt, answered 401/407 with credentials at most twice (same Call-ID,
    /// CSeq + 1), resent every second up to five times while the transaction table is full, and counted by its final
    /// status. A subclass says what the request is (method, URIs, extra headers, body) and what a 2xx means.
    /// Forward the transaction events of transactions whose Owner is this object.
    /// </summary>
    public abstract class AuthenticatedRequestSender
    {
        private const int MaxAuthRetries = 2;
        private const int MaxTableFullRetries = 5;
        private const int TableFullRetryMs = 1000;

        private readonly TransactionLayer _layer;
        private readonly DigestClient _auth;
        private readonly SipMethod _method;
        private readonly string _requestUri;
        private readonly string _fromUri;
        private readonly string _toUri;
        private readonly SipScratch _scratch;

        private uint _localAddress;
        private int _localPort;
        private uint _cseq;
        // The request in progress (Call-ID, tag, transaction, retries), null between requests.
        private SenderExchange _exchange;

        /// <summary>
        /// <paramref name="auth"/> may be null (a challenge then ends the attempt). The request and its Authorization value
        /// are written in <paramref name="scratch"/>, which the phone's other request writers share: each attempt is
        /// written whole from this object's own state and copied into its transaction before anything else runs.
        /// </summary>
        protected AuthenticatedRequestSender(TransactionLayer layer, DigestClient auth, SipMethod method, string requestUri,
            string fromUri, string toUri, SipScratch scratch, uint localAddress, int localPort, System.Random random)
        {
            _layer = layer;
            _auth = auth;
            _method = method;
            _requestUri = requestUri;
            _fromUri = fromUri;
            _toUri = toUri;
            Ids = new SipIdGenerator(random);
            _scratch = scratch;
            SetLocal(localAddress, localPort);
        }

        /// <summary>Requests sent (first attempts, not digest resends).</summary>
        public int Sent { get; private set; }

        /// <summary>Final status of the last request (0 before any; 408 timeout, 503 transport error).</summary>
        public int LastStatus { get; private set; }

        /// <summary>True while a request is in flight.</summary>
        public bool Busy => _exchange != null && _exchange.InFlight != null;

        /// <summary>The Call-ID, tag and branch generator.</summary>
        protected SipIdGenerator Ids { get; }

        /// <summary>Our address changed (the Via and Call-ID of later requests).</summary>
        public void SetLocal(uint localAddress, int localPort)
        {
            _localAddress = localAddress;
            _localPort = localPort;
            if (_exchange != null) _exchange.LocalHost = NetEndPoint.AddressToString(localAddress);
        }

        /// <summary>Resends a request the full transaction table refused; returns the next deadline (long.MaxValue when none).</summary>
        public long Poll(long nowMs)
        {
            SenderExchange x = _exchange;
            if (x == null) return long.MaxValue;
            if (x.RetryAt == long.MaxValue || nowMs < x.RetryAt) return x.RetryAt;
            x.RetryAt = long.MaxValue;
            if (x.InFlight == null && StillWanted) Send(nowMs);
            Settle();
            return _exchange != null ? _exchange.RetryAt : long.MaxValue;
        }

        /// <summary>A response to our request.</summary>
        public void OnResponse(ClientTransaction tx, SipMessage response, long nowMs)
        {
            SenderExchange x = _exchange;
            if (x == null || tx != x.InFlight || tx.Owner != this || response.StatusCode < 200) return;
            x.InFlight = null;
            int code = response.StatusCode;
            LastStatus = code;
            if (code < 300)
            {
                Settle();
                if (_auth != null) _auth.OnSuccess();
                OnAccepted();
                return;
            }
            // §22.2: answer the challenge with the same Call-ID and CSeq + 1.
            if ((code == 401 || code == 407) && _auth != null && ++x.AuthRetries <= MaxAuthRetries
                && _auth.OnChallenge(response) == DigestOutcome.Retry)
            {
                Send(nowMs);
            }
            Settle();
        }

        /// <summary>Timer F for our request.</summary>
        public void OnTimeout(ClientTransaction tx, long nowMs)
        {
            if (_exchange == null || tx != _exchange.InFlight) return;
            _exchange.InFlight = null;
            LastStatus = 408;
            Settle();
        }

        /// <summary>The transport could not send our request.</summary>
        public void OnTransportError(ClientTransaction tx, long nowMs)
        {
            if (_exchange == null || tx != _exchange.InFlight) return;
            _exchange.InFlight = null;
            LastStatus = 503;
            Settle();
        }

        /// <summary>Starts a new request to <paramref name="destination"/> (a new Call-ID and tag); false when not sent now.</summary>
        protected bool Begin(NetEndPoint destination, long nowMs)
        {
            var x = new SenderExchange();
            x.Destination = destination;
            x.LocalHost = NetEndPoint.AddressToString(_localAddress);
            x.CallIdLength = Ids.WriteCallId(x.CallId, 0, x.LocalHost);
            Ids.WriteTag(x.Tag, 0);
            _exchange = x;
            Sent++;
            bool sent = Send(nowMs);
            Settle();
            return sent;
        }

        // A request that is neither in flight nor waiting for a resend has ended: its state goes.
        private void Settle()
        {
            SenderExchange x = _exchange;
            if (x != null && x.InFlight == null && x.RetryAt == long.MaxValue) _exchange = null;
        }

        /// <summary>A 2xx arrived.</summary>
        protected abstract void OnAccepted();

        /// <summary>False when a resend after a full table is no longer wanted.</summary>
        protected virtual bool StillWanted => true;

        /// <summary>Headers after CSeq (e.g. Contact, Expires).</summary>
        protected virtual void WriteHeaders(SipWriter w)
        {
        }

        /// <summary>The User-Agent header value, or null for none.</summary>
        protected virtual string UserAgent => null;

        /// <summary>The body's Content-Type, or null for a request without a body.</summary>
        protected virtual string ContentType => null;

        /// <summary>
        /// Writes the body (when <see cref="ContentType"/> is not null) into buffer[offset..offset+capacity) and returns its
        /// length, or -1 when it does not fit. Called for every attempt, digest resends included: the scratch holds
        /// other writers' messages in between, so a body is never read back from an earlier attempt.
        /// </summary>
        protected virtual int WriteBody(byte[] buffer, int offset, int capacity, long nowMs) => 0;

        /// <summary>The shared scratch (a subclass may test-write its body there while nothing is being written).</summary>
        protected SipScratch Scratch => _scratch;

        private bool Send(long nowMs)
        {
            SenderExchange x = _exchange;
            _cseq++;
            byte[] buffer = _scratch.Transmit;
            string contentType = ContentType;
            int bodyAt = buffer.Length;
            int bodyLength = 0;
            if (contentType != null)
            {
                // The body comes first (a qop=auth-int answer hashes it, RFC 2617 §3.2.2.3), parked at the end of the
                // buffer; the headers are then written in front of it and the body moved down behind them.
                bodyLength = WriteBody(buffer, 0, buffer.Length, nowMs);
                if (bodyLength < 0) return false;
                bodyAt = buffer.Length - bodyLength;
                for (int i = bodyLength - 1; i >= 0; i--) buffer[bodyAt + i] = buffer[i];
            }
            SipWriter w = _scratch.Writer;
            ByteWriter authWriter = _scratch.AuthWriter;
            byte[] authValue = _scratch.Auth;
            w.Reset(buffer, 0, buffer.Length);
            w.WriteRequestLine(_method, _requestUri);
            int bl = Ids.WriteBranch(x.Branch, 0);
            w.WriteVia("UDP", x.LocalHost, _localPort, x.Branch, 0, bl, true);
            w.WriteMaxForwards(70);
            w.WriteNameAddr(SipHeaderId.From, null, _fromUri, x.Tag, 0, x.Tag.Length);
            w.WriteNameAddr(SipHeaderId.To, null, _toUri, null, 0, 0);
            w.WriteCallId(x.CallId, 0, x.CallIdLength);
            w.WriteCSeq(_cseq, _method);
            WriteHeaders(w);
            for (int i = 0; _auth != null && i < _auth.Count; i++)
            {
                authWriter.Reset(authValue, 0, authValue.Length);
                if (!_auth.WriteAuthorization(i, SipMethods.Name(_method), _requestUri, contentType != null ? buffer : null, bodyAt, bodyLength, authWriter)
                    || authWriter.Overflow) continue;
                w.BeginHeader(_auth.IsProxy(i) ? SipHeaderId.ProxyAuthorization : SipHeaderId.Authorization);
                w.Append(authValue, 0, authWriter.Length);
                w.EndHeader();
            }
            string userAgent = UserAgent;
            if (userAgent != null) w.WriteHeader(SipHeaderId.UserAgent, userAgent);
            if (contentType != null)
            {
                w.BeginBody(contentType);
                // Every header byte lies below BodyStart: at or below bodyAt the parked body is intact.
                if (w.Overflow || w.BodyStart > bodyAt) return false;
                int start = w.BodyStart;
                for (int i = 0; i < bodyLength; i++) buffer[start + i] = buffer[bodyAt + i];
                w.EndBody(bodyLength);
            }
            else
            {
                w.EndWithoutBody();
            }
            if (w.Overflow) return false;
            x.InFlight = _layer.SendRequest(buffer, 0, w.Length, x.Destination, this, nowMs);
            if (x.InFlight == null)
            {
                // Transaction table full (the burst right after (re-)registering): try again shortly, same request.
                if (++x.TableFullRetries <= MaxTableFullRetries) x.RetryAt = nowMs + TableFullRetryMs;
                return false;
            }
            if (x.InFlight.State == TransactionState.Terminated || x.InFlight.State == TransactionState.Free)
            {
                x.InFlight = null;
                LastStatus = 503;
            }
            return x.InFlight != null;
        }
    }
}
