// A log that discards everything, so fuzzing measures the parsers and not the console.
namespace Phone.Fuzz
{
    using Phone.Core.Ports;

    /// <summary>Discards log lines.</summary>
    public sealed class NullLog : ILog
    {
        /// <summary>Does nothing.</summary>
        public void Write(LogLevel level, string source, string message)
        {
        }
    }
}
