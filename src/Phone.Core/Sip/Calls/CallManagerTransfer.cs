// Call transfer and in-dialog events of the UA core: REFER with the implicit refer subscription (RFC 3515, RFC 6665),
// Referred-By (RFC 3892), Replaces (RFC 3891) and the PBX's NOTIFY check-sync. The other part of CallManager.
namespace Phone.Core.Sip.Calls
{
    using Phone.Core.Net;
    using Phone.Core.Sip.Dialogs;
    using Phone.Core.Sip.Transactions;

    /// <summary>Transfer commands, REFER/NOTIFY handling and Replaces matching (this file holds no other part of the manager).</summary>
    public sealed partial class CallManager
    {
        /// <summary>Expires of the refer subscription we report in Subscription-State (RFC 3515 §2.4.4 leaves it to the notifier).</summary>
        public const int ReferSubscriptionSeconds = 60;

        /// <summary>
        /// How long the transferor waits for the final sipfrag after sending REFER before it reports the transfer
        /// Failed (408): a transferee that accepts and then never notifies must not leave the call held for ever.
        /// Longer than our own subscription's expiry, since a target may ring for a while.
        /// </summary>
        public const int TransferTimeoutMs = 120000;

        private const string AllowEventsValue = "refer, check-sync";

        // Longest unescaped Replaces value taken (RFC 3891 §6.1: Call-ID plus two tags). It is unescaped into the SDP
        // body scratch: that holds a body only within one offer/answer call, never across this REFER's handling.
        private const int MaxReplacesLength = 256;

        // A call placed because of a REFER: PlaceCall clears the slot, so these wait until its first INVITE is written.
        private Call _pendingOrigin;
        private string _pendingReferredBy;
        private string _pendingReplaces;

        /// <summary>Counters of REFER / NOTIFY / Replaces handling.</summary>
        public readonly TransferStats TransferStats = new TransferStats();

        /// <summary>Transfer progress events (null: none). PhoneLine.Attach sets itself.</summary>
        public ITransferListener TransferListener;

        /// <summary>
        /// Called when the PBX sends NOTIFY Event: check-sync (or resync); null: the NOTIFY is still answered 200.
        /// The composition passes it to ProvisioningClient.TryRequestResync, which rate-limits it.
        /// </summary>
        public CheckSyncHandler CheckSync;

        // ---- commands --------------------------------------------------------------------------------------

        /// <summary>
        /// Blind transfer (RFC 3515 §2.4.1, RFC 5589 §6): REFER in the call's dialog with Refer-To the target and
        /// Referred-By us. Progress comes through <see cref="ITransferListener"/>; on a 2xx sipfrag we send BYE.
        /// False when the call is not connected or a transfer is already pending on it.
        /// </summary>
        public bool Transfer(Call call, string targetUri, long nowMs)
        {
            if (targetUri == null || targetUri.Length == 0) return false;
            return SendRefer(call, "<" + targetUri + ">", targetUri, nowMs);
        }

        /// <summary>
        /// Attended transfer (RFC 5589 §7): REFER on <paramref name="call"/> (usually held) whose Refer-To names the
        /// peer of <paramref name="consult"/> with an escaped Replaces header for that dialog (RFC 3891 §4). The
        /// target then ends the consultation dialog itself; on success we BYE <paramref name="call"/>.
        /// </summary>
        public bool TransferAttended(Call call, Call consult, long nowMs)
        {
            if (consult == null || consult == call || consult.State != CallState.Connected || consult.Dialog == null) return false;
            Dialog d = consult.Dialog;
            string target = d.RemoteTarget ?? consult.RemoteUri;
            // to-tag/from-tag are named from the target's side: its tag is our remote tag (RFC 3891 §3).
            string replaces = d.CallId + ";to-tag=" + d.RemoteTag + ";from-tag=" + d.LocalTag;
            string referTo = "<" + target + (target.IndexOf('?') >= 0 ? "&" : "?") + "Replaces=" + EscapeHeaderValue(replaces) + ">";
            return SendRefer(call, referTo, target, nowMs);
        }

