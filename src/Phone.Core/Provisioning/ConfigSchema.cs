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

        private static readonly string[] Transports = { "udp", "tcp", "tls" };
        private static readonly string[] Codecs = { "pcmu", "pcma" };
        private static readonly string[] DtmfModes = { "rfc4733", "inband", "info" };
        private static readonly string[] Countries = { "us", "uk", "de", "fr", "ru", "itu" };
        private static readonly string[] CallerIds = { "bell202", "v23", "dtmf", "none" };
        private static readonly string[] LogLevels = { "debug", "info", "warn", "error" };

        /// <summary>All keys, in the order they are documented and serialised.</summary>
        public static readonly ConfigKey[] Keys =
        {
            K(VersionKey, ConfigKeyType.Version, 0, 0, "", false, null, ConfigChanges.Version, 0,
                "Schema version of the file, \"major\" or \"major.minor\"; required in every file; a newer major is rejected.", "1"),

            K("account.<n>.enabled", ConfigKeyType.Bool, 0, 0, "true", false, null, ConfigChanges.Account, Accounts,
                "Whether account n registers (it also needs user and registrar).", "true"),
            K("account.<n>.user", ConfigKeyType.String, 0, 64, "", false, null, ConfigChanges.Account, Accounts,
                "SIP user part of the address of record (usually the extension).", "201"),
            K("account.<n>.auth_user", ConfigKeyType.String, 0, 64, "", false, null, ConfigChanges.Account, Accounts,
                "Digest authentication user name; empty means the same as user.", "201"),
            K("account.<n>.password", ConfigKeyType.String, 0, 64, "", true, null, ConfigChanges.Account, Accounts,
                "Digest authentication password (secret: never logged).", "s3cret-Pa55"),
            K("account.<n>.display_name", ConfigKeyType.String, 0, 64, "", false, null, ConfigChanges.Account, Accounts,
                "Display name sent in From.", "\"Front Desk\""),
            K("account.<n>.registrar", ConfigKeyType.Address, 0, 0, "", false, null, ConfigChanges.Account, Accounts,
                "Registrar / domain, host[:port].", "pbx.example.com"),
            K("account.<n>.backup_registrar", ConfigKeyType.Address, 0, 0, "", false, null, ConfigChanges.Account, Accounts,
                "Registrar used when the primary does not answer, host[:port].", "pbx2.example.com:5060"),
            K("account.<n>.outbound_proxy", ConfigKeyType.Address, 0, 0, "", false, null, ConfigChanges.Account, Accounts,
                "Outbound proxy, host[:port]; empty sends to the registrar.", "sbc.example.com:5061"),
            K("account.<n>.transport", ConfigKeyType.Enum, 0, 0, "udp", false, Transports, ConfigChanges.Account, Accounts,
                "SIP transport.", "tls"),
            K("account.<n>.expires", ConfigKeyType.Int, 60, 86400, "3600", false, null, ConfigChanges.Account, Accounts,
                "Requested registration lifetime in seconds (RFC 3261 §10.2.1).", "600"),

            K("media.codecs", ConfigKeyType.List, 1, 2, "pcmu,pcma", false, Codecs, ConfigChanges.Media, 0,
                "Codec preference order offered in SDP.", "pcma,pcmu"),
            K("media.dtmf_mode", ConfigKeyType.Enum, 0, 0, "rfc4733", false, DtmfModes, ConfigChanges.Media, 0,
                "How DTMF digits are sent: RFC 4733 events, in-band tones, or SIP INFO.", "inband"),
            K("media.rtp_port_min", ConfigKeyType.Int, 1024, 65534, "16384", false, null, ConfigChanges.Media, 0,
                "Lowest local RTP port.", "10000"),
            K("media.rtp_port_max", ConfigKeyType.Int, 1025, 65535, "16482", false, null, ConfigChanges.Media, 0,
                "Highest local RTP port.", "10100"),

            K("dialplan.map", ConfigKeyType.DigitMap, 0, 512, "(*xx|[2-9]xx|0[1-9]x.T|00x.T|x.T)", false, null, ConfigChanges.DialPlan, 0,
                "Cisco-style digit map deciding when a dialled number is complete.", "\"(*xx|#xx|[2-4]xx|0x.T)\""),
            K("dialplan.interdigit_ms", ConfigKeyType.Int, 1000, 30000, "4000", false, null, ConfigChanges.DialPlan, 0,
                "Inter-digit timer T of the digit map, in ms.", "3000"),

            K("tones.country", ConfigKeyType.Enum, 0, 0, "us", false, Countries, ConfigChanges.Tones, 0,
                "Call-progress tone set (dial, ringback, busy, congestion).", "de"),

            K("time.server", ConfigKeyType.Address, 0, 0, "pool.ntp.org", false, null, ConfigChanges.Time, 0,
                "SNTP server, host[:port].", "ntp.example.com"),
            K("time.zone", ConfigKeyType.String, 1, 64, "UTC0", false, null, ConfigChanges.Time, 0,
                "POSIX TZ string for the clock on the display and in logs.", "CET-1CEST,M3.5.0,M10.5.0/3"),

            K("syslog.server", ConfigKeyType.Address, 0, 0, "", false, null, ConfigChanges.Syslog, 0,
                "Remote syslog server, host[:port]; empty disables remote logging.", "10.0.0.5:514"),
            K("syslog.level", ConfigKeyType.Enum, 0, 0, "info", false, LogLevels, ConfigChanges.Syslog, 0,
                "Lowest severity sent to the syslog server.", "warn"),

            K("prov.url", ConfigKeyType.Url, 0, 0, "", false, null, ConfigChanges.Provisioning, 0,
                "Provisioning directory URL; the device fetches <mac>.cfg and prov.common_file from it.", "https://pbx.example.com/prov/"),
            K("prov.common_file", ConfigKeyType.String, 0, 64, "common.cfg", false, null, ConfigChanges.Provisioning, 0,
                "Name of the optional file shared by all devices (merged first); empty disables it.", "office.cfg"),
            K("prov.user", ConfigKeyType.String, 0, 64, "", false, null, ConfigChanges.Provisioning, 0,
                "User name for HTTP digest authentication to the provisioning server.", "001122334455"),
            K("prov.password", ConfigKeyType.String, 0, 64, "", true, null, ConfigChanges.Provisioning, 0,
                "Password for HTTP digest authentication (secret).", "k9-Lm2-Qx"),
            K("prov.token", ConfigKeyType.String, 0, 256, "", true, null, ConfigChanges.Provisioning, 0,
                "Per-device bearer token sent as \"Authorization: Bearer\" (secret); preferred over digest when set.", "eyJhbGciOi0x"),
            K("prov.resync_s", ConfigKeyType.Int, 60, 604800, "86400", false, null, ConfigChanges.Provisioning, 0,
                "Periodic resync interval in seconds.", "3600"),
            K("prov.resync_jitter_s", ConfigKeyType.Int, 0, 86400, "600", false, null, ConfigChanges.Provisioning, 0,
                "Random extra delay 0..N s added to each periodic resync, so an office does not hit the server at once.", "300"),
            K("prov.retry_min_s", ConfigKeyType.Int, 5, 3600, "30", false, null, ConfigChanges.Provisioning, 0,
                "First retry delay after a failure; doubles per failure (with jitter).", "15"),
            K("prov.retry_max_s", ConfigKeyType.Int, 60, 86400, "3600", false, null, ConfigChanges.Provisioning, 0,
                "Longest retry delay after repeated failures.", "1800"),
            K("prov.status_url", ConfigKeyType.Url, 0, 0, "", false, null, ConfigChanges.Provisioning, 0,
                "URL the device POSTs its status report to; empty disables reports.", "https://pbx.example.com/status"),
            K("prov.status_interval_s", ConfigKeyType.Int, 60, 86400, "3600", false, null, ConfigChanges.Provisioning, 0,
                "Interval of the periodic status report in seconds.", "900"),

            K("security.accept_calls_only_from_pbx", ConfigKeyType.Bool, 0, 0, "true", false, null, ConfigChanges.Security, 0,
                "Reject INVITEs that do not come from a registrar, backup registrar or outbound proxy address.", "true"),
            K("security.ca_pem", ConfigKeyType.Pem, 0, 8192, "", false, null, ConfigChanges.Security, 0,
                "Trusted CA certificate(s) for HTTPS and SIP-TLS, PEM over several lines; empty keeps the factory CA.",
                "-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----"),
            K("security.signing_required", ConfigKeyType.Bool, 0, 0, "false", false, null, ConfigChanges.Security, 0,
                "Reject any configuration file without a valid \"# signature =\" line.", "true"),
            K("security.signing_secret", ConfigKeyType.Hex, 32, 128, "", true, null, ConfigChanges.Security, 0,
                "Per-device HMAC-SHA-256 key, hex (16..64 bytes) (secret).", "8f1e…(64 hex digits)"),

            K("directory.<ext>", ConfigKeyType.DirectoryEntry, 0, 0, "", false, null, ConfigChanges.Directory, 0,
                "Office directory entry used for calls between desks when the PBX is unreachable: name, LAN address.",
                "\"Reception, 192.168.1.21\""),

            K("resilience.keepalive_s", ConfigKeyType.Int, 1, 300, "7", false, null, ConfigChanges.Account, 0,
                "OPTIONS keep-alive interval to the registrar in use, s; a dead one is noticed within this + dead_after_misses s.", "2"),
            K("resilience.dead_after_misses", ConfigKeyType.Int, 1, 10, "2", false, null, ConfigChanges.Account, 0,
                "Keep-alives in a row left unanswered for 1 s that declare a registrar dead (then the next one is used).", "3"),
            K("resilience.failback_probe_s", ConfigKeyType.Int, 1, 300, "7", false, null, ConfigChanges.Account, 0,
                "Probe interval of a better registrar while on a backup, and of every registrar while none answers, s.", "5"),
            K("resilience.failback_good_probes", ConfigKeyType.Int, 1, 20, "3", false, null, ConfigChanges.Account, 0,
                "Answered probes in a row before failing back to a better registrar (hysteresis against flapping).", "5"),
            K("resilience.local_mode", ConfigKeyType.Bool, 0, 0, "true", false, null, ConfigChanges.Account, 0,
                "When no registrar answers: survivability dial tone and LED, desks called directly from the directory.", "false"),
            K("resilience.emergency_numbers", ConfigKeyType.String, 0, 64, "112,911", false, null, ConfigChanges.Account, 0,
                "Comma-separated emergency numbers (digits, * and #) sent to resilience.emergency_route in local mode.", "112,110"),
            K("resilience.emergency_route", ConfigKeyType.Address, 0, 0, "", false, null, ConfigChanges.Account, 0,
                "Emergency gateway on the LAN, IPv4[:port], used in local mode; empty: emergency numbers get reorder there.", "192.168.1.5:5060"),
            K("resilience.call_log_uri", ConfigKeyType.String, 0, 128, "", false, null, ConfigChanges.Account, 0,
                "SIP URI the log of local-mode calls is sent to (MESSAGE) once registered again; empty: sip:calllog@<domain>.", "sip:calllog@pbx.example.com"),

            K("fxs.ring_cadence", ConfigKeyType.Cadence, 2, 8, "2000,4000", false, null, ConfigChanges.Fxs, 0,
                "Ring cadence on/off times in ms.", "400,200,400,2000"),
            K("fxs.caller_id", ConfigKeyType.Enum, 0, 0, "bell202", false, CallerIds, ConfigChanges.Fxs, 0,
                "Caller-ID signalling on the analogue line.", "v23"),
            K("fxs.flash_min_ms", ConfigKeyType.Int, 20, 1000, "100", false, null, ConfigChanges.Fxs, 0,
                "Shortest on-hook pulse taken as a hook flash (shorter is a bounce).", "80"),
            K("fxs.flash_max_ms", ConfigKeyType.Int, 50, 2000, "800", false, null, ConfigChanges.Fxs, 0,
                "Longest on-hook pulse taken as a hook flash (longer is a hang-up); must exceed flash_min_ms.", "600"),

            K("key.<n>", ConfigKeyType.KeySpec, 0, 0, "", false, null, ConfigChanges.Keys, ProgrammableKeys,
                "Programmable key n: speed (speed dial), blf (busy lamp field), line (account) or none; target; optional label.",
                "\"blf, 202, Anna\""),
        };

        private static ConfigKey K(string name, ConfigKeyType type, int min, int max, string defaultValue, bool secret,
            string[] choices, ConfigChanges area, int indexMax, string help, string example)
            => new ConfigKey(name, type, min, max, defaultValue, secret, choices, area, indexMax, help, example);

        /// <summary>The descriptor whose name matches <paramref name="key"/>, or null for an unknown key.</summary>
        public static ConfigKey Find(string key)
        {
            if (key == null) return null;
            for (int i = 0; i < Keys.Length; i++)
            {
                if (Keys[i].Matches(key)) return Keys[i];
            }
            return null;
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
