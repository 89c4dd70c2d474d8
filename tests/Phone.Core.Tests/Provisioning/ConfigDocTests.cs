// docs/CONFIGURATION.md documents every key of the schema table: its row (type, range, default, secret, example)
// must match the table exactly. PHONE_WRITE_CONFIG_DOC=1 rewrites the generated section from the schema first.
namespace Phone.Core.Tests.Provisioning
{
    using System;
    using System.IO;
    using System.Text;
    using Phone.Core.Provisioning;

    public class ConfigDocTests
    {
        private const string Begin = "<!-- BEGIN KEY TABLE (generated from ConfigSchema.Keys) -->";
        private const string End = "<!-- END KEY TABLE -->";

        internal static string RepoRoot()
        {
            string dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "Firmware.sln"))) dir = Path.GetDirectoryName(dir);
            Assert.NotNull(dir);
            return dir;
        }

        private static string Cell(string s) => s.Replace("|", "\\|");

        internal static string Range(ConfigKey k) => k.Type switch
        {
            ConfigKeyType.Version => "major or major.minor; major ≤ " + ConfigSchema.SupportedMajor,
            ConfigKeyType.String => k.Min + ".." + k.Max + " characters",
            ConfigKeyType.Int => k.Min + ".." + k.Max,
            ConfigKeyType.Bool => "true/false (yes/no, on/off, 1/0)",
            ConfigKeyType.Enum => string.Join(", ", k.Choices),
            ConfigKeyType.List => k.Min + ".." + k.Max + " distinct of " + string.Join(", ", k.Choices),
            ConfigKeyType.Address => "host[:port], empty allowed",
            ConfigKeyType.Url => "https:// URL, empty allowed",
            ConfigKeyType.Pem => "PEM block(s), at most " + k.Max + " characters",
            ConfigKeyType.DirectoryEntry => "name (1..64 characters), IPv4[:port]",
            ConfigKeyType.KeySpec => "speed/blf + number, line + 1.." + ConfigSchema.Accounts + ", or none; label ≤ 32",
            ConfigKeyType.Cadence => k.Min + ".." + k.Max + " times (even count), each 50..10000 ms",
            ConfigKeyType.DigitMap => "digit map, at most " + k.Max + " characters",
            ConfigKeyType.Hex => k.Min + ".." + k.Max + " hex digits (even)",
            _ => "?",
        };

        internal static string Row(ConfigKey k)
        {
            string name = "`" + Cell(k.Name) + "`" + (k.IndexMax > 0 ? " (n = 1.." + k.IndexMax + ")" : "");
            string def = k.Default.Length == 0 ? "(empty)" : "`" + Cell(k.Default) + "`";
            return "| " + name + " | " + ConfigKeyTypeNames.Of(k.Type) + " | " + Cell(Range(k)) + " | " + def + " | "
                + (k.Secret ? "**secret**" : "") + " | " + Cell(k.Help) + " | `" + Cell(k.Example) + "` |";
        }

        internal static string Table()
        {
            var sb = new StringBuilder();
            sb.Append(Begin).Append('\n');
            sb.Append("| Key | Type | Range | Default | Secret | Meaning | Example |\n");
            sb.Append("|---|---|---|---|---|---|---|\n");
            foreach (ConfigKey k in ConfigSchema.Keys) sb.Append(Row(k)).Append('\n');
            sb.Append(End);
            return sb.ToString();
        }

        [Fact]
        public void TheDocumentListsEveryKeyOfTheSchemaWithTypeRangeDefaultAndExample()
        {
            string path = Path.Combine(RepoRoot(), "docs", "CONFIGURATION.md");
            string doc = File.ReadAllText(path);
            int b = doc.IndexOf(Begin, StringComparison.Ordinal), e = doc.IndexOf(End, StringComparison.Ordinal);
            Assert.True(b >= 0 && e > b, "generated key table markers missing");
            if (Environment.GetEnvironmentVariable("PHONE_WRITE_CONFIG_DOC") == "1")
            {
                doc = doc.Substring(0, b) + Table() + doc.Substring(e + End.Length);
                File.WriteAllText(path, doc);
            }
            foreach (ConfigKey k in ConfigSchema.Keys) Assert.Contains(Row(k) + "\n", doc);
            Assert.Contains(Table(), doc);
        }

        [Fact]
        public void EveryExampleInTheSchemaIsItselfAValidValue()
        {
            foreach (ConfigKey k in ConfigSchema.Keys)
            {
                if (k.Type == ConfigKeyType.Pem || k.Type == ConfigKeyType.Hex) continue; // shown abbreviated
                string example = k.Example.StartsWith("\"") ? k.Example.Substring(1, k.Example.Length - 2) : k.Example;
                Assert.True(ConfigValues.TryNormalize(k, example, out _, out string reason), k.Name + ": " + reason);
                if (k.Default.Length > 0) Assert.True(ConfigValues.TryNormalize(k, k.Default, out _, out reason), k.Name + " default: " + reason);
            }
        }
    }
}
