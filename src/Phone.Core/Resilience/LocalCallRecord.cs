// One call made, answered or missed while the phone ran on local survivability.
namespace Phone.Core.Resilience
{
    /// <summary>A slot of the <see cref="LocalCallLog"/>; reused, so its fields are set, not constructed.</summary>
    public sealed class LocalCallRecord
    {
        /// <summary>When the call started (the caller's clock, ms).</summary>
        public long AtMs;

        /// <summary>The other party: extension or dialled number.</summary>
        public string Peer;

        /// <summary>True for a call to us.</summary>
        public bool Incoming;

        /// <summary>True when the call was answered.</summary>
        public bool Answered;

        /// <summary>True for a call to an emergency number.</summary>
        public bool Emergency;

        /// <summary>Talk time, ms (0 when not answered).</summary>
        public long DurationMs;
    }
}
