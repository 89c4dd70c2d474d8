// One entry of the configuration schema table: name, type, range, default, secrecy.
namespace Phone.Core.Provisioning
{
    /// <summary>
    /// Describes one configuration key. A name may hold one placeholder: "&lt;n&gt;" (an index 1..<see cref="IndexMax"/>)
    /// or "&lt;ext&gt;" (an extension number of 1..15 digits), e.g. "account.&lt;n&gt;.user", "directory.&lt;ext&gt;".
    /// </summary>
    public sealed class ConfigKey
    {
        /// <summary>Key name, lower case, possibly with one placeholder.</summary>
        public readonly string Name;

        /// <summary>Value type.</summary>
        public readonly ConfigKeyType Type;

        /// <summary>Lower bound: the value for Int, length for String/Hex, item count for List/Cadence, 1 = required for Address/Url.</summary>
        public readonly int Min;

        /// <summary>Upper bound, in the same unit as <see cref="Min"/>.</summary>
        public readonly int Max;

        /// <summary>Default value as text (normalised), "" when none.</summary>
        public readonly string Default;

        /// <summary>Secret: never logged, never echoed in an error message, never sent in a status report.</summary>
        public readonly bool Secret;

        /// <summary>Allowed words for Enum and List, else null.</summary>
        public readonly string[] Choices;

        /// <summary>Area this key belongs to, reported when it changes.</summary>
        public readonly ConfigChanges Area;

        /// <summary>Largest index for a "&lt;n&gt;" placeholder; 0 when the name has none.</summary>
        public readonly int IndexMax;

        /// <summary>One-sentence meaning, for docs/CONFIGURATION.md.</summary>
        public readonly string Help;

        /// <summary>An example value, for docs/CONFIGURATION.md.</summary>
        public readonly string Example;

        /// <summary>Creates a descriptor.</summary>
        public ConfigKey(string name, ConfigKeyType type, int min, int max, string defaultValue, bool secret,
            string[] choices, ConfigChanges area, int indexMax, string help, string example)
        {
            Name = name;
            Type = type;
            Min = min;
            Max = max;
            Default = defaultValue;
            Secret = secret;
            Choices = choices;
            Area = area;
            IndexMax = indexMax;
            Help = help;
            Example = example;
        }

        /// <summary>
        /// True when <paramref name="key"/> is an instance of this descriptor's name (the placeholder filled in).
        /// </summary>
        public bool Matches(string key)
        {
            // Compared in place, so matching a key allocates nothing.
            if (key == null || !ConfigSchema.NameMatches(Name, 0, Name.Length, key)) return false;
            int open = Name.IndexOf('<');
            if (open < 0) return true;
            int start = open, end = key.Length - (Name.Length - Name.IndexOf('>', open) - 1);
            int value = 0;
            for (int i = start; i < end; i++)
            {
                char c = key[i];
                if (c < '0' || c > '9') return false;
                if (value < 100000) value = value * 10 + (c - '0');
            }
            if (IndexMax == 0) return true;
            // Indexes are written without leading zeros so "account.01.user" cannot alias "account.1.user".
            if (key[start] == '0') return false;
            return value >= 1 && value <= IndexMax;
        }
    }
}
