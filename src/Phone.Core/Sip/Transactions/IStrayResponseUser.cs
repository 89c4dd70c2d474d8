// Optional part of the transaction user: 2xx responses to an INVITE that match no client transaction (RFC 3261 §18.1.2).
namespace Phone.Core.Sip.Transactions
{
    using Phone.Core.Net;

    /// <summary>
    /// A transaction user that also implements this interface is given every stray 2xx to an INVITE: one that arrives
    /// after the INVITE client transaction ended (Timer M, or destroyed 64·T1 after a CANCEL, RFC 3261 §9.1). A UA core
    /// ACKs and BYEs such an answer for a call it gave up on (§13.2.2.4, §15); other stray responses are only counted.
    /// </summary>
    public interface IStrayResponseUser
    {
        /// <summary>A 2xx to an INVITE that matched no transaction; <paramref name="response"/> is valid only during the call.</summary>
        void OnStrayResponse(SipMessage response, NetEndPoint from, long nowMs);
    }
}