        private bool SendRefer(Call call, string referTo, string target, long nowMs)
        {
            if (call == null || call.State != CallState.Connected || call.Dialog == null || call.Transfer.InProgress) return false;
            uint cseq = ++call.Dialog.LocalCSeq;
            _w.Reset(_tx, 0, _tx.Length);
            call.Dialog.WriteRequest(_w, SipMethod.Refer, cseq, _host, _config.LocalSipPort, _branch, _ids.WriteBranch(_branch, 0));
            _w.WriteHeader(SipHeaderId.ReferTo, referTo);
            _w.WriteHeader(SipHeaderId.ReferredBy, "<sip:" + _config.User + "@" + _config.Domain + ">");
            WriteContactAndAllow();
            _w.EndWithoutBody();
            if (_w.Overflow || Layer.SendRequest(_tx, 0, _w.Length, call.Peer, call, nowMs) == null)
            {
                Stats.SendFailures++;
                return false;
            }
            TransferStats.RefersSent++;
            call.Transfer.Clear();
            call.Transfer.Target = target;
            call.Transfer.ReferCSeq = cseq;
            call.Transfer.GiveUpAt = nowMs + TransferTimeoutMs;
            SetTransferState(call, TransferState.Requested, 0, nowMs);
            return true;
        }

        // ---- transferor: responses to our REFER, NOTIFYs of its subscription --------------------------------

        /// <summary>Final responses to our REFER and SUBSCRIBE (transferor) and to our NOTIFY (transferee).</summary>
        private void OnTransferResponse(Call call, ClientTransaction tx, SipMessage resp, long nowMs)
        {
            int code = resp.StatusCode;
            CallTransfer t = call.Transfer;
            if (code < 200) return;
            if (tx.Method == SipMethod.Notify)
            {
                // RFC 6665 §4.2.2: a NOTIFY refused (481 above all; 401/407 were answered before this) ends the subscription.
                if (t.IsTransferee && code >= 300)
                {
                    t.SubscriptionEnded = true;
                    t.SubscriptionExpiresAt = long.MaxValue;
                }
                return;
            }
            if (t.IsTransferee) return;
            if (tx.Method == SipMethod.Subscribe)
            {
                OnSubscribeResponse(call, code, nowMs);
                return;
            }
            if (code < 300)
            {
                // A NOTIFY may overtake the 202 (RFC 3515 §2.4.4): never step back from Trying.
                if (t.State == TransferState.Requested) SetTransferState(call, TransferState.Accepted, code, nowMs);
                return;
            }
            // A refused REFER creates no subscription (RFC 3515 §2.4.2).
            t.SubscriptionEnded = true;
            if (t.InProgress) SetTransferState(call, TransferState.Failed, code, nowMs);
        }

        /// <summary>
        /// Response to our refresh or un-SUBSCRIBE of the refer subscription (RFC 6665 §4.1.2.2): 481 means it is gone,
        /// so a transfer still pending will never be reported (Failed 481); other refusals (405/489/501 from a transferee
        /// that does not take refreshes) leave it running until it expires. A 2xx needs nothing: the NOTIFY that must
        /// follow brings the new expiry.
        /// </summary>
        private void OnSubscribeResponse(Call call, int code, long nowMs)
        {
            CallTransfer t = call.Transfer;
            if (code < 300) return;
            TransferStats.SubscribeRefusals++;
            if (code != 481) return;
            t.SubscriptionEnded = true;
            if (t.InProgress) SetTransferState(call, TransferState.Failed, 481, nowMs);
        }

        private void OnReferFailed(Call call, int code, long nowMs)
        {
            if (!call.Transfer.IsTransferee && call.Transfer.InProgress) SetTransferState(call, TransferState.Failed, code, nowMs);
        }

