// Counters of the call layer (dropped or refused signalling is counted, never thrown).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Counters of <see cref="CallManager"/>.</summary>
    public sealed class CallStats
    {
        /// <summary>Outgoing INVITEs placed.</summary>
        public int Placed;
        /// <summary>Incoming INVITEs that rang.</summary>
        public int Received;
        /// <summary>Answered 486 Busy Here (no slot, or call waiting off).</summary>
        public int Busy;
        /// <summary>Answered 488 (no common codec or unusable SDP).</summary>
        public int NotAcceptable;
        /// <summary>In-dialog requests for no dialog (481).</summary>
        public int NoDialog;
        /// <summary>2xx retransmitted by us as UAS (RFC 3261 §13.3.1.4).</summary>
        public int OkRetransmissions;
        /// <summary>ACKs re-sent for a retransmitted 2xx (RFC 3261 §13.2.2.4).</summary>
        public int AckRetransmissions;
        /// <summary>Calls ended because no ACK came for our 2xx within 64·T1.</summary>
        public int AckTimeouts;
        /// <summary>Messages that could not be built (buffer overflow) or sent.</summary>
        public int SendFailures;
    }
}
