// SIP timer values (RFC 3261 §17 and Table 4; RFC 6026 Timers L and M).
namespace Phone.Core.Sip.Transactions
{
    /// <summary>
    /// T1, T2 and T4 and the timers derived from them. Over a reliable transport (TCP, TLS) nothing is retransmitted
    /// and the "wait for retransmissions" timers D, I, J and K are zero (RFC 3261 §17.1.1.2, §17.1.2.2, §17.2.1, §17.2.2).
    /// </summary>
    public sealed class SipTimers
    {
        /// <summary>RTT estimate, default 500 ms.</summary>
        public int T1 = 500;

        /// <summary>Longest retransmit interval for non-INVITE requests and INVITE responses, default 4 s.</summary>
        public int T2 = 4000;

        /// <summary>Longest time a message stays in the network, default 5 s.</summary>
        public int T4 = 5000;

        /// <summary>Timer B, F, H, J, L, M: 64·T1.</summary>
        public int TransactionTimeout => 64 * T1;

        /// <summary>Timer D: at least 32 s over UDP, 0 over a reliable transport.</summary>
        public int TimerD(bool reliable) => reliable ? 0 : (32000 > TransactionTimeout ? 32000 : TransactionTimeout);

        /// <summary>Timer I and K: T4 over UDP, 0 over a reliable transport.</summary>
        public int TimerIorK(bool reliable) => reliable ? 0 : T4;

        /// <summary>Timer J: 64·T1 over UDP, 0 over a reliable transport.</summary>
        public int TimerJ(bool reliable) => reliable ? 0 : TransactionTimeout;
    }
}
