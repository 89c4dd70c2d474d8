// A set of configuration values (key → normalised text), typed access with schema defaults, canonical text form.
namespace Phone.Core.Provisioning
{
    /// <summary>
    /// Configuration values keyed by name. Values are stored already checked and normalised by
    /// <see cref="ConfigParser"/>; absent keys read as the schema default. Fixed capacity, linear lookup
    /// (a few hundred keys at most, read at configuration time only).
    /// </summary>
    public sealed class ProvisioningConfig
    {
        /// <summary>Most keys one configuration holds.</summary>
        public const int Capacity = 256;

        // Grown by doubling up to Capacity, only while a configuration is parsed or merged (not on a call path): a
        // fixed 256-entry table per copy cost 6 KB of nanoCLR heap each, and the client holds several copies.
        private const int InitialSlots = 16;

        private string[] _keys = new string[InitialSlots];
        private string[] _values = new string[InitialSlots];
        private int _count;

        /// <summary>Number of keys set.</summary>
        public int Count => _count;

        /// <summary>Name of the i-th key set (insertion order).</summary>
        public string KeyAt(int i) => _keys[i];

        /// <summary>Value of the i-th key set.</summary>
        public string ValueAt(int i) => _values[i];

        /// <summary>Sets or replaces a value; false when the configuration is full.</summary>
        public bool Set(string key, string value)
        {
            int i = IndexOf(key);
            if (i >= 0)
            {
                _values[i] = value;
                return true;
            }
            if (_count == Capacity) return false;
            if (_count == _keys.Length) Grow();
            _keys[_count] = key;
            _values[_count] = value;
            _count++;
            return true;
        }

        /// <summary>The value set for <paramref name="key"/>, or null when it is not set.</summary>
        public string Get(string key)
        {
            int i = IndexOf(key);
            return i >= 0 ? _values[i] : null;
        }

        /// <summary>The value of <paramref name="key"/>, else its schema default, else "".</summary>
        public string GetString(string key)
        {
            int i = IndexOf(key);
            if (i >= 0) return _values[i];
            ConfigKey d = ConfigSchema.Find(key);
            return d != null ? d.Default : "";
        }

        /// <summary>The integer value of <paramref name="key"/> (or its default); 0 when it is not a number.</summary>
        public int GetInt(string key)
        {
            int v;
            return ConfigValues.TryParseInt(GetString(key), out v) ? v : 0;
        }

        /// <summary>The boolean value of <paramref name="key"/> (or its default).</summary>
        public bool GetBool(string key) => GetString(key) == "true";

        /// <summary>Copies every value of <paramref name="other"/> over this one (other wins).</summary>
        public bool MergeFrom(ProvisioningConfig other)
        {
            for (int i = 0; i < other._count; i++)
            {
                if (!Set(other._keys[i], other._values[i])) return false;
            }
            return true;
        }

        /// <summary>A copy of this configuration.</summary>
        public ProvisioningConfig Clone()
        {
            var copy = new ProvisioningConfig();
            copy.MergeFrom(this);
            return copy;
        }

        /// <summary>
        /// The areas whose effective values (set value or default) differ between this and <paramref name="other"/>.
        /// </summary>
        public ConfigChanges Compare(ProvisioningConfig other)
        {
            ConfigChanges changes = ConfigChanges.None;
            for (int i = 0; i < _count; i++) changes |= AreaIfDifferent(_keys[i], other);
            for (int i = 0; i < other._count; i++) changes |= AreaIfDifferent(other._keys[i], other);
            return changes;
        }

        /// <summary>True when any account.<paramref name="n"/>.* value differs from <paramref name="other"/>.</summary>
        public bool AccountDiffers(ProvisioningConfig other, int n)
        {
            string prefix = "account." + n.ToString() + ".";
            for (int i = 0; i < _count; i++)
            {
                if (_keys[i].StartsWith(prefix) && GetString(_keys[i]) != other.GetString(_keys[i])) return true;
            }
            for (int i = 0; i < other._count; i++)
            {
                if (other._keys[i].StartsWith(prefix) && GetString(other._keys[i]) != other.GetString(other._keys[i])) return true;
            }
            return false;
        }

        /// <summary>True when both configurations have the same effective values.</summary>
        public bool SameAs(ProvisioningConfig other) => Compare(other) == ConfigChanges.None;

        /// <summary>
        /// Writes the canonical text form ("config.version = 1", then every key in insertion order, quoted where
        /// needed, PEM over several lines) to buffer[offset ..]; returns its length or -1 when it does not fit.
        /// Parsing the output gives back an equal configuration.
        /// </summary>
        public int Serialize(byte[] buffer, int offset)
        {
            int p = offset;
            string version = Get(ConfigSchema.VersionKey);
            p = Append(buffer, p, ConfigSchema.VersionKey + " = " + (version ?? ConfigSchema.SupportedMajor.ToString()) + "\n");
            if (p < 0) return -1;
            for (int i = 0; i < _count; i++)
            {
                if (_keys[i] == ConfigSchema.VersionKey) continue;
                ConfigKey d = ConfigSchema.Find(_keys[i]);
                string line = d != null && d.Type == ConfigKeyType.Pem && _values[i].Length > 0
                    ? _keys[i] + " = " + _values[i] + "\n"
                    : _keys[i] + " = " + ConfigValues.Quote(_values[i]) + "\n";
                p = Append(buffer, p, line);
                if (p < 0) return -1;
            }
            return p - offset;
        }

        private static int Append(byte[] buffer, int p, string s)
        {
            int n = ConfigUtf8.Encode(s, buffer, p);
            return n < 0 ? -1 : p + n;
        }

        private ConfigChanges AreaIfDifferent(string key, ProvisioningConfig other)
        {
            if (GetString(key) == other.GetString(key)) return ConfigChanges.None;
            ConfigKey d = ConfigSchema.Find(key);
            return d != null ? d.Area : ConfigChanges.None;
        }

        private void Grow()
        {
            int size = _keys.Length * 2 > Capacity ? Capacity : _keys.Length * 2;
            string[] keys = new string[size];
            string[] values = new string[size];
            System.Array.Copy(_keys, 0, keys, 0, _count);
            System.Array.Copy(_values, 0, values, 0, _count);
            _keys = keys;
            _values = values;
        }

        private int IndexOf(string key)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_keys[i] == key) return i;
            }
            return -1;
        }
    }
}
