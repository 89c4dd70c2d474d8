// Test-side HTTP Digest client (RFC 7616 §3.4), written independently of the server's implementation.
namespace Phone.Provisioning.IntegrationTests
{
    using System;
    using System.Collections.Generic;
    using System.Security.Cryptography;
    using System.Text;
    using System.Text.RegularExpressions;

    /// <summary>Parses a challenge and computes the Authorization header with .NET's MD5/SHA-256.</summary>
    internal static class DigestTestClient
    {
        private static readonly Regex Param = new Regex("([A-Za-z0-9_-]+)=(?:\"([^\"]*)\"|([^,\\s]+))");

        public static Dictionary<string, string> Parse(string challenge)
        {
            Assert.StartsWith("Digest ", challenge);
            Dictionary<string, string> values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (Match m in Param.Matches(challenge.Substring(7)))
                values[m.Groups[1].Value] = m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
            return values;
        }

        public static string Answer(string challenge, string method, string uri, string user, string password, int nc = 1,
            string cnonce = "0a4f113b", string algorithmOverride = null)
        {
            Dictionary<string, string> c = Parse(challenge);
            string algorithm = algorithmOverride ?? (c.TryGetValue("algorithm", out string a) ? a : "MD5");
            bool sha = algorithm == "SHA-256";
            string realm = c["realm"];
            string nonce = c["nonce"];
            string ncText = nc.ToString("x8");
            string ha1 = H(sha, user + ":" + realm + ":" + password);
            string ha2 = H(sha, method + ":" + uri);
            string response = H(sha, ha1 + ":" + nonce + ":" + ncText + ":" + cnonce + ":auth:" + ha2);
            return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", algorithm=" + algorithm + ", response=\"" + response + "\", qop=auth, nc=" + ncText
                + ", cnonce=\"" + cnonce + "\", opaque=\"" + c["opaque"] + "\"";
        }

        private static string H(bool sha, string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return Convert.ToHexStringLower(sha ? SHA256.HashData(bytes) : MD5.HashData(bytes));
        }
    }
}
