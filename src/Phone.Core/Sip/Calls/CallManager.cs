// The UA core for calls: INVITE sessions over the transaction layer (RFC 3261 §13–15, §9 CANCEL, RFC 3264 offer/answer).
namespace Phone.Core.Sip.Calls
{
    using System;
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Dialogs;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Text;

    /// <summary>
    /// Places, answers, holds and ends calls. It is the transaction user of its <see cref="Layer"/>: the transport
    /// hands every parsed message to <c>Layer.Receive</c>, and the owner calls <see cref="Poll"/> by the deadline it
    /// returns. Events go to the <see cref="ICallListener"/>. Everything is sized in the constructor.
    /// </summary>
    public sealed partial class CallManager : ITransactionUser, IStrayResponseUser
    {
        /// <summary>
        /// Dialogs kept per outgoing call: the early dialogs of a forked INVITE, one per To tag of its 18x responses
        /// (RFC 3261 §12.1.2, §13.2.2.4). Further forks are not tracked (<see cref="CallStats.ForksIgnored"/>); a 2xx from
        /// one of them still makes the call (the others are released then).
        /// </summary>
        public const int MaxDialogsPerCall = 3;

        private const string AllowValue = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, PRACK, REFER, NOTIFY, SUBSCRIBE";

        private readonly CallConfig _config;
        private readonly ICallListener _listener;
        private readonly SipIdGenerator _ids;
        private readonly Call[] _calls;
        private readonly DialogTable _dialogs;
        private readonly byte[] _tx;
        private readonly SipWriter _w;
        private readonly ByteWriter _body = new ByteWriter(new byte[1], 0, 1);
        private readonly byte[] _branch = new byte[64];
        // Tags and Call-IDs: a Call-ID is 20 random characters + "@" + our dotted quad (up to 15), 36 bytes.
        private readonly byte[] _tag = new byte[48];
        private readonly SdpSession _sdp;
        private readonly byte[] _sdpScratch;
        private readonly ulong[] _sessionIds;
        private readonly MessageBufferPool _pool;
        private readonly string _host;
        private readonly string _contact;
        // A 2xx nobody wants (a later fork, a late answer) gets a dialog built just long enough to ACK and BYE it
        // (AckAnswer); these remember the last one ended, so that its retransmissions get the ACK only.
        private string _unwantedCallId;
        private string _unwantedTag;

        private readonly string[] _challenges = new string[4];
        private readonly byte[] _auth;
        private readonly ByteWriter _authWriter;

        /// <summary>Counters.</summary>
        public readonly CallStats Stats = new CallStats();

        /// <summary>
        /// Digest client answering 401/407 to our INVITEs (RFC 3261 §22.2/§22.3); null: challenged calls fail.
        /// The registration client may share the same instance (same credentials, nonce counts per realm).
        /// </summary>
        public DigestClient Digest;

        /// <summary>
        /// The registration client sharing <see cref="Layer"/> (built with it): client transaction events whose
        /// owner it is are forwarded to it, since the layer has one transaction user.
        /// </summary>
        public RegistrationClient Registration;

        /// <summary>
        /// Receives the client transaction events of other owners sharing <see cref="Layer"/> (keep-alive probes,
        /// reports); null drops them.
        /// </summary>
        public ITransactionUser OtherClients;

        /// <summary>Creates the manager and its transaction layer over <paramref name="sender"/>.</summary>
        public CallManager(CallConfig config, ISipSender sender, ICallListener listener, SipTimers timers, Random random)
            : this(config, sender, listener, timers, random, null)
        {
        }

        /// <summary>
        /// As above, writing messages in <paramref name="scratch"/> (its transmit buffer of <see cref="Call.MessageBytes"/>),
        /// shared with the phone's other request writers on this thread; null: buffers of its own.
        /// </summary>
        public CallManager(CallConfig config, ISipSender sender, ICallListener listener, SipTimers timers, Random random, SipScratch scratch)
        {
            if (scratch == null) scratch = new SipScratch(Call.MessageBytes, SipScratch.DefaultAuthBytes);
            _tx = scratch.Transmit;
            _auth = scratch.Auth;
            _config = config;
            _listener = listener;
            _random = random;
            _ids = new SipIdGenerator(random);
            _sdp = new SdpSession(config.SdpMediaLines > 0 ? config.SdpMediaLines : SdpSession.MaxMedia);
            int transactions = config.TransactionCapacity > 0 ? config.TransactionCapacity : 4 * config.MaxCalls + 4;
            int buffers = config.MessageBuffers > 0 ? config.MessageBuffers : 2 * transactions + 2 * config.MaxCalls;
            var pool = new MessageBufferPool(buffers, Call.MessageBytes, config.SmallMessageBuffers, MessageBufferPool.SmallBufferBytes);
            Layer = new TransactionLayer(sender, this, timers, transactions, Call.MessageBytes, pool, config.SipMaxHeaders, scratch);
            _dialogs = new DialogTable(config.MaxCalls * MaxDialogsPerCall);
            _calls = new Call[config.MaxCalls];
            _host = NetEndPoint.AddressToString(config.LocalAddress);
            _contact = "<sip:" + config.User + "@" + _host + ":" + config.LocalSipPort.ToString() + ">";
            // The calls build their SDP bodies one at a time on this thread: one scratch buffer for all.
            _sdpScratch = new byte[SdpOfferAnswer.BodyScratchSize];
            _pool = pool;
            // Each slot's o= session id is drawn now, whenever the slot is built, so the random sequence (tags,
            // Call-IDs, branches) is the same whether or not a second call ever comes.
            _sessionIds = new ulong[_calls.Length];
            for (int i = 0; i < _calls.Length; i++) _sessionIds[i] = (ulong)(random.Next(1000000) + 1000 + i);
            // Slot 0 carries the ordinary call and exists from start-up; the others (call waiting, a consultation,
            // the new call of a transfer) are built when a second call arrives or is placed and let go after it ended.
            _calls[0] = BuildSlot(0);
            _w = scratch.Writer;
            _authWriter = scratch.AuthWriter;
        }

        /// <summary>The transaction layer: feed it received messages (Receive) and poll it through <see cref="Poll"/>.</summary>
        public TransactionLayer Layer { get; }

        /// <summary>Number of call slots.</summary>
        public int Capacity => _calls.Length;

        /// <summary>
        /// Call slot n. Slot 0 always exists; a further slot exists only while a second call needs it (from its
        /// INVITE until <see cref="SlotLingerMs"/> after it ended), null otherwise.
        /// </summary>
        public Call GetCall(int n) => _calls[n];

        /// <summary>
        /// How long a slot beyond the first is kept after its call ended (64·T1, RFC 3261 §17.1.1.2): a late 2xx for it
        /// still finds its Call-ID and tag and is ACKed and BYEd (§13.2.2.4), and its last transactions have ended.
        /// </summary>
        public long SlotLingerMs => 64L * Layer.Timers.T1;

