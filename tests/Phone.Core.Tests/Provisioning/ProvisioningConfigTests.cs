// ProvisioningConfig held as one UTF-8 block: sets, replacements, merges and lookups against a plain reference model.
namespace Phone.Core.Tests.Provisioning
{
    using System.Collections.Generic;
    using System.Linq;
    using System.Text;
    using CsCheck;
    using Phone.Core.Provisioning;

    public class ProvisioningConfigTests
    {
        // Keys and values with the characters the block must carry: non-ASCII of 2, 3 and 4 UTF-8 bytes, empty values.
        private static readonly string[] Keys = { "tones.country", "account.1.user", "directory.201", "x", "ü.key", "€", "k.\U0001F600" };
        private const string Alphabet = "abc 019#\"\\=,ü€\u00e9";

        private static int EntryBytes(IEnumerable<(string Key, string Value)> entries) =>
            entries.Sum(e => 3 + Encoding.UTF8.GetByteCount(e.Key) + Encoding.UTF8.GetByteCount(e.Value));

        [Fact]
        public void Sets_and_replacements_of_any_length_keep_every_value_and_the_insertion_order()
        {
            var op = Gen.Select(Gen.Int[0, Keys.Length - 1], Gen.String[Gen.Char[Alphabet], 0, 40].Select(Gen.Bool, (s, emoji) => emoji ? s + "\U0001F600" : s));
            op.Array[1, 60].Sample(ops =>
            {
                var config = new ProvisioningConfig();
                var reference = new List<(string Key, string Value)>();
                foreach (var (k, value) in ops)
                {
                    string key = Keys[k];
                    Assert.True(config.Set(key, value));
                    int at = reference.FindIndex(e => e.Key == key);
                    if (at >= 0) reference[at] = (key, value);
                    else reference.Add((key, value));

                    Assert.Equal(reference.Count, config.Count);
                    for (int i = 0; i < reference.Count; i++)
                    {
                        Assert.Equal(reference[i].Key, config.KeyAt(i));
                        Assert.Equal(reference[i].Value, config.ValueAt(i));
                        Assert.Equal(reference[i].Value, config.Get(reference[i].Key));
                    }
                }
                foreach (string key in Keys) Assert.Equal(reference.Any(e => e.Key == key), config.Contains(key));
                Assert.Equal(EntryBytes(reference), config.ByteLength);

                // A copy is the same configuration and holds exactly its bytes (no slack kept by the configuration in force).
                ProvisioningConfig copy = config.Clone();
                Assert.True(copy.SameAs(config));
                Assert.Equal(config.ByteLength, copy.ByteLength);
            });
        }

        [Fact]
        public void Merge_lets_the_other_side_win_and_keeps_the_first_sides_order()
        {
            var entries = Gen.Select(Gen.Int[0, Keys.Length - 1], Gen.String[Gen.Char[Alphabet], 0, 20]).Array[0, 12];
            Gen.Select(entries, entries).Sample((first, second) =>
            {
                var a = new ProvisioningConfig();
                var b = new ProvisioningConfig();
                var reference = new List<(string Key, string Value)>();
                foreach (var (k, v) in first) { a.Set(Keys[k], v); Put(reference, Keys[k], v); }
                foreach (var (k, v) in second) { b.Set(Keys[k], v); }
                for (int i = 0; i < b.Count; i++) Put(reference, b.KeyAt(i), b.ValueAt(i));

                Assert.True(a.MergeFrom(b));
                Assert.Equal(reference.Select(e => e.Key), Enumerable.Range(0, a.Count).Select(a.KeyAt));
                Assert.Equal(reference.Select(e => e.Value), Enumerable.Range(0, a.Count).Select(a.ValueAt));
                Assert.Equal(EntryBytes(reference), a.ByteLength);
            });
        }

        private static void Put(List<(string Key, string Value)> list, string key, string value)
        {
            int at = list.FindIndex(e => e.Key == key);
            if (at >= 0) list[at] = (key, value);
            else list.Add((key, value));
        }

        [Fact]
        public void Typed_reads_and_defaults_come_from_the_block()
        {
            var c = new ProvisioningConfig();
            Assert.Null(c.Get("tones.country"));
            Assert.Equal(ConfigSchema.Find("tones.country").Default, c.GetString("tones.country"));
            Assert.True(c.Set("account.1.enabled", "false"));
            Assert.True(c.Set("media.rtp_port_min", "20000"));
            Assert.False(c.GetBool("account.1.enabled"));
            Assert.Equal(20000, c.GetInt("media.rtp_port_min"));
            Assert.True(c.Set("account.1.enabled", "true"));
            Assert.True(c.GetBool("account.1.enabled"));
            Assert.Equal("", c.GetString("no.such.key"));
            Assert.Throws<System.IndexOutOfRangeException>(() => c.KeyAt(2));
        }

        [Fact]
        public void A_value_equal_to_its_default_compares_the_same_as_an_absent_key()
        {
            var set = new ProvisioningConfig();
            set.Set("tones.country", ConfigSchema.Find("tones.country").Default);
            var empty = new ProvisioningConfig();
            Assert.Equal(ConfigChanges.None, set.Compare(empty));
            Assert.Equal(ConfigChanges.None, empty.Compare(set));
            set.Set("tones.country", "fr");
            Assert.Equal(ConfigChanges.Tones, set.Compare(empty));
            Assert.Equal(ConfigChanges.Tones, empty.Compare(set));
            Assert.False(set.AccountDiffers(empty, 1));
            set.Set("account.1.user", "201");
            Assert.True(set.AccountDiffers(empty, 1));
            Assert.True(empty.AccountDiffers(set, 1));
            Assert.False(set.AccountDiffers(empty, 2));
        }

        [Fact]
        public void Keys_and_values_longer_than_their_length_fields_are_refused()
        {
            var c = new ProvisioningConfig();
            Assert.True(c.Set(new string('k', ProvisioningConfig.MaxKeyBytes), "v"));
            Assert.False(c.Set(new string('k', ProvisioningConfig.MaxKeyBytes + 1), "v"));
            Assert.True(c.Set("big", new string('v', ProvisioningConfig.MaxValueBytes)));
            Assert.False(c.Set("bigger", new string('v', ProvisioningConfig.MaxValueBytes + 1)));
            Assert.Equal(2, c.Count);
            Assert.Equal(ProvisioningConfig.MaxValueBytes, c.Get("big").Length);
        }
    }
}
