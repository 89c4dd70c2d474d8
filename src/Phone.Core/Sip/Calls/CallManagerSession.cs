// Session features of the UA core: Require/420 (RFC 3261 §8.2.2.3), session timers (RFC 4028), reliable provisionals
// and PRACK (RFC 3262), UPDATE (RFC 3311) and the 491 glare retry (RFC 3261 §14.1). The other part of CallManager.
namespace Phone.Core.Sip.Calls
{
    using System;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Dialogs;
    using Phone.Core.Sip.Transactions;

    /// <summary>Session timers, 100rel/PRACK, UPDATE and glare handling (this file holds no other part of the manager).</summary>
    public sealed partial class CallManager
    {
        private const int MaxRetries422 = 2;

        // RFC 4028 §4: Min-SE is never below 90 s.
        private const int FloorMinSE = 90;

        private readonly Random _random;

        // ---- incoming requests -----------------------------------------------------------------------------

        /// <summary>
        /// Checks made before a request is dispatched: Require (420, RFC 3261 §8.2.2.3; never for ACK/CANCEL) and a
        /// Session-Expires below our Min-SE (422, RFC 4028 §9). True when the request was answered here.
        /// </summary>
        private bool RejectRequest(ServerTransaction st, SipMessage req, long nowMs)
        {
            if (req.Method == SipMethod.Ack || req.Method == SipMethod.Cancel) return false;
            if (OptionTags.WriteUnsupported(req, null) > 0)
            {
                Stats.BadExtension++;
                _w.Reset(_tx, 0, _tx.Length);
                _w.WriteResponseHeaders(req, 420, "Bad Extension", _tag, 0, _ids.WriteTag(_tag, 0), false);
                _w.BeginHeader(SipHeaderId.Unsupported);
                OptionTags.WriteUnsupported(req, _w);
                _w.EndHeader();
                _w.EndWithoutBody();
                Respond(st, 420);
                return true;
            }
            uint se;
            if ((req.Method == SipMethod.Invite || req.Method == SipMethod.Update) && PeerSupportsTimer(req)
                && req.TryGetHeaderUInt(SipHeaderId.SessionExpires, out se) && se < (uint)OurMinSE())
            {
                // RFC 4028 §9: only a UAC that supports timers understands 422 and retries with our Min-SE.
                Stats.IntervalTooSmall++;
                _w.Reset(_tx, 0, _tx.Length);
                _w.WriteResponseHeaders(req, 422, "Session Interval Too Small", _tag, 0, _ids.WriteTag(_tag, 0), false);
                _w.WriteHeader(SipHeaderId.MinSE, (uint)OurMinSE());
                _w.EndWithoutBody();
                Respond(st, 422);
                return true;
            }
            return false;
        }

        /// <summary>UPDATE in an early or confirmed dialog (RFC 3311 §5.2): 200, with an SDP answer when it carried an offer.</summary>
        private void OnUpdate(ServerTransaction st, SipMessage req, long nowMs)
        {
            Dialog d;
            Call call = InDialogCall(st, req, true, nowMs, out d);
            if (call == null) return;
            bool offer = req.Body.Length > 0;
            if (offer)
            {
                // RFC 3311 §5.2: our own offer is unanswered → 491; theirs (the INVITE's) is unanswered → 500 + Retry-After.
                if (call.ReInviteInProgress || call.OfferInAck || (!call.IsIncoming && !call.Media.IsEstablished))
                {
                    SimpleResponse(st, req, 491, "Request Pending", nowMs);
                    return;
                }
                if (call.IsIncoming && call.State == CallState.Ringing)
                {
                    _w.Reset(_tx, 0, _tx.Length);
                    _w.WriteResponseHeaders(req, 500, "Server Internal Error", null, 0, 0, false);
                    _w.WriteHeader(SipHeaderId.RetryAfter, (uint)_random.Next(11));
                    _w.EndWithoutBody();
                    Respond(st, 500);
                    return;
                }
                if (!_sdp.TryParse(req.Buffer, req.Body.Start, req.Body.Length, null))
                {
                    SimpleResponse(st, req, 488, "Not Acceptable Here", nowMs);
                    return;
                }
            }
            _w.Reset(_tx, 0, _tx.Length);
            _w.WriteResponseHeaders(req, 200, "OK", null, 0, 0, false);
            WriteContactAndAllow();
            bool confirmed = call.State == CallState.Connected;
            if (confirmed) WriteSessionTimerAnswer(call, req);
            if (offer)
            {
                _w.BeginBody("application/sdp");
                _body.Reset(_tx, _w.Position, _tx.Length - _w.Position);
                if (call.Sdp.ProcessOffer(_sdp, call.LocalHold ? SdpDirection.SendOnly : SdpDirection.SendRecv, _body) != SdpResult.Ok)
                {
                    // The session stays as it was (RFC 3311 §5.2 with RFC 3264 §6).
                    SimpleResponse(st, req, 488, "Not Acceptable Here", nowMs);
                    return;
                }
                _w.EndBody(_body.Length);
            }
            else
            {
                _w.EndWithoutBody();
            }
            if (_w.Overflow)
            {
                Stats.SendFailures++;
                return;
            }
            d.Refresh(req);   // UPDATE is a target refresh request (RFC 3311 §5.2)
            Respond(st, 200);
            if (confirmed) call.SessionTimer.Commit(nowMs);
            if (offer) _listener.OnMediaChanged(call, nowMs);
        }

