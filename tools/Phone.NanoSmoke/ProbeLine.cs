// Line hardware and log for the whole-firmware heap probe: an on-hook handset that never moves, a log that drops.
namespace Phone.NanoSmoke
{
    using Phone.Core.Ports;

    /// <summary>No hook edges, no keys; ringing and indicators ignored. Also the log: entries dropped.</summary>
    public sealed class ProbeLine : ILineHardware, ILog
    {
        /// <inheritdoc/>
        public bool IsOffHook => false;

        /// <inheritdoc/>
        public bool TryReadHookEdge(out bool offHook, out long atMs)
        {
            offHook = false;
            atMs = 0;
            return false;
        }

        /// <inheritdoc/>
        public void SetRinging(bool on)
        {
        }

        /// <inheritdoc/>
        public void SetReversedPolarity(bool reversed)
        {
        }

        /// <inheritdoc/>
        public bool TryReadKey(out char key)
        {
            key = '\0';
            return false;
        }

        /// <inheritdoc/>
        public void SetIndicator(int indicator, IndicatorPattern pattern)
        {
        }

        /// <inheritdoc/>
        public void Write(LogLevel level, string source, string message)
        {
        }
    }
}
