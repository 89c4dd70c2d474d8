// Severity of a log line.
namespace Phone.Core.Ports
{
    /// <summary>Severity of a log line (use <see cref="LogLevelNames"/> to print it: enum.ToString() is a number on the device).</summary>
    public enum LogLevel : byte
    {
        Debug = 0,
        Info = 1,
        Warning = 2,
        Error = 3,
    }
}
