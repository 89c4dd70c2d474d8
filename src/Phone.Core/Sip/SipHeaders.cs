// Header field names, compact forms and allocation-free name lookup (RFC 3261 §7.3.1, §7.3.3; IANA SIP header registry).
namespace Phone.Core.Sip
{
    /// <summary>
    /// Canonical header names (what the builder writes) and lookup of a received name, case-insensitive,
    /// long or compact form (RFC 3261 §7.3.3).
    /// </summary>
    public static class SipHeaders
    {
        // The canonical names in SipHeaderId order (Via is id 1), one space between names, in literals of about 100
        // characters. On nanoCLR a held literal is one 12-byte heap block pointing at its text in flash, where a
        // string[] of the 67 names took 1,656 B of heap. The literals are short because nanoCLR reads s[i] by walking
        // the UTF-8 text from its start (String.get_Chars counts the characters, then steps to i), so a character read
        // costs in proportion to the literal's length; the headers of every message are in the first one.
        private static readonly string s_names0 = "Via From To Call-ID CSeq Max-Forwards Content-Length Content-Type Contact Expires Route Record-Route";
        private static readonly string s_names1 = "Authorization Proxy-Authorization WWW-Authenticate Proxy-Authenticate Authentication-Info Require";
        private static readonly string s_names2 = "Proxy-Require Supported Unsupported Allow Allow-Events Event Subscription-State Refer-To Referred-By";
        private static readonly string s_names3 = "Replaces Session-Expires Min-SE RSeq RAck Retry-After Min-Expires User-Agent Server Subject";
        private static readonly string s_names4 = "Content-Encoding Content-Disposition Accept Accept-Encoding Accept-Language Accept-Contact";
        private static readonly string s_names5 = "Reject-Contact Request-Disposition Identity Identity-Info Date Warning Timestamp Organization";
        private static readonly string s_names6 = "Priority Reply-To Call-Info Alert-Info Error-Info In-Reply-To MIME-Version Content-Language";
        private static readonly string s_names7 = "P-Asserted-Identity P-Preferred-Identity Privacy Path Service-Route SIP-ETag SIP-If-Match Reason";
        private const int LiteralCount = 8;

        private const int IdCount = (int)SipHeaderId.Reason + 1;
        private const int LengthMask = 31;
        private const int LiteralShift = 5;

        // Per id, found by walking the literals once: [2·id] = offset of the name in its literal, [2·id + 1] = literal
        // index << 5 | name length (names are at most 20 characters).
        private static readonly byte[] s_place = new byte[2 * IdCount];
        private static readonly byte[] s_compact = BuildCompact();
        // Ids grouped by lower-case first letter, so a lookup compares with a handful of candidates only.
        private static readonly byte[] s_bucketStart = new byte[27];
        private static readonly byte[] s_bucketIds = BuildTables();

        private static byte[] BuildCompact()
        {
            byte[] t = new byte[26];
            t['v' - 'a'] = (byte)SipHeaderId.Via;
            t['f' - 'a'] = (byte)SipHeaderId.From;
            t['t' - 'a'] = (byte)SipHeaderId.To;
            t['i' - 'a'] = (byte)SipHeaderId.CallId;
            t['l' - 'a'] = (byte)SipHeaderId.ContentLength;
            t['c' - 'a'] = (byte)SipHeaderId.ContentType;
            t['m' - 'a'] = (byte)SipHeaderId.Contact;
            t['k' - 'a'] = (byte)SipHeaderId.Supported;
            t['u' - 'a'] = (byte)SipHeaderId.AllowEvents;
            t['o' - 'a'] = (byte)SipHeaderId.Event;
            t['r' - 'a'] = (byte)SipHeaderId.ReferTo;
            t['b' - 'a'] = (byte)SipHeaderId.ReferredBy;
            t['x' - 'a'] = (byte)SipHeaderId.SessionExpires;
            t['s' - 'a'] = (byte)SipHeaderId.Subject;
            t['e' - 'a'] = (byte)SipHeaderId.ContentEncoding;
            t['a' - 'a'] = (byte)SipHeaderId.AcceptContact;
            t['j' - 'a'] = (byte)SipHeaderId.RejectContact;
            t['d' - 'a'] = (byte)SipHeaderId.RequestDisposition;
            t['y' - 'a'] = (byte)SipHeaderId.Identity;
            t['n' - 'a'] = (byte)SipHeaderId.IdentityInfo;
            return t;
        }

        // Walks the literals once (at class initialisation) for each name's place, then groups the ids by first letter.
        private static byte[] BuildTables()
        {
            byte[] first = new byte[IdCount];
            int id = 1;
            for (int c = 0; c < LiteralCount; c++)
            {
                string text = Literal(c);
                int length = text.Length, start = 0;
                for (int i = 0; i <= length; i++)
                {
                    if (i < length && text[i] != ' ') continue;
                    if (id < IdCount)
                    {
                        s_place[2 * id] = (byte)start;
                        s_place[2 * id + 1] = (byte)((c << LiteralShift) | (i - start));
                        first[id] = (byte)(SipText.Lower(text[start]) - 'a');
                    }
                    id++;
                    start = i + 1;
                }
            }
            byte[] ids = new byte[IdCount - 1];
            int n = 0;
            for (int letter = 0; letter < 26; letter++)
            {
                s_bucketStart[letter] = (byte)n;
                for (int i = 1; i < IdCount; i++)
                {
                    if (first[i] == letter) ids[n++] = (byte)i;
                }
            }
            s_bucketStart[26] = (byte)n;
            return ids;
        }

