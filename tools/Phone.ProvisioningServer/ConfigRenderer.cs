// Renders a device's config from its template, appends the signature line and computes the strong ETag.
namespace Phone.ProvisioningServer
{
    using System;
    using System.Collections.Generic;
    using System.Security.Cryptography;
    using System.Text;

    /// <summary>Template expansion (%%name%%, 3CX style), HMAC-SHA-256 signing and ETags for served files.</summary>
    public static class ConfigRenderer
    {
        /// <summary>
        /// Replaces every %%name%% with its value; "mac" is predefined. False (and the name in
        /// <paramref name="missing"/>) when a template names an undefined variable: better no file than a wrong one.
        /// </summary>
        public static bool TryRender(string template, string mac, Dictionary<string, string> variables, out string text,
            out string missing)
        {
            StringBuilder output = new StringBuilder(template.Length + 64);
            missing = null;
            text = null;
            int i = 0;
            while (i < template.Length)
            {
                int open = template.IndexOf("%%", i, StringComparison.Ordinal);
                if (open < 0)
                {
                    output.Append(template, i, template.Length - i);
                    break;
                }

                int close = template.IndexOf("%%", open + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    output.Append(template, i, template.Length - i);
                    break;
                }

                output.Append(template, i, open - i);
                string name = template.Substring(open + 2, close - open - 2);
                string value;
                if (name == "mac") value = mac;
                else if (variables == null || !variables.TryGetValue(name, out value) || value == null)
                {
                    missing = name;
                    return false;
                }

                output.Append(value);
                i = close + 2;
            }

            text = output.ToString();
            return true;
        }

        /// <summary>
        /// The file bytes as served: UTF-8 text ending in a line feed, then with a key the line
        /// "# signature = &lt;hex HMAC-SHA-256 of every preceding byte&gt;\n".
        /// </summary>
        public static byte[] Finish(string text, string signingKeyHex)
        {
            if (text.Length > 0 && text[text.Length - 1] != '\n') text += "\n";
            byte[] body = Encoding.UTF8.GetBytes(text);
            if (string.IsNullOrEmpty(signingKeyHex)) return body;
            string signature = Sign(body, signingKeyHex);
            byte[] line = Encoding.ASCII.GetBytes("# signature = " + signature + "\n");
            byte[] signed = new byte[body.Length + line.Length];
            Buffer.BlockCopy(body, 0, signed, 0, body.Length);
            Buffer.BlockCopy(line, 0, signed, body.Length, line.Length);
            return signed;
        }

        /// <summary>Lower-case hex HMAC-SHA-256 (RFC 2104) of <paramref name="content"/> under the hex key.</summary>
        /// <exception cref="FormatException">The key is not hex.</exception>
        public static string Sign(byte[] content, string signingKeyHex)
        {
            return Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromHexString(signingKeyHex), content));
        }

        /// <summary>Strong entity tag (RFC 9110 §8.8.3) from the content hash, quotes included.</summary>
        public static string ETagOf(byte[] content)
        {
            return "\"" + Convert.ToHexStringLower(SHA256.HashData(content), 0, 16) + "\"";
        }

        /// <summary>
        /// If-None-Match evaluation (RFC 9110 §13.1.2: weak comparison, "*" matches any current representation).
        /// </summary>
        public static bool NoneMatchHits(string ifNoneMatch, string etag)
        {
            if (string.IsNullOrEmpty(ifNoneMatch)) return false;
            foreach (string raw in ifNoneMatch.Split(','))
            {
                string tag = raw.Trim();
                if (tag == "*") return true;
                if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag.Substring(2);
                if (tag == etag) return true;
            }

            return false;
        }
    }
}
