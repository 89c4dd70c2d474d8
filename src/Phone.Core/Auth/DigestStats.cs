// Counters of the Digest client, for diagnostics pages and logs.
namespace Phone.Core.Auth
{
    /// <summary>Digest client counters (never reset implicitly).</summary>
    public sealed class DigestStats
    {
        /// <summary>401/407 responses processed.</summary>
        public int Challenges;

        /// <summary>Header values that did not parse.</summary>
        public int Malformed;

        /// <summary>Challenges skipped for an unsupported algorithm or qop.</summary>
        public int Unsupported;

        /// <summary>stale=true retries (new nonce, same credentials).</summary>
        public int StaleRetries;

        /// <summary>Non-stale re-challenges after we had answered (wrong credentials).</summary>
        public int Rejections;

        /// <summary>Challenges for a realm with no credentials.</summary>
        public int NoCredentials;

        /// <summary>Authorization / Proxy-Authorization values written.</summary>
        public int AuthorizationsWritten;

        /// <summary>Summary for logs.</summary>
        public override string ToString()
            => "challenges=" + Challenges + " malformed=" + Malformed + " unsupported=" + Unsupported + " stale=" + StaleRetries
             + " rejected=" + Rejections + " nocred=" + NoCredentials + " written=" + AuthorizationsWritten;
    }
}
