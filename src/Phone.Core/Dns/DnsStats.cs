// Counters of the DNS client: what was dropped and why.
namespace Phone.Core.Dns
{
    /// <summary>Counters; never reset by the resolver.</summary>
    public sealed class DnsStats
    {
        /// <summary>Queries sent, including retransmissions.</summary>
        public int QueriesSent;
        /// <summary>Responses whose ID or source did not match the outstanding query.</summary>
        public int Unexpected;
        /// <summary>Malformed responses.</summary>
        public int Malformed;
        /// <summary>Responses with the TC bit.</summary>
        public int Truncated;
        /// <summary>Queries that got no answer after every retransmission.</summary>
        public int Timeouts;
        /// <summary>Lookups answered from a fresh cache entry.</summary>
        public int CacheHits;
        /// <summary>Lookups answered from an expired cache entry because DNS did not answer.</summary>
        public int StaleAnswers;
    }
}
