// Counters of the transaction layer.
namespace Phone.Core.Sip.Transactions
{
    /// <summary>Counters; never reset by the layer.</summary>
    public sealed class TransactionStats
    {
        // The counters in one array: on nanoCLR a field costs a 12-byte heap block, an int[] element 4 bytes.
        private readonly int[] _counts = new int[9];

        /// <summary>Requests and responses retransmitted by timers A, E and G.</summary>
        public int Retransmissions { get => _counts[0]; set => _counts[0] = value; }
        /// <summary>Received retransmissions that were absorbed or answered with the last response.</summary>
        public int RetransmissionsAbsorbed { get => _counts[1]; set => _counts[1] = value; }
        /// <summary>Responses that matched no client transaction.</summary>
        public int StrayResponses { get => _counts[2]; set => _counts[2] = value; }
        /// <summary>Client transactions that timed out (Timers B and F).</summary>
        public int Timeouts { get => _counts[3]; set => _counts[3] = value; }
        /// <summary>Requests answered 503 because the transaction table was full.</summary>
        public int TableFull { get => _counts[4]; set => _counts[4] = value; }
        /// <summary>Sends the transport refused.</summary>
        public int TransportErrors { get => _counts[5]; set => _counts[5] = value; }
        /// <summary>CANCELled INVITEs destroyed 64·T1 after the CANCEL without a final response (RFC 3261 §9.1; also in Timeouts).</summary>
        public int CancelledWithoutFinal { get => _counts[6]; set => _counts[6] = value; }
        /// <summary>2xx responses to an INVITE that matched no transaction, handed to the TU's stray-response handler.</summary>
        public int StrayAnswersToCore { get => _counts[7]; set => _counts[7] = value; }
        /// <summary>
        /// Requests refused because the message buffer pool was dry: a new request answered 503 (also in TableFull) or
        /// a request of ours not sent (SendRequest returned null).
        /// </summary>
        public int PoolDry { get => _counts[8]; set => _counts[8] = value; }
    }
}