        private void OnNotify(ServerTransaction st, SipMessage req, long nowMs)
        {
            if (!req.To.Tag.IsPresent)
            {
                OnOutOfDialogNotify(st, req, nowMs);
                return;
            }
            Dialog d;
            Call call = InDialogCall(st, req, true, nowMs, out d);
            if (call == null) return;
            SipSlice ev, evParams;
            if (!req.TryGetHeaderPrimary(SipHeaderId.Event, out ev, out evParams) || !req.SliceEqualsIgnoreCase(ev, "refer"))
            {
                BadEvent(st, req);
                return;
            }
            CallTransfer t = call.Transfer;
            if (t.IsTransferee || t.ReferCSeq == 0 || t.SubscriptionEnded || !ReferIdMatches(req, evParams, t.ReferCSeq))
            {
                // No refer subscription of ours in this dialog, another REFER's, or one already terminated (RFC 6665 §4.1.3).
                TransferStats.UnknownSubscriptions++;
                SimpleResponse(st, req, 481, "Subscription Does Not Exist", nowMs);
                return;
            }
            int code;
            if (!SipFrag.TryReadStatus(req.Buffer, req.Body.Start, req.Body.Length, out code))
            {
                SimpleResponse(st, req, 400, "Bad Request", nowMs);
                return;
            }
            TransferStats.NotifiesReceived++;
            SimpleResponse(st, req, 200, "OK", nowMs);
            SipSlice ss, ssParams;
            bool terminated = req.TryGetHeaderPrimary(SipHeaderId.SubscriptionState, out ss, out ssParams) && req.SliceEqualsIgnoreCase(ss, "terminated");
            SipSlice expiresParam;
            uint expires;
            if (terminated)
            {
                t.SubscriptionEnded = true;
                t.SubscriptionExpiresAt = t.SubscriptionRefreshAt = long.MaxValue;
            }
            else if (req.TryGetHeaderParameter(SipHeaderId.SubscriptionState, "expires", out expiresParam)
                && SipText.TryParseUInt32(req.Buffer, expiresParam.Start, expiresParam.Length, out expires))
            {
                // RFC 6665 §4.1.2.1: the notifier's expiry is the one that counts; refresh before it, as RFC 4028 §10
                // does for sessions: at expires − min(32 s, expires/2).
                if (expires > 86400) expires = 86400;
                t.SubscriptionExpiresAt = nowMs + 1000L * expires;
                uint margin = expires / 2 < 32 ? expires / 2 : 32;
                t.SubscriptionRefreshAt = t.Unsubscribed ? long.MaxValue : nowMs + 1000L * (expires - margin);
            }
            if (!t.InProgress) return;
            if (code < 200)
            {
                // A subscription that ends without a final status tells us nothing good (RFC 3515 §2.4.7).
                SetTransferState(call, terminated ? TransferState.Failed : TransferState.Trying, code, nowMs);
                return;
            }
            if (code >= 300)
            {
                SetTransferState(call, TransferState.Failed, code, nowMs);
                return;
            }
            SetTransferState(call, TransferState.Succeeded, code, nowMs);
            // RFC 5589 §6.1: the transfer worked; the transferor ends its dialog with the transferee.
            if (call.State == CallState.Connected) SendBye(call, nowMs);
        }

        /// <summary>
        /// RFC 3515 §2.4.6: NOTIFYs (and SUBSCRIBEs) of a refer subscription carry id = the REFER's CSeq; it may be
        /// missing for the first REFER of a dialog, which is the only one we keep.
        /// </summary>
        private static bool ReferIdMatches(SipMessage req, SipSlice evParams, uint referCSeq)
        {
            SipSlice id;
            if (evParams.Start < 0 || !SipText.TryFindParam(req.Buffer, evParams.Start, evParams.End, "id", out id)) return true;
            uint v;
            if (!SipText.TryParseUInt32(req.Buffer, id.Start, id.Length, out v)) return false;
            return v == referCSeq;
        }