        /// <summary>PRACK (RFC 3262 §3): 200 when its RAck names our unacknowledged reliable provisional, else 481.</summary>
        private void OnPrack(ServerTransaction st, SipMessage req, long nowMs)
        {
            Dialog d;
            Call call = InDialogCall(st, req, true, nowMs, out d);
            if (call == null) return;
            ReliableProvisional r = call.Reliable;
            uint rseq, cseq;
            SipSlice method;
            if (!req.TryGetRAck(out rseq, out cseq, out method) || !r.Unacknowledged || rseq != r.LocalRSeq
                || cseq != call.RemoteInviteCSeq || !req.SliceEqualsIgnoreCase(method, "INVITE"))
            {
                SimpleResponse(st, req, 481, "Call/Transaction Does Not Exist", nowMs);
                return;
            }
            r.Stop();
            call.ReleaseOkIfDone();
            SimpleResponse(st, req, 200, "OK", nowMs);
            call.SdpInUnackedProvisional = false;
            TakePrackAnswer(call, req, nowMs);
            if (call.AnswerAfterPrack)
            {
                call.AnswerAfterPrack = false;
                Answer(call, nowMs);
            }
        }

        // ---- UAS: our responses to the INVITE ----------------------------------------------------------------

        /// <summary>
        /// Headers of a reliable provisional (RFC 3262 §3): Require: 100rel and RSeq, when the INVITE required 100rel
        /// (or listed it in Supported and the configuration asks for it). The first RSeq is random in 1..2^31-1.
        /// </summary>
        private void WriteReliableHeaders(Call call, SipMessage invite)
        {
            ReliableProvisional r = call.Reliable;
            if (!r.Reliable)
            {
                r.Reliable = invite.HeaderHasToken(SipHeaderId.Require, "100rel")
                    || (_config.ReliableProvisionalWhenSupported && invite.HeaderHasToken(SipHeaderId.Supported, "100rel"));
                if (!r.Reliable) return;
            }
            r.LocalRSeq = r.LocalRSeq == 0 ? (uint)_random.Next(0x7FFFFFFE) + 1 : r.LocalRSeq + 1;
            _w.WriteHeader(SipHeaderId.Require, "100rel");
            _w.WriteHeader(SipHeaderId.RSeq, r.LocalRSeq);
        }

