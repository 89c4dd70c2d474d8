// Host monotonic clock.
namespace Phone.Host.Ports
{
    using System.Diagnostics;
    using Phone.Core.Ports;

    /// <summary>Milliseconds from a Stopwatch started at construction.</summary>
    public sealed class SystemClock : IClock
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        /// <inheritdoc/>
        public long NowMs => _watch.ElapsedMilliseconds;
    }
}
