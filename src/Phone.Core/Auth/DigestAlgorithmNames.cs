// Wire names of Digest algorithms, RFC 7616 §3.3 / §6.1 (enum.ToString() prints a number on the device).
namespace Phone.Core.Auth
{
    /// <summary>Maps <see cref="DigestAlgorithm"/> to and from its token, and gives its strength rank.</summary>
    public static class DigestAlgorithmNames
    {
        /// <summary>Token as written in headers (e.g. "SHA-256"). Literals in code (flash on nanoCLR), not a string[]
        /// held in the heap: a name is needed once per challenge or Authorization.</summary>
        public static string Name(DigestAlgorithm algorithm)
        {
            switch (algorithm)
            {
                case DigestAlgorithm.Md5: return "MD5";
                case DigestAlgorithm.Md5Sess: return "MD5-sess";
                case DigestAlgorithm.Sha256: return "SHA-256";
                case DigestAlgorithm.Sha256Sess: return "SHA-256-sess";
                default: return "unsupported";
            }
        }

        /// <summary>Case-insensitive token lookup on s[start..start+length); unknown tokens give Unsupported.</summary>
        public static DigestAlgorithm Parse(string s, int start, int length)
        {
            for (int i = (int)DigestAlgorithm.Md5; i <= (int)DigestAlgorithm.Sha256Sess; i++)
            {
                if (AuthText.EqualsIgnoreCase(s, start, length, Name((DigestAlgorithm)i))) return (DigestAlgorithm)i;
            }
            return DigestAlgorithm.Unsupported;
        }

        /// <summary>
        /// Strength used to choose among several challenges for one realm (local policy: SHA-256 over MD5, RFC 8760); 0 = unusable.
        /// Within one hash the plain form ranks above -sess because more servers implement it consistently.
        /// </summary>
        public static int Rank(DigestAlgorithm algorithm)
        {
            switch (algorithm)
            {
                case DigestAlgorithm.Sha256: return 4;
                case DigestAlgorithm.Sha256Sess: return 3;
                case DigestAlgorithm.Md5: return 2;
                case DigestAlgorithm.Md5Sess: return 1;
                default: return 0;
            }
        }

        /// <summary>Digest length in bytes (16 or 32), 0 when unsupported.</summary>
        public static int HashSize(DigestAlgorithm algorithm)
        {
            switch (algorithm)
            {
                case DigestAlgorithm.Md5:
                case DigestAlgorithm.Md5Sess:
                    return 16;
                case DigestAlgorithm.Sha256:
                case DigestAlgorithm.Sha256Sess:
                    return 32;
                default:
                    return 0;
            }
        }

        /// <summary>True for the -sess variants.</summary>
        public static bool IsSession(DigestAlgorithm algorithm)
            => algorithm == DigestAlgorithm.Md5Sess || algorithm == DigestAlgorithm.Sha256Sess;
    }
}