        /// <summary>After a response to the INVITE went out: a reliable 1xx is kept and retransmitted; a final one stops that.</summary>
        private void OnInviteResponseSent(Call call, int code, long nowMs)
        {
            ReliableProvisional r = call.Reliable;
            if (code >= 200 || !r.Reliable || _w.Overflow)
            {
                r.Stop();
                call.ReleaseOkIfDone();
                return;
            }
            // RFC 3262 §3: the UA core (not the transaction) retransmits it, T1 doubling, until the PRACK or 64·T1.
            if (!call.TakeOkBuffer())
            {
                // Sent once; with no buffer to retransmit it from, the PRACK wait ends as if it had been given up.
                Stats.SendFailures++;
                r.Stop();
                return;
            }
            Array.Copy(_tx, 0, call.Ok, 0, _w.Length);
            call.OkLength = _w.Length;
            r.Unacknowledged = true;
            r.Destination = call.ResponseDestination;
            r.Interval = Layer.Timers.T1;
            r.RetransmitAt = nowMs + r.Interval;
            r.GiveUpAt = nowMs + Layer.Timers.TransactionTimeout;
        }

        /// <summary>Our 2xx to an INVITE went out: its session timer applies and reliable 1xx retransmissions stop.</summary>
        private void OnOkSent(Call call, long nowMs)
        {
            call.Reliable.Stop();
            call.SessionTimer.Commit(nowMs);
        }

        /// <summary>
        /// Session-Expires (and Require: timer when the peer refreshes) in our 2xx to INVITE/re-INVITE/UPDATE (RFC 4028
        /// §9): the request's interval is copied; a UAC that supports timers but asked for none gets ours, not below its
        /// Min-SE; the refresher is the request's choice, else the UAC when it supports timers, else us.
        /// </summary>
        private void WriteSessionTimerAnswer(Call call, SipMessage req)
        {
            SessionTimer t = call.SessionTimer;
            if (req.FindHeader(SipHeaderId.Allow, -1) >= 0) t.PeerAllowsUpdate = req.HeaderHasToken(SipHeaderId.Allow, "UPDATE");
            t.PendingSeconds = 0;
            bool supports = PeerSupportsTimer(req);
            uint se, reqMin;
            if (!req.TryGetHeaderUInt(SipHeaderId.MinSE, out reqMin)) reqMin = FloorMinSE;
            if (req.TryGetHeaderUInt(SipHeaderId.SessionExpires, out se) && se > 0)
            {
                SipSlice r;
                bool peerRefreshes = req.TryGetHeaderParameter(SipHeaderId.SessionExpires, "refresher", out r)
                    ? req.SliceEqualsIgnoreCase(r, "uac") : supports;
                t.PendingSeconds = se > 86400 * 7 ? 86400 * 7 : (int)se;
                t.PendingWeRefresh = !(peerRefreshes && supports);
            }
            else if (supports && _config.SessionExpires > 0)
            {
                int want = _config.SessionExpires;
                if (want < (int)reqMin) want = (int)reqMin;
                if (want < OurMinSE()) want = OurMinSE();
                t.PendingSeconds = want;
                t.PendingWeRefresh = false;
            }
            if (t.PendingSeconds == 0) return;
            _w.BeginHeader(SipHeaderId.SessionExpires);
            _w.AppendUInt((uint)t.PendingSeconds);
            _w.Append(t.PendingWeRefresh ? ";refresher=uas" : ";refresher=uac");
            _w.EndHeader();
            if (!t.PendingWeRefresh) _w.WriteHeader(SipHeaderId.Require, "timer");
        }

        // ---- UAC ---------------------------------------------------------------------------------------------

        /// <summary>
        /// Session-Expires and Min-SE in our INVITE (RFC 4028 §7.1, no refresher: the UAS chooses) or, once a timer runs,
        /// in a re-INVITE/UPDATE with the current refresher kept (§7.4).
        /// </summary>
        private void WriteSessionTimerRequest(Call call, bool initial)
        {
            SessionTimer t = call.SessionTimer;
            int minSe = t.LearnedMinSE > OurMinSE() ? t.LearnedMinSE : OurMinSE();
            int se = initial ? _config.SessionExpires : t.IntervalSeconds;
            if (se <= 0) return;
            if (se < minSe) se = minSe;
            t.RequestedSeconds = se;
            _w.BeginHeader(SipHeaderId.SessionExpires);
            _w.AppendUInt((uint)se);
            if (!initial) _w.Append(t.WeRefresh ? ";refresher=uac" : ";refresher=uas");
            _w.EndHeader();
            _w.WriteHeader(SipHeaderId.MinSE, (uint)minSe);
        }

