// SIP transport layer over UDP (RFC 3261 §18) with RFC 3581 rport: receive, parse, stamp Via, hand to the transactions.
namespace Phone.Core.Sip.Transport
{
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Sip.Transactions;

    /// <summary>
    /// Reads datagrams from an <see cref="IDatagramSocket"/> into one fixed buffer, parses them into one reused
    /// <see cref="SipMessage"/>, stamps the top Via of requests (received=, rport value; RFC 3261 §18.2.1,
    /// RFC 3581 §4) and hands them to the <see cref="TransactionLayer"/>. Implements <see cref="ISipSender"/> for
    /// the layer. Malformed input is dropped and counted (no 400/505 is sent: the parser stops at the first error,
    /// so a reply could not be built reliably, and silence gives scanners nothing). Requests over
    /// <see cref="UdpSizeLimit"/> bytes go over the stream transport when one is attached (§18.1.1).
    /// </summary>
    public sealed class SipTransport : ISipSender
    {
        // Fields, not literals: nanoCLR allocates a string object for every ldstr, and these run per message.
        private static readonly string RportName = "rport";
        private static readonly string ReceivedParam = ";received=";

        /// <summary>RFC 3261 §18.1.1: a request within 200 bytes of a 1500-byte MTU goes over a congestion-controlled transport.</summary>
        public const int UdpSizeLimit = 1300;

        /// <summary>Datagrams read per <see cref="Poll"/> at most, so one flood cannot starve the rest of the loop.</summary>
        public const int MaxReadsPerPoll = 16;

        // ";received=255.255.255.255" (25) + "=65535" (6), with slack.
        private const int StampRoom = 40;

        private readonly IDatagramSocket _socket;
        private readonly byte[] _rx;
        private readonly SipMessage _message;
        private TransactionLayer _layer;

        /// <summary>
        /// Creates the transport; messages up to <paramref name="maxMessageBytes"/> are accepted. Parser counters go
        /// to <paramref name="parseStats"/> (null: own instance).
        /// </summary>
        public SipTransport(IDatagramSocket socket, int maxMessageBytes, SipParseStats parseStats)
            : this(socket, maxMessageBytes, 0, parseStats)
        {
        }

        /// <summary>As above, with a parser of <paramref name="maxHeaders"/> header lines (0: <see cref="SipMessage.DefaultMaxHeaders"/>).</summary>
        public SipTransport(IDatagramSocket socket, int maxMessageBytes, int maxHeaders, SipParseStats parseStats)
        {
            _socket = socket;
            _rx = new byte[maxMessageBytes + StampRoom];
            _message = new SipMessage(maxHeaders > 0 ? maxHeaders : SipMessage.DefaultMaxHeaders, maxMessageBytes + StampRoom, parseStats);
        }

        /// <summary>Largest datagram taken whole (the receive buffer less the room kept for the Via stamp).</summary>
        public int MaxMessageBytes => _rx.Length - StampRoom;

        /// <summary>Counters.</summary>
        public SipTransportStats Stats { get; } = new SipTransportStats();

        /// <summary>Parser counters (reasons for rejected input).</summary>
        public SipParseStats ParseStats => _message.Stats;

        /// <summary>The local UDP end point.</summary>
        public NetEndPoint LocalEndPoint => _socket.LocalEndPoint;

        /// <summary>Source filter and rate limit; null accepts everything.</summary>
        public SipSourceFilter Filter;

        /// <summary>Stream transport (TCP/TLS) for stream destinations and requests too large for UDP; null = UDP only.</summary>
        public SipStreamTransport Stream;

        /// <summary>The layer received messages go to; set once after both are constructed.</summary>
        public void Attach(TransactionLayer layer) => _layer = layer;

        /// <summary>Reads and processes waiting datagrams (at most <see cref="MaxReadsPerPoll"/>); returns how many.</summary>
        [HotPath]
        public int Poll(long nowMs)
        {
            int n = 0;
            while (n < MaxReadsPerPoll)
            {
                NetEndPoint from;
                int length = _socket.ReceiveFrom(_rx, 0, _rx.Length - StampRoom, out from);
                if (length <= 0) break;
                n++;
                Process(_rx, 0, length, _rx.Length, from, false, nowMs);
            }
            if (Stream != null) n += Stream.Poll(nowMs);
            return n;
        }

        /// <inheritdoc/>
        public bool IsReliable(NetEndPoint destination) => Stream != null && Stream.HasConnection(destination);

