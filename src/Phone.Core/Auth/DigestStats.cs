// Counters of the Digest client, for diagnostics pages and logs.
namespace Phone.Core.Auth
{
    /// <summary>Digest client counters (never reset implicitly).</summary>
    public sealed class DigestStats
    {
        // The counters in one array: on nanoCLR a field costs a 12-byte heap block, an int[] element 4 bytes.
        private readonly int[] _counts = new int[7];

        /// <summary>401/407 responses processed.</summary>
        public int Challenges { get => _counts[0]; set => _counts[0] = value; }

        /// <summary>Header values that did not parse.</summary>
        public int Malformed { get => _counts[1]; set => _counts[1] = value; }

        /// <summary>Challenges skipped for an unsupported algorithm or qop.</summary>
        public int Unsupported { get => _counts[2]; set => _counts[2] = value; }

        /// <summary>stale=true retries (new nonce, same credentials).</summary>
        public int StaleRetries { get => _counts[3]; set => _counts[3] = value; }

        /// <summary>Non-stale re-challenges after we had answered (wrong credentials).</summary>
        public int Rejections { get => _counts[4]; set => _counts[4] = value; }

        /// <summary>Challenges for a realm with no credentials.</summary>
        public int NoCredentials { get => _counts[5]; set => _counts[5] = value; }

        /// <summary>Authorization / Proxy-Authorization values written.</summary>
        public int AuthorizationsWritten { get => _counts[6]; set => _counts[6] = value; }

        /// <summary>Summary for logs.</summary>
        public override string ToString()
            => "challenges=" + Challenges + " malformed=" + Malformed + " unsupported=" + Unsupported + " stale=" + StaleRetries
             + " rejected=" + Rejections + " nocred=" + NoCredentials + " written=" + AuthorizationsWritten;
    }
}
