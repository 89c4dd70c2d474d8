// Printable names of ConfigKeyType (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Provisioning
{
    /// <summary>Names of <see cref="ConfigKeyType"/> values as used in docs/CONFIGURATION.md.</summary>
    public static class ConfigKeyTypeNames
    {
        private static readonly string[] Names =
        {
            "version", "string", "int", "bool", "enum", "list", "address", "url", "pem", "directory-entry", "key-spec",
            "cadence", "digit-map", "hex",
        };

        /// <summary>The name of <paramref name="type"/>, or "?".</summary>
        public static string Of(ConfigKeyType type)
        {
            int i = (int)type;
            return i >= 0 && i < Names.Length ? Names[i] : "?";
        }
    }
}
