// Checks and normalises one configuration value against its schema descriptor (docs/CONFIGURATION.md, "Value types").
namespace Phone.Core.Provisioning
{
    using Phone.Core.DialPlan;
    using Phone.Core.Net;

    /// <summary>Per-type value checking. Reasons never contain the value of a secret key.</summary>
    public static class ConfigValues
    {
        // Kinds of a programmable key; built when a key.<n> value is checked, not held by a static table.
        private static string[] KeyKinds() => new string[] { "speed", "blf", "line", "none" };

        /// <summary>
        /// Checks <paramref name="raw"/> against <paramref name="key"/>. On success <paramref name="normalized"/> is
        /// the value to store; on failure <paramref name="reason"/> says why (without echoing secret values).
        /// </summary>
        public static bool TryNormalize(ConfigKey key, string raw, out string normalized, out string reason)
        {
            normalized = null;
            reason = null;
            string shown = key.Secret ? "value" : "\"" + raw + "\"";
            switch (key.Type)
            {
                case ConfigKeyType.Version: return TryVersion(raw, out normalized, out reason);
                case ConfigKeyType.String:
                    if (HasControl(raw)) { reason = "control character in value"; return false; }
                    if (raw.Length < key.Min || raw.Length > key.Max)
                    {
                        reason = "length " + raw.Length.ToString() + " outside " + key.Min.ToString() + ".." + key.Max.ToString();
                        return false;
                    }
                    normalized = raw;
                    return true;
                case ConfigKeyType.Int:
                    {
                        int v;
                        if (!TryParseInt(raw, out v)) { reason = shown + " is not an integer"; return false; }
                        if (v < key.Min || v > key.Max)
                        {
                            reason = raw + " out of range " + key.Min.ToString() + ".." + key.Max.ToString();
                            return false;
                        }
                        normalized = v.ToString();
                        return true;
                    }
                case ConfigKeyType.Bool:
                    {
                        string b = raw.ToLower();
                        if (b == "true" || b == "yes" || b == "on" || b == "1") { normalized = "true"; return true; }
                        if (b == "false" || b == "no" || b == "off" || b == "0") { normalized = "false"; return true; }
                        reason = shown + " is not a boolean (true/false)";
                        return false;
                    }
                case ConfigKeyType.Enum:
                    {
                        string e = raw.ToLower();
                        if (IndexOf(key.Choices, e) >= 0) { normalized = e; return true; }
                        reason = shown + " is not one of " + ChoiceList(key.Choices);
                        return false;
                    }
                case ConfigKeyType.List: return TryList(key, raw, shown, out normalized, out reason);
                case ConfigKeyType.Address:
                    if (raw.Length == 0 && key.Min == 0) { normalized = ""; return true; }
                    if (!IsHostPort(raw.ToLower())) { reason = shown + " is not host[:port]"; return false; }
                    normalized = raw.ToLower();
                    return true;
                case ConfigKeyType.Url:
                    if (raw.Length == 0 && key.Min == 0) { normalized = ""; return true; }
                    return TryUrl(raw, shown, out normalized, out reason);
                case ConfigKeyType.Pem: return TryPem(key, raw, out normalized, out reason);
                case ConfigKeyType.DirectoryEntry: return TryDirectoryEntry(raw, shown, out normalized, out reason);
                case ConfigKeyType.KeySpec: return TryKeySpec(raw, shown, out normalized, out reason);
                case ConfigKeyType.Cadence: return TryCadence(key, raw, shown, out normalized, out reason);
                case ConfigKeyType.DigitMap: return TryDigitMap(key, raw, out normalized, out reason);
                case ConfigKeyType.Hex:
                    {
                        string h = raw.ToLower();
                        if (h.Length < key.Min || h.Length > key.Max || (h.Length & 1) != 0)
                        {
                            reason = "needs an even number of hex digits, " + key.Min.ToString() + ".." + key.Max.ToString();
                            return false;
                        }
                        for (int i = 0; i < h.Length; i++)
                        {
                            char c = h[i];
                            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) { reason = "not hexadecimal"; return false; }
                        }
                        normalized = h;
                        return true;
                    }
            }
            reason = "unsupported type";
            return false;
        }

