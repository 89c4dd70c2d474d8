// The configuration schema: every key the device understands, its type, range, default and secrecy.
namespace Phone.Core.Provisioning
{
    /// <summary>
    /// The static table of configuration keys. docs/CONFIGURATION.md documents every entry (a test checks it).
    /// Unknown keys in a file are logged and ignored; known keys are checked against their descriptor.
    /// </summary>
    public static class ConfigSchema
    {
        /// <summary>The major schema version this firmware understands; a file with a newer major is rejected.</summary>
        public const int SupportedMajor = 1;

        /// <summary>Number of SIP accounts (account.1 … account.N).</summary>
        public const int Accounts = 2;

        /// <summary>Number of programmable keys (key.1 … key.N).</summary>
        public const int ProgrammableKeys = 12;

        /// <summary>Most directory.&lt;ext&gt; entries one configuration may hold.</summary>
        public const int MaxDirectoryEntries = 64;

        /// <summary>Name of the schema version key.</summary>
        public const string VersionKey = "config.version";

        // The allowed words of Enum and List keys, built with the descriptor that carries them (descriptors are made
        // on demand too): static tables would hold some 700 bytes of nanoCLR heap for the device's lifetime.
        private static string[] Transports() => new string[] { "udp", "tcp", "tls" };
        private static string[] Codecs() => new string[] { "pcmu", "pcma" };
        private static string[] DtmfModes() => new string[] { "rfc4733", "inband", "info" };
        private static string[] Countries() => new string[] { "us", "uk", "de", "fr", "ru", "itu" };
        private static string[] CallerIds() => new string[] { "bell202", "v23", "dtmf", "none" };
        private static string[] LogLevels() => new string[] { "debug", "info", "warn", "error" };

        // Key names in table order, one per line. The table is code and string literals (flash on nanoCLR), not a
        // static array of descriptors: an array built by a class constructor would live in the managed heap for good.
        private const string Names =
            "config.version\n" +
            "account.<n>.enabled\n" +
            "account.<n>.user\n" +
            "account.<n>.auth_user\n" +
            "account.<n>.password\n" +
            "account.<n>.display_name\n" +
            "account.<n>.registrar\n" +
            "account.<n>.backup_registrar\n" +
            "account.<n>.outbound_proxy\n" +
            "account.<n>.transport\n" +
            "account.<n>.expires\n" +
            "media.codecs\n" +
            "media.dtmf_mode\n" +
            "media.rtp_port_min\n" +
            "media.rtp_port_max\n" +
            "dialplan.map\n" +
            "dialplan.interdigit_ms\n" +
            "tones.country\n" +
            "time.server\n" +
            "time.zone\n" +
            "syslog.server\n" +
            "syslog.level\n" +
            "prov.url\n" +
            "prov.common_file\n" +
            "prov.user\n" +
            "prov.password\n" +
            "prov.token\n" +
            "prov.resync_s\n" +
            "prov.resync_jitter_s\n" +
            "prov.retry_min_s\n" +
            "prov.retry_max_s\n" +
            "prov.status_url\n" +
            "prov.status_interval_s\n" +
            "security.accept_calls_only_from_pbx\n" +
            "security.ca_pem\n" +
            "security.signing_required\n" +
            "security.signing_secret\n" +
            "directory.<ext>\n" +
            "resilience.keepalive_s\n" +
            "resilience.dead_after_misses\n" +
            "resilience.failback_probe_s\n" +
            "resilience.failback_good_probes\n" +
            "resilience.local_mode\n" +
            "resilience.emergency_numbers\n" +
            "resilience.emergency_route\n" +
            "resilience.call_log_uri\n" +
            "fxs.ring_cadence\n" +
            "fxs.caller_id\n" +
            "fxs.flash_min_ms\n" +
            "fxs.flash_max_ms\n" +
            "key.<n>\n";

        /// <summary>Number of keys in the table.</summary>
        public const int Count = 51;

        /// <summary>All keys, in the order they are documented and serialised (a new array on each call: docs and tests).</summary>
        public static ConfigKey[] Keys
        {
            get
            {
                var keys = new ConfigKey[Count];
                for (int i = 0; i < Count; i++) keys[i] = At(i);
                return keys;
            }
        }

