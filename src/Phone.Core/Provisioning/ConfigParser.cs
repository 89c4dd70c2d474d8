// Parser of the line-based configuration format ("key = value", # comments) — docs/CONFIGURATION.md, "File format".
namespace Phone.Core.Provisioning
{
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>
    /// Parses a configuration file line by line straight from the byte buffer. Unknown keys are logged and ignored;
    /// any malformed line, wrong type or out-of-range value rejects the whole file with "line N: key: reason".
    /// The target configuration is only touched when the whole file is good.
    /// </summary>
    public static class ConfigParser
    {
        /// <summary>Largest configuration file accepted, in bytes.</summary>
        public const int MaxFileBytes = 32768;

        /// <summary>Longest line accepted, in bytes.</summary>
        public const int MaxLineBytes = 1024;

        private const string LogSource = "provisioning";

        /// <summary>
        /// Parses data[offset .. offset+count) and, only if the whole file is valid, merges its values into
        /// <paramref name="into"/>. <paramref name="source"/> names the file in log lines and errors.
        /// </summary>
        public static bool TryParse(byte[] data, int offset, int count, ProvisioningConfig into, ILog log, string source, out string error)
        {
            var parsed = new ProvisioningConfig();
            if (!TryParseInto(data, offset, count, parsed, log, source, out error)) return false;
            if (!into.MergeFrom(parsed)) { error = "too many keys (limit " + ProvisioningConfig.Capacity.ToString() + ")"; return false; }
            return true;
        }

        private static bool TryParseInto(byte[] data, int offset, int count, ProvisioningConfig parsed, ILog log, string source, out string error)
        {
            error = null;
            if (count > MaxFileBytes)
            {
                error = "file too large (" + count.ToString() + " bytes, limit " + MaxFileBytes.ToString() + ")";
                return false;
            }
            int end = offset + count;
            int p = offset;
            if (count >= 3 && data[p] == 0xEF && data[p + 1] == 0xBB && data[p + 2] == 0xBF) p += 3;
            if (count > 0 && data[end - 1] != (byte)'\n')
            {
                error = "last line has no line end (truncated download?)";
                return false;
            }
            int lineNo = 0, directoryEntries = 0, versionLine = 0;
            while (p < end)
            {
                int lineStart = p;
                int lineEnd = NextLineEnd(data, p, end);
                p = lineEnd + 1;
                lineNo++;
                string line;
                if (!TryLine(data, lineStart, lineEnd, lineNo, out line, out error)) return false;
                if (line.Length == 0 || line[0] == '#') continue;

                int eq = line.IndexOf('=');
                if (eq <= 0) { error = "line " + lineNo.ToString() + ": expected \"key = value\""; return false; }
                string key = line.Substring(0, eq).Trim().ToLower();
                if (!IsKeyName(key)) { error = "line " + lineNo.ToString() + ": \"" + key + "\" is not a key name"; return false; }
                string value;
                string reason;
                if (!TryValue(line, eq + 1, out value, out reason))
                {
                    error = "line " + lineNo.ToString() + ": " + key + ": " + reason;
                    return false;
                }
                ConfigKey descriptor = ConfigSchema.Find(key);
                if (descriptor == null)
                {
                    if (log != null) log.Write(LogLevel.Warning, LogSource, source + " line " + lineNo.ToString() + ": unknown key " + key + " ignored");
                    continue;
                }
                int startLine = lineNo;
                if (descriptor.Type == ConfigKeyType.Pem && value.StartsWith("-----BEGIN "))
                {
                    // A PEM block continues on the following lines up to its END line; chained blocks follow directly.
                    while (true)
                    {
                        bool ended = LastLine(value).StartsWith("-----END ");
                        if (p >= end)
                        {
                            if (ended) break;
                            error = "line " + startLine.ToString() + ": " + key + ": PEM block not closed";
                            return false;
                        }
                        lineStart = p;
                        lineEnd = NextLineEnd(data, p, end);
                        string more;
                        if (!TryLine(data, lineStart, lineEnd, lineNo + 1, out more, out error)) return false;
                        if (ended && !more.StartsWith("-----BEGIN ")) break;
                        p = lineEnd + 1;
                        lineNo++;
                        value = value + "\n" + more;
                        if (value.Length > descriptor.Max) { error = "line " + startLine.ToString() + ": " + key + ": PEM longer than " + descriptor.Max.ToString() + " characters"; return false; }
                    }
                }
                string normalized;
                if (!ConfigValues.TryNormalize(descriptor, value, out normalized, out reason))
                {
                    error = "line " + startLine.ToString() + ": " + key + ": " + reason;
                    return false;
                }
                if (parsed.Contains(key))
                {
                    if (log != null) log.Write(LogLevel.Warning, LogSource, source + " line " + startLine.ToString() + ": " + key + " repeated, the later value wins");
                }
                else if (descriptor.Type == ConfigKeyType.DirectoryEntry && ++directoryEntries > ConfigSchema.MaxDirectoryEntries)
                {
                    error = "line " + startLine.ToString() + ": " + key + ": more than " + ConfigSchema.MaxDirectoryEntries.ToString() + " directory entries";
                    return false;
                }
                if (key == ConfigSchema.VersionKey) versionLine = startLine;
                if (!parsed.Set(key, normalized))
                {
                    error = "line " + startLine.ToString() + ": too many keys (limit " + ProvisioningConfig.Capacity.ToString() + ")";
                    return false;
                }
            }
            if (versionLine == 0)
            {
                error = "missing " + ConfigSchema.VersionKey + " line";
                return false;
            }
            return true;
        }

