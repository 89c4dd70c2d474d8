// Every default and example in the schema passes its own key's check, and the digit-map check is the dial plan's.
namespace Phone.Core.Tests.Provisioning
{
    using Phone.Core.DialPlan;
    using Phone.Core.Provisioning;

    public class ConfigSchemaDefaultsTests
    {
        [Fact]
        public void Every_default_and_example_is_accepted_by_its_own_key()
        {
            foreach (ConfigKey k in ConfigSchema.Keys)
            {
                if (!string.IsNullOrEmpty(k.Default))
                {
                    Assert.True(ConfigValues.TryNormalize(k, k.Default, out _, out string reason), k.Name + " default: " + reason);
                }
                // Examples in the docs are written as they appear in a file (quoted when they hold spaces or '|').
                string example = k.Example;
                if (string.IsNullOrEmpty(example) || k.Type == ConfigKeyType.Pem || k.Secret) continue;   // those examples are abbreviated
                if (example.Length >= 2 && example[0] == '"' && example[example.Length - 1] == '"') example = example.Substring(1, example.Length - 2);
                Assert.True(ConfigValues.TryNormalize(k, example, out _, out string why), k.Name + " example: " + why);
            }
        }

        [Fact]
        public void The_default_dial_plan_compiles_and_dials_an_extension_and_an_outside_number()
        {
            ConfigKey k = ConfigSchema.Find("dialplan.map");
            var map = new DigitMap();
            Assert.True(DigitMap.TryCompile(k.Default, map, out int error), "error at " + error);
        }

        [Theory]
        [InlineData("(<9:>xxxxxxxxxx|[2-7]xxx|911S0|!1900xxxxxxx)")]   // SPA substitution, immediate dial, barring
        [InlineData("L:10,S:4,(*xx|[2-9]xx|0x.)")]                       // SPA timer defaults
        [InlineData("(*xx|[2-9]xx|0[1-9]x.T|00x.T)")]                     // MGCP-style timer marks
        public void Digit_maps_the_dial_plan_compiles_are_accepted_by_the_configuration(string value)
        {
            Assert.True(DigitMap.TryCompile(value, new DigitMap(), out _));
            Assert.True(ConfigValues.TryNormalize(ConfigSchema.Find("dialplan.map"), value, out _, out string reason), reason);
        }

        [Theory]
        [InlineData("(*xx|[2-9]xx")]   // unclosed
        [InlineData("(x.|[9-2]x)")]    // reversed range
        [InlineData("(<9:xx)")]        // unclosed substitution
        public void Digit_maps_the_dial_plan_rejects_are_rejected_by_the_configuration_with_a_reason(string value)
        {
            Assert.False(DigitMap.TryCompile(value, new DigitMap(), out _));
            Assert.False(ConfigValues.TryNormalize(ConfigSchema.Find("dialplan.map"), value, out _, out string reason));
            Assert.False(string.IsNullOrEmpty(reason));
        }
    }
}
