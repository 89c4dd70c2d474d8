// Host UDP socket behind the core's datagram port (System.Net.Sockets), IPv4.
namespace Phone.Host.Net
{
    using System;
    using System.Net;
    using System.Net.Sockets;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>
    /// A non-blocking UDP socket. Platform exceptions are caught here, at the boundary, and reported as
    /// false / -1, as the port requires. Receiving reuses one EndPoint object, so steady-state receive
    /// allocates only what the runtime's socket layer does.
    /// </summary>
    public sealed class HostDatagramSocket : IDatagramSocket, IDisposable
    {
        private readonly Socket _socket;
        private readonly IPEndPoint _sendTarget = new IPEndPoint(IPAddress.Any, 0);
        private EndPoint _receiveFrom = new IPEndPoint(IPAddress.Any, 0);
        private bool _closed;

        /// <summary>Binds a UDP socket to <paramref name="local"/> (port 0 = ephemeral).</summary>
        /// <exception cref="SocketException">The address or port cannot be bound (for example, the port is taken).</exception>
        public HostDatagramSocket(NetEndPoint local)
        {
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                _socket.Blocking = false;
                _socket.Bind(ToIp(local));
                var bound = (IPEndPoint)_socket.LocalEndPoint;
                LocalEndPoint = new NetEndPoint(local.Address, bound.Port);
            }
            catch
            {
                _socket.Dispose();
                throw;
            }
        }

        /// <inheritdoc/>
        public NetEndPoint LocalEndPoint { get; }

        /// <summary>Datagrams the platform refused to send or failed to receive.</summary>
        public int Errors { get; private set; }

        /// <inheritdoc/>
        public bool SendTo(byte[] buffer, int offset, int count, NetEndPoint remote)
        {
            if (_closed) return false;
            try
            {
                _sendTarget.Address = new IPAddress(ToNetworkBytes(remote.Address));
                _sendTarget.Port = remote.Port;
                return _socket.SendTo(buffer, offset, count, SocketFlags.None, _sendTarget) == count;
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException || e is ArgumentException)
            {
                Errors++;
                return false;
            }
        }

        /// <inheritdoc/>
        public int ReceiveFrom(byte[] buffer, int offset, int count, out NetEndPoint remote)
        {
            remote = default;
            if (_closed) return -1;
            while (true)
            {
                try
                {
                    if (_socket.Available == 0) return 0;
                    int n = _socket.ReceiveFrom(buffer, offset, count, SocketFlags.None, ref _receiveFrom);
                    var from = (IPEndPoint)_receiveFrom;
                    remote = new NetEndPoint(FromIp(from.Address), from.Port);
                    return n;
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
                {
                    return 0;
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.MessageSize)
                {
                    // Longer than the buffer: the prefix is in the buffer; the caller's parser rejects it.
                    var from = (IPEndPoint)_receiveFrom;
                    remote = new NetEndPoint(FromIp(from.Address), from.Port);
                    return count;
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
                {
                    // ICMP port unreachable from an earlier send: not an error of this socket; read on.
                    continue;
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
                {
                    Errors++;
                    return -1;
                }
            }
        }

        /// <inheritdoc/>
        public bool WaitReadable(int timeoutMs)
        {
            if (_closed) return false;
            try
            {
                return _socket.Poll(timeoutMs < 0 ? -1 : timeoutMs * 1000, SelectMode.SelectRead);
            }
            catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
            {
                return false;
            }
        }

        /// <inheritdoc/>
        public void Close()
        {
            if (_closed) return;
            _closed = true;
            _socket.Dispose();
        }

        /// <inheritdoc/>
        public void Dispose() => Close();

        private static IPEndPoint ToIp(NetEndPoint ep) => new IPEndPoint(new IPAddress(ToNetworkBytes(ep.Address)), ep.Port);

        private static byte[] ToNetworkBytes(uint address)
            => new[] { (byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address };

        private static uint FromIp(IPAddress address)
        {
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            byte[] b = address.GetAddressBytes();
            return b.Length == 4 ? ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3] : 0;
        }
    }
}
