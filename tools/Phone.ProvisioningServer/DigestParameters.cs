// Parser for the auth-param list of an Authorization: Digest header (RFC 7616 §3.4, RFC 9110 §11.2).
namespace Phone.ProvisioningServer
{
    using System;
    using System.Collections.Generic;
    using System.Text;

    /// <summary>The name=value pairs of a Digest credentials header; names are case-insensitive.</summary>
    public static class DigestParameters
    {
        /// <summary>Parses "Digest a=b, c="d"…"; false when the scheme is not Digest or the syntax is broken.</summary>
        public static bool TryParse(string header, out Dictionary<string, string> values)
        {
            values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (header == null || !header.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase)) return false;
            int i = 7;
            while (i < header.Length)
            {
                while (i < header.Length && (header[i] == ' ' || header[i] == ',' || header[i] == '\t')) i++;
                if (i >= header.Length) break;
                int nameStart = i;
                while (i < header.Length && header[i] != '=' && header[i] != ' ' && header[i] != ',') i++;
                string name = header.Substring(nameStart, i - nameStart);
                while (i < header.Length && header[i] == ' ') i++;
                if (i >= header.Length || header[i] != '=' || name.Length == 0) return false;
                i++;
                while (i < header.Length && header[i] == ' ') i++;
                string value;
                if (i < header.Length && header[i] == '"')
                {
                    // quoted-string with quoted-pair escapes (RFC 9110 §5.6.4)
                    StringBuilder text = new StringBuilder();
                    i++;
                    while (true)
                    {
                        if (i >= header.Length) return false;
                        char c = header[i++];
                        if (c == '"') break;
                        if (c == '\\')
                        {
                            if (i >= header.Length) return false;
                            c = header[i++];
                        }

                        text.Append(c);
                    }

                    value = text.ToString();
                }
                else
                {
                    int valueStart = i;
                    while (i < header.Length && header[i] != ',' && header[i] != ' ') i++;
                    value = header.Substring(valueStart, i - valueStart);
                }

                if (values.ContainsKey(name)) return false;
                values[name] = value;
            }

            return true;
        }
    }
}