        /// <summary>
        /// Transferor: SUBSCRIBE in the dialog for the refer subscription (RFC 3515 §2.4.4, RFC 6665 §4.1.2.2):
        /// a refresh for <paramref name="expires"/> seconds while the transfer is pending, or Expires: 0 to end it.
        /// </summary>
        private void SendReferSubscribe(Call call, int expires, long nowMs)
        {
            CallTransfer t = call.Transfer;
            if (call.Dialog == null || call.State != CallState.Connected) return;
            uint cseq = ++call.Dialog.LocalCSeq;
            _w.Reset(_tx, 0, _tx.Length);
            call.Dialog.WriteRequest(_w, SipMethod.Subscribe, cseq, _host, _config.LocalSipPort, _branch, _ids.WriteBranch(_branch, 0));
            WriteReferEvent(t.ReferCSeq);
            _w.WriteHeader(SipHeaderId.Expires, (uint)expires);
            WriteContactAndAllow();
            _w.EndWithoutBody();
            if (_w.Overflow || Layer.SendRequest(_tx, 0, _w.Length, call.Peer, call, nowMs) == null)
            {
                Stats.SendFailures++;
                return;
            }
            if (expires == 0) t.Unsubscribed = true;
            TransferStats.SubscribesSent++;
        }

        private void WriteReferEvent(uint referCSeq)
        {
            _w.BeginHeader(SipHeaderId.Event);
            _w.Append("refer;id=");
            _w.AppendUInt(referCSeq);
            _w.EndHeader();
        }

        // ---- transferee: REFER in a dialog → 202, INVITE to the target, NOTIFYs of its progress -------------

        private void OnRefer(ServerTransaction st, SipMessage req, long nowMs)
        {
            if (!req.To.Tag.IsPresent)
            {
                // Policy: a REFER outside a dialog could make the phone call anyone for anyone (RFC 3515 §5).
                TransferStats.RefersRefused++;
                SimpleResponse(st, req, 403, "Forbidden", nowMs);
                return;
            }
            Dialog d;
            Call call = InDialogCall(st, req, true, nowMs, out d);
            if (call == null)
            {
                if (d == null || !(d.Owner is Call)) TransferStats.RefersRefused++;   // the 481, not a stale CSeq's 500
                return;
            }
            SipNameAddr referTo, second;
            // Exactly one Refer-To, a SIP URI (RFC 3515 §2.4.1: otherwise 400).
            if (!req.TryGetNameAddr(SipHeaderId.ReferTo, 0, out referTo) || req.TryGetNameAddr(SipHeaderId.ReferTo, 1, out second)
                || (referTo.Uri.Scheme != SipUriScheme.Sip && referTo.Uri.Scheme != SipUriScheme.Sips))
            {
                TransferStats.RefersRefused++;
                SimpleResponse(st, req, 400, "Bad Request", nowMs);
                return;
            }
            string replaces = null;
            if (referTo.Uri.Headers.Start >= 0 && !TryReadReplaces(req.Buffer, referTo.Uri.Headers, out replaces))
            {
                TransferStats.RefersRefused++;
                SimpleResponse(st, req, 400, "Bad Request", nowMs);
                return;
            }
            if (call.State != CallState.Connected || call.Transfer.InProgress)
            {
                TransferStats.RefersRefused++;
                SimpleResponse(st, req, call.Transfer.InProgress ? 491 : 403, call.Transfer.InProgress ? "Request Pending" : "Forbidden", nowMs);
                return;
            }
            SipSlice uri = referTo.Uri.Whole;
            int uriLength = referTo.Uri.Headers.Start >= 0 ? referTo.Uri.Headers.Start - 1 - uri.Start : uri.Length;
            string target = SipText.ToAsciiString(req.Buffer, uri.Start, uriLength);
            int rb = req.FindHeader(SipHeaderId.ReferredBy, -1);
            string referredBy = rb >= 0 ? req.GetHeaderString(rb) : null;

            TransferStats.RefersAccepted++;
            _w.Reset(_tx, 0, _tx.Length);
            _w.WriteResponseHeaders(req, 202, "Accepted", null, 0, 0, false);
            WriteContactAndAllow();
            _w.EndWithoutBody();
            Respond(st, 202);

            CallTransfer t = call.Transfer;
            t.Clear();
            t.IsTransferee = true;
            t.Target = target;
            t.ReferCSeq = req.CSeqNumber;
            SetTransferState(call, TransferState.Trying, 100, nowMs);
            // RFC 3515 §2.4.4: the first NOTIFY follows the 202 at once; the subscription lasts until refreshed or final.
            t.SubscriptionExpiresAt = nowMs + 1000L * ReferSubscriptionSeconds;
            SendReferNotify(call, 100, null, nowMs);

            _pendingOrigin = call;
            _pendingReferredBy = referredBy;
            _pendingReplaces = replaces;
            Call placed = PlaceCall(target, nowMs);
            _pendingOrigin = null;
            _pendingReferredBy = _pendingReplaces = null;
            if (placed == null)
            {
                SetTransferState(call, TransferState.Failed, 503, nowMs);
                SendReferNotify(call, 503, "noresource", nowMs);
                return;
            }
            t.NewCall = placed;
        }