        /// <summary>
        /// A 2xx to our INVITE, re-INVITE or UPDATE (RFC 4028 §7.2): with Session-Expires the timer (re)starts, we refresh
        /// unless refresher=uas; without it the session has no timer. The Allow it carries says whether UPDATE may refresh.
        /// </summary>
        private void OnSessionTimerResponse(Call call, SipMessage resp, long nowMs)
        {
            SessionTimer t = call.SessionTimer;
            t.RefreshByInvite = false;
            if (resp.FindHeader(SipHeaderId.Allow, -1) >= 0) t.PeerAllowsUpdate = resp.HeaderHasToken(SipHeaderId.Allow, "UPDATE");
            uint se;
            if (!resp.TryGetHeaderUInt(SipHeaderId.SessionExpires, out se) || se == 0)
            {
                t.Stop();
                return;
            }
            SipSlice r;
            bool peerRefreshes = resp.TryGetHeaderParameter(SipHeaderId.SessionExpires, "refresher", out r) && resp.SliceEqualsIgnoreCase(r, "uas");
            t.Start(se > 86400 * 7 ? 86400 * 7 : (int)se, !peerRefreshes, nowMs);
        }

        /// <summary>
        /// A reliable provisional to our INVITE (RFC 3262 §4): the first one, and then each next RSeq in order, gets a
        /// PRACK; retransmissions and out-of-order ones are dropped (false: do not act on this response).
        /// </summary>
        private bool AcceptProvisional(Call call, SipMessage resp, long nowMs)
        {
            uint rseq;
            if (call.Dialog == null || !resp.HeaderHasToken(SipHeaderId.Require, "100rel") || !resp.TryGetHeaderUInt(SipHeaderId.RSeq, out rseq)) return true;
            ReliableProvisional r = call.Reliable;
            if (r.RemoteTag != call.Dialog.RemoteTag)
            {
                // RFC 3262 §4: RSeq spaces are per dialog; a new early dialog (after a 3xx or 422 retry) starts afresh.
                r.HasRemoteRSeq = false;
                r.RemoteTag = call.Dialog.RemoteTag;
            }
            if (r.HasRemoteRSeq && rseq != r.RemoteRSeq + 1)
            {
                Stats.ReliableProvisionalsIgnored++;
                return false;
            }
            r.RemoteRSeq = rseq;
            r.HasRemoteRSeq = true;
            // Delayed offer: the offer of a reliable 1xx is answered in its PRACK (RFC 3262 §5).
            bool refused = resp.Body.Length > 0 && OnDelayedOfferBody(call, resp, true, nowMs) && call.UacDelayedOffer && !call.UacAnswerUnsent
                && !call.Media.IsEstablished;
            Dialog d = call.Dialog;
            if (d.RemoteTarget == null) d.RemoteTarget = call.RequestUri;
            uint cseq = ++d.LocalCSeq;
            _w.Reset(_tx, 0, _tx.Length);
            d.WriteRequest(_w, SipMethod.Prack, cseq, _host, _config.LocalSipPort, _branch, _ids.WriteBranch(_branch, 0));
            _w.BeginHeader(SipHeaderId.RAck);
            _w.AppendUInt(rseq);
            _w.Append((byte)' ');
            _w.AppendUInt(call.InviteCSeq);
            _w.Append(" INVITE");
            _w.EndHeader();
            EndPrack(call);
            if (_w.Overflow || Layer.SendRequest(_tx, 0, _w.Length, call.Peer, call, nowMs) == null) Stats.SendFailures++;
            else Stats.PracksSent++;
            // An offer we cannot answer (no common codec): the call is cancelled rather than left without media.
            if (refused && call.State != CallState.Terminating) Hangup(call, nowMs);
            return true;
        }

        /// <summary>422 to our INVITE (RFC 4028 §7.4): the same INVITE again (CSeq + 1) with the larger Min-SE.</summary>
        private bool RetryWithLargerMinSE(Call call, SipMessage resp, long nowMs)
        {
            SessionTimer t = call.SessionTimer;
            uint min;
            if (!resp.TryGetHeaderUInt(SipHeaderId.MinSE, out min) || min <= (uint)t.RequestedSeconds || min > 86400
                || t.Retries422 >= MaxRetries422 || call.State == CallState.Terminating) return false;
            t.Retries422++;
            t.LearnedMinSE = (int)min;
            ReleaseDialogs(call, null);   // every early dialog of the refused INVITE (forks included)
            call.Dialog = null;
            call.Reliable.Clear();
            call.InviteCSeq++;
            return SendInitialInvite(call, nowMs);
        }

