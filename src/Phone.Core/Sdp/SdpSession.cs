// Session description parser, RFC 4566 §5 (v, o, s, c, t, m, a) into fixed-capacity tables; malformed → false.
namespace Phone.Core.Sdp
{
    using Phone.Core.Text;

    /// <summary>
    /// A parsed SDP body with up to <see cref="MaxMedia"/> media descriptions. Reuse one instance per call:
    /// <see cref="TryParse"/> overwrites it without allocating. Lines may end in CRLF or bare LF.
    /// </summary>
    public sealed class SdpSession
    {
        /// <summary>m= lines kept; a body with more is refused (the answer must mirror every line, RFC 3264 §6).</summary>
        public const int MaxMedia = 4;

        private const int MaxUserLength = 32;
        private readonly byte[] _user = new byte[MaxUserLength];
        private int _userLength;

        /// <summary>o= sess-id (decimal, up to 64 bits).</summary>
        public ulong SessionId;

        /// <summary>o= sess-version; increases when the session changes (RFC 3264 §8).</summary>
        public ulong SessionVersion;

        /// <summary>o= unicast address.</summary>
        public readonly SdpConnection OriginAddress = new SdpConnection();

        /// <summary>Session-level c= (IsPresent false when absent).</summary>
        public readonly SdpConnection Connection = new SdpConnection();

        /// <summary>True when a session-level direction attribute was present.</summary>
        public bool HasDirection;

        /// <summary>Session-level direction (valid when <see cref="HasDirection"/>).</summary>
        public SdpDirection Direction;

        /// <summary>Media descriptions 0..MediaCount-1 (preallocated).</summary>
        public readonly SdpMedia[] Media;

        /// <summary>Number of m= lines.</summary>
        public int MediaCount;

        /// <summary>Creates an empty session with preallocated media tables.</summary>
        public SdpSession() : this(MaxMedia)
        {
        }

        /// <summary>A parser with room for <paramref name="maxMedia"/> m= lines (1..<see cref="MaxMedia"/>); a body with more is refused.</summary>
        public SdpSession(int maxMedia)
        {
            if (maxMedia < 1 || maxMedia > MaxMedia) maxMedia = MaxMedia;
            Media = new SdpMedia[maxMedia];
            for (int i = 0; i < maxMedia; i++) Media[i] = new SdpMedia();
            Clear();
        }

        /// <summary>Clears everything.</summary>
        public void Clear()
        {
            _userLength = 0;
            SessionId = 0;
            SessionVersion = 0;
            OriginAddress.Clear();
            Connection.Clear();
            HasDirection = false;
            Direction = SdpDirection.SendRecv;
            MediaCount = 0;
        }

        /// <summary>o= username (allocates; tests and logs).</summary>
        public string OriginUser => Utf8.GetString(_user, 0, _userLength);

        /// <summary>Direction that applies to media <paramref name="index"/>: media level, else session level, else sendrecv.</summary>
        public SdpDirection EffectiveDirection(int index)
        {
            SdpMedia m = Media[index];
            if (m.HasDirection) return m.Direction;
            return HasDirection ? Direction : SdpDirection.SendRecv;
        }

        /// <summary>Connection that applies to media <paramref name="index"/>: media-level c=, else session-level (RFC 4566 §5.7).</summary>
        public SdpConnection EffectiveConnection(int index)
            => Media[index].Connection.IsPresent ? Media[index].Connection : Connection;

        /// <summary>
        /// Parses body[offset..offset+count). False (and counted in stats) for a malformed body: no "v=0" first,
        /// missing o=/t=, a bad m=/c=/rtpmap line, a media stream without any c=, or more than MaxMedia m= lines.
        /// </summary>
        public bool TryParse(byte[] body, int offset, int count, SdpStats stats)
        {
            bool ok = Parse(body, offset, count, stats);
            if (stats != null)
            {
                if (ok) stats.Parsed++;
                else stats.Malformed++;
            }
            if (!ok) Clear();
            return ok;
        }

        private bool Parse(byte[] b, int offset, int count, SdpStats stats)
        {
            Clear();
            if (b == null || count < 3 || offset < 0 || offset + count > b.Length) return false;
            int end = offset + count;
            int p = offset;
            bool first = true, seenOrigin = false, seenTime = false, seenName = false;
            SdpMedia media = null;
            while (p < end)
            {
                int ls = p;
                while (p < end && b[p] != '\n') p++;
                int le = p;
                if (p < end) p++;
                if (le > ls && b[le - 1] == '\r') le--;
                if (le == ls) continue; // blank lines (trailing CRLF) are tolerated
                if (le - ls < 2 || b[ls + 1] != '=') return false;
                byte type = b[ls];
                int v = ls + 2;
                if (first)
                {
                    // RFC 4566 §5.1: the body starts with v=0.
                    if (type != 'v' || le - v != 1 || b[v] != '0') return false;
                    first = false;
                    continue;
                }
                switch (type)
                {
                    case (byte)'o':
                        if (seenOrigin || media != null || !ParseOrigin(b, v, le)) return false;
                        seenOrigin = true;
                        break;
                    case (byte)'s':
                        if (seenName || media != null) return false;
                        seenName = true;
                        break;
                    case (byte)'t':
                        if (media != null) return false;
                        seenTime = true;
                        break;
                    case (byte)'c':
                        if (!ParseConnection(b, v, le, media != null ? media.Connection : Connection)) return false;
                        break;
                    case (byte)'m':
                        if (!seenOrigin || !seenTime) return false;
                        if (MediaCount == Media.Length)
                        {
                            if (stats != null) stats.TooManyMedia++;
                            return false;
                        }
                        media = Media[MediaCount];
                        if (!media.TryParseMLine(b, v, le, stats)) return false;
                        MediaCount++;
                        break;
                    case (byte)'a':
                        if (!ParseAttribute(b, v, le, media)) return false;
                        break;
                    default:
                        // i, u, e, p, b, z, k, r and unknown types carry nothing we use (RFC 4566 §5: ignore unknown).
                        if (type < 'a' || type > 'z') return false;
                        break;
                }
            }
            if (first || !seenOrigin || !seenTime) return false;
            for (int i = 0; i < MediaCount; i++)
            {
                // RFC 4566 §5.7: c= at session level or in every media description.
                if (!EffectiveConnection(i).IsPresent) return false;
            }
            return true;
        }

