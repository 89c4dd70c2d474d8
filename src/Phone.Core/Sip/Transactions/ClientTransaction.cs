// Client transactions: INVITE (RFC 3261 §17.1.1, Figure 5, with RFC 6026 §7.2) and non-INVITE (§17.1.2, Figure 6).
namespace Phone.Core.Sip.Transactions
{
    using Phone.Core.Net;

    /// <summary>
    /// One slot of the client transaction table. Created by <see cref="TransactionLayer.SendRequest"/>; holds the request
    /// for retransmission (and later the ACK for a non-2xx) in a buffer lent by the layer's pool, given back as soon as
    /// nothing can be re-sent from it. Timers are deadlines on the caller's clock.
    /// </summary>
    public sealed class ClientTransaction
    {
        /// <summary>Longest branch kept for matching; longer branches are refused at send time.</summary>
        public const int MaxBranch = 64;

        // On nanoCLR every field is a 12-byte heap block whatever its type (a struct field a boxed object more), so the
        // machine's small values share one word (state, method, flags, branch length, last status), the destination is
        // one long, and the branch bytes live in the layer's key table.
        private const int StateMask = 0xF;
        private const int MethodShift = 4;
        private const int ReliableBit = 1 << 12;
        private const int CancelledBit = 1 << 13;
        private const int BranchShift = 14;   // 7 bits: at most MaxBranch
        private const int StatusShift = 21;   // 10 bits: 100..699

        private readonly TransactionLayer _layer;
        private readonly int _keyAt;   // the branch at _keyAt in the layer's key table
        internal byte[] Buffer;        // lent by the pool while the request (or ACK) may be re-sent; null otherwise
        internal int Length;
        private int _bits;             // State | Method << 4 | flags | branch length << 14 | LastStatusCode << 21
        private long _retransmitAt = long.MaxValue;   // Timer A or E
        private int _interval;
        private long _endAt = long.MaxValue;          // Timer B or F (or §9.1's 64·T1 after a CANCEL) before a final; D, K or M after
        private long _to;              // Destination: address << 16 | port

        internal ClientTransaction(TransactionLayer layer, int keyAt)
        {
            _layer = layer;
            _keyAt = keyAt;
        }

        /// <summary>Where the machine stands.</summary>
        public TransactionState State
        {
            get => (TransactionState)(_bits & StateMask);
            private set => _bits = (_bits & ~StateMask) | (int)value;
        }

        /// <summary>True for an INVITE client transaction.</summary>
        public bool IsInvite => Method == SipMethod.Invite;

        /// <summary>Method of the request.</summary>
        public SipMethod Method => (SipMethod)((_bits >> MethodShift) & 0xFF);

        /// <summary>CSeq number of the request.</summary>
        public uint CSeq { get; private set; }

        /// <summary>Where the request goes.</summary>
        public NetEndPoint Destination
        {
            get => NetEndPoint.Unpack(_to);
        }

        /// <summary>Status code of the last response received (0 before any).</summary>
        public int LastStatusCode
        {
            get => (_bits >> StatusShift) & 0x3FF;
            private set => _bits = (_bits & ((1 << StatusShift) - 1)) | (value << StatusShift);
        }

        /// <summary>
        /// True once a CANCEL for this INVITE went out (RFC 3261 §9.1): the transaction then ends 64·T1 later if no final
        /// response came, and the TU gets <see cref="ITransactionUser.OnTimeout"/> for it.
        /// </summary>
        public bool Cancelled => (_bits & CancelledBit) != 0;

        /// <summary>The transaction user's context for this request (a registration, a dialog…).</summary>
        public object Owner;

        /// <summary>
        /// The request (or, after a non-2xx to an INVITE, the ACK) as sent: Message[0..MessageLength). Valid while the
        /// transaction may re-send it and during the TU's handling of the final response; null (length 0) once the
        /// buffer went back to the pool (a non-INVITE's final response, an INVITE's 2xx, the end of the transaction).
        /// </summary>
        public byte[] Message => Buffer;

        /// <summary>Bytes of <see cref="Message"/> (0 once given back).</summary>
        public int MessageLength => Length;

        internal bool IsFree => State == TransactionState.Free;

        private bool Reliable => (_bits & ReliableBit) != 0;

        private int BranchLength => (_bits >> BranchShift) & 0x7F;

