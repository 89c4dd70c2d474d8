// SIP/SIPS URI and absoluteURI parsing into slices (RFC 3261 §19.1.1, §25.1; RFC 5118 IPv6 references; RFC 3966 tel).
namespace Phone.Core.Sip
{
    /// <summary>
    /// A URI as slices of the message buffer. For sip/sips: User, Password, Host (IPv6 references keep their
    /// brackets), Port (0 when absent), Parameters (after the first ';' of the hostport, without it) and Headers
    /// (after '?'). For tel: User holds the number, Parameters the rest. For other schemes Opaque holds everything
    /// after the ':'. Components stay escaped (%HH); compare with <see cref="SipText.EqualsUnescaped"/>.
    /// </summary>
    public struct SipUri
    {
        // Fields, not literals: nanoCLR allocates a string object for every ldstr, and these run per message.
        private static readonly string SchemeSip = "sip";
        private static readonly string SchemeSips = "sips";
        private static readonly string SchemeTel = "tel";

        /// <summary>Scheme kind.</summary>
        public SipUriScheme Scheme;
        /// <summary>The whole URI.</summary>
        public SipSlice Whole;
        /// <summary>Scheme name without ':'.</summary>
        public SipSlice SchemeName;
        /// <summary>userinfo user part (sip/sips), or the number (tel); absent when none.</summary>
        public SipSlice User;
        /// <summary>Password after ':' in userinfo; absent when none.</summary>
        public SipSlice Password;
        /// <summary>Host: hostname, IPv4 address, or IPv6 reference including '[' and ']'.</summary>
        public SipSlice Host;
        /// <summary>True when Host is an IPv6 reference.</summary>
        public bool HostIsIPv6;
        /// <summary>Port, 0 when absent.</summary>
        public int Port;
        /// <summary>URI parameters after the first ';' (without it), e.g. "transport=tcp;lr"; absent when none.</summary>
        public SipSlice Parameters;
        /// <summary>URI headers after '?' (without it); absent when none.</summary>
        public SipSlice Headers;
        /// <summary>Everything after "scheme:".</summary>
        public SipSlice Opaque;

        /// <summary>Ushorts a URI takes in a parsed message's element table (<see cref="Store"/>/<see cref="Load"/>).</summary>
        internal const int Slots = 20;

        /// <summary>
        /// Writes u at t[at..at+Slots): a message keeps its URIs as 16-bit slots rather than as struct fields, each of which
        /// nanoCLR would hold as a separate boxed object (and each nested SipSlice again).
        /// </summary>
        [HotPath]
        internal static void Store(ushort[] t, int at, ref SipUri u, int origin)
        {
            t[at] = (ushort)u.Scheme;
            SipSlice.Store(t, at + 1, ref u.Whole, origin);
            SipSlice.Store(t, at + 3, ref u.SchemeName, origin);
            SipSlice.Store(t, at + 5, ref u.User, origin);
            SipSlice.Store(t, at + 7, ref u.Password, origin);
            SipSlice.Store(t, at + 9, ref u.Host, origin);
            t[at + 11] = u.HostIsIPv6 ? (ushort)1 : (ushort)0;
            t[at + 19] = (ushort)u.Port; // 0..65535 (§19.1.1 parse limit)
            SipSlice.Store(t, at + 13, ref u.Parameters, origin);
            SipSlice.Store(t, at + 15, ref u.Headers, origin);
            SipSlice.Store(t, at + 17, ref u.Opaque, origin);
        }

        /// <summary>Reads back what <see cref="Store"/> wrote.</summary>
        [HotPath]
        internal static void Load(ushort[] t, int at, out SipUri u, int origin)
        {
            u = default(SipUri);
            u.Scheme = (SipUriScheme)t[at];
            SipSlice.Load(t, at + 1, out u.Whole, origin);
            SipSlice.Load(t, at + 3, out u.SchemeName, origin);
            SipSlice.Load(t, at + 5, out u.User, origin);
            SipSlice.Load(t, at + 7, out u.Password, origin);
            SipSlice.Load(t, at + 9, out u.Host, origin);
            u.HostIsIPv6 = t[at + 11] != 0;
            u.Port = t[at + 19];
            SipSlice.Load(t, at + 13, out u.Parameters, origin);
            SipSlice.Load(t, at + 15, out u.Headers, origin);
            SipSlice.Load(t, at + 17, out u.Opaque, origin);
        }

        /// <summary>Looks up a URI parameter (e.g. "transport", "lr", "maddr"); value slice is empty for a flag.</summary>
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