        /// <summary>Calls neither idle nor terminated.</summary>
        public int ActiveCalls
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _calls.Length; i++) if (IsActive(_calls[i])) n++;
                return n;
            }
        }

        // ---- commands --------------------------------------------------------------------------------------

        /// <summary>
        /// Places a call to <paramref name="targetUri"/> ("sip:303@pbx.example.com"): INVITE with an SDP offer
        /// (RFC 3261 §13.2.1, RFC 3264 §5). Null when no slot is free or the next hop is unknown.
        /// </summary>
        public Call PlaceCall(string targetUri, long nowMs)
        {
            NetEndPoint hop;
            if (!ResolveHop(targetUri, out hop)) return null;
            return PlaceCall(targetUri, hop, nowMs);
        }

        /// <summary>
        /// Places a call whose requests go to <paramref name="nextHop"/> rather than the outbound proxy: a desk
        /// called straight from the office directory (RFC 3261 §8.1.2 leaves the next hop to local policy).
        /// </summary>
        public Call PlaceCall(string targetUri, NetEndPoint nextHop, long nowMs)
        {
            Call call = FreeSlot();
            if (call == null) return null;
            NetEndPoint hop = nextHop;
            if (hop.IsEmpty) return null;
            call.Clear();
            call.IsIncoming = false;
            call.RemoteUri = targetUri;
            call.RequestUri = targetUri;
            call.Peer = hop;
            call.LocalTag = NewTag();
            call.LocalHeader = (_config.DisplayName != null ? "\"" + _config.DisplayName + "\" " : "") + "<sip:" + _config.User + "@" + _config.Domain + ">;tag=" + call.LocalTag;
            int cl = _ids.WriteCallId(_tag, 0, _host);
            call.CallId = SipText.ToAsciiString(_tag, 0, cl);
            call.InviteCSeq = 1;
            Stats.Placed++;
            if (!SendInitialInvite(call, nowMs))
            {
                call.Clear();
                return null;
            }
            SetState(call, CallState.Calling, nowMs);
            // RFC 3261 §17.1.4 / §8.1.3.1: the transport refused the INVITE at once: the call ends as if 503 came back.
            if (call.InviteClient.State == TransactionState.Terminated) FailOnTransport(call, nowMs);
            return call;
        }

        /// <summary>Answers a ringing incoming call: 200 OK with the SDP answer (RFC 3261 §13.3.1.4).</summary>
        public bool Answer(Call call, long nowMs)
        {
            if (call == null || !call.IsIncoming || call.State != CallState.Ringing) return false;
            if (DeferAnswerUntilPrack(call)) return true;
            SipMessage req = Reparse(call.InviteRequest, call.InviteRequestLength);
            if (req == null) return false;
            _w.Reset(_tx, 0, _tx.Length);
            WriteResponseStart(req, 200, "OK", call);
            WriteContactAndAllow();
            WriteSessionTimerAnswer(call, req);
            if (call.AnswerLength > 0)
            {
                _w.EndWithBody("application/sdp", call.Answer, 0, call.AnswerLength);
            }
            else
            {
                // The INVITE had no offer: we offer in the 2xx and take the answer from the ACK (RFC 3261 §13.2.1).
                if (!WriteOfferBody(call, SdpDirection.SendRecv)) return false;
            }
            if (!SendOk(call, call.InviteServer, nowMs)) return false;
            call.Dialog.State = DialogState.Confirmed;
            SetState(call, CallState.Connected, nowMs);
            if (call.Media.IsEstablished) _listener.OnMediaChanged(call, nowMs);
            return true;
        }

        /// <summary>
        /// Ends a call whatever its state: CANCEL before a final response (RFC 3261 §9.1; deferred until a
        /// provisional response came), 486 for a ringing incoming call, BYE once connected (§15.1.1; the callee
        /// waits for the ACK first, §15).
        /// </summary>
        public bool Hangup(Call call, long nowMs)
        {
            if (call == null) return false;
            switch (call.State)
            {
                case CallState.Calling:
                    SetState(call, CallState.Terminating, nowMs);
                    // §9.1: a 100 Trying already came (the transaction is in Proceeding): the CANCEL may go now.
                    if (call.InviteClient != null && call.InviteClient.State == TransactionState.Proceeding) return SendCancel(call, nowMs);
                    call.CancelPending = true;
                    return true;
                case CallState.Proceeding:
                    SetState(call, CallState.Terminating, nowMs);
                    return SendCancel(call, nowMs);
                case CallState.Ringing:
                    return Reject(call, 486, "Busy Here", nowMs);
                case CallState.Connected:
                    if (call.IsIncoming && call.OkRetransmitAt != long.MaxValue)
                    {
                        call.ByeAfterAck = true;
                        SetState(call, CallState.Terminating, nowMs);
                        return true;
                    }
                    return SendBye(call, nowMs);
                default:
                    return false;
            }
        }

        /// <summary>Rejects a ringing incoming call with a final status (486 Busy Here, 603 Decline …).</summary>
        public bool Reject(Call call, int code, string reason, long nowMs)
        {
            if (call == null || !call.IsIncoming || call.State != CallState.Ringing) return false;
            RespondToInvite(call, code, reason, nowMs);
            Terminate(call, code, nowMs);
            return true;
        }

        /// <summary>Deflects a ringing incoming call with 302 Moved Temporarily and a Contact (call forwarding).</summary>
        public bool Redirect(Call call, string contactUri, long nowMs)
        {
            if (call == null || !call.IsIncoming || call.State != CallState.Ringing) return false;
            SipMessage req = Reparse(call.InviteRequest, call.InviteRequestLength);
            if (req == null) return false;
            _w.Reset(_tx, 0, _tx.Length);
            WriteResponseStart(req, 302, "Moved Temporarily", call);
            _w.WriteHeader(SipHeaderId.Contact, "<" + contactUri + ">");
            _w.EndWithoutBody();
            Respond(call.InviteServer, 302);
            Terminate(call, 302, nowMs);
            return true;
        }

        /// <summary>
        /// Puts a connected call on hold (re-INVITE with a=sendonly, RFC 3264 §8.4) or resumes it (sendrecv). Asked while
        /// a re-INVITE of the call is under way, the change waits for it to end (<see cref="Call.HoldRequested"/>).
        /// </summary>
        public bool SetHold(Call call, bool hold, long nowMs)
        {
            if (call == null || call.State != CallState.Connected || call.Dialog == null) return false;
            if (call.ReInviteInProgress)
            {
                call.HoldQueued = true;
                call.QueuedHold = hold;
                return true;
            }
            uint cseq = ++call.Dialog.LocalCSeq;
            _w.Reset(_tx, 0, _tx.Length);
            call.Dialog.WriteRequest(_w, SipMethod.Invite, cseq, _host, _config.LocalSipPort, _branch, _ids.WriteBranch(_branch, 0));
            WriteContactAndAllow();
            WriteSessionTimerRequest(call, false);
            WriteReInviteAuthorization(call);
            if (!WriteOfferBody(call, hold ? SdpDirection.SendOnly : SdpDirection.SendRecv)) return false;
            ClientTransaction tx = Layer.SendRequest(_tx, 0, _w.Length, call.Peer, call, nowMs);
            if (tx == null || tx.State == TransactionState.Terminated)
            {
                // Refused by the transport (§17.1.4): like a 503 to the re-INVITE, the session stays as it was (§14.1).
                Stats.SendFailures++;
                return false;
            }
            call.InviteClient = tx;
            call.ReInviteInProgress = true;
            call.LocalHold = hold;
            return true;
        }

        /// <summary>
        /// Fires the transaction timers and our 2xx retransmissions (RFC 3261 §13.3.1.4: T1 doubling to T2, BYE
        /// after 64·T1 without ACK). Returns the next deadline.
        /// </summary>
        public long Poll(long nowMs)
        {
            long next = Layer.Poll(nowMs);
            SipTimers t = Layer.Timers;
            for (int i = 0; i < _calls.Length; i++)
            {
                Call c = _calls[i];
                if (c == null) continue;
                if (i > 0 && LetGoOfSlot(c, nowMs)) continue;
                if (c.OkRetransmitAt == long.MaxValue) continue;
                if (nowMs >= c.OkRetransmitAt)
                {
                    if (nowMs >= c.OkGiveUpAt)
                    {
                        Stats.AckTimeouts++;
                        c.StopOk();
                        if (c.State == CallState.Connected || c.State == CallState.Terminating) SendBye(c, nowMs);
                        continue;
                    }
                    Layer.SendStateless(c.Ok, 0, c.OkLength, c.ResponseDestination);
                    Stats.OkRetransmissions++;
                    c.OkInterval = c.OkInterval * 2 > t.T2 ? t.T2 : c.OkInterval * 2;
                    c.OkRetransmitAt = nowMs + c.OkInterval;
                    if (c.OkRetransmitAt > c.OkGiveUpAt) c.OkRetransmitAt = c.OkGiveUpAt;
                }
                if (c.OkRetransmitAt < next) next = c.OkRetransmitAt;
            }
            return PollTransfers(nowMs, PollSessions(nowMs, next));
        }

        // ---- ITransactionUser ------------------------------------------------------------------------------

        /// <inheritdoc/>
        public void OnRequest(ServerTransaction st, SipMessage req, long nowMs)
        {
            if (RejectRequest(st, req, nowMs)) return;
            switch (req.Method)
            {
                case SipMethod.Invite:
                    if (req.To.Tag.IsPresent) OnReInvite(st, req, nowMs);
                    else OnNewInvite(st, req, nowMs);
                    return;
                case SipMethod.Update:
                    OnUpdate(st, req, nowMs);
                    return;
                case SipMethod.Prack:
                    OnPrack(st, req, nowMs);
                    return;
                case SipMethod.Cancel:
                    OnCancel(st, req, nowMs);
                    return;
                case SipMethod.Bye:
                    OnBye(st, req, nowMs);
                    return;
                case SipMethod.Refer:
                    OnRefer(st, req, nowMs);
                    return;
                case SipMethod.Notify:
                    OnNotify(st, req, nowMs);
                    return;
                case SipMethod.Subscribe:
                    OnSubscribe(st, req, nowMs);
                    return;
                case SipMethod.Options:
                    // RFC 3261 §11.2: what we would do with an INVITE, plus our capabilities.
                    _w.Reset(_tx, 0, _tx.Length);
                    _w.WriteResponseHeaders(req, 200, "OK", _tag, 0, _ids.WriteTag(_tag, 0), false);
                    WriteContactAndAllow();
                    _w.WriteHeader(SipHeaderId.Accept, "application/sdp");
                    _w.EndWithoutBody();
                    Respond(st, 200);
                    return;
                default:
                    SimpleResponse(st, req, 501, "Not Implemented", nowMs);
                    return;
            }
        }

        /// <inheritdoc/>
        public void OnResponse(ClientTransaction tx, SipMessage resp, long nowMs)
        {
            if (Registration != null && tx.Owner == Registration)
            {
                Registration.OnResponse(tx, resp, nowMs);
                return;
            }
            Call call = tx.Owner as Call;
            if (call == null)
            {
                if (OtherClients != null && tx.Owner != null) OtherClients.OnResponse(tx, resp, nowMs);
                return;
            }
            if (OnInDialogChallenge(call, tx, resp, nowMs)) return;
            if (tx.Method == SipMethod.Update || tx.Method == SipMethod.Prack) OnSessionRequestResponse(call, tx, resp, nowMs);
            if (tx.Method == SipMethod.Invite)
            {
                if (!IsActive(call) || tx != call.InviteClient)
                {
                    // An INVITE the call no longer waits for: it ended (BYE on an early dialog, CANCEL) or this is an older
                    // INVITE of it. A 2xx still needs its ACK (§13.2.2.4); unless it is from the call's own dialog it is
                    // then ended with BYE (§15). Anything else is of no use now.
                    if (resp.StatusCode >= 200 && resp.StatusCode < 300)
                    {
                        if (IsActive(call) && call.Dialog != null && call.Dialog.State == DialogState.Confirmed && call.Dialog.Matches(resp))
                            AckAnswer(resp, tx.Destination, false, nowMs);
                        else AckAnswer(resp, tx.Destination, true, nowMs);
                    }
                    return;
                }
                if (call.ReInviteInProgress && tx == call.InviteClient) OnReInviteResponse(call, tx, resp, nowMs);
                else OnInviteResponse(call, tx, resp, nowMs);
                return;
            }
            if (tx.Method == SipMethod.Bye && resp.StatusCode >= 200)
            {
                Terminate(call, 200, nowMs);
            }
            if (tx.Method == SipMethod.Refer || tx.Method == SipMethod.Subscribe || tx.Method == SipMethod.Notify) OnTransferResponse(call, tx, resp, nowMs);
        }

        /// <inheritdoc/>
        public void OnTimeout(ClientTransaction tx, long nowMs)
        {
            if (Registration != null && tx.Owner == Registration) Registration.OnTimeout(tx, nowMs);
            else if (OtherClients != null && tx.Owner != null && !(tx.Owner is Call)) OtherClients.OnTimeout(tx, nowMs);
            else OnRequestFailed(tx, 408, nowMs);
        }

        /// <inheritdoc/>
        public void OnTransportError(ClientTransaction tx, long nowMs)
        {
            if (Registration != null && tx.Owner == Registration) Registration.OnTransportError(tx, nowMs);
            else if (OtherClients != null && tx.Owner != null && !(tx.Owner is Call)) OtherClients.OnTransportError(tx, nowMs);
            else
            {
                if (tx.Owner is Call) Stats.TransportErrors++;
                OnRequestFailed(tx, 503, nowMs);
            }
        }

        /// <inheritdoc/>
        public void OnAck(SipMessage ack, NetEndPoint from, long nowMs)
        {
            Dialog d = _dialogs.Find(ack);
            Call call = d == null ? null : d.Owner as Call;
            if (call == null || ack.CSeqNumber != call.RemoteInviteCSeq) return;
            call.StopOk();
            if (call.OfferInAck && ack.Body.Length > 0 && _sdp.TryParse(ack.Buffer, ack.Body.Start, ack.Body.Length, null))
            {
                call.OfferInAck = false;
                if (call.Sdp.ProcessAnswer(_sdp) == SdpResult.Ok) _listener.OnMediaChanged(call, nowMs);
            }
            if (call.ByeAfterAck)
            {
                call.ByeAfterAck = false;
                SendBye(call, nowMs);
            }
        }

        /// <inheritdoc/>
        public void OnNoAck(ServerTransaction st, long nowMs)
        {
        }

        // ---- UAC -------------------------------------------------------------------------------------------

        private bool SendInitialInvite(Call call, long nowMs)
        {
            _w.Reset(_tx, 0, _tx.Length);
            _w.WriteRequestLine(SipMethod.Invite, call.RequestUri);
            _w.WriteVia("UDP", _host, _config.LocalSipPort, _branch, 0, _ids.WriteBranch(_branch, 0), true);
            _w.WriteMaxForwards(70);
            _w.WriteHeader(SipHeaderId.From, call.LocalHeader);
            _w.WriteHeader(SipHeaderId.To, "<" + call.RemoteUri + ">");
            _w.WriteHeader(SipHeaderId.CallId, call.CallId);
            _w.WriteCSeq(call.InviteCSeq, SipMethod.Invite);
            WriteContactAndAllow();
            WriteTransferHeaders(call);
            if (call.AuthAttempts > 0 && Digest != null)
            {
                for (int i = 0; i < Digest.Count; i++)
                {
                    _authWriter.Reset(_auth, 0, _auth.Length);
                    if (!Digest.WriteAuthorization(i, "INVITE", call.RequestUri, null, 0, 0, _authWriter) || _authWriter.Overflow) continue;
                    _w.BeginHeader(Digest.IsProxy(i) ? SipHeaderId.ProxyAuthorization : SipHeaderId.Authorization);
                    _w.Append(_auth, 0, _authWriter.Length);
                    _w.EndHeader();
                }
            }
            WriteSessionTimerRequest(call, true);
            if (!WriteInitialInviteBody(call)) return false;
            ClientTransaction tx = Layer.SendRequest(_tx, 0, _w.Length, call.Peer, call, nowMs);
            if (tx == null)
            {
                Stats.SendFailures++;
                return false;
            }
            call.InviteClient = tx;
            // A refused send was reported before InviteClient named this transaction: end the call here (§17.1.4).
            if (tx.State == TransactionState.Terminated && IsActive(call)) FailOnTransport(call, nowMs);
            return true;
        }

        private void OnInviteResponse(Call call, ClientTransaction tx, SipMessage resp, long nowMs)
        {
            int code = resp.StatusCode;
            if (code < 200)
            {
                if (code == 100)
                {
                    // §9.1: any provisional, 100 Trying included, lets a pending CANCEL go (the next hop has the INVITE);
                    // waiting for a 18x instead left a hang-up after a 100 with its INVITE in Proceeding and no timer.
                    if (call.CancelPending)
                    {
                        call.CancelPending = false;
                        SendCancel(call, nowMs);
                    }
                    return;
                }
                if (resp.To.Tag.IsPresent)
                {
                    // §12.1.2: each To tag is an early dialog of its own (a forking proxy, §13.2.2.4); the latest speaks.
                    Dialog early = UacDialogFor(call, resp, false);
                    if (early != null) call.Dialog = early;
                }
                if (!AcceptProvisional(call, resp, nowMs)) return;
                if (resp.Body.Length > 0) TakeAnswer(call, resp, nowMs);   // early media (183 with SDP)
                if (call.CancelPending)
                {
                    call.CancelPending = false;
                    SendCancel(call, nowMs);
                    return;
                }
                if (call.State == CallState.Calling) SetState(call, CallState.Proceeding, nowMs);
                return;
            }
            if (code < 300)
            {
                if (call.AckLength > 0)
                {
                    if (call.Dialog == null || !call.Dialog.Matches(resp))
                    {
                        // §13.2.2.4: another fork answered too: ACK it, then BYE it (§15); the call keeps the first.
                        AckAnswer(resp, tx.Destination, true, nowMs);
                        return;
                    }
                    // The 200 was retransmitted: our ACK was lost; the UA core (not the transaction) re-sends it (§13.2.2.4).
                    ResendAck(call);
                    Stats.AckRetransmissions++;
                    return;
                }
                // §13.2.2.4: the first 2xx confirms the early dialog with its To tag (or makes a new one); the other early
                // dialogs are released: a later 2xx from them is ACKed and BYEd above.
                call.Dialog = UacDialogFor(call, resp, true);
                if (call.Dialog == null)
                {
                    // RFC 3261 §12.1.2: the dialog comes from the 2xx's To tag and Contact; without a usable one there is
                    // nothing to ACK or BYE in. End the call now instead of holding its slot for ever; the peer's
                    // retransmissions of the 2xx stop at its own Timer H.
                    Stats.UnusableAnswers++;
                    Terminate(call, 502, nowMs);
                    return;
                }
                if (call.AuthAttempts > 0 && Digest != null) Digest.OnSuccess();
                call.Dialog.Refresh(resp);
                if (resp.Body.Length > 0) TakeAnswer(call, resp, nowMs);
                OnSessionTimerResponse(call, resp, nowMs);
                SendAck(call, call.InviteCSeq);
                if (call.State == CallState.Terminating || DelayedOfferFailed(call))
                {
                    // We hung up but the 200 crossed our CANCEL, or (delayed offer) it brought no usable offer: confirm
                    // and end it (RFC 3261 §15, §9.1, §13.2.2.4).
                    call.CancelPending = false;
                    SendBye(call, nowMs);
                    return;
                }
                SetState(call, CallState.Connected, nowMs);
                return;
            }
            if (code == 422 && RetryWithLargerMinSE(call, resp, nowMs)) return;
            if ((code == 401 || code == 407) && (call.State == CallState.Calling || call.State == CallState.Proceeding))
            {
                if (RetryWithCredentials(call, resp, nowMs)) return;
            }
            if (TryRedirect(call, resp, nowMs)) return;
            // 3xx–6xx: the transaction sent the ACK (§17.1.1.3); the call is over.
            Terminate(call, code, nowMs);
        }

        private bool RetryWithCredentials(Call call, SipMessage resp, long nowMs)
        {
            // RFC 3261 §22.2: same Call-ID, From tag and Request-URI, CSeq + 1; two attempts at most.
            if (Digest == null || call.AuthAttempts >= 2 || call.Dialog != null) return false;
            if (Digest.OnChallenge(resp) != DigestOutcome.Retry) return false;
            call.AuthAttempts++;
            call.InviteCSeq++;
            return SendInitialInvite(call, nowMs);
        }

        private void OnReInviteResponse(Call call, ClientTransaction tx, SipMessage resp, long nowMs)
        {
            int code = resp.StatusCode;
            if (code < 200) return;
            if (code < 300)
            {
                if (call.ReInviteInProgress)
                {
                    call.Dialog.Refresh(resp);
                    if (resp.Body.Length > 0) TakeAnswer(call, resp, nowMs);
                    OnSessionTimerResponse(call, resp, nowMs);
                    SendAck(call, tx.CSeq);
                    call.ReInviteInProgress = false;
                }
                else
                {
                    ResendAck(call);
                    Stats.AckRetransmissions++;
                }
                return;
            }
            if (OnReInviteRefused(call, code, resp, nowMs)) return;
            // Refused (e.g. 488): the session stays as it was (RFC 3261 §14.1).
            call.ReInviteInProgress = false;
            call.LocalHold = !call.LocalHold;
            if (code == 481 || code == 408) SendBye(call, nowMs);
        }

        /// <summary>
        /// The call's UAC dialog for the To tag of <paramref name="resp"/> (RFC 3261 §12.1.2), created when new. A 1xx from
        /// a fork beyond <see cref="MaxDialogsPerCall"/> gets none; a 2xx (<paramref name="confirming"/>) always does: it
        /// releases the call's other dialogs first. Null when the response cannot make a dialog (no To tag, bad URI).
        /// </summary>
        private Dialog UacDialogFor(Call call, SipMessage resp, bool confirming)
        {
            Dialog found = null;
            int owned = 0;
            for (int i = 0; i < _dialogs.Capacity; i++)
            {
                Dialog d = _dialogs.Get(i);
                if (d == null || d.Owner != call || d.State == DialogState.Free) continue;
                owned++;
                if (d.Matches(resp)) found = d;
            }
            if (confirming)
            {
                ReleaseDialogs(call, found);
                owned = found == null ? 0 : 1;
            }
            if (found != null) return found;
            if (owned >= MaxDialogsPerCall)
            {
                Stats.ForksIgnored++;
                return null;
            }
            Dialog n = _dialogs.Allocate(call);
            if (n == null) return null;
            if (!n.InitUac(resp, call.LocalHeader, call.LocalTag, call.InviteCSeq))
            {
                _dialogs.Release(n);
                return null;
            }
            return n;
        }

        /// <summary>Releases every dialog of <paramref name="call"/> but <paramref name="keep"/>.</summary>
        private void ReleaseDialogs(Call call, Dialog keep)
        {
            for (int i = 0; i < _dialogs.Capacity; i++)
            {
                Dialog d = _dialogs.Get(i);
                if (d != null && d.Owner == call && d != keep) _dialogs.Release(d);
            }
        }

        /// <summary>
        /// ACKs a 2xx to an INVITE outside the call's own dialog (RFC 3261 §13.2.2.4: every 2xx is ACKed) and, when
        /// <paramref name="bye"/>, ends that dialog with a BYE of its own (§15): a later fork's answer, or an answer to an
        /// INVITE given up on. A retransmission of the 2xx last ended gets the ACK again, not another BYE.
        /// </summary>
        private void AckAnswer(SipMessage resp, NetEndPoint destination, bool bye, long nowMs)
        {
            if (!resp.To.Tag.IsPresent || !resp.From.Tag.IsPresent) return;
            bool again = _unwantedCallId != null && resp.SliceEquals(resp.CallId, _unwantedCallId) && resp.SliceEquals(resp.To.Tag, _unwantedTag);
            Dialog d = new Dialog();
            if (!d.InitUac(resp, resp.GetString(resp.From.Whole), resp.GetString(resp.From.Tag), resp.CSeqNumber) || d.RemoteTarget == null)
            {
                Stats.UnusableAnswers++;
                return;
            }
            _w.Reset(_tx, 0, _tx.Length);
            d.WriteRequest(_w, SipMethod.Ack, resp.CSeqNumber, _host, _config.LocalSipPort, _branch, _ids.WriteBranch(_branch, 0));
            _w.EndWithoutBody();
            if (!_w.Overflow) Layer.SendStateless(_tx, 0, _w.Length, destination);
            if (bye && !again)
            {
                _w.Reset(_tx, 0, _tx.Length);
                d.WriteRequest(_w, SipMethod.Bye, ++d.LocalCSeq, _host, _config.LocalSipPort, _branch, _ids.WriteBranch(_branch, 0));
                _w.WriteHeader(SipHeaderId.UserAgent, _config.UserAgent);
                _w.EndWithoutBody();
                // No owner: its response or timeout concerns no call.
                if (_w.Overflow || Layer.SendRequest(_tx, 0, _w.Length, destination, null, nowMs) == null) Stats.SendFailures++;
                else Stats.UnwantedAnswersEnded++;
                _unwantedCallId = d.CallId;
                _unwantedTag = d.RemoteTag;
            }
        }

        private void TakeAnswer(Call call, SipMessage msg, long nowMs)
        {
            if (OnDelayedOfferBody(call, msg, false, nowMs)) return;
            if (!_sdp.TryParse(msg.Buffer, msg.Body.Start, msg.Body.Length, null)) return;
            if (call.Sdp.ProcessAnswer(_sdp) == SdpResult.Ok) _listener.OnMediaChanged(call, nowMs);
        }

        private void SendAck(Call call, uint cseq)
        {
            // The ACK for a 2xx is a new request in the dialog with the INVITE's CSeq number (RFC 3261 §13.2.2.4).
            // Only what makes it this ACK is kept (CSeq, branch, whether it carried our answer): a retransmitted 2xx
            // gets the same ACK rebuilt from the dialog (ResendAck).
            call.AckCSeq = cseq;
            call.AckBranchLength = _ids.WriteBranch(call.AckBranch, 0);
            call.AckHasBody = call.UacAnswerUnsent;
            _w.Reset(_tx, 0, _tx.Length);
            call.Dialog.WriteRequest(_w, SipMethod.Ack, cseq, _host, _config.LocalSipPort, call.AckBranch, call.AckBranchLength);
            EndAck(call);
            if (_w.Overflow)
            {
                Stats.SendFailures++;
                return;
            }
            call.AckLength = _w.Length;
            Layer.SendStateless(_tx, 0, call.AckLength, call.Peer);
        }

        private void ResendAck(Call call)
        {
            if (call.AckLength == 0 || call.Dialog == null) return;
            _w.Reset(_tx, 0, _tx.Length);
            call.Dialog.WriteRequest(_w, SipMethod.Ack, call.AckCSeq, _host, _config.LocalSipPort, call.AckBranch, call.AckBranchLength);
            if (call.AckHasBody) _w.EndWithBody("application/sdp", call.Answer, 0, call.AnswerLength);
            else _w.EndWithoutBody();
            if (!_w.Overflow) Layer.SendStateless(_tx, 0, _w.Length, call.Peer);
        }

        private bool SendCancel(Call call, long nowMs)
        {
            ClientTransaction inv = call.InviteClient;
            if (inv == null) return false;
            SipMessage m = Reparse(inv.Message, inv.MessageLength);
            if (m == null) return false;
            _w.Reset(_tx, 0, _tx.Length);
            _w.WriteCancel(m);
            _w.EndWithoutBody();
            if (_w.Overflow || Layer.SendRequest(_tx, 0, _w.Length, call.Peer, call, nowMs) == null)
            {
                Stats.SendFailures++;
                return false;
            }
            return true;
        }

        private bool SendBye(Call call, long nowMs)
        {
            if (call.Dialog == null)
            {
                Terminate(call, 0, nowMs);
                return false;
            }
            call.StopOk();
            uint cseq = ++call.Dialog.LocalCSeq;
            _w.Reset(_tx, 0, _tx.Length);
            call.Dialog.WriteRequest(_w, SipMethod.Bye, cseq, _host, _config.LocalSipPort, _branch, _ids.WriteBranch(_branch, 0));
            _w.WriteHeader(SipHeaderId.UserAgent, _config.UserAgent);
            _w.EndWithoutBody();
            if (_w.Overflow || Layer.SendRequest(_tx, 0, _w.Length, call.Peer, call, nowMs) == null)
            {
                Stats.SendFailures++;
                Terminate(call, 0, nowMs);
                return false;
            }
            if (!IsActive(call)) return false;   // the transport refused the BYE at once: the call already ended 503
            SetState(call, CallState.Terminating, nowMs);
            return true;
        }

        private void OnRequestFailed(ClientTransaction tx, int code, long nowMs)
        {
            Call call = tx.Owner as Call;
            if (call == null) return;
            OnSessionRequestFailed(call, tx, nowMs);
            if (tx.Method == SipMethod.Invite && (tx != call.InviteClient || !IsActive(call))) return;   // not the call's INVITE now
            // §9.1: a CANCELled INVITE destroyed 64·T1 later without a final response ends the call as the 487 would.
            if (tx.Method == SipMethod.Invite && tx.Cancelled && code == 408) code = 487;
            if (tx.Method == SipMethod.Invite && call.ReInviteInProgress && tx == call.InviteClient)
            {
                call.ReInviteInProgress = false;
                SendBye(call, nowMs);   // RFC 3261 §14.1: a timed-out re-INVITE ends the dialog
                return;
            }
            if (tx.Method == SipMethod.Invite || tx.Method == SipMethod.Bye) Terminate(call, code, nowMs);
            if (tx.Method == SipMethod.Refer) OnReferFailed(call, code, nowMs);
        }

        // ---- UAS -------------------------------------------------------------------------------------------

        private void OnNewInvite(ServerTransaction st, SipMessage req, long nowMs)
        {
            Call replaced;
            if (!CheckReplaces(st, req, nowMs, out replaced)) return;
            if (replaced == null && ActiveCalls > 0 && !_config.CallWaiting)
            {
                Stats.Busy++;
                SimpleResponse(st, req, 486, "Busy Here", nowMs);
                return;
            }
            Call call = FreeSlot();
            // The INVITE is kept until our final response; with no buffer to keep it in, the call is refused like one
            // with no free slot.
            byte[] invite = call == null || req.Count > Layer.Pool.BufferBytes ? null : Layer.Pool.Take();
            if (invite == null)
            {
                Stats.Busy++;
                SimpleResponse(st, req, 486, "Busy Here", nowMs);
                return;
            }
            call.Clear();
            call.InviteRequest = invite;
            if (req.Body.Length > 0)
            {
                _body.Reset(call.Answer, 0, call.Answer.Length);
                SdpResult r = _sdp.TryParse(req.Buffer, req.Body.Start, req.Body.Length, null)
                    ? call.Sdp.ProcessOffer(_sdp, SdpDirection.SendRecv, _body) : SdpResult.Malformed;
                if (r != SdpResult.Ok)
                {
                    // RFC 3264 §6 / RFC 3261 §13.3.1.3: no acceptable media.
                    call.ReleaseInvite();
                    Stats.NotAcceptable++;
                    SimpleResponse(st, req, 488, "Not Acceptable Here", nowMs);
                    return;
                }
                call.AnswerLength = _body.Length;
            }
            else
            {
                call.OfferInAck = true;
            }
            Dialog d = _dialogs.Allocate(call);
            call.LocalTag = NewTag();
            if (d == null || !d.InitUas(req, call.LocalTag, false))
            {
                if (d != null) _dialogs.Release(d);
                call.Clear();
                SimpleResponse(st, req, 500, "Server Internal Error", nowMs);
                return;
            }
            call.Dialog = d;
            call.IsIncoming = true;
            call.RemoteUri = req.GetString(req.From.Uri.Whole);
            call.CallId = d.CallId;
            call.RemoteInviteCSeq = req.CSeqNumber;
            call.InviteServer = st;
            st.Owner = call;
            call.ResponseDestination = st.ResponseDestination;
            call.Peer = _config.OutboundProxy.IsEmpty ? st.ResponseDestination : _config.OutboundProxy;
            Array.Copy(req.Buffer, req.Offset, call.InviteRequest, 0, req.Count);
            call.InviteRequestLength = req.Count;
            call.AckLength = 0;
            Stats.Received++;
            if (replaced != null)
            {
                AcceptReplacement(call, replaced, nowMs);
                return;
            }
            RespondToInvite(call, 180, "Ringing", nowMs);
            SetState(call, CallState.Ringing, nowMs);
            _listener.OnIncomingCall(call, nowMs);
        }

        private void OnReInvite(ServerTransaction st, SipMessage req, long nowMs)
        {
            Dialog d;
            Call call = InDialogCall(st, req, true, nowMs, out d);
            if (call == null) return;
            if (call.ReInviteInProgress || call.OkRetransmitAt != long.MaxValue)
            {
                // RFC 3261 §14.2: an offer crossing ours (or before our last 2xx was ACKed).
                SimpleResponse(st, req, 491, "Request Pending", nowMs);
                return;
            }
            _w.Reset(_tx, 0, _tx.Length);
            _w.WriteResponseHeaders(req, 200, "OK", null, 0, 0, false);
            WriteContactAndAllow();
            WriteSessionTimerAnswer(call, req);
            if (req.Body.Length > 0)
            {
                if (!_sdp.TryParse(req.Buffer, req.Body.Start, req.Body.Length, null))
                {
                    SimpleResponse(st, req, 488, "Not Acceptable Here", nowMs);
                    return;
                }
                _w.BeginBody("application/sdp");
                _body.Reset(_tx, _w.Position, _tx.Length - _w.Position);
                SdpResult r = call.Sdp.ProcessOffer(_sdp, call.LocalHold ? SdpDirection.SendOnly : SdpDirection.SendRecv, _body);
                if (r != SdpResult.Ok)
                {
                    // The old session stays (RFC 3261 §14.2).
                    SimpleResponse(st, req, 488, "Not Acceptable Here", nowMs);
                    return;
                }
                _w.EndBody(_body.Length);
            }
            else
            {
                call.OfferInAck = true;
                if (!WriteOfferBody(call, call.LocalHold ? SdpDirection.SendOnly : SdpDirection.SendRecv)) return;
            }
            d.Refresh(req);
            call.RemoteInviteCSeq = req.CSeqNumber;
            call.ResponseDestination = st.ResponseDestination;
            if (!SendOk(call, st, nowMs)) return;
            if (req.Body.Length > 0) _listener.OnMediaChanged(call, nowMs);
        }

        private void OnCancel(ServerTransaction st, SipMessage req, long nowMs)
        {
            ServerTransaction inv = Layer.FindInviteFor(req);
            Call call = inv == null ? null : inv.Owner as Call;
            SimpleResponse(st, req, inv == null ? 481 : 200, inv == null ? "Call/Transaction Does Not Exist" : "OK", nowMs);
            if (call != null && call.State == CallState.Ringing)
            {
                // RFC 3261 §9.2: the INVITE is answered 487.
                RespondToInvite(call, 487, "Request Terminated", nowMs);
                Terminate(call, 487, nowMs);
            }
        }

        /// <summary>
        /// The call whose dialog an in-dialog request belongs to (RFC 3261 §12.2.2). Null after answering it 481 when
        /// there is no such dialog, or 500 when <paramref name="checkCSeq"/> and its CSeq is lower than the last one.
        /// </summary>
        private Call InDialogCall(ServerTransaction st, SipMessage req, bool checkCSeq, long nowMs, out Dialog dialog)
        {
            dialog = _dialogs.Find(req);
            Call call = dialog == null ? null : dialog.Owner as Call;
            if (call == null)
            {
                Stats.NoDialog++;
                SimpleResponse(st, req, 481, "Call/Transaction Does Not Exist", nowMs);
                return null;
            }
            if (checkCSeq && !dialog.AcceptRemoteCSeq(req))
            {
                SimpleResponse(st, req, 500, "Server Internal Error", nowMs);
                return null;
            }
            return call;
        }

        private void OnBye(ServerTransaction st, SipMessage req, long nowMs)
        {
            Dialog d;
            Call call = InDialogCall(st, req, false, nowMs, out d);
            if (call == null) return;
            SimpleResponse(st, req, 200, "OK", nowMs);
            if (call.IsIncoming && call.State == CallState.Ringing)
            {
                // BYE before our final response on an early dialog: the INVITE gets 487 (RFC 3261 §15.1.2).
                RespondToInvite(call, 487, "Request Terminated", nowMs);
            }
            Terminate(call, 200, nowMs);
        }

        private void RespondToInvite(Call call, int code, string reason, long nowMs)
        {
            SipMessage req = Reparse(call.InviteRequest, call.InviteRequestLength);
            if (req == null || call.InviteServer == null) return;
            _w.Reset(_tx, 0, _tx.Length);
            WriteResponseStart(req, code, reason, call);
            if (code < 300) WriteContactAndAllow();
            if (code > 100 && code < 200) WriteReliableHeaders(call, req);
            EndInviteResponse(call, code);
            Respond(call.InviteServer, code);
            OnInviteResponseSent(call, code, nowMs);
            if (code >= 200) call.ReleaseInvite();
        }

        private bool SendOk(Call call, ServerTransaction st, long nowMs)
        {
            if (_w.Overflow)
            {
                Stats.SendFailures++;
                return false;
            }
            // The transaction gives its buffer back on a 2xx (RFC 6026 Accepted re-sends nothing), so the call can
            // borrow one for its own retransmissions; the received INVITE is not needed any more.
            st.Respond(_tx, 0, _w.Length, 200, nowMs);
            call.ReleaseInvite();
            OnOkSent(call, nowMs);
            if (!call.TakeOkBuffer())
            {
                Stats.SendFailures++;   // sent once; no buffer to retransmit it from
                return true;
            }
            Array.Copy(_tx, 0, call.Ok, 0, _w.Length);
            call.OkLength = _w.Length;
            // RFC 3261 §13.3.1.4: the UA core retransmits the 2xx (T1 doubling to T2) until the ACK, for 64·T1.
            call.OkInterval = Layer.Timers.T1;
            call.OkRetransmitAt = nowMs + call.OkInterval;
            call.OkGiveUpAt = nowMs + Layer.Timers.TransactionTimeout;
            return true;
        }

        // ---- helpers ---------------------------------------------------------------------------------------

        private void WriteResponseStart(SipMessage req, int code, string reason, Call call)
        {
            // Our To tag is kept as a string; the writer adds it unless the request already carried one (§8.2.6.2).
            int tl = AsciiInto(call.LocalTag, _tag);
            _w.WriteResponseHeaders(req, code, reason, _tag, 0, tl, code > 100 && code < 300);
        }

        private void WriteContactAndAllow()
        {
            _w.WriteHeader(SipHeaderId.Contact, _contact);
            _w.WriteHeader(SipHeaderId.Allow, AllowValue);
            _w.WriteHeader(SipHeaderId.Supported, OptionTags.SupportedValue);
            _w.WriteHeader(SipHeaderId.UserAgent, _config.UserAgent);
        }

        private bool WriteOfferBody(Call call, SdpDirection direction)
        {
            _w.BeginBody("application/sdp");
            _body.Reset(_w.Buffer, _w.Position, _w.Buffer.Length - _w.Position);
            if (!call.Sdp.WriteOffer(direction, _body))
            {
                Stats.SendFailures++;
                return false;
            }
            _w.EndBody(_body.Length);
            if (_w.Overflow) Stats.SendFailures++;
            return !_w.Overflow;
        }

        private void SimpleResponse(ServerTransaction st, SipMessage req, int code, string reason, long nowMs)
        {
            _w.Reset(_tx, 0, _tx.Length);
            int tl = _ids.WriteTag(_tag, 0);
            _w.WriteResponseHeaders(req, code, reason, _tag, 0, tl, false);
            if (code == 405) _w.WriteHeader(SipHeaderId.Allow, AllowValue);
            _w.EndWithoutBody();
            Respond(st, code);
        }

        private void Respond(ServerTransaction st, int code)
        {
            if (_w.Overflow)
            {
                Stats.SendFailures++;
                return;
            }
            st.Respond(_tx, 0, _w.Length, code, 0);
        }

        private SipMessage Reparse(byte[] buffer, int length)
        {
            if (length <= 0) return null;
            // The layer's parser: every caller is done with the result before it sends a request.
            SipMessage m = Layer.Scratch;
            return m.TryParse(buffer, 0, length) ? m : null;
        }

        private void SetState(Call call, CallState next, long nowMs)
        {
            if (call.State == next) return;
            call.State = next;
            _listener.OnCallState(call, nowMs);
            OnTransferCallState(call, nowMs);
        }

        private void Terminate(Call call, int code, long nowMs)
        {
            if (call.State == CallState.Terminated || call.State == CallState.Idle) return;
            call.EndCode = code;
            call.OkRetransmitAt = call.OkGiveUpAt = long.MaxValue;
            call.ReleaseMessages();
            ReleaseDialogs(call, null);
            call.Dialog = null;
            SetState(call, CallState.Terminated, nowMs);
            // An INVITE of ours still waiting for its final response (the far end sent BYE on an early dialog, or a
            // re-INVITE was pending when the BYE went): CANCEL it, so that it ends 64·T1 later at the latest (§9.1)
            // instead of holding its transaction slot until a final response that may never come.
            ClientTransaction inv = call.InviteClient;
            if (inv != null && inv.Owner == call && inv.IsInvite && inv.State == TransactionState.Proceeding && !inv.Cancelled)
            {
                SendCancel(call, nowMs);
            }
        }

        private void FailOnTransport(Call call, long nowMs) => Terminate(call, 503, nowMs);

        /// <inheritdoc/>
        public void OnStrayResponse(SipMessage resp, NetEndPoint from, long nowMs)
        {
            // A 2xx to an INVITE whose transaction is gone (destroyed 64·T1 after our CANCEL, §9.1, or after Timer M): ACK
            // it and BYE it (§13.2.2.4, §15) if it answers a call of ours: same Call-ID and our From tag. Strangers' 2xx
            // are dropped, so the phone cannot be made to send requests to third parties.
            for (int i = 0; i < _calls.Length; i++)
            {
                Call c = _calls[i];
                if (c == null || c.IsIncoming || c.CallId == null || c.LocalTag == null || !resp.SliceEquals(resp.CallId, c.CallId)
                    || !resp.From.Tag.IsPresent || !resp.SliceEquals(resp.From.Tag, c.LocalTag)) continue;
                bool own = IsActive(c) && c.Dialog != null && c.Dialog.State == DialogState.Confirmed && c.Dialog.Matches(resp);
                AckAnswer(resp, c.Peer, !own, nowMs);
                return;
            }
        }

        private Call FreeSlot()
        {
            for (int i = 0; i < _calls.Length; i++)
            {
                if (_calls[i] != null && !IsActive(_calls[i])) return _calls[i];
            }
            for (int i = 0; i < _calls.Length; i++)
            {
                if (_calls[i] == null) return _calls[i] = BuildSlot(i);
            }
            return null;
        }

        /// <summary>
        /// Builds call slot <paramref name="index"/>; null when it cannot be built (the heap is full), and the call is
        /// then refused as one that finds every slot taken.
        /// </summary>
        private Call BuildSlot(int index)
        {
            try
            {
                if (FailSlotBuild) throw new OutOfMemoryException();
                var sdp = new SdpOfferAnswer(_config.Codecs, _config.TelephoneEventPayloadType, _config.Ptime, _sessionIds[index], null, _sdpScratch);
                sdp.LocalAddress.SetIpv4(_config.LocalAddress);
                sdp.LocalPort = _config.RtpPortBase + 2 * index;
                return new Call(index, sdp, _pool);
            }
            catch (OutOfMemoryException)
            {
                return null;
            }
        }

        /// <summary>Tests: building a further call slot fails as it would on a full heap.</summary>
        internal bool FailSlotBuild { get; set; }

        // A slot beyond the first is let go once its call has ended, holds no message buffer and has lingered
        // SlotLingerMs; calls that pointed at it through a transfer forget it.
        private bool LetGoOfSlot(Call c, long nowMs)
        {
            if (IsActive(c) || c.HoldsMessageBuffer)
            {
                c.IdleSince = long.MaxValue;
                return false;
            }
            if (c.IdleSince == long.MaxValue)
            {
                c.IdleSince = nowMs;
                return false;
            }
            if (nowMs - c.IdleSince < SlotLingerMs) return false;
            _calls[c.Index] = null;
            // The body writer may still point at the slot's answer buffer; every use resets it first.
            _body.Reset(_tx, 0, 0);
            for (int i = 0; i < _calls.Length; i++)
            {
                Call o = _calls[i];
                if (o != null) o.Transfer.Forget(c);
            }
            return true;
        }

        private static bool IsActive(Call c) => c != null && c.State != CallState.Idle && c.State != CallState.Terminated;

        private string NewTag()
        {
            int n = _ids.WriteTag(_tag, 0);
            return SipText.ToAsciiString(_tag, 0, n);
        }

        private static int AsciiInto(string s, byte[] dst)
        {
            for (int i = 0; i < s.Length; i++) dst[i] = (byte)s[i];
            return s.Length;
        }

        private bool ResolveHop(string uri, out NetEndPoint hop)
        {
            if (!_config.OutboundProxy.IsEmpty)
            {
                hop = _config.OutboundProxy;
                return true;
            }
            // sip:user@a.b.c.d[:port][;params]
            hop = new NetEndPoint(0, 0);
            int at = uri.IndexOf('@');
            int start = at >= 0 ? at + 1 : uri.IndexOf(':') + 1;
            int end = start;
            while (end < uri.Length && uri[end] != ':' && uri[end] != ';' && uri[end] != '>' && uri[end] != '?') end++;
            uint addr;
            if (!NetEndPoint.TryParseAddress(uri.Substring(start, end - start), out addr)) return false;
            int port = 0;
            if (end < uri.Length && uri[end] == ':')
            {
                for (int i = end + 1; i < uri.Length && uri[i] >= '0' && uri[i] <= '9'; i++) port = port * 10 + (uri[i] - '0');
            }
            hop = new NetEndPoint(addr, port == 0 ? 5060 : port);
            return true;
        }
    }
}