        /// <summary>True when this transaction's branch is buf[start, start+length) (§9.1: a CANCEL shares its INVITE's).</summary>
        internal bool HasBranch(byte[] buf, int start, int length)
            => length == BranchLength && SipText.Equals(buf, start, length, _layer.Keys, _keyAt, length);

        internal void Start(SipMessage request, NetEndPoint destination, object owner, long nowMs)
        {
            SipSlice branch = request.Via.Branch;
            _bits = ((int)request.Method << MethodShift) | (branch.Length << BranchShift)
                | (_layer.Sender.IsReliable(destination) ? ReliableBit : 0);   // Free, not cancelled, status 0
            CSeq = request.CSeqNumber;
            _to = destination.Pack();
            Owner = owner;
            System.Array.Copy(request.Buffer, branch.Start, _layer.Keys, _keyAt, branch.Length);
            SipTimers t = _layer.Timers;
            // §17.1.1.2 / §17.1.2.2: over UDP retransmit from T1; the whole transaction gives up after 64·T1.
            _interval = t.T1;
            _retransmitAt = Reliable ? long.MaxValue : nowMs + _interval;
            _endAt = nowMs + t.TransactionTimeout;   // Timer B or F
            SetState(IsInvite ? TransactionState.Calling : TransactionState.Trying);
            if (!_layer.Sender.Send(Buffer, 0, Length, destination))
            {
                Fail(nowMs);
                return;
            }
            if (!Reliable && _layer.Sender.IsReliable(destination))
            {
                // §18.1.1: the transport moved a large request to a stream (TCP/TLS), so Timer A/E must not run (§17.1.1.2).
                _bits |= ReliableBit;
                _retransmitAt = long.MaxValue;
            }
        }

        internal void OnCancelSent(long nowMs)
        {
            // RFC 3261 §9.1: "If no final response is received for the original request in 64*T1 seconds ... the client
            // SHOULD then consider the original transaction cancelled and SHOULD destroy the client transaction".
            if (!IsInvite || (State != TransactionState.Calling && State != TransactionState.Proceeding)) return;
            _bits |= CancelledBit;
            long at = nowMs + _layer.Timers.TransactionTimeout;
            if (at < _endAt) _endAt = at;   // before a final response _endAt is Timer B (or nothing after a provisional)
        }

        internal bool Matches(SipMessage response)
        {
            // §17.1.3: the top Via branch and the CSeq method identify the transaction (CANCEL shares the INVITE's branch).
            return State != TransactionState.Free && State != TransactionState.Terminated
                && response.CSeqMethod == Method
                && HasBranch(response.Buffer, response.Via.Branch.Start, response.Via.Branch.Length);
        }

        internal void OnResponse(SipMessage response, long nowMs)
        {
            int code = response.StatusCode;
            if (IsInvite) OnInviteResponse(response, code, nowMs);
            else OnNonInviteResponse(response, code, nowMs);
        }

        private void OnInviteResponse(SipMessage response, int code, long nowMs)
        {
            switch (State)
            {
                case TransactionState.Calling:
                case TransactionState.Proceeding:
                    LastStatusCode = code;
                    if (code < 200)
                    {
                        // §17.1.1.2: a provisional stops retransmissions; Timer B no longer applies.
                        SetState(TransactionState.Proceeding);
                        _retransmitAt = long.MaxValue;
                        _endAt = long.MaxValue;
                    }
                    else if (code < 300)
                    {
                        // RFC 6026 §7.2: Accepted, so that 2xx retransmissions still reach the TU until Timer M.
                        SetState(TransactionState.Accepted);
                        _retransmitAt = long.MaxValue;
                        _endAt = nowMs + _layer.Timers.TransactionTimeout;   // Timer M replaces Timer B
                    }
                    else
                    {
                        // §17.1.1.2: the transaction itself ACKs a 300-699 and waits Timer D for retransmissions.
                        SetState(TransactionState.Completed);
                        _retransmitAt = long.MaxValue;
                        _endAt = nowMs + _layer.Timers.TimerD(Reliable);   // Timer D replaces Timer B
                        _layer.BuildAck(this, response);
                        SendBuffer();
                    }
                    _layer.User.OnResponse(this, response, nowMs);
                    // RFC 6026 §7.2: Accepted only passes 2xx retransmissions up; the INVITE is never re-sent again.
                    if (State == TransactionState.Accepted) ReleaseBuffer();
                    break;
                case TransactionState.Completed:
                    // §17.1.1.2: a retransmitted final response is answered with the ACK again, not passed up.
                    if (code >= 300)
                    {
                        _layer.Stats.RetransmissionsAbsorbed++;
                        SendBuffer();
                    }
                    break;
                case TransactionState.Accepted:
                    // RFC 6026 §7.2: 2xx retransmissions go to the TU (the dialog re-sends its ACK); others are dropped.
                    if (code >= 200 && code < 300) _layer.User.OnResponse(this, response, nowMs);
                    break;
            }
        }

