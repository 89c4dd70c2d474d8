// Counters of the transaction layer.
namespace Phone.Core.Sip.Transactions
{
    /// <summary>Counters; never reset by the layer.</summary>
    public sealed class TransactionStats
    {
        /// <summary>Requests and responses retransmitted by timers A, E and G.</summary>
        public int Retransmissions;
        /// <summary>Received retransmissions that were absorbed or answered with the last response.</summary>
        public int RetransmissionsAbsorbed;
        /// <summary>Responses that matched no client transaction.</summary>
        public int StrayResponses;
        /// <summary>Client transactions that timed out (Timers B and F).</summary>
        public int Timeouts;
        /// <summary>Requests answered 503 because the transaction table was full.</summary>
        public int TableFull;
        /// <summary>Sends the transport refused.</summary>
        public int TransportErrors;
        /// <summary>CANCELled INVITEs destroyed 64·T1 after the CANCEL without a final response (RFC 3261 §9.1; also in Timeouts).</summary>
        public int CancelledWithoutFinal;
        /// <summary>2xx responses to an INVITE that matched no transaction, handed to the TU's stray-response handler.</summary>
        public int StrayAnswersToCore;
        /// <summary>
        /// Requests refused because the message buffer pool was dry: a new request answered 503 (also in TableFull) or
        /// a request of ours not sent (SendRequest returned null).
        /// </summary>
        public int PoolDry;
    }
}
