// Log sink that keeps every line, so tests can assert on messages and grep them for secrets.
namespace Phone.Core.Tests.Provisioning
{
    using System.Collections.Generic;
    using Phone.Core.Ports;

    /// <summary>Collects "LEVEL source: message" lines.</summary>
    public sealed class CapturingLog : ILog
    {
        /// <summary>Every line written, in order.</summary>
        public List<string> Lines { get; } = new List<string>();

        /// <inheritdoc/>
        public void Write(LogLevel level, string source, string message)
            => Lines.Add(LogLevelNames.Of(level) + " " + source + ": " + message);

        /// <summary>All lines joined by newlines (for assertion messages).</summary>
        public string All => string.Join("\n", Lines);

        /// <summary>True when some line contains <paramref name="text"/>.</summary>
        public bool Contains(string text) => Lines.Exists(l => l.Contains(text));
    }
}