        /// <summary>
        /// Sends one message: over the open stream connection to <paramref name="destination"/> when there is one;
        /// a request over <see cref="UdpSizeLimit"/> over the stream transport when one is attached (§18.1.1);
        /// otherwise over UDP. A request that goes over a stream while its top Via says UDP gets that Via's transport
        /// rewritten in place in <paramref name="buffer"/> to TCP or TLS (same length; §18.1.1: "the client MUST
        /// then ... use TCP", and §8.1.1.7 / §18.1.1 the Via names the transport used), so a transaction's
        /// retransmission from the same buffer says the same; the transaction then sees <see cref="IsReliable"/>.
        /// </summary>
        [HotPath]
        public bool Send(byte[] buffer, int offset, int count, NetEndPoint destination)
        {
            bool ok;
            bool request = IsRequest(buffer, offset, count);
            bool oversize = count > UdpSizeLimit && request;
            if (Stream != null && (oversize || Stream.HasConnection(destination)))
            {
                if (!Stream.HasConnection(destination)) Stats.SwitchedToStream++;
                if (request && ViaTransport.RewriteUdp(buffer, offset, count, Stream.Tls)) Stats.ViaRewritten++;
                ok = Stream.Send(buffer, offset, count, destination);
            }
            else
            {
                if (oversize) Stats.OversizeOverUdp++;
                ok = _socket.SendTo(buffer, offset, count, destination);
            }
            if (ok) Stats.Sent++;
            else Stats.SendFailures++;
            return ok;
        }

        /// <summary>
        /// Processes one received message in buf[offset, offset+length); bytes up to <paramref name="capacity"/> may
        /// be used to stamp the Via. Used by the UDP path and by the stream transport for each framed message.
        /// </summary>
        [HotPath]
        internal void Process(byte[] buf, int offset, int length, int capacity, NetEndPoint from, bool stream, long nowMs)
        {
            Stats.Received++;
            bool known = Filter == null || Filter.IsAllowed(from);
            if (!known && !Filter.TryTakeToken(nowMs))
            {
                Stats.RateLimited++;
                return;
            }
            if (IsOnlyCrLf(buf, offset, length))
            {
                Stats.KeepAlives++;
                return;
            }
            SipMessage m = _message;
            if (!m.TryParse(buf, offset, length))
            {
                Stats.Malformed++;
                return;
            }
            NetEndPoint replyTo = from;
            if (m.IsRequest)
            {
                if (!known && Filter.RequestsFromAllowedOnly)
                {
                    Stats.Filtered++;
                    return;
                }
                bool rportAsked = m.Via.RPort >= 0;
                int newLength = StampVia(m, buf, offset, length, capacity, from);
                if (newLength < 0)
                {
                    Stats.ViaNoRoom++;
                    return;
                }
                if (newLength != length)
                {
                    Stats.ViaStamped++;
                    // The one parser reads the stamped request again (not counted twice in the shared statistics);
                    // nothing of the first parse is needed any more.
                    if (!m.TryParse(buf, offset, newLength, false))
                    {
                        Stats.Malformed++;
                        return;
                    }
                }
                // §18.2.2: over UDP without rport the response goes to the received address and the sent-by port;
                // with rport (RFC 3581 §4) and over streams, back to the source address and port.
                if (!stream && !rportAsked)
                {
                    replyTo = new NetEndPoint(from.Address, m.Via.Port != 0 ? m.Via.Port : 5060);
                }
            }
            Stats.Delivered++;
            if (_layer != null) _layer.Receive(m, replyTo, nowMs);
        }

