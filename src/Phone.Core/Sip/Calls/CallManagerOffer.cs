// SDP outside the INVITE/2xx pair: delayed offer as UAC (RFC 3261 §13.2.1, RFC 3264 §4, RFC 3262 §5) and early media as UAS.
namespace Phone.Core.Sip.Calls
{
    using Phone.Core.Sdp;

    /// <summary>Where the SDP of our INVITE dialog goes when we do not offer first (this file holds no other part of the manager).</summary>
    public sealed partial class CallManager
    {
        /// <summary>
        /// Early media for a ringing incoming call (a local announcement or ringback played by us): 183 Session Progress
        /// with our SDP answer, sent reliably (Require: 100rel, next RSeq, retransmitted until PRACKed) when the caller
        /// asked for 100rel (RFC 3262 §3, §5: the answer in a reliable 1xx completes the offer/answer), plainly otherwise.
        /// False when the call is not ringing, its INVITE had no offer to answer, or an earlier reliable 1xx still awaits
        /// its PRACK (RFC 3262 §3: one at a time). The 200 of <see cref="Answer"/> repeats the same SDP.
        /// </summary>
        public bool SendEarlyMedia(Call call, long nowMs)
        {
            if (call == null || !call.IsIncoming || call.State != CallState.Ringing || call.AnswerLength == 0 || call.Reliable.Unacknowledged) return false;
            SipMessage req = Reparse(call.InviteRequest, call.InviteRequestLength);
            if (req == null || call.InviteServer == null) return false;
            _w.Reset(_tx, 0, _tx.Length);
            WriteResponseStart(req, 183, "Session Progress", call);
            WriteContactAndAllow();
            WriteReliableHeaders(call, req);
            _w.EndWithBody("application/sdp", call.Answer, 0, call.AnswerLength);
            if (_w.Overflow)
            {
                Stats.SendFailures++;
                return false;
            }
            Respond(call.InviteServer, 183);
            OnInviteResponseSent(call, 183, nowMs);
            call.SdpInUnackedProvisional = call.Reliable.Unacknowledged;
            Stats.EarlyMediaSent++;
            return true;
        }

        /// <summary>
        /// Called by RespondToInvite to end a response to an incoming INVITE. RFC 3261 §13.2.1 (with RFC 3262 §5): when the
        /// INVITE had no offer, ours goes in the first reliable non-failure response — a reliable 1xx when 100rel is in
        /// use — and the answer is due in its PRACK. The offer is kept in <c>call.Answer</c> so the 2xx repeats it.
        /// </summary>
        private void EndInviteResponse(Call call, int code)
        {
            if (code <= 100 || code >= 200 || !call.Reliable.Reliable || !call.OfferInAck || call.AnswerLength > 0)
            {
                _w.EndWithoutBody();
                return;
            }
            if (!WriteOfferBody(call, SdpDirection.SendRecv)) return;
            int n = _w.Position - _w.BodyStart;
            if (n > call.Answer.Length)
            {
                Stats.SendFailures++;
                return;
            }
            System.Array.Copy(_w.Buffer, _w.BodyStart, call.Answer, 0, n);
            call.AnswerLength = n;
            call.OfferInAck = false;
            call.OfferInPrack = true;
            call.SdpInUnackedProvisional = true;
        }

        /// <summary>
        /// Called by Answer. RFC 3262 §3: no 2xx while a reliable 1xx carrying SDP is unacknowledged; the answer is then
        /// sent when its PRACK comes (OnPrack), or the call ends 500 when none comes within 64·T1. True: deferred.
        /// </summary>
        private bool DeferAnswerUntilPrack(Call call)
        {
            if (!call.Reliable.Unacknowledged || !call.SdpInUnackedProvisional) return false;
            call.AnswerAfterPrack = true;
            return true;
        }

        /// <summary>
        /// Called by OnPrack once the PRACK was accepted: the answer to the offer of our reliable 1xx (RFC 3262 §5). A PRACK
        /// without one leaves the ACK of our 2xx (which repeats the offer) to carry it.
        /// </summary>
        private void TakePrackAnswer(Call call, SipMessage prack, long nowMs)
        {
            if (!call.OfferInPrack) return;
            call.OfferInPrack = false;
            if (prack.Body.Length > 0 && _sdp.TryParse(prack.Buffer, prack.Body.Start, prack.Body.Length, null)
                && call.Sdp.ProcessAnswer(_sdp) == SdpResult.Ok)
            {
                _listener.OnMediaChanged(call, nowMs);
                return;
            }
            call.OfferInAck = true;
        }

        /// <summary>Called by SendInitialInvite: our offer, or no body at all with <see cref="CallConfig.DelayedOffer"/>.</summary>
        private bool WriteInitialInviteBody(Call call)
        {
            if (!_config.DelayedOffer) return WriteOfferBody(call, SdpDirection.SendRecv);
            call.UacDelayedOffer = call.UacAwaitingOffer = true;
            call.UacAnswerUnsent = false;
            _w.EndWithoutBody();
            if (_w.Overflow) Stats.SendFailures++;
            return !_w.Overflow;
        }

        /// <summary>
        /// Called for the SDP of a response to our INVITE. False when our INVITE had an offer: the SDP is the answer.
        /// Otherwise true, and: the first SDP in a reliable 1xx or in the 2xx is the peer's offer (RFC 3261 §13.2.1), our
        /// answer is made into <c>call.Answer</c> for the PRACK or the ACK; SDP in an unreliable 1xx is no offer and is
        /// ignored (the 2xx repeats it); SDP after the offer/answer exchange completed is the same session again.
        /// An offer we cannot answer leaves <c>call.UacAnswerUnsent</c> false with no media: the caller ends the call.
        /// </summary>
        private bool OnDelayedOfferBody(Call call, SipMessage msg, bool reliable, long nowMs)
        {
            if (!call.UacDelayedOffer) return false;
            if (!call.UacAwaitingOffer || msg.Body.Length == 0 || (msg.StatusCode < 200 && !reliable)) return true;
            call.UacAwaitingOffer = false;
            _body.Reset(call.Answer, 0, call.Answer.Length);
            SdpResult r = _sdp.TryParse(msg.Buffer, msg.Body.Start, msg.Body.Length, null)
                ? call.Sdp.ProcessOffer(_sdp, SdpDirection.SendRecv, _body) : SdpResult.Malformed;
            if (r != SdpResult.Ok)
            {
                Stats.NotAcceptable++;
                call.AnswerLength = 0;
                return true;
            }
            call.AnswerLength = _body.Length;
            call.UacAnswerUnsent = true;
            _listener.OnMediaChanged(call, nowMs);
            return true;
        }

        /// <summary>Called by the 2xx path after the ACK: a delayed-offer call with no usable offer is ended by BYE (RFC 3261 §13.2.2.4).</summary>
        private bool DelayedOfferFailed(Call call) => call.UacDelayedOffer && !call.Media.IsEstablished;

        /// <summary>Ends the ACK of our INVITE's 2xx: with our answer when the 2xx carried the offer.</summary>
        private void EndAck(Call call) => EndWithPendingAnswer(call);

        /// <summary>Ends a PRACK: with our answer when the reliable 1xx carried the offer (RFC 3262 §5).</summary>
        private void EndPrack(Call call) => EndWithPendingAnswer(call);

        private void EndWithPendingAnswer(Call call)
        {
            if (!call.UacAnswerUnsent)
            {
                _w.EndWithoutBody();
                return;
            }
            call.UacAnswerUnsent = false;
            _w.EndWithBody("application/sdp", call.Answer, 0, call.AnswerLength);
        }
    }
}
