// Log sink on the debug serial port (what Visual Studio's Output window and a serial terminal show).
namespace Phone.Device.Platform
{
    using System;
    using Phone.Core.Ports;

    /// <summary>Writes "[ms] LEVEL source: message" lines with Console.WriteLine; drops lines below a minimum level.</summary>
    public sealed class SerialLog : ILog
    {
        private readonly IClock _clock;
        private readonly LogLevel _minimum;
        private readonly object _gate = new object();

        /// <summary>Creates a log stamped with <paramref name="clock"/>.</summary>
        public SerialLog(IClock clock, LogLevel minimum)
        {
            _clock = clock;
            _minimum = minimum;
        }

        /// <inheritdoc/>
        public void Write(LogLevel level, string source, string message)
        {
            if (level < _minimum) return;
            try
            {
                lock (_gate)
                {
                    Console.WriteLine("[" + _clock.NowMs.ToString() + "] " + LogLevelNames.Of(level) + " " + source + ": " + message);
                }
            }
            catch (Exception)
            {
                // A log sink must not throw into its caller.
            }
        }
    }
}
