// The transaction user (UA core, dialogs, registration) as seen from the transaction layer (RFC 3261 §17).
namespace Phone.Core.Sip.Transactions
{
    using Phone.Core.Net;

    /// <summary>
    /// Callbacks from the transaction layer. The message passed in is valid only during the call (its buffer is the
    /// receive buffer); copy what you keep.
    /// </summary>
    public interface ITransactionUser
    {
        /// <summary>A new request (not a retransmission, not an ACK); answer through <see cref="ServerTransaction.Respond"/>.</summary>
        void OnRequest(ServerTransaction transaction, SipMessage request, long nowMs);

        /// <summary>A response for a client transaction: provisional, final, and (RFC 6026) 2xx retransmissions in Accepted.</summary>
        void OnResponse(ClientTransaction transaction, SipMessage response, long nowMs);

        /// <summary>Timer B or F fired: no final response (the TU treats it as 408, RFC 3261 §8.1.3.1).</summary>
        void OnTimeout(ClientTransaction transaction, long nowMs);

        /// <summary>The transport refused the request (RFC 3261 §8.1.3.1: treat as 503).</summary>
        void OnTransportError(ClientTransaction transaction, long nowMs);

        /// <summary>An ACK that belongs to no transaction: the ACK for a 2xx, which the dialog handles (RFC 6026 §8.9).</summary>
        void OnAck(SipMessage ack, NetEndPoint from, long nowMs);

        /// <summary>Timer H fired: the ACK for a non-2xx final response never came (RFC 3261 §17.2.1).</summary>
        void OnNoAck(ServerTransaction transaction, long nowMs);
    }
}
