// Datagram (UDP) socket port: SIP over UDP and RTP/RTCP use it; ESP32 sockets, host sockets and in-memory test
// transports implement it.
namespace Phone.Core.Ports
{
    using Phone.Core.Net;

    /// <summary>
    /// A bound UDP socket. Calls never throw: adapters catch platform exceptions at their boundary and report
    /// failure through the return value, so a network error is counted, not propagated into the core.
    /// </summary>
    public interface IDatagramSocket
    {
        /// <summary>The address and port this socket is bound to.</summary>
        NetEndPoint LocalEndPoint { get; }

        /// <summary>Sends one datagram. False when the platform refused it (the caller counts the drop).</summary>
        bool SendTo(byte[] buffer, int offset, int count, NetEndPoint remote);

        /// <summary>
        /// Receives one datagram without blocking into <paramref name="buffer"/>. Returns its length, 0 when none is
        /// waiting, or -1 when the socket is closed or failed. A datagram longer than <paramref name="count"/> is
        /// truncated to it (and the caller's parser rejects it).
        /// </summary>
        int ReceiveFrom(byte[] buffer, int offset, int count, out NetEndPoint remote);

        /// <summary>Blocks up to <paramref name="timeoutMs"/> until a datagram can be received; true if one can.</summary>
        bool WaitReadable(int timeoutMs);

        /// <summary>Releases the socket; later calls fail quietly.</summary>
        void Close();
    }
}
