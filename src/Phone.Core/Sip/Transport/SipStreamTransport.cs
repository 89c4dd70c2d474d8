// SIP over TCP/TLS (RFC 3261 §18.3 framing by Content-Length) with RFC 5626 §3.5.1 CRLF keep-alives.
namespace Phone.Core.Sip.Transport
{
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>
    /// A fixed table of stream connections, each with its own receive buffer. Messages are framed by
    /// Content-Length (mandatory on streams, §18.3; a message without it, or larger than the buffer, closes the
    /// connection since framing is lost). A double CRLF from the peer is a ping answered with a CRLF pong; a single
    /// CRLF is a pong (RFC 5626 §3.5.1). Framed messages go to the owning <see cref="SipTransport"/>.
    /// </summary>
    public sealed class SipStreamTransport
    {
        // Fields, not literals: nanoCLR allocates a string object for every ldstr, and these run per message.
        private static readonly string ContentLengthName = "content-length";

        private static readonly byte[] s_ping = { 13, 10, 13, 10 };
        private static readonly byte[] s_pong = { 13, 10 };

        private readonly IStreamConnector _connector;
        private readonly SipTransport _owner;
        private readonly IStreamConnection[] _connections;
        private readonly byte[][] _rx;
        private readonly int[] _filled;
        private readonly long[] _lastPingMs;
        private readonly byte[] _frame;
        private readonly int _maxMessage;

        /// <summary>
        /// Creates the stream transport for <paramref name="owner"/> (which it attaches itself to): up to
        /// <paramref name="capacity"/> connections of <paramref name="maxMessageBytes"/> receive buffer each; outgoing
        /// connections use TLS when <paramref name="tls"/>, checked against <paramref name="serverName"/>.
        /// </summary>
        public SipStreamTransport(IStreamConnector connector, SipTransport owner, int capacity, int maxMessageBytes, bool tls, string serverName)
        {
            _connector = connector;
            _owner = owner;
            _maxMessage = maxMessageBytes;
            _connections = new IStreamConnection[capacity];
            _rx = new byte[capacity][];
            _filled = new int[capacity];
            _lastPingMs = new long[capacity];
            for (int i = 0; i < capacity; i++) _rx[i] = new byte[maxMessageBytes];
            _frame = new byte[maxMessageBytes + 64];
            Tls = tls;
            ServerName = serverName;
            owner.Stream = this;
        }

        /// <summary>Outgoing connections use TLS (sips, RFC 3261 §26.2).</summary>
        public readonly bool Tls;

        /// <summary>Name the TLS server certificate must carry.</summary>
        public readonly string ServerName;

        /// <summary>Interval of double-CRLF pings on idle connections, ms (RFC 5626 §4.4.1 suggests 95–120 s); 0 = off.</summary>
        public int KeepAliveMs = 120000;

        /// <summary>Messages framed and handed to the transport.</summary>
        public int Framed;

        /// <summary>Connections closed because framing was lost (no Content-Length, too large, garbage).</summary>
        public int FramingErrors;

        /// <summary>Pings received (answered with a pong) and pongs received.</summary>
        public int PingsReceived, PongsReceived, PingsSent;

        /// <summary>Connections that could not be opened.</summary>
        public int ConnectFailures;

        /// <summary>True when an open connection to <paramref name="remote"/> exists.</summary>
        [HotPath]
        public bool HasConnection(NetEndPoint remote) => Find(remote) >= 0;

        /// <summary>Takes over an accepted (incoming) connection; false when the table is full.</summary>
        public bool Adopt(IStreamConnection connection, long nowMs)
        {
            int slot = FreeSlot();
            if (slot < 0) return false;
            _connections[slot] = connection;
            _filled[slot] = 0;
            _lastPingMs[slot] = nowMs;
            return true;
        }

        /// <summary>
        /// Opens (or keeps) a connection to <paramref name="remote"/>, e.g. the registrar's TLS flow before the first
        /// REGISTER: while it is open every message to that peer goes over it. False when it cannot be opened.
        /// </summary>
        public bool Open(NetEndPoint remote, long nowMs)
        {
            if (Find(remote) >= 0) return true;
            int slot = FreeSlot();
            IStreamConnection c = slot < 0 ? null : _connector.Connect(remote, Tls, ServerName);
            if (c == null)
            {
                ConnectFailures++;
                return false;
            }
            _connections[slot] = c;
            _filled[slot] = 0;
            _lastPingMs[slot] = nowMs;
            return true;
        }

        /// <summary>Sends a whole message to <paramref name="remote"/>, connecting first when needed.</summary>
        public bool Send(byte[] buffer, int offset, int count, NetEndPoint remote)
        {
            // The send path has no clock: long.MinValue makes the next Poll start the keep-alive interval.
            if (!Open(remote, long.MinValue)) return false;
            int i = Find(remote);
            if (_connections[i].Send(buffer, offset, count)) return true;
            Drop(i);
            return false;
        }

        /// <summary>Reads every connection, frames and delivers messages, sends due pings; returns messages delivered.</summary>
        [HotPath]
        public int Poll(long nowMs)
        {
            int delivered = 0;
            for (int i = 0; i < _connections.Length; i++)
            {
                IStreamConnection c = _connections[i];
                if (c == null) continue;
                if (!c.IsOpen)
                {
                    Drop(i);
                    continue;
                }
                byte[] rx = _rx[i];
                int n = c.Receive(rx, _filled[i], rx.Length - _filled[i]);
                if (n < 0)
                {
                    Drop(i);
                    continue;
                }
                _filled[i] += n;
                if (_lastPingMs[i] == long.MinValue) _lastPingMs[i] = nowMs;
                delivered += Frame(i, nowMs);
                if (_connections[i] != null && KeepAliveMs > 0 && nowMs - _lastPingMs[i] >= KeepAliveMs)
                {
                    _lastPingMs[i] = nowMs;
                    PingsSent++;
                    if (!c.Send(s_ping, 0, s_ping.Length)) Drop(i);
                }
            }
            return delivered;
        }

