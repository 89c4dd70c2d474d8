// Log sink: the edge where strings are allowed. Never log secrets (passwords, Authorization values).
namespace Phone.Core.Ports
{
    /// <summary>Receives log lines from the core. Implementations must not throw.</summary>
    public interface ILog
    {
        /// <summary>Writes one line. <paramref name="source"/> is a short component name such as "sip" or "media".</summary>
        void Write(LogLevel level, string source, string message);
    }
}