        /// <summary>Descriptor <paramref name="index"/> (0 .. Count-1) of the table, built on each call.</summary>
        public static ConfigKey At(int index)
        {
            switch (index)
            {
                case 0: return K(0, ConfigKeyType.Version, 0, 0, "", false, null, ConfigChanges.Version, 0,
                "Schema version of the file, \"major\" or \"major.minor\"; required in every file; a newer major is rejected.", "1");
                case 1: return K(1, ConfigKeyType.Bool, 0, 0, "true", false, null, ConfigChanges.Account, Accounts,
                "Whether account n registers (it also needs user and registrar).", "true");
                case 2: return K(2, ConfigKeyType.String, 0, 64, "", false, null, ConfigChanges.Account, Accounts,
                "SIP user part of the address of record (usually the extension).", "201");
                case 3: return K(3, ConfigKeyType.String, 0, 64, "", false, null, ConfigChanges.Account, Accounts,
                "Digest authentication user name; empty means the same as user.", "201");
                case 4: return K(4, ConfigKeyType.String, 0, 64, "", true, null, ConfigChanges.Account, Accounts,
                "Digest authentication password (secret: never logged).", "s3cret-Pa55");
                case 5: return K(5, ConfigKeyType.String, 0, 64, "", false, null, ConfigChanges.Account, Accounts,
                "Display name sent in From.", "\"Front Desk\"");
                case 6: return K(6, ConfigKeyType.Address, 0, 0, "", false, null, ConfigChanges.Account, Accounts,
                "Registrar / domain, host[:port].", "pbx.example.com");
                case 7: return K(7, ConfigKeyType.Address, 0, 0, "", false, null, ConfigChanges.Account, Accounts,
                "Registrar used when the primary does not answer, host[:port].", "pbx2.example.com:5060");
                case 8: return K(8, ConfigKeyType.Address, 0, 0, "", false, null, ConfigChanges.Account, Accounts,
                "Outbound proxy, host[:port]; empty sends to the registrar.", "sbc.example.com:5061");
                case 9: return K(9, ConfigKeyType.Enum, 0, 0, "udp", false, Transports(), ConfigChanges.Account, Accounts,
                "SIP transport.", "tls");
                case 10: return K(10, ConfigKeyType.Int, 60, 86400, "3600", false, null, ConfigChanges.Account, Accounts,
                "Requested registration lifetime in seconds (RFC 3261 §10.2.1).", "600");
                case 11: return K(11, ConfigKeyType.List, 1, 2, "pcmu,pcma", false, Codecs(), ConfigChanges.Media, 0,
                "Codec preference order offered in SDP.", "pcma,pcmu");
                case 12: return K(12, ConfigKeyType.Enum, 0, 0, "rfc4733", false, DtmfModes(), ConfigChanges.Media, 0,
                "How DTMF digits are sent: RFC 4733 events, in-band tones, or SIP INFO.", "inband");
                case 13: return K(13, ConfigKeyType.Int, 1024, 65534, "16384", false, null, ConfigChanges.Media, 0,
                "Lowest local RTP port.", "10000");
                case 14: return K(14, ConfigKeyType.Int, 1025, 65535, "16482", false, null, ConfigChanges.Media, 0,
                "Highest local RTP port.", "10100");
                case 15: return K(15, ConfigKeyType.DigitMap, 0, 512, "(*xx|[2-9]xx|0[1-9]x.T|00x.T|x.T)", false, null, ConfigChanges.DialPlan, 0,
                "Cisco-style digit map deciding when a dialled number is complete.", "\"(*xx|#xx|[2-4]xx|0x.T)\"");
                case 16: return K(16, ConfigKeyType.Int, 1000, 30000, "4000", false, null, ConfigChanges.DialPlan, 0,
                "Inter-digit timer T of the digit map, in ms.", "3000");
                case 17: return K(17, ConfigKeyType.Enum, 0, 0, "us", false, Countries(), ConfigChanges.Tones, 0,
                "Call-progress tone set (dial, ringback, busy, congestion).", "de");
                case 18: return K(18, ConfigKeyType.Address, 0, 0, "pool.ntp.org", false, null, ConfigChanges.Time, 0,
                "SNTP server, host[:port].", "ntp.example.com");
                case 19: return K(19, ConfigKeyType.String, 1, 64, "UTC0", false, null, ConfigChanges.Time, 0,
                "POSIX TZ string for the clock on the display and in logs.", "CET-1CEST,M3.5.0,M10.5.0/3");
                case 20: return K(20, ConfigKeyType.Address, 0, 0, "", false, null, ConfigChanges.Syslog, 0,
                "Remote syslog server, host[:port]; empty disables remote logging.", "10.0.0.5:514");
                case 21: return K(21, ConfigKeyType.Enum, 0, 0, "info", false, LogLevels(), ConfigChanges.Syslog, 0,
                "Lowest severity sent to the syslog server.", "warn");
                case 22: return K(22, ConfigKeyType.Url, 0, 0, "", false, null, ConfigChanges.Provisioning, 0,
                "Provisioning directory URL; the device fetches <mac>.cfg and prov.common_file from it.", "https://pbx.example.com/prov/");
                case 23: return K(23, ConfigKeyType.String, 0, 64, "common.cfg", false, null, ConfigChanges.Provisioning, 0,
                "Name of the optional file shared by all devices (merged first); empty disables it.", "office.cfg");
                case 24: return K(24, ConfigKeyType.String, 0, 64, "", false, null, ConfigChanges.Provisioning, 0,
                "User name for HTTP digest authentication to the provisioning server.", "001122334455");
                case 25: return K(25, ConfigKeyType.String, 0, 64, "", true, null, ConfigChanges.Provisioning, 0,
                "Password for HTTP digest authentication (secret).", "k9-Lm2-Qx");
                case 26: return K(26, ConfigKeyType.String, 0, 256, "", true, null, ConfigChanges.Provisioning, 0,
                "Per-device bearer token sent as \"Authorization: Bearer\" (secret); preferred over digest when set.", "eyJhbGciOi0x");
                case 27: return K(27, ConfigKeyType.Int, 60, 604800, "86400", false, null, ConfigChanges.Provisioning, 0,
                "Periodic resync interval in seconds.", "3600");
                case 28: return K(28, ConfigKeyType.Int, 0, 86400, "600", false, null, ConfigChanges.Provisioning, 0,
                "Random extra delay 0..N s added to each periodic resync, so an office does not hit the server at once.", "300");
                case 29: return K(29, ConfigKeyType.Int, 5, 3600, "30", false, null, ConfigChanges.Provisioning, 0,
                "First retry delay after a failure; doubles per failure (with jitter).", "15");
                case 30: return K(30, ConfigKeyType.Int, 60, 86400, "3600", false, null, ConfigChanges.Provisioning, 0,
                "Longest retry delay after repeated failures.", "1800");
                case 31: return K(31, ConfigKeyType.Url, 0, 0, "", false, null, ConfigChanges.Provisioning, 0,
                "URL the device POSTs its status report to; empty disables reports.", "https://pbx.example.com/status");
                case 32: return K(32, ConfigKeyType.Int, 60, 86400, "3600", false, null, ConfigChanges.Provisioning, 0,
                "Interval of the periodic status report in seconds.", "900");
                case 33: return K(33, ConfigKeyType.Bool, 0, 0, "true", false, null, ConfigChanges.Security, 0,
                "Reject INVITEs that do not come from a registrar, backup registrar or outbound proxy address.", "true");
                case 34: return K(34, ConfigKeyType.Pem, 0, 8192, "", false, null, ConfigChanges.Security, 0,
                "Trusted CA certificate(s) for HTTPS and SIP-TLS, PEM over several lines; empty keeps the factory CA.",
                "-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----");
                case 35: return K(35, ConfigKeyType.Bool, 0, 0, "false", false, null, ConfigChanges.Security, 0,
                "Reject any configuration file without a valid \"# signature =\" line.", "true");
                case 36: return K(36, ConfigKeyType.Hex, 32, 128, "", true, null, ConfigChanges.Security, 0,
                "Per-device HMAC-SHA-256 key, hex (16..64 bytes) (secret).", "8f1e…(64 hex digits)");
                case 37: return K(37, ConfigKeyType.DirectoryEntry, 0, 0, "", false, null, ConfigChanges.Directory, 0,
                "Office directory entry used for calls between desks when the PBX is unreachable: name, LAN address.",
                "\"Reception, 192.168.1.21\"");
                case 38: return K(38, ConfigKeyType.Int, 1, 300, "7", false, null, ConfigChanges.Account, 0,
                "OPTIONS keep-alive interval to the registrar in use, s; a dead one is noticed within this + dead_after_misses s.", "2");
                case 39: return K(39, ConfigKeyType.Int, 1, 10, "2", false, null, ConfigChanges.Account, 0,
                "Keep-alives in a row left unanswered for 1 s that declare a registrar dead (then the next one is used).", "3");
                case 40: return K(40, ConfigKeyType.Int, 1, 300, "7", false, null, ConfigChanges.Account, 0,
                "Probe interval of a better registrar while on a backup, and of every registrar while none answers, s.", "5");
                case 41: return K(41, ConfigKeyType.Int, 1, 20, "3", false, null, ConfigChanges.Account, 0,
                "Answered probes in a row before failing back to a better registrar (hysteresis against flapping).", "5");
                case 42: return K(42, ConfigKeyType.Bool, 0, 0, "true", false, null, ConfigChanges.Account, 0,
                "When no registrar answers: survivability dial tone and LED, desks called directly from the directory.", "false");
                case 43: return K(43, ConfigKeyType.String, 0, 64, "112,911", false, null, ConfigChanges.Account, 0,
                "Comma-separated emergency numbers (digits, * and #) sent to resilience.emergency_route in local mode.", "112,110");
                case 44: return K(44, ConfigKeyType.Address, 0, 0, "", false, null, ConfigChanges.Account, 0,
                "Emergency gateway on the LAN, IPv4[:port], used in local mode; empty: emergency numbers get reorder there.", "192.168.1.5:5060");
                case 45: return K(45, ConfigKeyType.String, 0, 128, "", false, null, ConfigChanges.Account, 0,
                "SIP URI the log of local-mode calls is sent to (MESSAGE) once registered again; empty: sip:calllog@<domain>.", "sip:calllog@pbx.example.com");
                case 46: return K(46, ConfigKeyType.Cadence, 2, 8, "2000,4000", false, null, ConfigChanges.Fxs, 0,
                "Ring cadence on/off times in ms.", "400,200,400,2000");
                case 47: return K(47, ConfigKeyType.Enum, 0, 0, "bell202", false, CallerIds(), ConfigChanges.Fxs, 0,
                "Caller-ID signalling on the analogue line.", "v23");
                case 48: return K(48, ConfigKeyType.Int, 20, 1000, "100", false, null, ConfigChanges.Fxs, 0,
                "Shortest on-hook pulse taken as a hook flash (shorter is a bounce).", "80");
                case 49: return K(49, ConfigKeyType.Int, 50, 2000, "800", false, null, ConfigChanges.Fxs, 0,
                "Longest on-hook pulse taken as a hook flash (longer is a hang-up); must exceed flash_min_ms.", "600");
                case 50: return K(50, ConfigKeyType.KeySpec, 0, 0, "", false, null, ConfigChanges.Keys, ProgrammableKeys,
                "Programmable key n: speed (speed dial), blf (busy lamp field), line (account) or none; target; optional label.",
                "\"blf, 202, Anna\"");
                default: throw new System.ArgumentOutOfRangeException("index");
            }
        }

