// Scanner for "scheme name=value, name="quoted", ..." lists in WWW-Authenticate / Authorization values (RFC 7235 §2.1, RFC 3261 §25.1).
namespace Phone.Core.Auth
{
    /// <summary>
    /// Walks an authentication header value item by item. Parameter names are reported as a range of the
    /// input; values are returned as strings with quoted-pair escapes removed. Never throws.
    /// </summary>
    public sealed class AuthParamReader
    {
        private string _s;
        private int _pos;

        /// <summary>Start of the scheme token or parameter name in the input.</summary>
        public int NameStart;

        /// <summary>Length of the scheme token or parameter name.</summary>
        public int NameLength;

        /// <summary>Parameter value (unescaped) for <see cref="AuthParamKind.Param"/>.</summary>
        public string Value;

        /// <summary>True when the value was a quoted-string.</summary>
        public bool ValueQuoted;

        /// <summary>Starts scanning <paramref name="s"/>.</summary>
        public void Reset(string s)
        {
            _s = s ?? string.Empty;
            _pos = 0;
            NameStart = 0;
            NameLength = 0;
            Value = null;
            ValueQuoted = false;
        }

        /// <summary>The input being scanned.</summary>
        public string Input => _s;

        /// <summary>True when the current name equals the literal (ASCII case-insensitive).</summary>
        public bool NameIs(string literal) => AuthText.EqualsIgnoreCase(_s, NameStart, NameLength, literal);

        /// <summary>Reads the next scheme or parameter.</summary>
        public AuthParamKind Next()
        {
            string s = _s;
            int n = s.Length;
            Value = null;
            ValueQuoted = false;
            while (_pos < n && (AuthText.IsSpace(s[_pos]) || s[_pos] == ',')) _pos++;
            if (_pos >= n) return AuthParamKind.End;
            int start = _pos;
            while (_pos < n && AuthText.IsTokenChar(s[_pos])) _pos++;
            if (_pos == start) return Fail();
            NameStart = start;
            NameLength = _pos - start;
            int afterName = _pos;
            while (_pos < n && AuthText.IsSpace(s[_pos])) _pos++;
            if (_pos >= n || s[_pos] != '=')
            {
                // A token not followed by '=' is an auth-scheme starting the next challenge.
                if (_pos < n && s[_pos] == ',') return Fail();
                _pos = afterName;
                return AuthParamKind.Scheme;
            }
            _pos++;
            while (_pos < n && AuthText.IsSpace(s[_pos])) _pos++;
            if (_pos >= n) return Fail();
            if (s[_pos] == '"')
            {
                if (!ReadQuoted()) return Fail();
            }
            else
            {
                int vs = _pos;
                while (_pos < n && AuthText.IsTokenChar(s[_pos])) _pos++;
                if (_pos == vs) return Fail();
                Value = s.Substring(vs, _pos - vs);
            }
            while (_pos < n && AuthText.IsSpace(s[_pos])) _pos++;
            if (_pos < n && s[_pos] != ',') return Fail();
            return AuthParamKind.Param;
        }

        // RFC 3261 §25.1: quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE; quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F).
        private bool ReadQuoted()
        {
            string s = _s;
            int n = s.Length;
            int i = _pos + 1;
            int escapes = 0;
            while (i < n && s[i] != '"')
            {
                if (s[i] == '\\')
                {
                    if (i + 1 >= n || s[i + 1] == '\r' || s[i + 1] == '\n') return false;
                    escapes++;
                    i += 2;
                }
                else
                {
                    i++;
                }
            }
            if (i >= n) return false;
            int contentStart = _pos + 1;
            int contentLength = i - contentStart;
            if (escapes == 0)
            {
                Value = s.Substring(contentStart, contentLength);
            }
            else
            {
                char[] chars = new char[contentLength - escapes];
                int o = 0;
                for (int j = contentStart; j < i; j++)
                {
                    if (s[j] == '\\') j++;
                    chars[o++] = s[j];
                }
                Value = new string(chars);
            }
            ValueQuoted = true;
            _pos = i + 1;
            return true;
        }

        private AuthParamKind Fail()
        {
            _pos = _s.Length;
            return AuthParamKind.Error;
        }
    }
}