        /// <summary>Closes every connection.</summary>
        public void CloseAll()
        {
            for (int i = 0; i < _connections.Length; i++) if (_connections[i] != null) Drop(i);
        }

        [HotPath]
        private int Frame(int i, long nowMs)
        {
            int delivered = 0;
            byte[] rx = _rx[i];
            while (_connections[i] != null && _filled[i] > 0)
            {
                int filled = _filled[i];
                // RFC 5626 §3.5.1: CRLFCRLF is a ping (answer CRLF), a lone CRLF a pong.
                if (rx[0] == 13 || rx[0] == 10)
                {
                    if (filled >= 4 && rx[0] == 13 && rx[1] == 10 && rx[2] == 13 && rx[3] == 10)
                    {
                        PingsReceived++;
                        if (!_connections[i].Send(s_pong, 0, s_pong.Length)) { Drop(i); break; }
                        Consume(i, 4);
                        continue;
                    }
                    if (filled >= 2 && rx[0] == 13 && rx[1] == 10)
                    {
                        if (filled == 2 || rx[2] != 13)
                        {
                            PongsReceived++;
                            Consume(i, 2);
                            continue;
                        }
                        break;   // CR LF CR: wait for the rest of a ping
                    }
                    if (rx[0] == 10)
                    {
                        Consume(i, 1);
                        continue;
                    }
                    break;
                }
                int headerEnd = FindHeaderEnd(rx, filled);
                if (headerEnd < 0)
                {
                    if (filled == rx.Length) FramingError(i);
                    break;
                }
                int bodyLength = ContentLength(rx, headerEnd);
                if (bodyLength < 0 || headerEnd + bodyLength > _maxMessage)
                {
                    FramingError(i);
                    break;
                }
                int total = headerEnd + bodyLength;
                if (filled < total) break;
                // Process in a separate buffer: the Via stamp grows the message and must not touch the next one.
                System.Array.Copy(rx, 0, _frame, 0, total);
                Consume(i, total);
                Framed++;
                delivered++;
                _owner.Process(_frame, 0, total, _frame.Length, _connections[i].RemoteEndPoint, true, nowMs);
            }
            return delivered;
        }

        [HotPath]
        private void Consume(int i, int count)
        {
            int rest = _filled[i] - count;
            if (rest > 0) System.Array.Copy(_rx[i], count, _rx[i], 0, rest);
            _filled[i] = rest;
        }

        private void FramingError(int i)
        {
            FramingErrors++;
            Drop(i);
        }

        private void Drop(int i)
        {
            IStreamConnection c = _connections[i];
            _connections[i] = null;
            _filled[i] = 0;
            if (c != null) c.Close();
        }

        [HotPath]
        private int Find(NetEndPoint remote)
        {
            for (int i = 0; i < _connections.Length; i++)
            {
                IStreamConnection c = _connections[i];
                if (c != null && c.IsOpen && c.RemoteEndPoint.SameAs(remote)) return i;
            }
            return -1;
        }

        private int FreeSlot()
        {
            for (int i = 0; i < _connections.Length; i++)
            {
                if (_connections[i] == null) return i;
                if (!_connections[i].IsOpen) { Drop(i); return i; }
            }
            return -1;
        }

        /// <summary>Length of the header section including the empty line, or -1 when it is not complete yet.</summary>
        [HotPath]
        private static int FindHeaderEnd(byte[] b, int filled)
        {
            for (int p = 0; p + 3 < filled; p++)
            {
                if (b[p] == 13 && b[p + 1] == 10 && b[p + 2] == 13 && b[p + 3] == 10) return p + 4;
            }
            return -1;
        }

        /// <summary>Value of Content-Length (or compact "l") in the header section, -1 when absent or malformed.</summary>
        [HotPath]
        private static int ContentLength(byte[] b, int headerEnd)
        {
            int p = 0;
            while (p < headerEnd)
            {
                int lineStart = p;
                while (p < headerEnd && b[p] != 10) p++;
                int lineEnd = p;
                p++;
                int nameEnd = lineStart;
                while (nameEnd < lineEnd && SipText.IsToken(b[nameEnd])) nameEnd++;
                int n = nameEnd - lineStart;
                bool match = (n == 14 && SipText.EqualsIgnoreCase(b, lineStart, n, ContentLengthName))
                    || (n == 1 && (b[lineStart] == (byte)'l' || b[lineStart] == (byte)'L'));
                if (!match) continue;
                int q = nameEnd;
                while (q < lineEnd && (b[q] == 32 || b[q] == 9)) q++;
                if (q >= lineEnd || b[q] != (byte)':') continue;
                q++;
                while (q < lineEnd && (b[q] == 32 || b[q] == 9)) q++;
                int value = 0, digits = 0;
                while (q < lineEnd && b[q] >= (byte)'0' && b[q] <= (byte)'9')
                {
                    value = value * 10 + (b[q] - '0');
                    if (++digits > 7) return -1;
                    q++;
                }
                return digits == 0 ? -1 : value;
            }
            return -1;
        }
    }
}
