// States of one resolution.
namespace Phone.Core.Dns
{
    /// <summary>Where a <see cref="DnsResolver"/> lookup stands.</summary>
    public enum DnsResolveState : byte
    {
        /// <summary>No lookup started.</summary>
        Idle = 0,
        /// <summary>Waiting for the SRV answer.</summary>
        WaitingSrv = 1,
        /// <summary>Waiting for an A answer (an SRV target, or the fallback host).</summary>
        WaitingA = 2,
        /// <summary>Targets are ready (possibly from a stale cache entry when DNS is down).</summary>
        Done = 3,
        /// <summary>No answer and nothing cached.</summary>
        Failed = 4,
    }
}
