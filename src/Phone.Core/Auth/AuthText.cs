// Character-level helpers for HTTP/SIP authentication headers (RFC 7235 §2.1 token, RFC 3261 §25.1).
namespace Phone.Core.Auth
{
    /// <summary>Allocation-free comparisons and character classes used by the Digest parsers.</summary>
    public static class AuthText
    {
        /// <summary>ASCII case-insensitive comparison of s[start..start+length) with a literal.</summary>
        public static bool EqualsIgnoreCase(string s, int start, int length, string literal)
        {
            if (s == null || literal == null || length != literal.Length || start < 0 || start + length > s.Length) return false;
            for (int i = 0; i < length; i++)
            {
                if (Lower(s[start + i]) != Lower(literal[i])) return false;
            }
            return true;
        }

        /// <summary>ASCII case-insensitive equality of two whole strings (null equals only null).</summary>
        public static bool EqualsIgnoreCase(string a, string b)
        {
            if (a == null || b == null) return a == b;
            return EqualsIgnoreCase(a, 0, a.Length, b);
        }

        /// <summary>ASCII lower-case of one char.</summary>
        public static char Lower(char c) => c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;

        /// <summary>RFC 7230 §3.2.6 tchar.</summary>
        public static bool IsTokenChar(char c)
        {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
            switch (c)
            {
                case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
                case '-': case '.': case '^': case '_': case '`': case '|': case '~':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Linear white space inside a header value (folded lines included).</summary>
        public static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
