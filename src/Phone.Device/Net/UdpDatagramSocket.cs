// UDP socket port over System.Net.Sockets.Socket (lwIP on the ESP32), non-blocking through Poll/Available.
namespace Phone.Device.Net
{
    using System;
    using System.Net;
    using System.Net.Sockets;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>
    /// A bound UDP socket. Every platform exception is caught here and turned into a return value and a counter.
    /// The last peer's IPEndPoint is cached so that a steady RTP stream to one peer allocates no EndPoint per send;
    /// nanoFramework's ReceiveFrom itself creates an IPEndPoint per datagram (SocketsNative recvfrom), which this
    /// adapter cannot avoid.
    /// </summary>
    public sealed class UdpDatagramSocket : IDatagramSocket
    {
        private readonly Socket _socket;
        private readonly NetEndPoint _local;
        private EndPoint _sendCache;
        private NetEndPoint _sendCacheKey;
        private IPEndPoint _receiveCache;
        private NetEndPoint _receiveCacheKey;
        private readonly EndPoint _anyPeer = new IPEndPoint(0, 0);
        private bool _closed;

        /// <summary>Send calls that the platform refused.</summary>
        public int SendErrors;

        /// <summary>Receive calls that the platform failed.</summary>
        public int ReceiveErrors;

        private UdpDatagramSocket(Socket socket, NetEndPoint local)
        {
            _socket = socket;
            _local = local;
        }

        /// <summary>Opens a UDP socket bound to <paramref name="localAddress"/>:<paramref name="port"/>; null (and a reason) on failure.</summary>
        public static UdpDatagramSocket Open(uint localAddress, int port, out string error)
        {
            error = null;
            Socket socket = null;
            try
            {
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                socket.Bind(new IPEndPoint(0, port));
                return new UdpDatagramSocket(socket, new NetEndPoint(localAddress, port));
            }
            catch (Exception ex)
            {
                error = DescribeException(ex);
                if (socket != null)
                {
                    try { socket.Close(); } catch (Exception) { }
                }
                return null;
            }
        }

        /// <inheritdoc/>
        public NetEndPoint LocalEndPoint => _local;

        /// <inheritdoc/>
        public bool SendTo(byte[] buffer, int offset, int count, NetEndPoint remote)
        {
            if (_closed) return false;
            try
            {
                if (_sendCache == null || !_sendCacheKey.SameAs(remote))
                {
                    _sendCache = new IPEndPoint(ToNanoAddress(remote.Address), remote.Port);
                    _sendCacheKey = remote;
                }
                return _socket.SendTo(buffer, offset, count, SocketFlags.None, _sendCache) == count;
            }
            catch (Exception)
            {
                SendErrors++;
                return false;
            }
        }

        /// <inheritdoc/>
        public int ReceiveFrom(byte[] buffer, int offset, int count, out NetEndPoint remote)
        {
            remote = new NetEndPoint(0, 0);
            if (_closed) return -1;
            try
            {
                if (_socket.Available <= 0) return 0;
                EndPoint from = _anyPeer;
                int n = _socket.ReceiveFrom(buffer, offset, count, SocketFlags.None, ref from);
                IPEndPoint ip = from as IPEndPoint;
                if (ip != null)
                {
                    if (_receiveCache == null || !ip.Equals(_receiveCache))
                    {
                        byte[] a = ip.Address.GetAddressBytes();
                        _receiveCacheKey = new NetEndPoint(NetEndPoint.MakeAddress(a[0], a[1], a[2], a[3]), ip.Port);
                        _receiveCache = ip;
                    }
                    remote = _receiveCacheKey;
                }
                return n;
            }
            catch (Exception)
            {
                ReceiveErrors++;
                return -1;
            }
        }

        /// <inheritdoc/>
        public bool WaitReadable(int timeoutMs)
        {
            if (_closed) return false;
            try
            {
                return _socket.Poll(timeoutMs * 1000, SelectMode.SelectRead);
            }
            catch (Exception)
            {
                ReceiveErrors++;
                return false;
            }
        }

        /// <inheritdoc/>
        public void Close()
        {
            if (_closed) return;
            _closed = true;
            try { _socket.Close(); } catch (Exception) { }
        }

        /// <summary>
        /// nanoFramework's IPAddress(long) stores the first octet in the low byte (IPAddress.cs GetAddressBytes),
        /// the reverse of NetEndPoint's packing.
        /// </summary>
        public static long ToNanoAddress(uint address)
            => (long)(((address >> 24) & 0xFF) | (((address >> 16) & 0xFF) << 8) | (((address >> 8) & 0xFF) << 16) | ((address & 0xFF) << 24));

        internal static string DescribeException(Exception ex)
        {
            SocketException se = ex as SocketException;
            return se != null ? "socket error " + se.ErrorCode.ToString() : ex.Message;
        }
    }
}
