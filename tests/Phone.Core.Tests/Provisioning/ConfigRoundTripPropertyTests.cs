// Property test: a configuration built from random schema values, serialized and parsed back, is the same configuration.
namespace Phone.Core.Tests.Provisioning
{
    using System.Collections.Generic;
    using CsCheck;
    using Phone.Core.Provisioning;

    public class ConfigRoundTripPropertyTests
    {
        // Every String, Int, Bool and Enum key of the schema (indexed keys for each index), with a valid value each.
        private static readonly List<ConfigKey> Plain = PlainKeys();

        // Characters that need care in the file format: quotes, backslash, '#' (comment), '=', spaces, non-ASCII.
        private const string Alphabet = "abcXYZ019 #\"\\='.,:;-_/ü€é";

        private static List<ConfigKey> PlainKeys()
        {
            var list = new List<ConfigKey>();
            foreach (ConfigKey k in ConfigSchema.Keys)
            {
                if (k.Type == ConfigKeyType.String || k.Type == ConfigKeyType.Int || k.Type == ConfigKeyType.Bool || k.Type == ConfigKeyType.Enum)
                {
                    list.Add(k);
                }
            }
            return list;
        }

        private static string Name(ConfigKey k, int index) => k.IndexMax > 0 ? ConfigSchema.Indexed(k.Name, 1 + index % k.IndexMax) : k.Name;

        private static string Value(ConfigKey k, int pick, string text)
        {
            switch (k.Type)
            {
                case ConfigKeyType.Int:
                    return (k.Min + (int)((uint)pick % (uint)(k.Max - k.Min + 1))).ToString();
                case ConfigKeyType.Bool:
                    return (pick & 1) == 0 ? "true" : "false";
                case ConfigKeyType.Enum:
                    return k.Choices[(pick & 0x7FFFFFFF) % k.Choices.Length];
                default:
                    int max = System.Math.Min(k.Max, 24);
                    string s = text.Length > max ? text.Substring(0, max) : text;
                    while (s.Length < k.Min) s += "x";
                    return s;
            }
        }

        [Fact]
        public void Serialized_configuration_parses_back_to_the_same_values()
        {
            var entry = Gen.Select(Gen.Int[0, Plain.Count - 1], Gen.Int[0, 7], Gen.Int, Gen.String[Gen.Char[Alphabet], 0, 30]);
            entry.Array[1, 30].Sample(entries =>
            {
                var built = new ProvisioningConfig();
                foreach (var (key, index, pick, text) in entries)
                {
                    ConfigKey k = Plain[key];
                    Assert.True(built.Set(Name(k, index), Value(k, pick, text)));
                }
                byte[] buffer = new byte[16384];
                int n = built.Serialize(buffer, 0);
                Assert.True(n > 0);
                var parsed = new ProvisioningConfig();
                Assert.True(ConfigParser.TryParse(buffer, 0, n, parsed, new CapturingLog(), "roundtrip.cfg", out string error),
                    error + "\n" + System.Text.Encoding.UTF8.GetString(buffer, 0, n));
                for (int i = 0; i < built.Count; i++) Assert.Equal(built.ValueAt(i), parsed.Get(built.KeyAt(i)));
                Assert.Equal(built.Count + 1, parsed.Count);                     // + config.version, written first
                // Serializing what was parsed gives the same bytes: the canonical form is a fixed point.
                byte[] again = new byte[16384];
                int m = parsed.Serialize(again, 0);
                Assert.Equal(System.Text.Encoding.UTF8.GetString(buffer, 0, n), System.Text.Encoding.UTF8.GetString(again, 0, m));
            });
        }
    }
}
