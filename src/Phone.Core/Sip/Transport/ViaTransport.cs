// Rewrites the transport of a request's top Via from UDP to TCP/TLS when it is sent over a stream (RFC 3261 §18.1.1).
namespace Phone.Core.Sip.Transport
{
    /// <summary>
    /// In-place edit of the top Via's sent-protocol (RFC 3261 §20.42: <c>SIP/2.0/UDP</c>). "UDP", "TCP" and "TLS" have
    /// the same length, so nothing moves and no Content-Length changes. Works on the raw bytes (compact <c>v:</c>,
    /// any case, LWS around the slashes) without a full parse: it runs for every request sent over a stream.
    /// </summary>
    public static class ViaTransport
    {
        /// <summary>
        /// When the first Via of the request in buf[offset, offset+count) names UDP, writes TCP (or TLS when
        /// <paramref name="tls"/>) in its place and returns true; otherwise leaves the bytes alone and returns false.
        /// </summary>
        [HotPath]
        public static bool RewriteUdp(byte[] buf, int offset, int count, bool tls)
        {
            int end = offset + count;
            int i = NextLine(buf, offset, end);   // past the request line
            while (i < end && buf[i] != (byte)'\r' && buf[i] != (byte)'\n')
            {
                int name = i;
                while (i < end && buf[i] != (byte)':' && buf[i] != (byte)' ' && buf[i] != (byte)'\t' && buf[i] != (byte)'\r' && buf[i] != (byte)'\n') i++;
                int n = i - name;
                bool via = (n == 1 && Lower(buf[name]) == 'v')
                    || (n == 3 && Lower(buf[name]) == 'v' && Lower(buf[name + 1]) == 'i' && Lower(buf[name + 2]) == 'a');
                if (via)
                {
                    i = SkipSpace(buf, i, end);
                    return i < end && buf[i] == (byte)':' && RewriteAt(buf, i + 1, end, tls);
                }
                i = NextLine(buf, i, end);
            }
            return false;
        }

        [HotPath]
        private static bool RewriteAt(byte[] buf, int i, int end, bool tls)
        {
            // sent-protocol = "SIP" LWS? "/" LWS? "2.0" LWS? "/" LWS? transport (§25.1 SLASH allows LWS around "/").
            i = SkipSpace(buf, i, end);
            if (!Word(buf, i, end, 'S', 'I', 'P')) return false;
            i = SkipSpace(buf, i + 3, end);
            if (i >= end || buf[i] != (byte)'/') return false;
            i = SkipSpace(buf, i + 1, end);
            if (!Word(buf, i, end, '2', '.', '0')) return false;
            i = SkipSpace(buf, i + 3, end);
            if (i >= end || buf[i] != (byte)'/') return false;
            i = SkipSpace(buf, i + 1, end);
            if (!Word(buf, i, end, 'U', 'D', 'P')) return false;
            if (i + 3 < end && IsTokenChar(buf[i + 3])) return false;   // "UDPX" is another transport
            buf[i] = (byte)'T';
            buf[i + 1] = tls ? (byte)'L' : (byte)'C';
            buf[i + 2] = tls ? (byte)'S' : (byte)'P';
            return true;
        }

        [HotPath]
        private static int NextLine(byte[] buf, int i, int end)
        {
            // The next header line; CRLF followed by SP/HT is a folded continuation of the same header (§7.3.1).
            while (i < end)
            {
                if (buf[i] == (byte)'\n' && !(i + 1 < end && (buf[i + 1] == (byte)' ' || buf[i + 1] == (byte)'\t'))) return i + 1;
                i++;
            }
            return end;
        }

        [HotPath]
        private static int SkipSpace(byte[] buf, int i, int end)
        {
            while (i < end && (buf[i] == (byte)' ' || buf[i] == (byte)'\t' || buf[i] == (byte)'\r' || buf[i] == (byte)'\n')) i++;
            return i;
        }

        [HotPath]
        private static bool Word(byte[] buf, int i, int end, char a, char b, char c)
            => i + 3 <= end && Upper(buf[i]) == a && Upper(buf[i + 1]) == b && Upper(buf[i + 2]) == c;

        private static bool IsTokenChar(byte b)
            => (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'0' && b <= (byte)'9')
               || b == (byte)'-' || b == (byte)'.' || b == (byte)'!' || b == (byte)'%' || b == (byte)'*' || b == (byte)'_'
               || b == (byte)'+' || b == (byte)'`' || b == (byte)'\'' || b == (byte)'~';

        private static char Lower(byte b) => (char)(b >= (byte)'A' && b <= (byte)'Z' ? b + 32 : b);

        private static char Upper(byte b) => (char)(b >= (byte)'a' && b <= (byte)'z' ? b - 32 : b);
    }
}
