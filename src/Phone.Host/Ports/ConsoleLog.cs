// Host log sink: one plain line per entry on standard error.
namespace Phone.Host.Ports
{
    using System;
    using Phone.Core.Ports;

    /// <summary>Writes "LEVEL source: message" lines to standard error, filtered by a minimum level.</summary>
    public sealed class ConsoleLog : ILog
    {
        private readonly LogLevel _minimum;
        private readonly object _gate = new object();

        /// <summary>Creates a log that drops lines below <paramref name="minimum"/>.</summary>
        public ConsoleLog(LogLevel minimum = LogLevel.Info) => _minimum = minimum;

        /// <inheritdoc/>
        public void Write(LogLevel level, string source, string message)
        {
            if (level < _minimum) return;
            lock (_gate)
            {
                Console.Error.WriteLine(LogLevelNames.Of(level) + " " + source + ": " + message);
            }
        }
    }
}
