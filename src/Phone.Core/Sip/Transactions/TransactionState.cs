// States of SIP transactions (RFC 3261 §17, with the Accepted state of RFC 6026).
namespace Phone.Core.Sip.Transactions
{
    /// <summary>One enum for the four transaction machines; which states a machine uses is in its RFC figure.</summary>
    public enum TransactionState : byte
    {
        /// <summary>The table slot is free.</summary>
        Free = 0,
        /// <summary>INVITE client: request sent, no response yet (RFC 3261 Figure 5).</summary>
        Calling = 1,
        /// <summary>Non-INVITE client or server: request sent/received, no provisional yet (Figures 6, 8).</summary>
        Trying = 2,
        /// <summary>A provisional response was received/sent (Figures 5–8).</summary>
        Proceeding = 3,
        /// <summary>A final response was received/sent; absorbing retransmissions (Figures 5–8).</summary>
        Completed = 4,
        /// <summary>INVITE server: the ACK for a non-2xx arrived (Figure 7).</summary>
        Confirmed = 5,
        /// <summary>INVITE client or server after a 2xx (RFC 6026 §7.1, §7.2).</summary>
        Accepted = 6,
        /// <summary>Done; the slot is freed on the next poll.</summary>
        Terminated = 7,
    }
}
