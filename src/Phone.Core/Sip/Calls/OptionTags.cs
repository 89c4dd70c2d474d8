// SIP option tags this UA implements and the Require check of incoming requests (RFC 3261 §8.2.2.3, §19.2, §20.32).
namespace Phone.Core.Sip.Calls
{
    /// <summary>
    /// The option tags in our Supported header and the test of a request's Require header against them: a request
    /// that requires anything else is answered 420 Bad Extension with the missing tags in Unsupported.
    /// </summary>
    public static class OptionTags
    {
        /// <summary>
        /// Value of our Supported header: session timers (RFC 4028), reliable provisionals (RFC 3262) and the Replaces
        /// header for attended transfer (RFC 3891).
        /// </summary>
        public const string SupportedValue = "timer, 100rel, replaces";

        // The tags are read from the Supported value itself: one held literal (12 B on nanoCLR) instead of a string[]
        // of the three tags (96 B), and the list and the check cannot disagree.
        private static readonly string s_supported = SupportedValue;

        /// <summary>True when the token buf[start, start + length) is one of our option tags, case-insensitive.</summary>
        public static bool IsSupported(byte[] buf, int start, int length)
        {
            string list = s_supported;
            int n = list.Length, tag = 0;
            for (int i = 0; i <= n; i++)
            {
                if (i < n && list[i] != ',') continue;
                // The tag is list[tag, i): compare it with the token, case-insensitive (RFC 3261 §19.2: tags are tokens).
                if (i - tag == length)
                {
                    int k = 0;
                    while (k < length && SipText.Lower(buf[start + k]) == SipText.Lower(list[tag + k])) k++;
                    if (k == length) return true;
                }
                tag = i + 1;
                while (tag < n && list[tag] == ' ') tag++;
                i = tag - 1;
            }
            return false;
        }

        /// <summary>
        /// Writes the tags of every Require header of <paramref name="request"/> that we do not support, separated by
        /// ", " (the value of Unsupported, RFC 3261 §20.40); returns how many were written (0: we support them all).
        /// With a null writer it only counts.
        /// </summary>
        public static int WriteUnsupported(SipMessage request, SipWriter w)
        {
            byte[] b = request.Buffer;
            int count = 0;
            for (int h = request.FindHeader(SipHeaderId.Require, -1); h >= 0; h = request.FindHeader(SipHeaderId.Require, h))
            {
                SipSlice v = request.GetHeaderValue(h);
                int pos = v.Start, end = v.Start + v.Length;
                while (pos < end)
                {
                    pos = SipText.SkipLws(b, pos, end);
                    int s = pos;
                    while (pos < end && b[pos] != (byte)',') pos++;
                    int e = SipText.TrimEnd(b, s, pos);
                    pos++;
                    if (e == s || IsSupported(b, s, e - s)) continue;
                    if (w != null)
                    {
                        if (count > 0) w.Append(", ");
                        w.Append(b, s, e - s);
                    }
                    count++;
                }
            }
            return count;
        }
    }
}
