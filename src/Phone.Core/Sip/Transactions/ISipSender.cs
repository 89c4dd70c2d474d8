// What the transaction layer needs of the transport below it: send bytes to an address.
namespace Phone.Core.Sip.Transactions
{
    using Phone.Core.Net;

    /// <summary>The transport seen from the transaction layer (RFC 3261 §18).</summary>
    public interface ISipSender
    {
        /// <summary>True when the transport to <paramref name="destination"/> is reliable (TCP/TLS): no retransmissions.</summary>
        bool IsReliable(NetEndPoint destination);

        /// <summary>Sends one message. False when the transport refused it (the transaction reports a transport error).</summary>
        bool Send(byte[] buffer, int offset, int count, NetEndPoint destination);
    }
}
