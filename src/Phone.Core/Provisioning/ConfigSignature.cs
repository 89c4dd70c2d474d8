// Signed configuration files: a trailing "# signature = <hex HMAC-SHA-256>" line over all preceding bytes (RFC 2104, FIPS 180-4).
namespace Phone.Core.Provisioning
{
    using Phone.Core.Crypto;

    /// <summary>Result of checking a file's signature line.</summary>
    public enum SignatureCheck : byte
    {
        /// <summary>Signature present and correct.</summary>
        Valid = 0,
        /// <summary>No signature line and none required: the whole file is content.</summary>
        Unsigned = 1,
        /// <summary>Signature line present but no key to check it with, and none required: ignored.</summary>
        Unchecked = 2,
        /// <summary>No signature line, but signing is required.</summary>
        Missing = 3,
        /// <summary>The signature line is cut short or not 64 hex digits (e.g. a truncated download).</summary>
        Malformed = 4,
        /// <summary>The HMAC does not match: the file was altered, truncated or signed with another key.</summary>
        Bad = 5,
        /// <summary>Signing is required but no signing secret is known.</summary>
        NoKey = 6,
    }

    /// <summary>
    /// Checks and produces the signature line. The signed bytes are everything before the last line, byte for byte
    /// (so the server signs exactly what it sends); the last line is "# signature = " + 64 lower-case hex digits of
    /// HMAC-SHA-256(key, signed bytes), ending with LF. Being a comment, it leaves unsigned-capable parsers unaffected.
    /// </summary>
    public static class ConfigSignature
    {
        /// <summary>The text before the hex digits.</summary>
        public const string Prefix = "# signature = ";

        private const int MacHexLength = HmacSha256.MacSize * 2;

        /// <summary>
        /// Finds and checks the signature line of body[0 .. count). <paramref name="contentLength"/> is the length of
        /// the part before the signature line (the whole body when there is none). <paramref name="key"/> may be null.
        /// </summary>
        public static SignatureCheck Check(byte[] body, int count, byte[] key, bool required, out int contentLength)
        {
            contentLength = count;
            int end = count;
            if (end > 0 && body[end - 1] == (byte)'\n') end--;
            if (end > 0 && body[end - 1] == (byte)'\r') end--;
            int lineStart = end;
            while (lineStart > 0 && body[lineStart - 1] != (byte)'\n') lineStart--;
            if (!StartsWith(body, lineStart, end, "# signature"))
            {
                if (required) return key == null ? SignatureCheck.NoKey : SignatureCheck.Missing;
                return SignatureCheck.Unsigned;
            }
            contentLength = lineStart;
            if (key == null) return required ? SignatureCheck.NoKey : SignatureCheck.Unchecked;
            if (!StartsWith(body, lineStart, end, Prefix)) return SignatureCheck.Malformed;
            int hexStart = lineStart + Prefix.Length;
            while (end > hexStart && (body[end - 1] == (byte)' ' || body[end - 1] == (byte)'\t')) end--;
            if (end - hexStart != MacHexLength) return SignatureCheck.Malformed;
            byte[] expected = new byte[HmacSha256.MacSize];
            for (int i = 0; i < HmacSha256.MacSize; i++)
            {
                int hi = Hex.DigitValue(body[hexStart + 2 * i]);
                int lo = Hex.DigitValue(body[hexStart + 2 * i + 1]);
                if (hi < 0 || lo < 0) return SignatureCheck.Malformed;
                expected[i] = (byte)((hi << 4) | lo);
            }
            byte[] mac = new byte[HmacSha256.MacSize];
            HmacSha256.Compute(key, 0, key.Length, body, 0, lineStart, mac, 0);
            return CryptoBytes.FixedTimeEquals(mac, 0, expected, 0, HmacSha256.MacSize) ? SignatureCheck.Valid : SignatureCheck.Bad;
        }

        /// <summary>
        /// The signature line for content[offset .. offset+count), with its LF; append it to the content to sign a
        /// file. The content must end with LF so that the signature stays on a line of its own.
        /// </summary>
        public static string Line(byte[] key, byte[] content, int offset, int count)
        {
            byte[] mac = new byte[HmacSha256.MacSize];
            HmacSha256.Compute(key, 0, key.Length, content, offset, count, mac, 0);
            return Prefix + Hex.ToLowerHex(mac, 0, mac.Length) + "\n";
        }

        /// <summary>A short phrase for log lines.</summary>
        public static string Describe(SignatureCheck check)
        {
            switch (check)
            {
                case SignatureCheck.Valid: return "signature valid";
                case SignatureCheck.Unsigned: return "unsigned";
                case SignatureCheck.Unchecked: return "signature not checked (no signing secret)";
                case SignatureCheck.Missing: return "missing signature (security.signing_required)";
                case SignatureCheck.Malformed: return "malformed or truncated signature line";
                case SignatureCheck.Bad: return "bad signature";
                case SignatureCheck.NoKey: return "signature required but no security.signing_secret";
                default: return "?";
            }
        }

        /// <summary>Decodes a hex signing secret; null when empty or not hex.</summary>
        public static byte[] KeyFromHex(string hex)
        {
            if (hex == null || hex.Length == 0 || (hex.Length & 1) != 0) return null;
            byte[] key = new byte[hex.Length / 2];
            return Hex.TryDecode(hex, 0, key.Length, key, 0) ? key : null;
        }

        private static bool StartsWith(byte[] b, int start, int end, string text)
        {
            if (end - start < text.Length) return false;
            for (int i = 0; i < text.Length; i++)
            {
                if (b[start + i] != (byte)text[i]) return false;
            }
            return true;
        }
    }
}
