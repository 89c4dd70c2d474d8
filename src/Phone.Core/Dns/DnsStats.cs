// Counters of the DNS client: what was dropped and why.
namespace Phone.Core.Dns
{
    /// <summary>Counters; never reset by the resolver.</summary>
    public sealed class DnsStats
    {
        // The counters in one array: on nanoCLR a field costs a 12-byte heap block, an int[] element 4 bytes.
        private readonly int[] _counts = new int[7];

        /// <summary>Queries sent, including retransmissions.</summary>
        public int QueriesSent { get => _counts[0]; set => _counts[0] = value; }
        /// <summary>Responses whose ID or source did not match the outstanding query.</summary>
        public int Unexpected { get => _counts[1]; set => _counts[1] = value; }
        /// <summary>Malformed responses.</summary>
        public int Malformed { get => _counts[2]; set => _counts[2] = value; }
        /// <summary>Responses with the TC bit.</summary>
        public int Truncated { get => _counts[3]; set => _counts[3] = value; }
        /// <summary>Queries that got no answer after every retransmission.</summary>
        public int Timeouts { get => _counts[4]; set => _counts[4] = value; }
        /// <summary>Lookups answered from a fresh cache entry.</summary>
        public int CacheHits { get => _counts[5]; set => _counts[5] = value; }
        /// <summary>Lookups answered from an expired cache entry because DNS did not answer.</summary>
        public int StaleAnswers { get => _counts[6]; set => _counts[6] = value; }
    }
}