        // o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
        private bool ParseOrigin(byte[] b, int p, int end)
        {
            int us = p;
            while (p < end && b[p] != ' ') p++;
            int ul = p - us;
            if (ul == 0 || p >= end) return false;
            if (ul > MaxUserLength) ul = MaxUserLength;
            for (int i = 0; i < ul; i++) _user[i] = b[us + i];
            _userLength = ul;
            p++;
            if (!TryReadULong(b, ref p, end, out SessionId) || p >= end || b[p] != ' ') return false;
            p++;
            if (!TryReadULong(b, ref p, end, out SessionVersion) || p >= end || b[p] != ' ') return false;
            p++;
            return ParseConnection(b, p, end, OriginAddress);
        }

        // c=<nettype> <addrtype> <connection-address>; a multicast "/ttl" suffix is dropped (RFC 4566 §5.7).
        private static bool ParseConnection(byte[] b, int p, int end, SdpConnection into)
        {
            if (end - p < 8 || !Equals(b, p, 3, "IN ")) return false;
            p += 3;
            bool ipv6;
            if (Equals(b, p, 4, "IP4 ")) ipv6 = false;
            else if (Equals(b, p, 4, "IP6 ")) ipv6 = true;
            else return false;
            p += 4;
            int s = p;
            while (p < end && b[p] != '/' && b[p] != ' ') p++;
            return into.TrySet(ipv6, b, s, p - s);
        }

        private bool ParseAttribute(byte[] b, int p, int end, SdpMedia media)
        {
            int ns = p;
            while (p < end && b[p] != ':') p++;
            int nl = p - ns;
            if (nl == 0) return false;
            int vs = p < end ? p + 1 : end;
            SdpDirection dir;
            if (Equals(b, ns, nl, "sendrecv")) dir = SdpDirection.SendRecv;
            else if (Equals(b, ns, nl, "sendonly")) dir = SdpDirection.SendOnly;
            else if (Equals(b, ns, nl, "recvonly")) dir = SdpDirection.RecvOnly;
            else if (Equals(b, ns, nl, "inactive")) dir = SdpDirection.Inactive;
            else
            {
                if (media == null) return true; // other session-level attributes are not used
                if (Equals(b, ns, nl, "rtpmap")) return media.TryParseRtpmap(b, vs, end);
                if (Equals(b, ns, nl, "fmtp")) return media.TryParseFmtp(b, vs, end);
                if (Equals(b, ns, nl, "ptime"))
                {
                    int q = vs;
                    if (!TryReadUInt(b, ref q, end, 1000, out int ptime)) return false;
                    // "ptime:20.0" exists in the wild; ignore a fractional part.
                    media.Ptime = ptime;
                    return true;
                }
                if (Equals(b, ns, nl, "rtcp"))
                {
                    int q = vs;
                    if (!TryReadUInt(b, ref q, end, 65535, out int port)) return false;
                    media.RtcpPort = port;
                    return true;
                }
                return true;
            }
            if (media == null)
            {
                HasDirection = true;
                Direction = dir;
            }
            else
            {
                media.HasDirection = true;
                media.Direction = dir;
            }
            return true;
        }

        internal static bool Equals(byte[] b, int start, int length, string literal)
        {
            if (length != literal.Length || start + length > b.Length) return false;
            for (int i = 0; i < length; i++)
            {
                if (b[start + i] != literal[i]) return false;
            }
            return true;
        }

        internal static bool TryReadUInt(byte[] b, ref int p, int end, int max, out int value)
        {
            value = 0;
            int s = p;
            while (p < end && b[p] >= '0' && b[p] <= '9')
            {
                value = value * 10 + (b[p] - '0');
                if (value > max) return false;
                p++;
            }
            return p > s;
        }

        private static bool TryReadULong(byte[] b, ref int p, int end, out ulong value)
        {
            value = 0;
            int s = p;
            while (p < end && b[p] >= '0' && b[p] <= '9')
            {
                ulong d = (ulong)(b[p] - '0');
                if (value > 1844674407370955161UL || (value == 1844674407370955161UL && d > 5)) return false;
                value = value * 10 + d;
                p++;
            }
            return p > s;
        }
    }
}
