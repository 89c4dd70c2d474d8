// name-addr / addr-spec with header parameters: From, To, Contact, Route, Record-Route values (RFC 3261 §20.10, §25.1).
namespace Phone.Core.Sip
{
    /// <summary>
    /// One parsed name-addr or addr-spec value with its header parameters, as slices of the message buffer.
    /// DisplayName keeps its quotes and escapes as received. For an addr-spec without '&lt;&gt;' the URI ends at the
    /// first ';' so that what follows is a header parameter, not a URI parameter (RFC 3261 §20.10, RFC 4475 §3.3.12).
    /// </summary>
    public struct SipNameAddr
    {
        // Fields, not literals: nanoCLR allocates a string object for every ldstr, and these run per message.
        private static readonly string TagName = "tag";

        /// <summary>Display name as received (quoted-string with its quotes, or the token run); absent when none.</summary>
        public SipSlice DisplayName;
        /// <summary>The URI.</summary>
        public SipUri Uri;
        /// <summary>True for Contact: * (RFC 3261 §10.2.2).</summary>
        public bool IsStar;
        /// <summary>True when the URI was enclosed in '&lt;' '&gt;'.</summary>
        public bool Bracketed;
        /// <summary>tag parameter value (From/To, RFC 3261 §19.3); absent when none.</summary>
        public SipSlice Tag;
        /// <summary>Header parameters after the URI, starting at the first ';' (absent when none).</summary>
        public SipSlice Parameters;
        /// <summary>The whole value.</summary>
        public SipSlice Whole;

        /// <summary>Ushorts a name-addr takes in a parsed message's element table (<see cref="Store"/>/<see cref="Load"/>).</summary>
        internal const int Slots = 10 + SipUri.Slots;

        /// <summary>Writes v at t[at..at+Slots), its URI last: a message keeps From/To/Contact as 16-bit slots, not as boxed structs on nanoCLR.</summary>
        [HotPath]
        internal static void Store(ushort[] t, int at, ref SipNameAddr v, int origin)
        {
            SipSlice.Store(t, at, ref v.DisplayName, origin);
            t[at + 2] = v.IsStar ? (ushort)1 : (ushort)0;
            t[at + 3] = v.Bracketed ? (ushort)1 : (ushort)0;
            SipSlice.Store(t, at + 4, ref v.Tag, origin);
            SipSlice.Store(t, at + 6, ref v.Parameters, origin);
            SipSlice.Store(t, at + 8, ref v.Whole, origin);
            SipUri.Store(t, at + 10, ref v.Uri, origin);
        }

        /// <summary>Reads back what <see cref="Store"/> wrote.</summary>
        [HotPath]
        internal static void Load(ushort[] t, int at, out SipNameAddr v, int origin)
        {
            v = default(SipNameAddr);
            SipSlice.Load(t, at, out v.DisplayName, origin);
            v.IsStar = t[at + 2] != 0;
            v.Bracketed = t[at + 3] != 0;
            SipSlice.Load(t, at + 4, out v.Tag, origin);
            SipSlice.Load(t, at + 6, out v.Parameters, origin);
            SipSlice.Load(t, at + 8, out v.Whole, origin);
            SipUri.Load(t, at + 10, out v.Uri, origin);
        }

        /// <summary>Looks up a header parameter (e.g. "expires", "q"); value is absent for a flag parameter.</summary>
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
        /// Parses one value starting at pos (leading LWS allowed). next receives the position after the value
        /// (before any ',' of a list). False when the value is malformed.
        /// </summary>
        [HotPath]
        public static bool TryParse(byte[] buf, int pos, int end, bool allowStar, out SipNameAddr value, out int next)
        {
            value = default(SipNameAddr);
            value.DisplayName = SipSlice.None;
            value.Tag = SipSlice.None;
            value.Parameters = SipSlice.None;
            next = end;
            pos = SipText.SkipLws(buf, pos, end);
            int start = pos;
            if (pos >= end) return false;

            if (allowStar && buf[pos] == (byte)'*')
            {
                value.IsStar = true;
                value.Whole.Set(pos, 1);
                value.Uri.Whole = SipSlice.None;
                next = pos + 1;
                return true;
            }

            int lt = -1;
            if (buf[pos] == (byte)'"')
            {
                int q = SipText.SkipQuoted(buf, pos, end);
                if (q < 0) return false;
                value.DisplayName.Set(pos, q - pos);
                lt = SipText.SkipLws(buf, q, end);
                if (lt >= end || buf[lt] != (byte)'<') return false;
            }
            else if (buf[pos] == (byte)'<')
            {
                lt = pos;
            }
            else
            {
                // display-name = *(token LWS): it is a name-addr only when the token run ends at '<'.
                int p = pos, lastTokenEnd = pos;
                while (p < end)
                {
                    int t = SipText.SkipToken(buf, p, end);
                    if (t == p) break;
                    lastTokenEnd = t;
                    p = SipText.SkipLws(buf, t, end);
                }
                if (p < end && buf[p] == (byte)'<' && p > pos)
                {
                    value.DisplayName.Set(pos, lastTokenEnd - pos);
                    lt = p;
                }
            }

            if (lt >= 0)
            {
                int gt = lt + 1;
                while (gt < end && buf[gt] != (byte)'>') gt++;
                if (gt >= end) return false;
                if (!SipUri.TryParse(buf, lt + 1, gt - lt - 1, out value.Uri)) return false;
                value.Bracketed = true;
                pos = gt + 1;
            }
            else
            {
                int e = pos;
                while (e < end && buf[e] != (byte)';' && buf[e] != (byte)',' && !SipText.IsLws(buf[e])) e++;
                if (!SipUri.TryParse(buf, pos, e - pos, out value.Uri)) return false;
                // A URI with '?' (or ',' / ';') must be in name-addr form (RFC 3261 §20; RFC 4475 §3.1.2.13).
                if (value.Uri.Headers.Start >= 0) return false;
                pos = e;
            }

            int last = pos;
            while (true)
            {
                int p = SipText.SkipLws(buf, last, end);
                if (p >= end || buf[p] != (byte)';') break;
                if (value.Parameters.Start < 0) value.Parameters.Start = p;
                SipSlice name, val;
                int after = SipText.ReadParam(buf, p + 1, end, out name, out val);
                if (after < 0) return false;
                if (SipText.EqualsIgnoreCase(buf, name.Start, name.Length, TagName))
                {
                    if (val.Start < 0) return false;
                    value.Tag = val;
                }
                last = after;
            }
            if (value.Parameters.Start >= 0) value.Parameters.Length = last - value.Parameters.Start;
            value.Whole.Set(start, last - start);
            next = last;
            return true;
        }
    }
}
