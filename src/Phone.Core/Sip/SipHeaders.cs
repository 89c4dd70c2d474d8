// Header field names, compact forms and allocation-free name lookup (RFC 3261 §7.3.1, §7.3.3; IANA SIP header registry).
namespace Phone.Core.Sip
{
    /// <summary>
    /// Canonical header names (what the builder writes) and lookup of a received name, case-insensitive,
    /// long or compact form (RFC 3261 §7.3.3).
    /// </summary>
    public static class SipHeaders
    {
        private static readonly string[] s_names =
        {
            "",
            "Via",
            "From",
            "To",
            "Call-ID",
            "CSeq",
            "Max-Forwards",
            "Content-Length",
            "Content-Type",
            "Contact",
            "Expires",
            "Route",
            "Record-Route",
            "Authorization",
            "Proxy-Authorization",
            "WWW-Authenticate",
            "Proxy-Authenticate",
            "Authentication-Info",
            "Require",
            "Proxy-Require",
            "Supported",
            "Unsupported",
            "Allow",
            "Allow-Events",
            "Event",
            "Subscription-State",
            "Refer-To",
            "Referred-By",
            "Replaces",
            "Session-Expires",
            "Min-SE",
            "RSeq",
            "RAck",
            "Retry-After",
            "Min-Expires",
            "User-Agent",
            "Server",
            "Subject",
            "Content-Encoding",
            "Content-Disposition",
            "Accept",
            "Accept-Encoding",
            "Accept-Language",
            "Accept-Contact",
            "Reject-Contact",
            "Request-Disposition",
            "Identity",
            "Identity-Info",
            "Date",
            "Warning",
            "Timestamp",
            "Organization",
            "Priority",
            "Reply-To",
            "Call-Info",
            "Alert-Info",
            "Error-Info",
            "In-Reply-To",
            "MIME-Version",
            "Content-Language",
            "P-Asserted-Identity",
            "P-Preferred-Identity",
            "Privacy",
            "Path",
            "Service-Route",
            "SIP-ETag",
            "SIP-If-Match",
            "Reason",
        };

        private static readonly byte[] s_compact = BuildCompact();
        private static readonly int[] s_bucketStart = new int[27];
        private static readonly byte[] s_bucketIds = BuildBuckets();

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

        // Names grouped by lower-case first letter so a lookup compares with a handful of candidates only.
        private static byte[] BuildBuckets()
        {
            byte[] ids = new byte[s_names.Length];
            int n = 0;
            for (int letter = 0; letter < 26; letter++)
            {
                s_bucketStart[letter] = n;
                for (int i = 1; i < s_names.Length; i++)
                {
                    if (SipText.Lower(s_names[i][0]) - 'a' == letter) ids[n++] = (byte)i;
                }
            }
            s_bucketStart[26] = n;
            return ids;
        }

        /// <summary>Number of known header ids (including Unknown).</summary>
        public static int Count => s_names.Length;

        /// <summary>The canonical wire name of a header ("" for Unknown).</summary>
        public static string Name(SipHeaderId id)
        {
            int i = (int)id;
            return i < s_names.Length ? s_names[i] : "";
        }

        /// <summary>The compact form of a header name (RFC 3261 §7.3.3), or the canonical name when it has none.</summary>
        public static string CompactName(SipHeaderId id)
        {
            for (int c = 0; c < 26; c++)
            {
                if (s_compact[c] == (byte)id && id != SipHeaderId.Unknown) return s_compactNames[c];
            }
            return Name(id);
        }

        private static readonly string[] s_compactNames =
        {
            "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
        };

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
                string n = s_names[id];
                if (n.Length == length && SipText.EqualsIgnoreCase(buf, start, length, n)) return (SipHeaderId)id;
            }
            return SipHeaderId.Unknown;
        }

        /// <summary>Looks a header name given as a string up (long or compact form); Unknown when not known.</summary>
        public static SipHeaderId Lookup(string name)
        {
            if (name == null || name.Length == 0) return SipHeaderId.Unknown;
            if (name.Length == 1)
            {
                int c = SipText.Lower(name[0]) - 'a';
                return c >= 0 && c < 26 ? (SipHeaderId)s_compact[c] : SipHeaderId.Unknown;
            }
            for (int i = 1; i < s_names.Length; i++)
            {
                string n = s_names[i];
                if (n.Length != name.Length) continue;
                bool same = true;
                for (int j = 0; j < n.Length && same; j++) same = SipText.Lower(n[j]) == SipText.Lower(name[j]);
                if (same) return (SipHeaderId)i;
            }
            return SipHeaderId.Unknown;
        }
    }
}