        /// <summary>
        /// A refused re-INVITE: 491 is retried after the RFC 3261 §14.1 interval (2.1–4 s when we own the Call-ID,
        /// 0–2 s otherwise, in 10 ms steps); a refused refresh leaves the hold state alone, and 422 retries it at once.
        /// False: the caller's usual handling applies (hold change undone).
        /// </summary>
        private bool OnReInviteRefused(Call call, int code, SipMessage resp, long nowMs)
        {
            SessionTimer t = call.SessionTimer;
            bool refresh = t.RefreshByInvite;
            t.RefreshByInvite = false;
            if (code == 491)
            {
                call.ReInviteInProgress = false;
                call.GlareRetryHold = call.LocalHold;
                call.GlareRetryRefresh = refresh;
                if (!refresh) call.LocalHold = !call.LocalHold;
                call.GlareRetryAt = nowMs + (call.IsIncoming ? 10 * _random.Next(201) : 2100 + 10 * _random.Next(191));
                return true;
            }
            if (!refresh) return false;
            call.ReInviteInProgress = false;
            if (code == 422 && LearnMinSE(t, resp)) SendRefresh(call, nowMs);
            else if (code == 408 || code == 481) SendBye(call, nowMs);   // RFC 4028 §10
            return true;
        }

        /// <summary>Response to our UPDATE or PRACK (their own non-INVITE transactions).</summary>
        private void OnSessionRequestResponse(Call call, ClientTransaction tx, SipMessage resp, long nowMs)
        {
            SessionTimer t = call.SessionTimer;
            int code = resp.StatusCode;
            if (tx.Method != SipMethod.Update || tx != t.UpdateClient || code < 200) return;
            t.UpdateClient = null;
            if (code < 300)
            {
                if (call.Dialog != null) call.Dialog.Refresh(resp);
                OnSessionTimerResponse(call, resp, nowMs);
            }
            else if (code == 422 && LearnMinSE(t, resp))
            {
                SendRefresh(call, nowMs);
            }
            else if (code == 405 || code == 501)
            {
                // Allow said UPDATE but the peer refuses it: refresh by re-INVITE from now on.
                t.PeerAllowsUpdate = false;
                SendRefresh(call, nowMs);
            }
            else if (code == 408 || code == 481)
            {
                SendBye(call, nowMs);   // RFC 4028 §10
            }
        }

        /// <summary>Our UPDATE timed out or could not be sent: the session is gone (RFC 4028 §10).</summary>
        private void OnSessionRequestFailed(Call call, ClientTransaction tx, long nowMs)
        {
            if (tx.Method != SipMethod.Update || tx != call.SessionTimer.UpdateClient) return;
            call.SessionTimer.UpdateClient = null;
            if (call.State == CallState.Connected) SendBye(call, nowMs);
        }

        private bool LearnMinSE(SessionTimer t, SipMessage resp)
        {
            uint min;
            if (!resp.TryGetHeaderUInt(SipHeaderId.MinSE, out min) || min <= (uint)t.RequestedSeconds || min > 86400 || t.Retries422 >= MaxRetries422) return false;
            t.Retries422++;
            t.LearnedMinSE = (int)min;
            return true;
        }

