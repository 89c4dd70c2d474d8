// Log sink that keeps every line, so end-to-end tests can assert on messages and grep them for secrets.
namespace Phone.Provisioning.IntegrationTests.EndToEnd
{
    using System.Collections.Generic;
    using Phone.Core.Ports;

    internal sealed class RecordingLog : ILog
    {
        private readonly object _gate = new object();
        private readonly List<string> _lines = new List<string>();

        public void Write(LogLevel level, string source, string message)
        {
            lock (_gate) _lines.Add(LogLevelNames.Of(level) + " " + source + ": " + message);
        }

        public string All
        {
            get { lock (_gate) return string.Join("\n", _lines); }
        }
    }
}