        /// <summary>Called by SendInitialInvite: Referred-By and Replaces on an INVITE caused by a REFER (RFC 3892 §3, RFC 3891 §4).</summary>
        private void WriteTransferHeaders(Call call)
        {
            if (_pendingOrigin != null && call.Transfer.Origin == null)
            {
                call.Transfer.Origin = _pendingOrigin;
                call.Transfer.ReferredBy = _pendingReferredBy;
                call.Transfer.Replaces = _pendingReplaces;
                _pendingOrigin = null;
            }
            if (call.Transfer.ReferredBy != null) _w.WriteHeader(SipHeaderId.ReferredBy, call.Transfer.ReferredBy);
            if (call.Transfer.Replaces != null) _w.WriteHeader(SipHeaderId.Replaces, call.Transfer.Replaces);
        }

        /// <summary>Called by SetState: reports the new INVITE's outcome to the transferor (RFC 3515 §2.4.5).</summary>
        private void OnTransferCallState(Call call, long nowMs)
        {
            Call origin = call.Transfer.Origin;
            if (origin == null || origin.Transfer.NewCall != call || origin.Transfer.State != TransferState.Trying) return;
            if (call.State == CallState.Connected)
            {
                SetTransferState(origin, TransferState.Succeeded, 200, nowMs);
                SendReferNotify(origin, 200, "noresource", nowMs);
            }
            else if (call.State == CallState.Terminated)
            {
                int code = call.EndCode >= 300 ? call.EndCode : 503;
                SetTransferState(origin, TransferState.Failed, code, nowMs);
                SendReferNotify(origin, code, "noresource", nowMs);
            }
        }

        /// <summary>
        /// Transferee: NOTIFY of the refer subscription with a sipfrag of <paramref name="code"/> (RFC 3515 §2.4.5).
        /// <paramref name="terminatedReason"/> null: Subscription-State active with the time left; otherwise the last
        /// NOTIFY, terminated with that reason (noresource once the outcome is known, timeout when it expired, RFC 6665 §4.2.2).
        /// </summary>
        private void SendReferNotify(Call call, int code, string terminatedReason, long nowMs)
        {
            CallTransfer t = call.Transfer;
            // The transferor may already have ended the dialog (some send BYE right after the 202), or the subscription.
            if (call.Dialog == null || call.State != CallState.Connected || t.SubscriptionEnded) return;
            uint cseq = ++call.Dialog.LocalCSeq;
            _w.Reset(_tx, 0, _tx.Length);
            call.Dialog.WriteRequest(_w, SipMethod.Notify, cseq, _host, _config.LocalSipPort, _branch, _ids.WriteBranch(_branch, 0));
            WriteReferEvent(t.ReferCSeq);
            _w.BeginHeader(SipHeaderId.SubscriptionState);
            if (terminatedReason != null)
            {
                _w.Append("terminated;reason=");
                _w.Append(terminatedReason);
                t.SubscriptionEnded = true;
                t.SubscriptionExpiresAt = long.MaxValue;
            }
            else
            {
                long left = t.SubscriptionExpiresAt == long.MaxValue ? ReferSubscriptionSeconds : (t.SubscriptionExpiresAt - nowMs + 999) / 1000;
                _w.Append("active;expires=");
                _w.AppendInt(left < 1 ? 1 : (int)left);
            }
            _w.EndHeader();
            WriteContactAndAllow();
            _w.BeginBody(SipFrag.ContentType);
            SipFrag.Write(_w, code);
            if (_w.Overflow || Layer.SendRequest(_tx, 0, _w.Length, call.Peer, call, nowMs) == null)
            {
                Stats.SendFailures++;
                return;
            }
            TransferStats.NotifiesSent++;
        }

