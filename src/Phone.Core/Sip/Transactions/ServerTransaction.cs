// Server transactions: INVITE (RFC 3261 §17.2.1, Figure 7, with RFC 6026 §7.1) and non-INVITE (§17.2.2, Figure 8).
namespace Phone.Core.Sip.Transactions
{
    using Phone.Core.Net;

    /// <summary>
    /// One slot of the server transaction table: remembers the request's branch, sent-by and method for matching
    /// retransmissions (§17.2.3) and the last response sent, which it re-sends for them, in a buffer lent by the layer's
    /// pool from the request's arrival until no retransmission can need it (a 2xx to an INVITE: the TU re-sends that one).
    /// </summary>
    public sealed class ServerTransaction
    {
        /// <summary>Longest branch or sent-by kept for matching; requests with longer ones are answered statelessly.</summary>
        public const int MaxKey = 64;

        /// <summary>§17.2.1: send 100 Trying if the TU has not answered within 200 ms.</summary>
        public const int TryingDelayMs = 200;

        private readonly TransactionLayer _layer;
        internal byte[] Buffer;     // last response, or the prepared 100 Trying; lent by the pool, null once given back
        internal int Length;
        private readonly byte[] _branch = new byte[MaxKey];
        private int _branchLength;
        private readonly byte[] _sentBy = new byte[MaxKey];
        private int _sentByLength;
        private int _sentByPort;
        private bool _responseSent;
        private long _tryingAt = long.MaxValue;
        private long _retransmitAt = long.MaxValue;   // Timer G
        private int _interval;
        private long _timeoutAt = long.MaxValue;      // Timer H
        private long _terminateAt = long.MaxValue;    // Timers I, J, L
        private bool _reliable;

        internal ServerTransaction(TransactionLayer layer)
        {
            _layer = layer;
        }

        /// <summary>Where the machine stands.</summary>
        public TransactionState State { get; private set; }

        /// <summary>True for an INVITE server transaction.</summary>
        public bool IsInvite { get; private set; }

        /// <summary>Method of the request.</summary>
        public SipMethod Method { get; private set; }

        /// <summary>Where responses go: the source of the request (RFC 3581 symmetric response routing).</summary>
        public NetEndPoint ResponseDestination { get; private set; }

        /// <summary>Status code of the last response sent (0 before any).</summary>
        public int LastStatusCode { get; private set; }

        /// <summary>The transaction user's context (a dialog, a call…).</summary>
        public object Owner;

        internal bool IsFree => State == TransactionState.Free;

        internal static bool KeyFits(SipMessage request)
            => request.Via.Branch.Length > 0 && request.Via.Branch.Length <= MaxKey && request.Via.Host.Length <= MaxKey;

        internal void Start(SipMessage request, NetEndPoint from, byte[] buffer, long nowMs)
        {
            Buffer = buffer;
            IsInvite = request.Method == SipMethod.Invite;
            Method = request.Method;
            ResponseDestination = from;
            LastStatusCode = 0;
            Owner = null;
            _branchLength = request.Via.Branch.Length;
            System.Array.Copy(request.Buffer, request.Via.Branch.Start, _branch, 0, _branchLength);
            _sentByLength = request.Via.Host.Length;
            System.Array.Copy(request.Buffer, request.Via.Host.Start, _sentBy, 0, _sentByLength);
            _sentByPort = request.Via.Port;
            _reliable = _layer.Sender.IsReliable(from);
            _responseSent = false;
            _retransmitAt = long.MaxValue;
            _timeoutAt = long.MaxValue;
            _terminateAt = long.MaxValue;
            _tryingAt = long.MaxValue;
            Length = 0;
            if (IsInvite)
            {
                // §17.2.1: prepare the 100 now, while the request is at hand; send it only if the TU is slow.
                Length = _layer.BuildTrying(request, Buffer);
                if (Length > 0) _tryingAt = nowMs + TryingDelayMs;
                State = TransactionState.Proceeding;
            }
            else
            {
                State = TransactionState.Trying;
            }
        }

        internal bool Matches(SipMessage request, bool ack)
        {
            if (State == TransactionState.Free || State == TransactionState.Terminated) return false;
            // §17.2.3: branch, sent-by and method; an ACK matches the INVITE it acknowledges.
            SipMethod method = ack ? SipMethod.Invite : request.Method;
            return method == Method
                && request.Via.Port == _sentByPort
                && SipText.Equals(request.Buffer, request.Via.Branch.Start, request.Via.Branch.Length, _branch, 0, _branchLength)
                && SipText.EqualsIgnoreCase(request.Buffer, request.Via.Host.Start, request.Via.Host.Length, _sentBy, 0, _sentByLength);
        }

