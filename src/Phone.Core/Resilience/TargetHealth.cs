// Health of one registrar target as seen by the keep-alive probes (RFC 3263 §4.3: a server that does not answer is skipped).
namespace Phone.Core.Resilience
{
    /// <summary>What the probes say about one registrar target; names in <see cref="TargetHealthNames"/>.</summary>
    public enum TargetHealth : byte
    {
        /// <summary>Not probed yet (treated as usable).</summary>
        Unknown = 0,

        /// <summary>Answered its last probe.</summary>
        Alive = 1,

        /// <summary>Missed the configured number of probes in a row.</summary>
        Dead = 2,
    }
}
