// Randomized start of registration and keep-alive, so an office whose power returns does not register all at once.
namespace Phone.Core.Resilience
{
    using Phone.Core.Sip.Registration;

    /// <summary>
    /// Waits a random 0..<c>maxDelayMs</c> after <see cref="Arm"/>, then starts the <see cref="RegistrationClient"/> and
    /// (when given) the <see cref="RegistrarMonitor"/>. Together with the client's capped exponential back-off with
    /// jitter (RFC 5626 §4.5) and its honouring of 503 Retry-After, this spreads a registration storm.
    /// </summary>
    public sealed class RegistrationStarter
    {
        private readonly RegistrationClient _registration;
        private readonly RegistrarMonitor _monitor;
        private readonly int _maxDelayMs;
        private readonly System.Random _random;

        /// <summary>Creates the starter; nothing happens until <see cref="Arm"/>.</summary>
        public RegistrationStarter(RegistrationClient registration, RegistrarMonitor monitor, int maxDelayMs, System.Random random)
        {
            _registration = registration;
            _monitor = monitor;
            _maxDelayMs = maxDelayMs < 0 ? 0 : maxDelayMs;
            _random = random;
            StartAtMs = long.MaxValue;
        }

        /// <summary>When the registration starts (long.MaxValue before <see cref="Arm"/> and after the start).</summary>
        public long StartAtMs { get; private set; }

        /// <summary>True once the registration was started.</summary>
        public bool Started { get; private set; }

        /// <summary>The delay drawn by the last <see cref="Arm"/>, ms.</summary>
        public int DelayMs { get; private set; }

        /// <summary>Draws the start delay (the device booted, or the link came up for the first time).</summary>
        public void Arm(long nowMs)
        {
            DelayMs = _maxDelayMs == 0 ? 0 : _random.Next(_maxDelayMs + 1);
            StartAtMs = nowMs + DelayMs;
            Started = false;
        }

        /// <summary>Starts when due; returns the next deadline (long.MaxValue once started).</summary>
        public long Poll(long nowMs)
        {
            if (Started || nowMs < StartAtMs) return StartAtMs;
            Started = true;
            StartAtMs = long.MaxValue;
            _registration.Start(nowMs);
            if (_monitor != null) _monitor.Start(nowMs);
            return long.MaxValue;
        }
    }
}
