// Stream (TCP or TLS) connection port for SIP over connection-oriented transports (RFC 3261 §18.3, RFC 5626).
namespace Phone.Core.Ports
{
    using Phone.Core.Net;

    /// <summary>
    /// One open TCP or TLS connection. Calls never block for long and never throw: adapters catch platform
    /// exceptions and report failure through the return value (the connection then reads as closed).
    /// </summary>
    public interface IStreamConnection
    {
        /// <summary>The peer's address and port.</summary>
        NetEndPoint RemoteEndPoint { get; }

        /// <summary>False once the peer closed, an error occurred or <see cref="Close"/> was called.</summary>
        bool IsOpen { get; }

        /// <summary>Queues all of buffer[offset, offset+count) for sending; false when the connection failed.</summary>
        bool Send(byte[] buffer, int offset, int count);

        /// <summary>
        /// Copies received bytes without blocking into buffer[offset, offset+count): returns how many, 0 when none are
        /// waiting, or -1 when the connection is closed or failed.
        /// </summary>
        int Receive(byte[] buffer, int offset, int count);

        /// <summary>Closes the connection; later calls fail quietly.</summary>
        void Close();
    }
}