        /// <summary>
        /// Checks rules that span keys, on a merged configuration (common file + device file), e.g. the hook-flash
        /// window must be non-empty. Returns false with "key: reason".
        /// </summary>
        public static bool CheckConsistency(ProvisioningConfig config, out string error)
        {
            error = null;
            if (config.GetInt("fxs.flash_min_ms") >= config.GetInt("fxs.flash_max_ms"))
            {
                error = "fxs.flash_min_ms: must be less than fxs.flash_max_ms";
                return false;
            }
            if (config.GetInt("media.rtp_port_min") >= config.GetInt("media.rtp_port_max"))
            {
                error = "media.rtp_port_min: must be less than media.rtp_port_max";
                return false;
            }
            for (int n = 1; n <= ConfigSchema.Accounts; n++)
            {
                string prefix = "account." + n.ToString() + ".";
                if (config.GetString(prefix + "user").Length > 0 && config.GetString(prefix + "registrar").Length == 0)
                {
                    error = prefix + "registrar: required when " + prefix + "user is set";
                    return false;
                }
            }
            // Local survivability routes emergency calls without DNS or a PBX: numbers must be dialable, the route a LAN address.
            if (!AreDialStrings(config.GetString("resilience.emergency_numbers")))
            {
                error = "resilience.emergency_numbers: comma-separated numbers of 1..15 digits, * or # expected";
                return false;
            }
            string route = config.GetString("resilience.emergency_route");
            int colon = route.IndexOf(':');
            uint routeAddress;
            if (route.Length > 0 && !NetEndPoint.TryParseAddress(colon < 0 ? route : route.Substring(0, colon), out routeAddress))
            {
                error = "resilience.emergency_route: must be an IPv4 address[:port] (no DNS in local mode)";
                return false;
            }
            string logUri = config.GetString("resilience.call_log_uri");
            if (logUri.Length > 0 && (!logUri.StartsWith("sip:") || logUri.IndexOf('@') < 5 || logUri.IndexOf(' ') >= 0))
            {
                error = "resilience.call_log_uri: must be a sip:user@host URI";
                return false;
            }
            if (config.GetBool("security.signing_required") && config.GetString("security.signing_secret").Length == 0)
            {
                error = "security.signing_secret: required when security.signing_required is true";
                return false;
            }
            return true;
        }

        // "112,911": items of 1..15 characters of 0-9 * #, separated by commas (spaces around items allowed); empty is fine.
        private static bool AreDialStrings(string list)
        {
            if (list.Length == 0) return true;
            string[] items = list.Split(',');
            for (int i = 0; i < items.Length; i++)
            {
                string item = items[i].Trim();
                if (item.Length == 0 || item.Length > 15) return false;
                for (int j = 0; j < item.Length; j++)
                {
                    char c = item[j];
                    if (!((c >= '0' && c <= '9') || c == '*' || c == '#')) return false;
                }
            }
            return true;
        }

        private static int NextLineEnd(byte[] data, int p, int end)
        {
            while (p < end && data[p] != (byte)'\n') p++;
            return p;
        }

        // Decodes one line (without its LF, and without a CR before it), trimmed of spaces and tabs.
        private static bool TryLine(byte[] data, int start, int lineEnd, int lineNo, out string line, out string error)
        {
            line = null;
            error = null;
            int stop = lineEnd;
            if (stop > start && data[stop - 1] == (byte)'\r') stop--;
            if (stop - start > MaxLineBytes)
            {
                error = "line " + lineNo.ToString() + ": longer than " + MaxLineBytes.ToString() + " bytes";
                return false;
            }
            string text;
            if (!ConfigUtf8.TryDecode(data, start, stop - start, out text))
            {
                error = "line " + lineNo.ToString() + ": not valid UTF-8";
                return false;
            }
            line = text.Trim();
            return true;
        }

        // The value after '=': "quoted" (\" and \\ escapes), or bare up to a " #" comment, trimmed.
        private static bool TryValue(string line, int start, out string value, out string reason)
        {
            value = null;
            reason = null;
            int i = start;
            while (i < line.Length && (line[i] == ' ' || line[i] == '\t')) i++;
            if (i < line.Length && line[i] == '"')
            {
                char[] chars = new char[line.Length];
                int n = 0;
                i++;
                while (true)
                {
                    if (i >= line.Length) { reason = "unterminated quoted value"; return false; }
                    char c = line[i++];
                    if (c == '"') break;
                    if (c == '\\')
                    {
                        if (i >= line.Length) { reason = "unterminated quoted value"; return false; }
                        char e = line[i++];
                        if (e != '"' && e != '\\') { reason = "unknown escape \\" + e.ToString() + " (only \\\" and \\\\)"; return false; }
                        c = e;
                    }
                    chars[n++] = c;
                }
                while (i < line.Length && (line[i] == ' ' || line[i] == '\t')) i++;
                if (i < line.Length && line[i] != '#') { reason = "text after the closing quote"; return false; }
                value = new string(chars, 0, n);
                return true;
            }
            int stop = line.Length;
            for (int k = i; k < line.Length; k++)
            {
                if (line[k] == '#' && (k == i || line[k - 1] == ' ' || line[k - 1] == '\t')) { stop = k; break; }
            }
            value = line.Substring(i, stop - i).Trim();
            return true;
        }

        private static bool IsKeyName(string key)
        {
            if (key.Length == 0 || key.Length > 64) return false;
            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
            }
            return true;
        }

        private static string LastLine(string value)
        {
            int nl = value.LastIndexOf('\n');
            return nl < 0 ? value : value.Substring(nl + 1);
        }
    }
}