        /// <summary>
        /// Session refresh (RFC 4028 §10): UPDATE without a body when the peer allows it (and the configuration does),
        /// else a re-INVITE with our current SDP. A re-INVITE already in flight refreshes the session when it succeeds.
        /// </summary>
        private void SendRefresh(Call call, long nowMs)
        {
            SessionTimer t = call.SessionTimer;
            t.RefreshAt = long.MaxValue;
            if (call.State != CallState.Connected || call.Dialog == null) return;
            if (call.ReInviteInProgress || t.UpdateClient != null)
            {
                t.RefreshAt = nowMs + 2000;
                return;
            }
            Stats.SessionRefreshes++;
            if (t.PeerAllowsUpdate && _config.RefreshWithUpdate)
            {
                uint cseq = ++call.Dialog.LocalCSeq;
                _w.Reset(_tx, 0, _tx.Length);
                call.Dialog.WriteRequest(_w, SipMethod.Update, cseq, _host, _config.LocalSipPort, _branch, _ids.WriteBranch(_branch, 0));
                WriteContactAndAllow();
                WriteSessionTimerRequest(call, false);
                _w.EndWithoutBody();
                ClientTransaction tx = _w.Overflow ? null : Layer.SendRequest(_tx, 0, _w.Length, call.Peer, call, nowMs);
                if (tx == null) Stats.SendFailures++;
                t.UpdateClient = tx;
                return;
            }
            t.RefreshByInvite = true;
            if (!SetHold(call, call.LocalHold, nowMs)) t.RefreshByInvite = false;
        }

        // ---- timers ------------------------------------------------------------------------------------------

        /// <summary>
        /// Reliable 1xx retransmission and give-up (RFC 3262 §3), 491 retries (RFC 3261 §14.1), session refresh and
        /// expiry (RFC 4028 §10). Returns the earlier of <paramref name="next"/> and our next deadline.
        /// </summary>
        private long PollSessions(long nowMs, long next)
        {
            for (int i = 0; i < _calls.Length; i++)
            {
                Call c = _calls[i];
                if (c == null) continue;
                if (c.State == CallState.Ringing)
                {
                    ReliableProvisional r = c.Reliable;
                    if (nowMs >= r.RetransmitAt)
                    {
                        if (nowMs >= r.GiveUpAt)
                        {
                            // RFC 3262 §3: never PRACKed within 64·T1 → the INVITE is rejected with a 5xx.
                            r.Stop();
                            Stats.PrackTimeouts++;
                            RespondToInvite(c, 500, "Server Internal Error", nowMs);
                            Terminate(c, 500, nowMs);
                            continue;
                        }
                        Layer.SendStateless(c.Ok, 0, c.OkLength, r.Destination);
                        Stats.ProvisionalRetransmissions++;
                        r.Interval *= 2;
                        r.RetransmitAt = nowMs + r.Interval < r.GiveUpAt ? nowMs + r.Interval : r.GiveUpAt;
                    }
                    if (r.RetransmitAt < next) next = r.RetransmitAt;
                    continue;
                }
                if (c.State != CallState.Connected) continue;
                if (nowMs >= c.GlareRetryAt)
                {
                    c.GlareRetryAt = long.MaxValue;
                    Stats.GlareRetries++;
                    if (c.GlareRetryRefresh) SendRefresh(c, nowMs);
                    else if (c.LocalHold != c.GlareRetryHold) SetHold(c, c.GlareRetryHold, nowMs);
                }
                if (c.HoldQueued && !c.ReInviteInProgress && c.GlareRetryAt == long.MaxValue)
                {
                    c.HoldQueued = false;
                    if (c.LocalHold != c.QueuedHold) SetHold(c, c.QueuedHold, nowMs);
                }
                SessionTimer t = c.SessionTimer;
                if (nowMs >= t.RefreshAt) SendRefresh(c, nowMs);
                if (nowMs >= t.ExpireAt)
                {
                    // RFC 4028 §10: no refresh came in time; the non-refresher ends the session.
                    Stats.SessionExpirations++;
                    t.Stop();
                    SendBye(c, nowMs);
                    continue;
                }
                if (c.GlareRetryAt < next) next = c.GlareRetryAt;
                if (t.NextDeadline < next) next = t.NextDeadline;
            }
            return next;
        }

        // ---- helpers -----------------------------------------------------------------------------------------

        private int OurMinSE() => _config.MinSE < FloorMinSE ? FloorMinSE : _config.MinSE;

        private static bool PeerSupportsTimer(SipMessage m)
            => m.HeaderHasToken(SipHeaderId.Supported, "timer") || m.HeaderHasToken(SipHeaderId.Require, "timer");
    }
}