        /// <summary>
        /// Sends a response built by the TU (status line first) and moves the machine accordingly. False when the
        /// transaction can no longer respond (already final) or the response does not fit.
        /// </summary>
        public bool Respond(byte[] response, int offset, int count, int statusCode, long nowMs)
        {
            bool final = statusCode >= 200;
            bool canRespond = State == TransactionState.Trying || State == TransactionState.Proceeding;
            if (!canRespond || count > Buffer.Length || statusCode < 100 || statusCode > 699) return false;
            System.Array.Copy(response, offset, Buffer, 0, count);
            Length = count;
            LastStatusCode = statusCode;
            _responseSent = true;
            _tryingAt = long.MaxValue;
            SipTimers t = _layer.Timers;
            if (!final)
            {
                State = TransactionState.Proceeding;   // §17.2.1 / §17.2.2
            }
            else if (IsInvite && statusCode < 300)
            {
                // RFC 6026 §7.1: Accepted absorbs INVITE retransmissions for Timer L; the TU retransmits the 2xx.
                State = TransactionState.Accepted;
                _terminateAt = nowMs + t.TransactionTimeout;
                Send();
                ReleaseBuffer();   // Accepted never re-sends: retransmitted INVITEs are absorbed
                return true;
            }
            else if (IsInvite)
            {
                // §17.2.1: retransmit the final response by Timer G until the ACK, give up at Timer H.
                State = TransactionState.Completed;
                _interval = t.T1;
                _retransmitAt = _reliable ? long.MaxValue : nowMs + _interval;
                _timeoutAt = nowMs + t.TransactionTimeout;
            }
            else
            {
                // §17.2.2: Completed answers retransmissions until Timer J.
                State = TransactionState.Completed;
                _terminateAt = nowMs + t.TimerJ(_reliable);
            }
            Send();
            return true;
        }

        internal void OnRetransmission(SipMessage request, bool ack, long nowMs)
        {
            if (ack)
            {
                if (State == TransactionState.Completed)
                {
                    // §17.2.1: the ACK for our non-2xx; Timer I absorbs its retransmissions.
                    State = TransactionState.Confirmed;
                    _retransmitAt = long.MaxValue;
                    _timeoutAt = long.MaxValue;
                    _terminateAt = nowMs + _layer.Timers.TimerIorK(_reliable);
                    ReleaseBuffer();   // Confirmed only absorbs ACK retransmissions
                }
                _layer.Stats.RetransmissionsAbsorbed++;
                return;
            }
            _layer.Stats.RetransmissionsAbsorbed++;
            // §17.2.1 / §17.2.2: a retransmitted request gets the last response again (none yet: nothing).
            if ((State == TransactionState.Proceeding || State == TransactionState.Completed) && _responseSent) Send();
        }

        internal long Poll(long nowMs)
        {
            if (State == TransactionState.Free) return long.MaxValue;
            if (State == TransactionState.Terminated)
            {
                State = TransactionState.Free;
                Owner = null;
                ReleaseBuffer();
                return long.MaxValue;
            }
            if (nowMs >= _terminateAt)
            {
                State = TransactionState.Terminated;   // Timer I, J or L
                return nowMs;
            }
            if (nowMs >= _timeoutAt)
            {
                State = TransactionState.Terminated;   // Timer H: the ACK never came
                _layer.User.OnNoAck(this, nowMs);
                return nowMs;
            }
            if (nowMs >= _tryingAt)
            {
                _tryingAt = long.MaxValue;
                _responseSent = true;
                LastStatusCode = 100;
                Send();
            }
            if (nowMs >= _retransmitAt)
            {
                _layer.Stats.Retransmissions++;
                Send();
                _interval *= 2;   // Timer G doubles up to T2 (§17.2.1)
                if (_interval > _layer.Timers.T2) _interval = _layer.Timers.T2;
                _retransmitAt = nowMs + _interval;
            }
            long next = _tryingAt;
            if (_retransmitAt < next) next = _retransmitAt;
            if (_timeoutAt < next) next = _timeoutAt;
            if (_terminateAt < next) next = _terminateAt;
            return next;
        }

        private void ReleaseBuffer()
        {
            _layer.Pool.Give(Buffer);
            Buffer = null;
            Length = 0;
        }

        private void Send()
        {
            if (Buffer == null) return;
            if (!_layer.Sender.Send(Buffer, 0, Length, ResponseDestination)) _layer.Stats.TransportErrors++;
        }
    }
}
