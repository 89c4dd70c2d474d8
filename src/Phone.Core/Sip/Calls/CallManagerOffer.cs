// Delayed offer as UAC (RFC 3261 §13.2.1, RFC 3264 §4, RFC 3262 §5): INVITE without SDP, the offer in a reliable 1xx or the 2xx.
namespace Phone.Core.Sip.Calls
{
    using Phone.Core.Sdp;

    /// <summary>Where the SDP of our INVITE dialog goes when we do not offer first (this file holds no other part of the manager).</summary>
    public sealed partial class CallManager
    {
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