        /// <summary>
        /// SUBSCRIBE in a dialog (RFC 6665 §4.2.1): only a refresh of the refer subscription the peer's REFER created
        /// (RFC 3515 §2.4.4). 200 with the granted Expires (at most <see cref="ReferSubscriptionSeconds"/>), then the
        /// NOTIFY that must follow with the current status; Expires: 0 ends it (NOTIFY terminated;reason=timeout).
        /// Another event → 489; no such subscription, or one already terminated → 481.
        /// </summary>
        private void OnSubscribe(ServerTransaction st, SipMessage req, long nowMs)
        {
            SipSlice ev, evParams;
            if (!req.TryGetHeaderPrimary(SipHeaderId.Event, out ev, out evParams) || !req.SliceEqualsIgnoreCase(ev, "refer") || !req.To.Tag.IsPresent)
            {
                // We are no notifier of anything else; a refer subscription only exists inside the REFER's dialog.
                BadEvent(st, req);
                return;
            }
            Dialog d;
            Call call = InDialogCall(st, req, true, nowMs, out d);
            if (call == null) return;
            CallTransfer t = call.Transfer;
            if (!t.IsTransferee || t.SubscriptionEnded || !ReferIdMatches(req, evParams, t.ReferCSeq))
            {
                TransferStats.UnknownSubscriptions++;
                SimpleResponse(st, req, 481, "Subscription Does Not Exist", nowMs);
                return;
            }
            long wanted = req.Expires < 0 ? ReferSubscriptionSeconds : req.Expires;
            int granted = wanted > ReferSubscriptionSeconds ? ReferSubscriptionSeconds : (int)wanted;
            TransferStats.SubscribesReceived++;
            _w.Reset(_tx, 0, _tx.Length);
            _w.WriteResponseHeaders(req, 200, "OK", null, 0, 0, false);
            _w.WriteHeader(SipHeaderId.Expires, (uint)granted);
            WriteContactAndAllow();
            _w.EndWithoutBody();
            Respond(st, 200);
            int status = t.Status > 0 ? t.Status : 100;
            if (granted == 0)
            {
                SendReferNotify(call, status, "timeout", nowMs);
                return;
            }
            t.SubscriptionExpiresAt = nowMs + 1000L * granted;
            SendReferNotify(call, status, null, nowMs);
        }

        /// <summary>
        /// Called by Poll. Transferor: refreshes the refer subscription before it expires while the transfer is pending,
        /// gives up a transfer whose outcome never came (<see cref="TransferTimeoutMs"/>, then SUBSCRIBE Expires: 0 so the
        /// transferee stops reporting). A subscription that lapses because the transferee refused our refresh is not
        /// failed early: many transferees still send the final NOTIFY, so the give-up time stays the limit.
        /// Transferee: a subscription not refreshed in time ends with NOTIFY terminated;reason=timeout (RFC 6665 §4.2.2);
        /// the new call goes on. Returns the next deadline.
        /// </summary>
        private long PollTransfers(long nowMs, long next)
        {
            for (int i = 0; i < _calls.Length; i++)
            {
                Call c = _calls[i];
                if (c == null) continue;
                CallTransfer t = c.Transfer;
                if (t.IsTransferee)
                {
                    if (nowMs >= t.SubscriptionExpiresAt)
                    {
                        t.SubscriptionExpiresAt = long.MaxValue;
                        TransferStats.SubscriptionTimeouts++;
                        SendReferNotify(c, t.Status > 0 ? t.Status : 100, "timeout", nowMs);
                    }
                    if (t.SubscriptionExpiresAt < next) next = t.SubscriptionExpiresAt;
                    continue;
                }
                if (!t.InProgress)
                {
                    t.GiveUpAt = t.SubscriptionRefreshAt = t.SubscriptionExpiresAt = long.MaxValue;
                    continue;
                }
                if (nowMs >= t.GiveUpAt)
                {
                    t.GiveUpAt = t.SubscriptionRefreshAt = t.SubscriptionExpiresAt = long.MaxValue;
                    SetTransferState(c, TransferState.Failed, 408, nowMs);
                    // RFC 6665 §4.1.2.3: unsubscribe rather than let reports come for a transfer we stopped following.
                    if (!t.SubscriptionEnded && t.State == TransferState.Failed) SendReferSubscribe(c, 0, nowMs);
                    continue;
                }
                if (nowMs >= t.SubscriptionRefreshAt)
                {
                    // Refreshed once per NOTIFY's expiry: the NOTIFY after the SUBSCRIBE sets the next refresh time.
                    t.SubscriptionRefreshAt = long.MaxValue;
                    SendReferSubscribe(c, ReferSubscriptionSeconds, nowMs);
                }
                if (t.GiveUpAt < next) next = t.GiveUpAt;
                if (t.SubscriptionRefreshAt < next) next = t.SubscriptionRefreshAt;
            }
            return next;
        }

