// Counters of the SIP transport (RFC 3261 §18): what arrived, what was dropped and why, what was sent.
namespace Phone.Core.Sip.Transport
{
    /// <summary>Transport counters; malformed or unwanted input is counted here, never thrown.</summary>
    public sealed class SipTransportStats
    {
        /// <summary>Datagrams / stream messages read.</summary>
        public int Received;

        /// <summary>Messages parsed and handed to the transaction layer.</summary>
        public int Delivered;

        /// <summary>Input dropped because it did not parse (the reason is in the parser's <see cref="SipParseStats"/>).</summary>
        public int Malformed;

        /// <summary>Keep-alives (CRLF only) received and absorbed (RFC 5626 §3.5.1).</summary>
        public int KeepAlives;

        /// <summary>Requests whose top Via got received= and/or an rport value (RFC 3261 §18.2.1, RFC 3581 §4).</summary>
        public int ViaStamped;

        /// <summary>Requests dropped because the Via could not be stamped (no room in the receive buffer).</summary>
        public int ViaNoRoom;

        /// <summary>Input dropped by the source filter (not on the allow list).</summary>
        public int Filtered;

        /// <summary>Input dropped by the rate limit for unknown sources.</summary>
        public int RateLimited;

        /// <summary>Messages sent.</summary>
        public int Sent;

        /// <summary>Sends the platform refused.</summary>
        public int SendFailures;

        /// <summary>Requests over the UDP size limit sent over a stream (RFC 3261 §18.1.1).</summary>
        public int SwitchedToStream;

        /// <summary>Requests over the UDP size limit sent over UDP anyway because no stream transport was available.</summary>
        public int OversizeOverUdp;

        /// <summary>Requests sent over a stream whose top Via said UDP, rewritten to TCP/TLS (RFC 3261 §18.1.1).</summary>
        public int ViaRewritten;
    }
}