        private void OnNonInviteResponse(SipMessage response, int code, long nowMs)
        {
            if (State != TransactionState.Trying && State != TransactionState.Proceeding)
            {
                _layer.Stats.RetransmissionsAbsorbed++;   // §17.1.2.2: Completed absorbs retransmitted finals
                return;
            }
            LastStatusCode = code;
            if (code < 200)
            {
                // §17.1.2.2: Proceeding keeps retransmitting, at T2.
                SetState(TransactionState.Proceeding);
            }
            else
            {
                SetState(TransactionState.Completed);
                _retransmitAt = long.MaxValue;
                _endAt = nowMs + _layer.Timers.TimerIorK(Reliable);   // Timer K replaces Timer F
            }
            _layer.User.OnResponse(this, response, nowMs);
            // §17.1.2.2: Completed only absorbs retransmitted finals for Timer K; the request is not sent again.
            if (State == TransactionState.Completed) ReleaseBuffer();
        }

        /// <summary>
        /// The transaction user gives up on this non-INVITE request before Timer F (a keep-alive probe with its own,
        /// shorter deadline): no more retransmissions or events, and the slot is freed at the next Poll. A late
        /// response is then stray (§17.1.3). INVITE transactions are left alone: §17.1.1 and CANCEL govern their end.
        /// </summary>
        public void Abandon()
        {
            if (IsInvite || State == TransactionState.Free || State == TransactionState.Terminated) return;
            _retransmitAt = long.MaxValue;
            _endAt = long.MaxValue;
            SetState(TransactionState.Terminated);
        }

        internal long Poll(long nowMs)
        {
            if (State == TransactionState.Free) return long.MaxValue;
            if (State == TransactionState.Terminated)
            {
                SetState(TransactionState.Free);
                Owner = null;
                ReleaseBuffer();
                return long.MaxValue;
            }
            if (nowMs >= _endAt)
            {
                TransactionState state = State;
                if (state == TransactionState.Completed || state == TransactionState.Accepted)
                {
                    SetState(TransactionState.Terminated);   // Timer D, K or M
                    return nowMs;
                }
                // Timer B (§17.1.1.2) or F (§17.1.2.2), or the 64·T1 after a CANCEL (§9.1).
                if (Cancelled) _layer.Stats.CancelledWithoutFinal++;
                _layer.Stats.Timeouts++;
                SetState(TransactionState.Terminated);
                _layer.User.OnTimeout(this, nowMs);
                return nowMs;
            }
            if (nowMs >= _retransmitAt)
            {
                _layer.Stats.Retransmissions++;
                if (!_layer.Sender.Send(Buffer, 0, Length, Destination))
                {
                    // §17.1.4: a transport failure is reported to the TU (which treats it as 503) and ends the transaction.
                    Fail(nowMs);
                    return nowMs;
                }
                if (IsInvite)
                {
                    _interval *= 2;   // Timer A doubles without limit (§17.1.1.2)
                }
                else
                {
                    // Timer E doubles up to T2; in Proceeding it fires every T2 (§17.1.2.2).
                    _interval = State == TransactionState.Proceeding ? _layer.Timers.T2 : _interval * 2;
                    if (_interval > _layer.Timers.T2) _interval = _layer.Timers.T2;
                }
                _retransmitAt = nowMs + _interval;
            }
            return _retransmitAt < _endAt ? _retransmitAt : _endAt;
        }

        private void Fail(long nowMs)
        {
            _layer.Stats.TransportErrors++;
            _retransmitAt = long.MaxValue;
            _endAt = long.MaxValue;
            SetState(TransactionState.Terminated);
            _layer.User.OnTransportError(this, nowMs);
        }

        private void ReleaseBuffer()
        {
            _layer.Pool.Give(Buffer);
            Buffer = null;
            Length = 0;
        }

        private void SendBuffer()
        {
            if (!_layer.Sender.Send(Buffer, 0, Length, Destination)) _layer.Stats.TransportErrors++;
        }

        private void SetState(TransactionState next) => State = next;
    }
}