        [HotPath]
        private static string Literal(int index)
        {
            switch (index)
            {
                case 0: return s_names0;
                case 1: return s_names1;
                case 2: return s_names2;
                case 3: return s_names3;
                case 4: return s_names4;
                case 5: return s_names5;
                case 6: return s_names6;
                default: return s_names7;
            }
        }

        /// <summary>Number of known header ids (including Unknown).</summary>
        public static int Count => IdCount;

        /// <summary>Length of the canonical wire name of a header (0 for Unknown).</summary>
        [HotPath]
        public static int NameLength(SipHeaderId id)
        {
            int i = (int)id;
            return i > 0 && i < IdCount ? s_place[2 * i + 1] & LengthMask : 0;
        }

        /// <summary>The canonical wire name of a header ("" for Unknown). Allocates the string: edges and tests only;
        /// messages are written with <see cref="WriteName"/>.</summary>
        public static string Name(SipHeaderId id)
        {
            int i = (int)id;
            if (i <= 0 || i >= IdCount) return "";
            int p = s_place[2 * i + 1];
            return Literal(p >> LiteralShift).Substring(s_place[2 * i], p & LengthMask);
        }

        /// <summary>The compact form of a header name (RFC 3261 §7.3.3), or the canonical name when it has none.
        /// Allocates the string: edges and tests only.</summary>
        public static string CompactName(SipHeaderId id)
        {
            int c = CompactLetter(id);
            return c >= 0 ? new string((char)('a' + c), 1) : Name(id);
        }

        // Index (0 = 'a') of the compact form of a header, or -1 when it has none.
        [HotPath]
        private static int CompactLetter(SipHeaderId id)
        {
            if (id == SipHeaderId.Unknown) return -1;
            for (int c = 0; c < 26; c++)
            {
                if (s_compact[c] == (byte)id) return c;
            }
            return -1;
        }

        /// <summary>
        /// Writes a header's wire name (its compact form when <paramref name="compact"/> and it has one; nothing for
        /// Unknown) as ASCII at dst[pos], writing nothing at or beyond <paramref name="end"/>. Returns the name's length:
        /// when that is more than end - pos, the name was cut and the caller's message overflowed.
        /// </summary>
        [HotPath]
        public static int WriteName(SipHeaderId id, bool compact, byte[] dst, int pos, int end)
        {
            int i = (int)id;
            if (i <= 0 || i >= IdCount) return 0;
            if (compact)
            {
                int c = CompactLetter(id);
                if (c >= 0)
                {
                    if (pos < end) dst[pos] = (byte)('a' + c);
                    return 1;
                }
            }
            int p = s_place[2 * i + 1];
            int length = p & LengthMask;
            string text = Literal(p >> LiteralShift);
            int at = s_place[2 * i];
            int room = end - pos;
            int n = length < room ? length : room;
            for (int k = 0; k < n; k++) dst[pos + k] = (byte)text[at + k];
            return length;
        }

        /// <summary>Looks a received header name up, case-insensitive, long or compact form.</summary>
        [HotPath]
        public static SipHeaderId Lookup(byte[] buf, int start, int length)
        {
            if (length <= 0) return SipHeaderId.Unknown;
            int first = SipText.Lower(buf[start]) - 'a';
            if (first < 0 || first >= 26) return SipHeaderId.Unknown;
            if (length == 1) return (SipHeaderId)s_compact[first];
            for (int k = s_bucketStart[first]; k < s_bucketStart[first + 1]; k++)
            {
                int id = s_bucketIds[k];
                int p = s_place[2 * id + 1];
                // Same first letter (the bucket) and length before any character of the literal is read.
                if ((p & LengthMask) != length) continue;
                string text = Literal(p >> LiteralShift);
                int at = s_place[2 * id];
                bool same = true;
                for (int i = 1; i < length && same; i++)
                {
                    int a = buf[start + i];
                    int b = text[at + i];
                    same = a == b || SipText.Lower(a) == SipText.Lower(b);
                }
                if (same) return (SipHeaderId)id;
            }
            return SipHeaderId.Unknown;
        }

        /// <summary>Looks a header name given as a string up (long or compact form); Unknown when not known.</summary>
        public static SipHeaderId Lookup(string name)
        {
            if (name == null || name.Length == 0) return SipHeaderId.Unknown;
            int first = SipText.Lower(name[0]) - 'a';
            if (first < 0 || first >= 26) return SipHeaderId.Unknown;
            if (name.Length == 1) return (SipHeaderId)s_compact[first];
            for (int k = s_bucketStart[first]; k < s_bucketStart[first + 1]; k++)
            {
                int id = s_bucketIds[k];
                int p = s_place[2 * id + 1];
                if ((p & LengthMask) != name.Length) continue;
                string text = Literal(p >> LiteralShift);
                int at = s_place[2 * id];
                bool same = true;
                for (int i = 1; i < name.Length && same; i++) same = SipText.Lower(text[at + i]) == SipText.Lower(name[i]);
                if (same) return (SipHeaderId)id;
            }
            return SipHeaderId.Unknown;
        }
    }
}
