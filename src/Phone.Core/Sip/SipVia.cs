// One Via header value: sent-protocol, sent-by and via-params (RFC 3261 §20.42, §18.2.1; RFC 3581 rport; RFC 5118 §4.5).
namespace Phone.Core.Sip
{
    /// <summary>
    /// A parsed Via value as slices of the message buffer. Port is 0 when absent (5060/5061 by transport then applies);
    /// RPort is -1 when absent, 0 when present without a value (RFC 3581 §3), else the value.
    /// </summary>
    public struct SipVia
    {
        // Fields, not literals: nanoCLR allocates a string object for every ldstr, and these run per message.
        private static readonly string BranchName = "branch";
        private static readonly string ReceivedName = "received";
        private static readonly string RportName = "rport";
        private static readonly string MaddrName = "maddr";
        private static readonly string TtlName = "ttl";

        /// <summary>Protocol name, normally "SIP".</summary>
        public SipSlice ProtocolName;
        /// <summary>Protocol version, normally "2.0".</summary>
        public SipSlice ProtocolVersion;
        /// <summary>Transport token ("UDP", "TCP", "TLS", "SCTP", "WS" … or unknown).</summary>
        public SipSlice Transport;
        /// <summary>sent-by host (IPv6 references keep their brackets).</summary>
        public SipSlice Host;
        /// <summary>True when Host is an IPv6 reference.</summary>
        public bool HostIsIPv6;
        /// <summary>sent-by port, 0 when absent.</summary>
        public int Port;
        /// <summary>branch parameter; absent when none (an RFC 2543 peer).</summary>
        public SipSlice Branch;
        /// <summary>received parameter (IPv4, or IPv6 with or without brackets); absent when none.</summary>
        public SipSlice Received;
        /// <summary>rport: -1 absent, 0 present without value, else the port.</summary>
        public int RPort;
        /// <summary>maddr parameter; absent when none.</summary>
        public SipSlice Maddr;
        /// <summary>ttl parameter, -1 when absent.</summary>
        public int Ttl;
        /// <summary>All via-params from the first ';' (absent when none).</summary>
        public SipSlice Parameters;
        /// <summary>The whole value.</summary>
        public SipSlice Whole;

        /// <summary>Ushorts a Via takes in a parsed message's element table (<see cref="Store"/>/<see cref="Load"/>).</summary>
        internal const int Slots = 26;

        /// <summary>Writes v at t[at..at+Slots): a message keeps its top Via as 16-bit slots, not as a boxed struct on nanoCLR.</summary>
        [HotPath]
        internal static void Store(ushort[] t, int at, ref SipVia v, int origin)
        {
            SipSlice.Store(t, at, ref v.ProtocolName, origin);
            SipSlice.Store(t, at + 2, ref v.ProtocolVersion, origin);
            SipSlice.Store(t, at + 4, ref v.Transport, origin);
            SipSlice.Store(t, at + 6, ref v.Host, origin);
            t[at + 8] = v.HostIsIPv6 ? (ushort)1 : (ushort)0;
            t[at + 22] = (ushort)v.Port; // 0..65535 (parse limit)
            SipSlice.Store(t, at + 10, ref v.Branch, origin);
            SipSlice.Store(t, at + 12, ref v.Received, origin);
            SipSlice.Store32(t, at + 23, v.RPort); // -1..65535: 17 bits
            SipSlice.Store(t, at + 15, ref v.Maddr, origin);
            t[at + 25] = (ushort)v.Ttl; // -1..255, read back sign-extended
            SipSlice.Store(t, at + 18, ref v.Parameters, origin);
            SipSlice.Store(t, at + 20, ref v.Whole, origin);
        }

        /// <summary>Reads back what <see cref="Store"/> wrote.</summary>
        [HotPath]
        internal static void Load(ushort[] t, int at, out SipVia v, int origin)
        {
            v = default(SipVia);
            SipSlice.Load(t, at, out v.ProtocolName, origin);
            SipSlice.Load(t, at + 2, out v.ProtocolVersion, origin);
            SipSlice.Load(t, at + 4, out v.Transport, origin);
            SipSlice.Load(t, at + 6, out v.Host, origin);
            v.HostIsIPv6 = t[at + 8] != 0;
            v.Port = t[at + 22];
            SipSlice.Load(t, at + 10, out v.Branch, origin);
            SipSlice.Load(t, at + 12, out v.Received, origin);
            v.RPort = SipSlice.Load32(t, at + 23);
            SipSlice.Load(t, at + 15, out v.Maddr, origin);
            v.Ttl = (short)t[at + 25];
            SipSlice.Load(t, at + 18, out v.Parameters, origin);
            SipSlice.Load(t, at + 20, out v.Whole, origin);
        }

        /// <summary>True when the branch starts with the RFC 3261 magic cookie "z9hG4bK" (§8.1.1.7).</summary>
        public bool HasRfc3261Branch(byte[] buf) => Branch.Start >= 0 && SipText.StartsWith(buf, Branch.Start, Branch.Length, "z9hG4bK");

