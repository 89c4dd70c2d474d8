// Timing of registrar failure detection and fail-back hysteresis (keep-alive OPTIONS, RFC 3261 §11).
namespace Phone.Core.Resilience
{
    /// <summary>
    /// Keep-alive and hysteresis settings. With the defaults a registrar that dies is declared dead at most
    /// KeepAliveIntervalMs + DeadAfterMisses · ProbeTimeoutMs = 9 s after its last answer, and the phone registers
    /// on the next target at once.
    /// </summary>
    public sealed class RegistrarMonitorConfig
    {
        /// <summary>Probe interval of the registrar in use, ms (well under the 30 s of common phones; keeps NAT open too).</summary>
        public int KeepAliveIntervalMs = 7000;

        /// <summary>
        /// A probe without a final answer after this long is a miss and its transaction is abandoned, ms. Longer than
        /// T1 so that one lost datagram is retransmitted (RFC 3261 §17.1.2.2) before it counts.
        /// </summary>
        public int ProbeTimeoutMs = 1000;

        /// <summary>Consecutive misses that declare a target dead; after a miss the next probe goes out at once.</summary>
        public int DeadAfterMisses = 2;

        /// <summary>Probe interval of targets not in use: better ones (for fail-back) and all of them when none answers, ms.</summary>
        public int RecoveryProbeIntervalMs = 7000;

        /// <summary>Consecutive good probes of a better target before failing back to it (hysteresis against flapping).</summary>
        public int FailbackGoodProbes = 3;
    }
}