        /// <summary>Parses an optionally signed decimal integer without overflow; false on anything else.</summary>
        public static bool TryParseInt(string s, out int value)
        {
            value = 0;
            if (s == null || s.Length == 0 || s.Length > 11) return false;
            int i = 0;
            bool negative = s[0] == '-';
            if (negative || s[0] == '+') i = 1;
            if (i == s.Length) return false;
            long v = 0;
            for (; i < s.Length; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9') return false;
                v = v * 10 + (c - '0');
            }
            if (negative) v = -v;
            if (v < int.MinValue || v > int.MaxValue) return false;
            value = (int)v;
            return true;
        }

        /// <summary>The value as written in a file: quoted (with \" and \\ escapes) when it would not survive unquoted.</summary>
        public static string Quote(string value)
        {
            bool needs = value.Length == 0 || value[0] == ' ' || value[0] == '\t' || value[0] == '"'
                || value[value.Length - 1] == ' ' || value[value.Length - 1] == '\t';
            for (int i = 0; i < value.Length && !needs; i++)
            {
                char c = value[i];
                if (c == '#' || c == '"' || c == '\\') needs = true;
            }
            if (!needs) return value;
            char[] chars = new char[value.Length * 2 + 2];
            int n = 0;
            chars[n++] = '"';
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '"' || c == '\\') chars[n++] = '\\';
                chars[n++] = c;
            }
            chars[n++] = '"';
            return new string(chars, 0, n);
        }

        /// <summary>True for "host" or "host:port" with a DNS name or dotted IPv4 and a port 1..65535.</summary>
        public static bool IsHostPort(string s)
        {
            int colon = s.IndexOf(':');
            string host = colon < 0 ? s : s.Substring(0, colon);
            if (colon >= 0)
            {
                int port;
                if (!TryParseInt(s.Substring(colon + 1), out port) || port < 1 || port > 65535) return false;
                if (s[colon + 1] == '+' || s[colon + 1] == '-') return false;
            }
            return IsHostName(host);
        }

        private static bool IsHostName(string host)
        {
            if (host.Length == 0 || host.Length > 253) return false;
            int label = 0;
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                if (c == '.')
                {
                    if (label == 0 || host[i - 1] == '-') return false;
                    label = 0;
                    continue;
                }
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && label > 0);
                if (!ok || ++label > 63) return false;
            }
            return label > 0 && host[host.Length - 1] != '-';
        }

        private static bool TryVersion(string raw, out string normalized, out string reason)
        {
            normalized = null;
            reason = null;
            int dot = raw.IndexOf('.');
            string majorText = dot < 0 ? raw : raw.Substring(0, dot);
            int major, minor = 0;
            if (!TryParseInt(majorText, out major) || major < 1 || majorText[0] == '+' || majorText[0] == '-'
                || (dot >= 0 && (!TryParseInt(raw.Substring(dot + 1), out minor) || minor < 0)))
            {
                reason = "\"" + raw + "\" is not a version (major or major.minor)";
                return false;
            }
            if (major > ConfigSchema.SupportedMajor)
            {
                reason = "major version " + major.ToString() + " is newer than supported " + ConfigSchema.SupportedMajor.ToString();
                return false;
            }
            normalized = dot < 0 ? major.ToString() : major.ToString() + "." + minor.ToString();
            return true;
        }

        private static bool TryList(ConfigKey key, string raw, string shown, out string normalized, out string reason)
        {
            normalized = null;
            reason = null;
            string[] items = raw.Split(',');
            if (items.Length < key.Min || items.Length > key.Max)
            {
                reason = "needs " + key.Min.ToString() + ".." + key.Max.ToString() + " items of " + ChoiceList(key.Choices);
                return false;
            }
            string result = "";
            for (int i = 0; i < items.Length; i++)
            {
                string item = items[i].Trim().ToLower();
                if (IndexOf(key.Choices, item) < 0) { reason = "\"" + item + "\" is not one of " + ChoiceList(key.Choices); return false; }
                for (int j = 0; j < i; j++)
                {
                    if (items[j].Trim().ToLower() == item) { reason = "\"" + item + "\" listed twice"; return false; }
                }
                result = i == 0 ? item : result + "," + item;
            }
            normalized = result;
            return true;
        }

        private static bool TryUrl(string raw, string shown, out string normalized, out string reason)
        {
            normalized = null;
            reason = null;
            string lower = raw.ToLower();
            if (!lower.StartsWith("https://")) { reason = shown + " is not an https:// URL"; return false; }
            int hostEnd = raw.IndexOf('/', 8);
            string authority = (hostEnd < 0 ? lower.Substring(8) : lower.Substring(8, hostEnd - 8));
            if (authority.IndexOf('@') >= 0) { reason = "credentials in the URL are not allowed (use prov.user/prov.password)"; return false; }
            if (!IsHostPort(authority)) { reason = shown + " has no valid host[:port]"; return false; }
            for (int i = 0; i < raw.Length; i++)
            {
                char c = raw[i];
                if (c <= ' ' || c > '~') { reason = shown + " contains a space or non-ASCII character"; return false; }
            }
            normalized = "https://" + authority + (hostEnd < 0 ? "/" : raw.Substring(hostEnd));
            return true;
        }

        private static bool TryPem(ConfigKey key, string raw, out string normalized, out string reason)
        {
            normalized = null;
            reason = null;
            if (raw.Length == 0) { normalized = ""; return true; }
            if (raw.Length > key.Max) { reason = "PEM longer than " + key.Max.ToString() + " characters"; return false; }
            string[] lines = raw.Split('\n');
            bool inside = false;
            int blocks = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.StartsWith("-----BEGIN ") && line.EndsWith("-----"))
                {
                    if (inside) { reason = "PEM line " + (i + 1).ToString() + ": BEGIN inside a block"; return false; }
                    inside = true;
                    continue;
                }
                if (line.StartsWith("-----END ") && line.EndsWith("-----"))
                {
                    if (!inside) { reason = "PEM line " + (i + 1).ToString() + ": END without BEGIN"; return false; }
                    inside = false;
                    blocks++;
                    continue;
                }
                if (!inside) { reason = "PEM line " + (i + 1).ToString() + ": text outside a BEGIN/END block"; return false; }
                for (int k = 0; k < line.Length; k++)
                {
                    char c = line[k];
                    bool b64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
                    if (!b64) { reason = "PEM line " + (i + 1).ToString() + ": not base64"; return false; }
                }
            }
            if (inside || blocks == 0) { reason = "PEM block not closed by an -----END …----- line"; return false; }
            normalized = raw;
            return true;
        }

        private static bool TryDirectoryEntry(string raw, string shown, out string normalized, out string reason)
        {
            normalized = null;
            reason = null;
            int comma = raw.LastIndexOf(',');
            if (comma <= 0) { reason = shown + " is not \"name, a.b.c.d[:port]\""; return false; }
            string name = raw.Substring(0, comma).Trim();
            string address = raw.Substring(comma + 1).Trim();
            if (name.Length == 0 || name.Length > 64 || HasControl(name)) { reason = "name must be 1..64 characters"; return false; }
            int colon = address.IndexOf(':');
            uint ip;
            int port = 5060;
            if (!NetEndPoint.TryParseAddress(colon < 0 ? address : address.Substring(0, colon), out ip) || ip == 0
                || (colon >= 0 && (!TryParseInt(address.Substring(colon + 1), out port) || port < 1 || port > 65535)))
            {
                reason = "\"" + address + "\" is not a LAN address a.b.c.d[:port]";
                return false;
            }
            normalized = name + ", " + address;
            return true;
        }

        private static bool TryKeySpec(string raw, string shown, out string normalized, out string reason)
        {
            normalized = null;
            reason = null;
            string[] parts = raw.Split(new char[] { ',' }, 3);
            string kind = parts[0].Trim().ToLower();
            if (IndexOf(KeyKinds(), kind) < 0) { reason = "\"" + kind + "\" is not one of " + ChoiceList(KeyKinds()); return false; }
            string target = parts.Length > 1 ? parts[1].Trim() : "";
            string label = parts.Length > 2 ? parts[2].Trim() : "";
            if (kind == "none")
            {
                normalized = "none";
                return true;
            }
            if (kind == "line")
            {
                int n;
                if (!TryParseInt(target, out n) || n < 1 || n > ConfigSchema.Accounts)
                {
                    reason = "line key needs an account number 1.." + ConfigSchema.Accounts.ToString();
                    return false;
                }
            }
            else
            {
                if (target.Length == 0 || target.Length > 32) { reason = kind + " key needs a number of 1..32 characters"; return false; }
                for (int i = 0; i < target.Length; i++)
                {
                    char c = target[i];
                    if (!((c >= '0' && c <= '9') || c == '*' || c == '#' || c == '+'))
                    {
                        reason = "\"" + target + "\" is not a dialable number (0-9 * # +)";
                        return false;
                    }
                }
            }
            if (label.Length > 32 || HasControl(label)) { reason = "label longer than 32 characters"; return false; }
            normalized = label.Length > 0 ? kind + ", " + target + ", " + label : kind + ", " + target;
            return true;
        }

        private static bool TryCadence(ConfigKey key, string raw, string shown, out string normalized, out string reason)
        {
            normalized = null;
            reason = null;
            string[] items = raw.Split(',');
            if (items.Length < key.Min || items.Length > key.Max || (items.Length & 1) != 0)
            {
                reason = "needs an even number (" + key.Min.ToString() + ".." + key.Max.ToString() + ") of on,off times";
                return false;
            }
            string result = "";
            for (int i = 0; i < items.Length; i++)
            {
                int ms;
                string item = items[i].Trim();
                if (!TryParseInt(item, out ms) || ms < 50 || ms > 10000)
                {
                    reason = "\"" + item + "\" is not a time of 50..10000 ms";
                    return false;
                }
                result = i == 0 ? ms.ToString() : result + "," + ms.ToString();
            }
            normalized = result;
            return true;
        }

        private static bool TryDigitMap(ConfigKey key, string raw, out string normalized, out string reason)
        {
            normalized = null;
            reason = null;
            if (raw.Length > key.Max) { reason = "digit map longer than " + key.Max.ToString() + " characters"; return false; }
            // Structure first, for a precise reason; then the dial plan's own compiler decides, so a map the
            // configuration accepts is one the phone can really use.
            int paren = 0;
            bool bracket = false;
            for (int i = 0; i < raw.Length; i++)
            {
                char c = raw[i];
                if (c == '(') { if (bracket || paren > 0) { reason = "nested '(' at " + (i + 1).ToString(); return false; } paren++; }
                else if (c == ')') { if (bracket || paren == 0) { reason = "unbalanced ')' at " + (i + 1).ToString(); return false; } paren--; }
                else if (c == '[') { if (bracket) { reason = "nested '[' at " + (i + 1).ToString(); return false; } bracket = true; }
                else if (c == ']') { if (!bracket) { reason = "unbalanced ']' at " + (i + 1).ToString(); return false; } bracket = false; }
                else if (!((c >= '0' && c <= '9') || c == '*' || c == '#' || c == 'x' || c == 'X' || c == '.' || c == 'T'
                    || c == '|' || c == '-' || c == 'S' || c == 'L' || c == '+' || c == '<' || c == '>' || c == ':'
                    || c == '!' || c == ',' || c == ' '))
                {
                    reason = "character '" + c.ToString() + "' at " + (i + 1).ToString() + " is not allowed in a digit map";
                    return false;
                }
            }
            if (paren != 0 || bracket) { reason = "unclosed '(' or '['"; return false; }
            int error;
            if (!DigitMap.TryCompile(raw, new DigitMap(), out error))
            {
                reason = "digit map not valid at character " + (error + 1).ToString();
                return false;
            }
            normalized = raw;
            return true;
        }

        private static bool HasControl(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] < ' ' || s[i] == (char)0x7F) return true;
            }
            return false;
        }

        private static int IndexOf(string[] choices, string word)
        {
            for (int i = 0; i < choices.Length; i++)
            {
                if (choices[i] == word) return i;
            }
            return -1;
        }

        private static string ChoiceList(string[] choices)
        {
            string s = "";
            for (int i = 0; i < choices.Length; i++) s = i == 0 ? choices[i] : s + "|" + choices[i];
            return s;
        }
    }
}