        /// <summary>
        /// Parses buf[start..start+length) as a URI. Rejects whitespace and characters outside the URI set, bad
        /// %HH escapes in sip/sips URIs, an empty host, a malformed IPv6 reference or port (RFC 5118 §4.2).
        /// </summary>
        [HotPath]
        public static bool TryParse(byte[] buf, int start, int length, out SipUri uri)
        {
            uri = default(SipUri);
            uri.Whole.Set(start, length);
            uri.SchemeName = SipSlice.None;
            uri.User = SipSlice.None;
            uri.Password = SipSlice.None;
            uri.Host = SipSlice.None;
            uri.Parameters = SipSlice.None;
            uri.Headers = SipSlice.None;
            uri.Opaque = SipSlice.None;
            int end = start + length;
            if (length < 2 || start < 0 || end > buf.Length) return false;

            // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
            int pos = start;
            if (!SipText.Is(buf[pos], SipText.ClassAlpha)) return false;
            pos++;
            while (pos < end && buf[pos] != (byte)':')
            {
                byte b = buf[pos];
                if (!SipText.Is(b, SipText.ClassAlpha) && !SipText.IsDigit(b) && b != (byte)'+' && b != (byte)'-' && b != (byte)'.') return false;
                pos++;
            }
            if (pos >= end) return false;
            uri.SchemeName.Set(start, pos - start);
            int rest = pos + 1;
            if (rest >= end) return false;
            uri.Opaque.Set(rest, end - rest);

            // One pass: URI character set, %HH escapes well-formed (RFC 3261 §25.1), and the first '@', which ends
            // userinfo (no component after it may hold an unescaped '@').
            int at = -1;
            for (int i = rest; i < end; i++)
            {
                byte b = buf[i];
                if (!SipText.Is(b, SipText.ClassUri)) return false;
                if (b == (byte)'%')
                {
                    if (i + 2 >= end || SipText.HexValue(buf[i + 1]) < 0 || SipText.HexValue(buf[i + 2]) < 0) return false;
                    i += 2;
                }
                else if (b == (byte)'@' && at < 0)
                {
                    at = i;
                }
            }

            int schemeLength = pos - start;
            if (schemeLength == 3 && SipText.EqualsIgnoreCase(buf, start, 3, SchemeSip)) uri.Scheme = SipUriScheme.Sip;
            else if (schemeLength == 4 && SipText.EqualsIgnoreCase(buf, start, 4, SchemeSips)) uri.Scheme = SipUriScheme.Sips;
            else if (schemeLength == 3 && SipText.EqualsIgnoreCase(buf, start, 3, SchemeTel)) uri.Scheme = SipUriScheme.Tel;
            else
            {
                uri.Scheme = SipUriScheme.Other;
                return true;
            }

            if (uri.Scheme == SipUriScheme.Tel)
            {
                int semi = rest;
                while (semi < end && buf[semi] != (byte)';') semi++;
                if (semi == rest) return false;
                uri.User.Set(rest, semi - rest);
                if (semi < end) uri.Parameters.Set(semi + 1, end - semi - 1);
                return true;
            }

            int hostStart = rest;
            if (at >= 0)
            {
                int colon = rest;
                while (colon < at && buf[colon] != (byte)':') colon++;
                if (colon == rest) return false;
                uri.User.Set(rest, colon - rest);
                if (colon < at) uri.Password.Set(colon + 1, at - colon - 1);
                hostStart = at + 1;
            }

            pos = hostStart;
            if (pos >= end) return false;
            if (buf[pos] == (byte)'[')
            {
                // IPv6reference = "[" IPv6address "]" (RFC 5118 §4.3: the brackets settle where the port begins).
                int close = pos + 1;
                int colons = 0;
                while (close < end && buf[close] != (byte)']')
                {
                    byte b = buf[close];
                    if (b == (byte)':') colons++;
                    else if (SipText.HexValue(b) < 0 && b != (byte)'.') return false;
                    close++;
                }
                if (close >= end || colons < 2) return false;
                uri.Host.Set(pos, close + 1 - pos);
                uri.HostIsIPv6 = true;
                pos = close + 1;
            }
            else
            {
                while (pos < end && SipText.Is(buf[pos], SipText.ClassHost)) pos++;
                if (pos == hostStart) return false;
                uri.Host.Set(hostStart, pos - hostStart);
            }

            if (pos < end && buf[pos] == (byte)':')
            {
                int ps = pos + 1;
                pos = ps;
                while (pos < end && SipText.IsDigit(buf[pos])) pos++;
                int port;
                if (!SipText.TryParseInt(buf, ps, pos - ps, 65535, out port)) return false;
                uri.Port = port;
            }

            if (pos < end && buf[pos] == (byte)';')
            {
                int ps = pos + 1;
                pos = ps;
                while (pos < end && buf[pos] != (byte)'?') pos++;
                uri.Parameters.Set(ps, pos - ps);
            }

            if (pos < end && buf[pos] == (byte)'?')
            {
                uri.Headers.Set(pos + 1, end - pos - 1);
                pos = end;
            }

            return pos == end;
        }
    }
}