        private void SetTransferState(Call call, TransferState next, int status, long nowMs)
        {
            call.Transfer.Status = status;
            if (call.Transfer.State == next) return;
            call.Transfer.State = next;
            if (TransferListener != null) TransferListener.OnTransferState(call, nowMs);
        }

        // ---- Replaces (RFC 3891 §3) -------------------------------------------------------------------------

        /// <summary>
        /// Called by OnNewInvite. True with <paramref name="replaced"/> null when the INVITE has no Replaces, or with the
        /// call it replaces; false when it was answered here (400 malformed, 481 no or several matches, 486
        /// early-only on a confirmed dialog, 603 for a dialog already ending).
        /// </summary>
        private bool CheckReplaces(ServerTransaction st, SipMessage req, long nowMs, out Call replaced)
        {
            replaced = null;
            SipSlice callId, parameters, toTag, fromTag, flag;
            if (!req.TryGetHeaderPrimary(SipHeaderId.Replaces, out callId, out parameters)) return true;
            if (parameters.Start < 0 || callId.Length == 0
                || !SipText.TryFindParam(req.Buffer, parameters.Start, parameters.End, "to-tag", out toTag)
                || !SipText.TryFindParam(req.Buffer, parameters.Start, parameters.End, "from-tag", out fromTag))
            {
                return RefuseReplaces(st, req, 400, "Bad Request", nowMs);
            }
            Call match = null;
            int matches = 0;
            for (int i = 0; i < _calls.Length; i++)
            {
                if (_calls[i] == null) continue;
                Dialog d = _calls[i].Dialog;
                if (d == null || d.State == DialogState.Free || !IsActive(_calls[i])) continue;
                if (!req.SliceEquals(callId, d.CallId) || !req.SliceEquals(toTag, d.LocalTag) || !req.SliceEquals(fromTag, d.RemoteTag)) continue;
                match = _calls[i];
                matches++;
            }
            // "If the Replaces header field matches more than one dialog, the UA MUST act as if no match is found."
            if (matches != 1) return RefuseReplaces(st, req, 481, "Call/Transaction Does Not Exist", nowMs);
            switch (match.State)
            {
                case CallState.Connected:
                    if (SipText.TryFindParam(req.Buffer, parameters.Start, parameters.End, "early-only", out flag)) return RefuseReplaces(st, req, 486, "Busy Here", nowMs);
                    break;
                case CallState.Calling:
                case CallState.Proceeding:
                    break;   // an early dialog we initiated may be replaced (call pickup)
                case CallState.Ringing:
                    return RefuseReplaces(st, req, 481, "Call/Transaction Does Not Exist", nowMs);
                default:
                    return RefuseReplaces(st, req, 603, "Decline", nowMs);
            }
            replaced = match;
            return true;
        }

        private bool RefuseReplaces(ServerTransaction st, SipMessage req, int code, string reason, long nowMs)
        {
            TransferStats.ReplacesRefused++;
            SimpleResponse(st, req, code, reason, nowMs);
            return false;
        }