        /// <summary>Looks up any via-param by name.</summary>
        [HotPath]
        public bool TryGetParameter(byte[] buf, string name, out SipSlice value)
        {
            if (Parameters.Start < 0)
            {
                value = SipSlice.None;
                return false;
            }
            return SipText.TryFindParam(buf, Parameters.Start, Parameters.End, name, out value);
        }

        // SLASH = SWS "/" SWS
        private static int ReadSlash(byte[] buf, int pos, int end)
        {
            pos = SipText.SkipLws(buf, pos, end);
            if (pos >= end || buf[pos] != (byte)'/') return -1;
            return SipText.SkipLws(buf, pos + 1, end);
        }

        /// <summary>
        /// Parses one Via value starting at pos (leading LWS allowed); next receives the position after it
        /// (before any ','). False when malformed (RFC 4475 §3.1.2.1: empty parameters are malformed).
        /// </summary>
        [HotPath]
        public static bool TryParse(byte[] buf, int pos, int end, out SipVia via, out int next)
        {
            via = default(SipVia);
            via.Branch = SipSlice.None;
            via.Received = SipSlice.None;
            via.Maddr = SipSlice.None;
            via.Parameters = SipSlice.None;
            via.RPort = -1;
            via.Ttl = -1;
            next = end;
            pos = SipText.SkipLws(buf, pos, end);
            int start = pos;

            int t = SipText.SkipToken(buf, pos, end);
            if (t == pos) return false;
            via.ProtocolName.Set(pos, t - pos);
            pos = ReadSlash(buf, t, end);
            if (pos < 0) return false;
            t = SipText.SkipToken(buf, pos, end);
            if (t == pos) return false;
            via.ProtocolVersion.Set(pos, t - pos);
            pos = ReadSlash(buf, t, end);
            if (pos < 0) return false;
            t = SipText.SkipToken(buf, pos, end);
            if (t == pos) return false;
            via.Transport.Set(pos, t - pos);
            pos = SipText.SkipLws(buf, t, end);
            if (pos == t || pos >= end) return false;

            int hs = pos;
            if (buf[pos] == (byte)'[')
            {
                int colons = 0;
                pos++;
                while (pos < end && buf[pos] != (byte)']')
                {
                    byte b = buf[pos];
                    if (b == (byte)':') colons++;
                    else if (SipText.HexValue(b) < 0 && b != (byte)'.') return false;
                    pos++;
                }
                if (pos >= end || colons < 2) return false;
                pos++;
                via.HostIsIPv6 = true;
            }
            else
            {
                while (pos < end && SipText.Is(buf[pos], SipText.ClassHost)) pos++;
                if (pos == hs) return false;
            }
            via.Host.Set(hs, pos - hs);

            // COLON = SWS ":" SWS
            int p = SipText.SkipLws(buf, pos, end);
            if (p < end && buf[p] == (byte)':')
            {
                p = SipText.SkipLws(buf, p + 1, end);
                int ds = p;
                while (p < end && SipText.IsDigit(buf[p])) p++;
                int port;
                if (!SipText.TryParseInt(buf, ds, p - ds, 65535, out port)) return false;
                via.Port = port;
                pos = p;
            }

            int last = pos;
            while (true)
            {
                p = SipText.SkipLws(buf, last, end);
                if (p >= end || buf[p] != (byte)';') break;
                if (via.Parameters.Start < 0) via.Parameters.Start = p;
                SipSlice name, val;
                int after = SipText.ReadParam(buf, p + 1, end, out name, out val);
                if (after < 0) return false;
                int nl = name.Length;
                if (nl == 6 && SipText.EqualsIgnoreCase(buf, name.Start, nl, BranchName))
                {
                    if (val.Start < 0) return false;
                    via.Branch = val;
                }
                else if (nl == 8 && SipText.EqualsIgnoreCase(buf, name.Start, nl, ReceivedName))
                {
                    if (val.Start < 0) return false;
                    via.Received = val;
                }
                else if (nl == 5 && SipText.EqualsIgnoreCase(buf, name.Start, nl, RportName))
                {
                    int rp = 0;
                    if (val.Start >= 0 && !SipText.TryParseInt(buf, val.Start, val.Length, 65535, out rp)) return false;
                    via.RPort = rp;
                }
                else if (nl == 5 && SipText.EqualsIgnoreCase(buf, name.Start, nl, MaddrName))
                {
                    if (val.Start < 0) return false;
                    via.Maddr = val;
                }
                else if (nl == 3 && SipText.EqualsIgnoreCase(buf, name.Start, nl, TtlName))
                {
                    int ttl;
                    if (val.Start < 0 || !SipText.TryParseInt(buf, val.Start, val.Length, 255, out ttl)) return false;
                    via.Ttl = ttl;
                }
                last = after;
            }
            if (via.Parameters.Start >= 0) via.Parameters.Length = last - via.Parameters.Start;
            via.Whole.Set(start, last - start);
            next = last;
            return true;
        }
    }
}