        /// <summary>
        /// Adds received= (when the sent-by host is not the source address, or rport was asked for) and the rport
        /// value (when asked for) to the top Via in place (RFC 3261 §18.2.1, RFC 3581 §4). Returns the new length,
        /// or -1 when the buffer has no room.
        /// </summary>
        [HotPath]
        internal static int StampVia(SipMessage m, byte[] buf, int offset, int length, int capacity, NetEndPoint from)
        {
            bool wantsRport = m.Via.RPort == 0;
            bool needReceived = !m.Via.Received.IsPresent && (wantsRport || !HostIsAddress(buf, m.Via.Host, from.Address));
            if (!wantsRport && !needReceived) return length;
            int end = offset + length;
            int rportAt = wantsRport ? FindBareRport(buf, m.Via.Parameters) : -1;
            int add = (rportAt >= 0 ? 1 + Digits((uint)from.Port) : 0) + (needReceived ? 10 + AddressLength(from.Address) : 0);
            if (end + add > offset + capacity || end + add > buf.Length) return -1;
            int viaEnd = m.Via.Whole.End;
            if (rportAt >= 0)
            {
                int k = 1 + Digits((uint)from.Port);
                System.Array.Copy(buf, rportAt, buf, rportAt + k, end - rportAt);
                buf[rportAt] = (byte)'=';
                WriteUInt(buf, rportAt + 1, (uint)from.Port);
                end += k;
                viaEnd += k;
            }
            if (needReceived)
            {
                int k = 10 + AddressLength(from.Address);
                System.Array.Copy(buf, viaEnd, buf, viaEnd + k, end - viaEnd);
                int p = viaEnd;
                p = WriteAscii(buf, p, ReceivedParam);
                WriteAddress(buf, p, from.Address);
                end += k;
            }
            return end - offset;
        }

        [HotPath]
        private static int FindBareRport(byte[] buf, SipSlice parameters)
        {
            if (!parameters.IsPresent) return -1;
            int p = parameters.Start;
            int end = parameters.End;
            while (p < end)
            {
                p = SipText.SkipLws(buf, p, end);
                if (p >= end || buf[p] != (byte)';') return -1;
                SipSlice name, value;
                int after = SipText.ReadParam(buf, p + 1, end, out name, out value);
                if (after < 0) return -1;
                if (!value.IsPresent && SipText.EqualsIgnoreCase(buf, name.Start, name.Length, RportName)) return name.End;
                p = after;
            }
            return -1;
        }

        [HotPath]
        private static bool HostIsAddress(byte[] buf, SipSlice host, uint address)
        {
            uint a = 0;
            int part = 0, value = 0, digits = 0;
            for (int i = host.Start; i < host.End; i++)
            {
                byte c = buf[i];
                if (c >= (byte)'0' && c <= (byte)'9')
                {
                    value = value * 10 + (c - '0');
                    if (++digits > 3 || value > 255) return false;
                }
                else if (c == (byte)'.' && digits > 0 && part < 3)
                {
                    a = (a << 8) | (uint)value;
                    part++;
                    value = 0;
                    digits = 0;
                }
                else
                {
                    return false;
                }
            }
            if (part != 3 || digits == 0) return false;
            return ((a << 8) | (uint)value) == address;
        }

        [HotPath]
        private static bool IsOnlyCrLf(byte[] buf, int offset, int length)
        {
            for (int i = offset; i < offset + length; i++)
            {
                if (buf[i] != 13 && buf[i] != 10) return false;
            }
            return true;
        }

        [HotPath]
        private static bool IsRequest(byte[] buf, int offset, int count)
            => !(count >= 4 && buf[offset] == (byte)'S' && buf[offset + 1] == (byte)'I' && buf[offset + 2] == (byte)'P' && buf[offset + 3] == (byte)'/');

        [HotPath]
        internal static int Digits(uint v)
        {
            int n = 1;
            while (v >= 10)
            {
                v /= 10;
                n++;
            }
            return n;
        }

        [HotPath]
        internal static int WriteUInt(byte[] buf, int pos, uint v)
        {
            int n = Digits(v);
            for (int i = n - 1; i >= 0; i--)
            {
                buf[pos + i] = (byte)('0' + (int)(v % 10));
                v /= 10;
            }
            return pos + n;
        }

        [HotPath]
        private static int AddressLength(uint a)
            => 3 + Digits(a >> 24) + Digits((a >> 16) & 0xFF) + Digits((a >> 8) & 0xFF) + Digits(a & 0xFF);

        [HotPath]
        private static int WriteAddress(byte[] buf, int p, uint a)
        {
            p = WriteUInt(buf, p, a >> 24);
            buf[p++] = (byte)'.';
            p = WriteUInt(buf, p, (a >> 16) & 0xFF);
            buf[p++] = (byte)'.';
            p = WriteUInt(buf, p, (a >> 8) & 0xFF);
            buf[p++] = (byte)'.';
            return WriteUInt(buf, p, a & 0xFF);
        }

        [HotPath]
        private static int WriteAscii(byte[] buf, int p, string s)
        {
            for (int i = 0; i < s.Length; i++) buf[p++] = (byte)s[i];
            return p;
        }
    }
}
