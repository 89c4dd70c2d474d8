// The state of one stand-alone request of an AuthenticatedRequestSender while it runs (RFC 3261 §8.1.1, §22.2).
namespace Phone.Core.Resilience
{
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;

    /// <summary>
    /// Call-ID, From tag, branch, destination, the transaction in flight and the retry counts of one request (its digest
    /// resends included). Built when the request starts and let go once it has ended, so a sender that is not sending
    /// (nearly always: it acts after fail-back or after local survivability) holds none of it.
    /// </summary>
    internal sealed class SenderExchange
    {
        /// <summary>Call-ID of the request, <see cref="CallIdLength"/> bytes.</summary>
        public readonly byte[] CallId = new byte[64];

        /// <summary>From tag.</summary>
        public readonly byte[] Tag = new byte[SipIdGenerator.TagLength];

        /// <summary>Branch of the latest attempt.</summary>
        public readonly byte[] Branch = new byte[SipIdGenerator.BranchLength];

        /// <summary>Bytes of <see cref="CallId"/> in use.</summary>
        public int CallIdLength;

        /// <summary>Our address as put in the Via (and in the Call-ID).</summary>
        public string LocalHost;

        /// <summary>Where the request goes.</summary>
        public NetEndPoint Destination;

        /// <summary>Challenges answered so far.</summary>
        public int AuthRetries;

        /// <summary>The transaction in flight, or null.</summary>
        public ClientTransaction InFlight;

        /// <summary>When a request the full transaction table refused is sent again (long.MaxValue: none pending).</summary>
        public long RetryAt = long.MaxValue;

        /// <summary>Resends after a full table so far.</summary>
        public int TableFullRetries;
    }
}
