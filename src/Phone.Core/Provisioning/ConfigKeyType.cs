// Value types of configuration keys (docs/CONFIGURATION.md describes each one's syntax).
namespace Phone.Core.Provisioning
{
    /// <summary>How a configuration value is checked and normalised. Names for logs and docs: <see cref="ConfigKeyTypeNames"/>.</summary>
    public enum ConfigKeyType : byte
    {
        /// <summary>"major" or "major.minor"; only config.version.</summary>
        Version = 0,
        /// <summary>UTF-8 text without control characters; Min..Max is its length in characters.</summary>
        String = 1,
        /// <summary>Decimal integer in Min..Max.</summary>
        Int = 2,
        /// <summary>true/false (also yes/no, on/off, 1/0); normalised to "true"/"false".</summary>
        Bool = 3,
        /// <summary>One of <see cref="ConfigKey.Choices"/>.</summary>
        Enum = 4,
        /// <summary>Comma-separated distinct items of <see cref="ConfigKey.Choices"/>, Min..Max items.</summary>
        List = 5,
        /// <summary>host[:port]: a DNS name or dotted IPv4, port 1..65535; empty when Min is 0.</summary>
        Address = 6,
        /// <summary>An https:// URL; empty when Min is 0.</summary>
        Url = 7,
        /// <summary>A PEM block written over several lines (-----BEGIN … to -----END …).</summary>
        Pem = 8,
        /// <summary>"Name, a.b.c.d[:port]" — an office directory entry for local survivability.</summary>
        DirectoryEntry = 9,
        /// <summary>"kind, target[, label]" — a programmable key; kind is speed, blf, line or none.</summary>
        KeySpec = 10,
        /// <summary>Comma-separated on/off times in ms, an even count of Min..Max items, each 50..10000.</summary>
        Cadence = 11,
        /// <summary>A Cisco-style digit map, e.g. (*xx|[2-9]xxx|0x.T).</summary>
        DigitMap = 12,
        /// <summary>A lower-case hexadecimal string of Min..Max characters, even length.</summary>
        Hex = 13,
    }
}