        /// <summary>
        /// Called by OnNewInvite for an INVITE that replaces <paramref name="replaced"/>: answered at once without
        /// ringing, then the old dialog ends: BYE when confirmed, CANCEL when early (RFC 3891 §3).
        /// </summary>
        private void AcceptReplacement(Call call, Call replaced, long nowMs)
        {
            TransferStats.Replaced++;
            call.Transfer.Replaced = replaced;
            SetState(call, CallState.Ringing, nowMs);
            if (!Answer(call, nowMs))
            {
                RespondToInvite(call, 500, "Server Internal Error", nowMs);
                Terminate(call, 500, nowMs);
                return;
            }
            Hangup(replaced, nowMs);
        }

        // ---- out-of-dialog NOTIFY: check-sync from the PBX ----------------------------------------------------

        private void OnOutOfDialogNotify(ServerTransaction st, SipMessage req, long nowMs)
        {
            SipSlice ev, evParams, reboot;
            if (!req.TryGetHeaderPrimary(SipHeaderId.Event, out ev, out evParams)
                || !(req.SliceEqualsIgnoreCase(ev, "check-sync") || req.SliceEqualsIgnoreCase(ev, "resync")))
            {
                BadEvent(st, req);
                return;
            }
            if (!IsFromPbx(st.ResponseDestination))
            {
                // Only the PBX we register with (or the outbound proxy) may make the phone fetch its configuration.
                TransferStats.CheckSyncsRefused++;
                SimpleResponse(st, req, 403, "Forbidden", nowMs);
                return;
            }
            TransferStats.CheckSyncs++;
            SimpleResponse(st, req, 200, "OK", nowMs);
            bool rebootAsked = evParams.Start >= 0 && SipText.TryFindParam(req.Buffer, evParams.Start, evParams.End, "reboot", out reboot)
                && req.SliceEqualsIgnoreCase(reboot, "true");
            if (CheckSync != null) CheckSync(rebootAsked, nowMs);
        }

        private bool IsFromPbx(NetEndPoint from)
        {
            if (!_config.OutboundProxy.IsEmpty && _config.OutboundProxy.Address == from.Address) return true;
            return Registration != null && Registration.Target.Address == from.Address;
        }

        private void BadEvent(ServerTransaction st, SipMessage req)
        {
            // RFC 6665 §8.3.2 / §7.2.2: 489 Bad Event, listing the events we understand.
            TransferStats.BadEvents++;
            _w.Reset(_tx, 0, _tx.Length);
            int tl = _ids.WriteTag(_tag, 0);
            _w.WriteResponseHeaders(req, 489, "Bad Event", _tag, 0, tl, false);
            _w.WriteHeader(SipHeaderId.AllowEvents, AllowEventsValue);
            _w.EndWithoutBody();
            Respond(st, 489);
        }

        // ---- Refer-To helpers --------------------------------------------------------------------------------

        /// <summary>
        /// Finds "Replaces=" among the URI headers (hname=hvalue joined by '&amp;', RFC 3261 §19.1.1) and unescapes its
        /// value. True without a value when there is no Replaces header; false when it is malformed or too long.
        /// </summary>
        private bool TryReadReplaces(byte[] buf, SipSlice headers, out string replaces)
        {
            replaces = null;
            int p = headers.Start, end = headers.End;
            while (p < end)
            {
                int amp = p;
                while (amp < end && buf[amp] != (byte)'&') amp++;
                if (amp - p > 9 && SipText.EqualsIgnoreCase(buf, p, 9, "Replaces="))
                {
                    int n = SipText.Unescape(buf, p + 9, amp - p - 9, _sdpScratch, 0);
                    if (n <= 0 || n > MaxReplacesLength) return false;
                    replaces = SipText.ToAsciiString(_sdpScratch, 0, n);
                    return true;
                }
                p = amp + 1;
            }
            return true;
        }

        /// <summary>%HH-escapes everything but unreserved characters, for a URI header value (RFC 3261 §25.1 hvalue).</summary>
        public static string EscapeHeaderValue(string value)
        {
            const string hex = "0123456789ABCDEF";
            char[] buf = new char[value.Length * 3];
            int n = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' || c == '(' || c == ')';
                if (plain)
                {
                    buf[n++] = c;
                    continue;
                }
                buf[n++] = '%';
                buf[n++] = hex[(c >> 4) & 15];
                buf[n++] = hex[c & 15];
            }
            return new string(buf, 0, n);
        }
    }
}
