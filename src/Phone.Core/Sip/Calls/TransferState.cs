// Progress of a call transfer (RFC 3515 §2.4: REFER, 202, NOTIFYs carrying message/sipfrag) on either side.
namespace Phone.Core.Sip.Calls
{
    /// <summary>Transfer state of a call; names in <see cref="TransferStateNames"/>.</summary>
    public enum TransferState : byte
    {
        /// <summary>No transfer.</summary>
        None,
        /// <summary>Transferor: REFER sent, no final response yet (RFC 3515 §2.4.2).</summary>
        Requested,
        /// <summary>Transferor: 202 Accepted came; the implicit subscription exists (RFC 3515 §2.4.4).</summary>
        Accepted,
        /// <summary>A NOTIFY with a provisional sipfrag came (transferor) or was sent (transferee): the new INVITE is under way.</summary>
        Trying,
        /// <summary>The sipfrag carried a 2xx: the transfer target answered (RFC 3515 §2.4.5). The transferor then sends BYE.</summary>
        Succeeded,
        /// <summary>REFER refused, the sipfrag carried a failure, or the subscription ended without a final status; the call stays.</summary>
        Failed,
    }
}
