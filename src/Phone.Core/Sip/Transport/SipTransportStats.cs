// Counters of the SIP transport (RFC 3261 §18): what arrived, what was dropped and why, what was sent.
namespace Phone.Core.Sip.Transport
{
    /// <summary>Transport counters; malformed or unwanted input is counted here, never thrown.</summary>
    public sealed class SipTransportStats
    {
        // The counters in one array: on nanoCLR a field costs a 12-byte heap block, an int[] element 4 bytes.
        private readonly int[] _counts = new int[13];

        /// <summary>Datagrams / stream messages read.</summary>
        public int Received { get => _counts[0]; set => _counts[0] = value; }

        /// <summary>Messages parsed and handed to the transaction layer.</summary>
        public int Delivered { get => _counts[1]; set => _counts[1] = value; }

        /// <summary>Input dropped because it did not parse (the reason is in the parser's <see cref="SipParseStats"/>).</summary>
        public int Malformed { get => _counts[2]; set => _counts[2] = value; }

        /// <summary>Keep-alives (CRLF only) received and absorbed (RFC 5626 §3.5.1).</summary>
        public int KeepAlives { get => _counts[3]; set => _counts[3] = value; }

        /// <summary>Requests whose top Via got received= and/or an rport value (RFC 3261 §18.2.1, RFC 3581 §4).</summary>
        public int ViaStamped { get => _counts[4]; set => _counts[4] = value; }

        /// <summary>Requests dropped because the Via could not be stamped (no room in the receive buffer).</summary>
        public int ViaNoRoom { get => _counts[5]; set => _counts[5] = value; }

        /// <summary>Input dropped by the source filter (not on the allow list).</summary>
        public int Filtered { get => _counts[6]; set => _counts[6] = value; }

        /// <summary>Input dropped by the rate limit for unknown sources.</summary>
        public int RateLimited { get => _counts[7]; set => _counts[7] = value; }

        /// <summary>Messages sent.</summary>
        public int Sent { get => _counts[8]; set => _counts[8] = value; }

        /// <summary>Sends the platform refused.</summary>
        public int SendFailures { get => _counts[9]; set => _counts[9] = value; }

        /// <summary>Requests over the UDP size limit sent over a stream (RFC 3261 §18.1.1).</summary>
        public int SwitchedToStream { get => _counts[10]; set => _counts[10] = value; }

        /// <summary>Requests over the UDP size limit sent over UDP anyway because no stream transport was available.</summary>
        public int OversizeOverUdp { get => _counts[11]; set => _counts[11] = value; }

        /// <summary>Requests sent over a stream whose top Via said UDP, rewritten to TCP/TLS (RFC 3261 §18.1.1).</summary>
        public int ViaRewritten { get => _counts[12]; set => _counts[12] = value; }
    }
}
