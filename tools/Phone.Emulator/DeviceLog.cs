// An emulated device's log: one timestamped line per entry in its own device.log.
namespace Phone.Emulator
{
    using System;
    using System.IO;
    using Phone.Core.Ports;

    /// <summary>Log lines go to a file (device.log in the device's directory), flushed at once.</summary>
    internal sealed class DeviceLog : ILog, IDisposable
    {
        private readonly StreamWriter _writer;

        public DeviceLog(string path) => _writer = new StreamWriter(path, false) { AutoFlush = true };

        public void Write(LogLevel level, string source, string message)
        {
            lock (_writer) _writer.WriteLine(DateTime.UtcNow.ToString("HH:mm:ss.fff") + " " + LogLevelNames.Of(level) + " " + source + ": " + message);
        }

        public void Dispose()
        {
            lock (_writer) _writer.Dispose();
        }
    }
}
