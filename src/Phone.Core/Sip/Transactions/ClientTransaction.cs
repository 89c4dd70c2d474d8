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

        private readonly TransactionLayer _layer;
        internal byte[] Buffer;   // lent by the pool while the request (or ACK) may be re-sent; null otherwise
        internal int Length;
        internal readonly byte[] Branch = new byte[MaxBranch];
        internal int BranchLength;
        private long _retransmitAt = long.MaxValue;   // Timer A or E
        private int _interval;
        private long _timeoutAt = long.MaxValue;      // Timer B or F
        private long _terminateAt = long.MaxValue;    // Timer D, K or M
        private bool _reliable;

        internal ClientTransaction(TransactionLayer layer)
        {
            _layer = layer;
        }

        /// <summary>Where the machine stands.</summary>
        public TransactionState State { get; private set; }

        /// <summary>True for an INVITE client transaction.</summary>
        public bool IsInvite { get; private set; }

        /// <summary>Method of the request.</summary>
        public SipMethod Method { get; private set; }

        /// <summary>CSeq number of the request.</summary>
        public uint CSeq { get; private set; }

        /// <summary>Where the request goes.</summary>
        public NetEndPoint Destination { get; private set; }

        /// <summary>Status code of the last response received (0 before any).</summary>
        public int LastStatusCode { get; private set; }

        /// <summary>
        /// True once a CANCEL for this INVITE went out (RFC 3261 §9.1): the transaction then ends 64·T1 later if no final
        /// response came, and the TU gets <see cref="ITransactionUser.OnTimeout"/> for it.
        /// </summary>
        public bool Cancelled { get; private set; }

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

        internal void Start(SipMessage request, NetEndPoint destination, object owner, long nowMs)
        {
            IsInvite = request.Method == SipMethod.Invite;
            Method = request.Method;
            CSeq = request.CSeqNumber;
            Destination = destination;
            Owner = owner;
            LastStatusCode = 0;
            Cancelled = false;
            BranchLength = request.Via.Branch.Length;
            System.Array.Copy(request.Buffer, request.Via.Branch.Start, Branch, 0, BranchLength);
            _reliable = _layer.Sender.IsReliable(destination);
            _terminateAt = long.MaxValue;
            SipTimers t = _layer.Timers;
            // §17.1.1.2 / §17.1.2.2: over UDP retransmit from T1; the whole transaction gives up after 64·T1.
            _interval = t.T1;
            _retransmitAt = _reliable ? long.MaxValue : nowMs + _interval;
            _timeoutAt = nowMs + t.TransactionTimeout;
            SetState(IsInvite ? TransactionState.Calling : TransactionState.Trying);
            if (!_layer.Sender.Send(Buffer, 0, Length, destination))
            {
                Fail(nowMs);
                return;
            }
            if (!_reliable && _layer.Sender.IsReliable(destination))
            {
                // §18.1.1: the transport moved a large request to a stream (TCP/TLS), so Timer A/E must not run (§17.1.1.2).
                _reliable = true;
                _retransmitAt = long.MaxValue;
            }
        }

        internal void OnCancelSent(long nowMs)
        {
            // RFC 3261 §9.1: "If no final response is received for the original request in 64*T1 seconds ... the client
            // SHOULD then consider the original transaction cancelled and SHOULD destroy the client transaction".
            if (!IsInvite || (State != TransactionState.Calling && State != TransactionState.Proceeding)) return;
            Cancelled = true;
            long at = nowMs + _layer.Timers.TransactionTimeout;
            if (at < _timeoutAt) _timeoutAt = at;
        }

        internal bool Matches(SipMessage response)
        {
            // §17.1.3: the top Via branch and the CSeq method identify the transaction (CANCEL shares the INVITE's branch).
            return State != TransactionState.Free && State != TransactionState.Terminated
                && response.CSeqMethod == Method
                && response.Via.Branch.Length == BranchLength
                && SipText.Equals(response.Buffer, response.Via.Branch.Start, BranchLength, Branch, 0, BranchLength);
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
                        _timeoutAt = long.MaxValue;
                    }
                    else if (code < 300)
                    {
                        // RFC 6026 §7.2: Accepted, so that 2xx retransmissions still reach the TU until Timer M.
                        SetState(TransactionState.Accepted);
                        _retransmitAt = long.MaxValue;
                        _timeoutAt = long.MaxValue;
                        _terminateAt = nowMs + _layer.Timers.TransactionTimeout;
                    }
                    else
                    {
                        // §17.1.1.2: the transaction itself ACKs a 300-699 and waits Timer D for retransmissions.
                        SetState(TransactionState.Completed);
                        _retransmitAt = long.MaxValue;
                        _timeoutAt = long.MaxValue;
                        _terminateAt = nowMs + _layer.Timers.TimerD(_reliable);
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
                _timeoutAt = long.MaxValue;
                _terminateAt = nowMs + _layer.Timers.TimerIorK(_reliable);   // Timer K
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
            _timeoutAt = long.MaxValue;
            _terminateAt = long.MaxValue;
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
            if (nowMs >= _terminateAt)
            {
                SetState(TransactionState.Terminated);   // Timer D, K or M
                return nowMs;
            }
            if (nowMs >= _timeoutAt)
            {
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
            long next = _retransmitAt;
            if (_timeoutAt < next) next = _timeoutAt;
            if (_terminateAt < next) next = _terminateAt;
            return next;
        }

        private void Fail(long nowMs)
        {
            _layer.Stats.TransportErrors++;
            _retransmitAt = long.MaxValue;
            _timeoutAt = long.MaxValue;
            _terminateAt = long.MaxValue;
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
