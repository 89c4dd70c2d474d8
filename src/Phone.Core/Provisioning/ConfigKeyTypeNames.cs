// Printable names of ConfigKeyType (enum.ToString() prints a number on nanoFramework).
namespace Phone.Core.Provisioning
{
    /// <summary>Names of <see cref="ConfigKeyType"/> values as used in docs/CONFIGURATION.md.</summary>
    public static class ConfigKeyTypeNames
    {
        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 14;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "version";
                case 1: return "string";
                case 2: return "int";
                case 3: return "bool";
                case 4: return "enum";
                case 5: return "list";
                case 6: return "address";
                case 7: return "url";
                case 8: return "pem";
                case 9: return "directory-entry";
                case 10: return "key-spec";
                case 11: return "cadence";
                case 12: return "digit-map";
                case 13: return "hex";
                default: return "?";
            }
        }

        /// <summary>The name of <paramref name="type"/>, or "?".</summary>
        public static string Of(ConfigKeyType type)
        {
            int i = (int)type;
            return i >= 0 && i < NameCount ? NameAt(i) : "?";
        }
    }
}
