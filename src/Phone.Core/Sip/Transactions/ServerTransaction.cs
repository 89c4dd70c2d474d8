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

        // On nanoCLR every field is a 12-byte heap block whatever its type (a struct field a boxed object more), so the
        // machine's small values share words: the state, method, flags and last status in _bits; the key lengths and
        // sent-by port in _key; the response destination in one long; the key bytes in the layer's table.
        private const int StateMask = 0xF;
        private const int MethodShift = 4;
        private const int ResponseSentBit = 1 << 12;
        private const int ReliableBit = 1 << 13;
        private const int StatusShift = 16;

        private readonly TransactionLayer _layer;
        private readonly int _keyAt;  // branch at _keyAt, sent-by at _keyAt + MaxKey in the layer's key table
        internal byte[] Buffer;       // last response, or the prepared 100 Trying; lent by the pool, null once given back
        internal int Length;
        private int _bits;            // State | Method << 4 | flags | LastStatusCode << 16
        private int _key;             // branch length | sent-by length << 8 | sent-by port << 16
        private long _sendAt = long.MaxValue;   // the prepared 100 Trying (Proceeding) or Timer G (Completed)
        private long _endAt = long.MaxValue;    // Timer H (INVITE Completed) or Timers I, J, L
        private int _interval;
        private long _to;             // ResponseDestination: address << 16 | port

        internal ServerTransaction(TransactionLayer layer, int keyAt)
        {
            _layer = layer;
            _keyAt = keyAt;
        }

        /// <summary>Bytes of the layer's key table per server transaction: branch and sent-by.</summary>
        internal const int KeyBytes = 2 * MaxKey;

        /// <summary>Where the machine stands.</summary>
        public TransactionState State
        {
            get => (TransactionState)(_bits & StateMask);
            private set => _bits = (_bits & ~StateMask) | (int)value;
        }

        /// <summary>True for an INVITE server transaction.</summary>
        public bool IsInvite => Method == SipMethod.Invite;

        /// <summary>Method of the request.</summary>
        public SipMethod Method => (SipMethod)((_bits >> MethodShift) & 0xFF);

        /// <summary>Where responses go: the source of the request (RFC 3581 symmetric response routing).</summary>
        public NetEndPoint ResponseDestination
        {
            get => NetEndPoint.Unpack(_to);
        }

        /// <summary>Status code of the last response sent (0 before any).</summary>
        public int LastStatusCode
        {
            get => (_bits >> StatusShift) & 0x3FF;
            private set => _bits = (_bits & ((1 << StatusShift) - 1)) | (value << StatusShift);
        }

        /// <summary>The transaction user's context (a dialog, a call…).</summary>
        public object Owner;

        private bool ResponseSent
        {
            get => (_bits & ResponseSentBit) != 0;
            set => _bits = value ? _bits | ResponseSentBit : _bits & ~ResponseSentBit;
        }

        private bool Reliable => (_bits & ReliableBit) != 0;

        internal bool IsFree => State == TransactionState.Free;

        internal static bool KeyFits(SipMessage request)
            => request.Via.Branch.Length > 0 && request.Via.Branch.Length <= MaxKey && request.Via.Host.Length <= MaxKey;

        internal void Start(SipMessage request, NetEndPoint from, byte[] buffer, long nowMs)
        {
            Buffer = buffer;
            SipVia via = request.Via;
            _bits = ((int)request.Method << MethodShift) | (_layer.Sender.IsReliable(from) ? ReliableBit : 0);   // Free, status 0
            _to = from.Pack();
            Owner = null;
            byte[] keys = _layer.Keys;
            System.Array.Copy(request.Buffer, via.Branch.Start, keys, _keyAt, via.Branch.Length);
            System.Array.Copy(request.Buffer, via.Host.Start, keys, _keyAt + MaxKey, via.Host.Length);
            _key = via.Branch.Length | (via.Host.Length << 8) | (via.Port << 16);
            _sendAt = long.MaxValue;
            _endAt = long.MaxValue;
            Length = 0;
            if (IsInvite)
            {
                // §17.2.1: prepare the 100 now, while the request is at hand; send it only if the TU is slow.
                Length = _layer.BuildTrying(request, Buffer);
                if (Length > 0) _sendAt = nowMs + TryingDelayMs;
                State = TransactionState.Proceeding;
            }
            else
            {
                State = TransactionState.Trying;
            }
        }

        internal bool Matches(SipMessage request, bool ack)
        {
            TransactionState state = State;
            if (state == TransactionState.Free || state == TransactionState.Terminated) return false;
            // §17.2.3: branch, sent-by and method; an ACK matches the INVITE it acknowledges.
            SipMethod method = ack ? SipMethod.Invite : request.Method;
            SipVia via = request.Via;
            byte[] keys = _layer.Keys;
            return method == Method
                && via.Port == (int)((uint)_key >> 16)
                && SipText.Equals(request.Buffer, via.Branch.Start, via.Branch.Length, keys, _keyAt, _key & 0xFF)
                && SipText.EqualsIgnoreCase(request.Buffer, via.Host.Start, via.Host.Length, keys, _keyAt + MaxKey, (_key >> 8) & 0xFF);
        }

        /// <summary>
        /// Sends a response built by the TU (status line first) and moves the machine accordingly. False when the
        /// transaction can no longer respond (already final) or the response does not fit.
        /// </summary>
        public bool Respond(byte[] response, int offset, int count, int statusCode, long nowMs)
        {
            bool final = statusCode >= 200;
            bool canRespond = State == TransactionState.Trying || State == TransactionState.Proceeding;
            if (!canRespond || count > _layer.Pool.BufferBytes || statusCode < 100 || statusCode > 699) return false;
            if (Buffer == null || count > Buffer.Length) MoveToLargerBuffer(count);
            if (Buffer != null)
            {
                System.Array.Copy(response, offset, Buffer, 0, count);
                Length = count;
            }
            LastStatusCode = statusCode;
            ResponseSent = true;
            _sendAt = long.MaxValue;
            SipTimers t = _layer.Timers;
            if (!final)
            {
                State = TransactionState.Proceeding;   // §17.2.1 / §17.2.2
            }
            else if (IsInvite && statusCode < 300)
            {
                // RFC 6026 §7.1: Accepted absorbs INVITE retransmissions for Timer L; the TU retransmits the 2xx.
                State = TransactionState.Accepted;
                _endAt = nowMs + t.TransactionTimeout;   // Timer L
                SendResponse(response, offset, count);
                ReleaseBuffer();   // Accepted never re-sends: retransmitted INVITEs are absorbed
                return true;
            }
            else if (IsInvite)
            {
                // §17.2.1: retransmit the final response by Timer G until the ACK, give up at Timer H.
                State = TransactionState.Completed;
                _interval = t.T1;
                _sendAt = Reliable ? long.MaxValue : nowMs + _interval;   // Timer G
                _endAt = nowMs + t.TransactionTimeout;                    // Timer H
            }
            else
            {
                // §17.2.2: Completed answers retransmissions until Timer J.
                State = TransactionState.Completed;
                _endAt = nowMs + t.TimerJ(Reliable);
            }
            SendResponse(response, offset, count);
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
                    _sendAt = long.MaxValue;
                    _endAt = nowMs + _layer.Timers.TimerIorK(Reliable);   // Timer I replaces Timer H
                    ReleaseBuffer();   // Confirmed only absorbs ACK retransmissions
                }
                _layer.Stats.RetransmissionsAbsorbed++;
                return;
            }
            _layer.Stats.RetransmissionsAbsorbed++;
            // §17.2.1 / §17.2.2: a retransmitted request gets the last response again (none yet: nothing).
            if ((State == TransactionState.Proceeding || State == TransactionState.Completed) && ResponseSent) Send();
        }

        internal long Poll(long nowMs)
        {
            TransactionState state = State;
            if (state == TransactionState.Free) return long.MaxValue;
            if (state == TransactionState.Terminated)
            {
                State = TransactionState.Free;
                Owner = null;
                ReleaseBuffer();
                return long.MaxValue;
            }
            if (nowMs >= _endAt)
            {
                // An INVITE's Completed state runs Timer H only (the ACK never came); every other state's end is Timer I,
                // J or L, which simply terminates.
                bool timerH = state == TransactionState.Completed && IsInvite;
                State = TransactionState.Terminated;
                if (timerH) _layer.User.OnNoAck(this, nowMs);
                return nowMs;
            }
            if (nowMs >= _sendAt)
            {
                if (state == TransactionState.Completed)
                {
                    _layer.Stats.Retransmissions++;
                    Send();
                    _interval *= 2;   // Timer G doubles up to T2 (§17.2.1)
                    if (_interval > _layer.Timers.T2) _interval = _layer.Timers.T2;
                    _sendAt = nowMs + _interval;
                }
                else
                {
                    // §17.2.1: the TU was silent for 200 ms, the prepared 100 Trying goes out.
                    _sendAt = long.MaxValue;
                    ResponseSent = true;
                    LastStatusCode = 100;
                    Send();
                }
            }
            return _sendAt < _endAt ? _sendAt : _endAt;
        }

        private void ReleaseBuffer()
        {
            _layer.Pool.Give(Buffer);
            Buffer = null;
            Length = 0;
        }

        private void MoveToLargerBuffer(int count)
        {
            // The request started in a short buffer and its answer is longer: move to one that holds it. With none free
            // the answer still goes out once, from the TU's bytes, but is not kept: a retransmitted request then gets
            // nothing (§17.2.2's peer retransmits until its Timer F). Counted as a dry pool.
            byte[] larger = _layer.Pool.Take(count);
            if (larger == null)
            {
                _layer.Stats.PoolDry++;
                ReleaseBuffer();
                return;
            }
            _layer.Pool.Give(Buffer);
            Buffer = larger;
        }

        private void SendResponse(byte[] response, int offset, int count)
        {
            if (Buffer != null) Send();
            else if (!_layer.Sender.Send(response, offset, count, ResponseDestination)) _layer.Stats.TransportErrors++;
        }

        private void Send()
        {
            if (Buffer == null) return;
            if (!_layer.Sender.Send(Buffer, 0, Length, ResponseDestination)) _layer.Stats.TransportErrors++;
        }
    }
}