        private static ConfigKey K(int index, ConfigKeyType type, int min, int max, string defaultValue, bool secret,
            string[] choices, ConfigChanges area, int indexMax, string help, string example)
        {
            int start = 0;
            for (int i = 0; i < index; i++) start = Names.IndexOf('\n', start) + 1;
            string name = Names.Substring(start, Names.IndexOf('\n', start) - start);
            return new ConfigKey(name, type, min, max, defaultValue, secret, choices, area, indexMax, help, example);
        }

        /// <summary>
        /// The descriptor whose name matches <paramref name="key"/> (a new instance), or null for an unknown key. The
        /// names are compared in place, so only the descriptor found is allocated.
        /// </summary>
        public static ConfigKey Find(string key)
        {
            if (key == null) return null;
            int start = 0;
            for (int i = 0; i < Count; i++)
            {
                int end = Names.IndexOf('\n', start);
                if (NameMatches(Names, start, end, key))
                {
                    ConfigKey k = At(i);
                    return k.Matches(key) ? k : null;
                }
                start = end + 1;
            }
            return null;
        }

        /// <summary>
        /// True when <paramref name="key"/> fits the name pattern[start, end): equal, or with its one placeholder
        /// ("&lt;n&gt;", "&lt;ext&gt;") standing for 1..15 digits. The index range is the descriptor's to check.
        /// </summary>
        internal static bool NameMatches(string pattern, int start, int end, string key)
        {
            int open = pattern.IndexOf('<', start);
            if (open < 0 || open >= end)
            {
                if (key.Length != end - start) return false;
                for (int i = 0; i < key.Length; i++)
                {
                    if (key[i] != pattern[start + i]) return false;
                }
                return true;
            }
            int close = pattern.IndexOf('>', open);
            int prefix = open - start, suffix = end - close - 1;
            int digits = key.Length - prefix - suffix;
            if (digits < 1 || digits > 15) return false;
            for (int i = 0; i < prefix; i++)
            {
                if (key[i] != pattern[start + i]) return false;
            }
            for (int i = 0; i < suffix; i++)
            {
                if (key[prefix + digits + i] != pattern[close + 1 + i]) return false;
            }
            for (int i = prefix; i < prefix + digits; i++)
            {
                if (key[i] < '0' || key[i] > '9') return false;
            }
            return true;
        }

        /// <summary>"account.&lt;n&gt;.user" with n filled in: "account.2.user".</summary>
        public static string Indexed(string pattern, int n)
        {
            int open = pattern.IndexOf('<');
            int close = pattern.IndexOf('>', open);
            return pattern.Substring(0, open) + n.ToString() + pattern.Substring(close + 1);
        }
    }
}
