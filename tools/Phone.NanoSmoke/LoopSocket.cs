// In-memory datagram socket pair for running the core on nanoCLR without a network stack (the posix nanoCLR has none).
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>
    /// Delivers every datagram sent to its <see cref="Peer"/>, up to 16 waiting (more are dropped, as a real network
    /// would). With <see cref="DropOtherAddresses"/> a datagram for an address other than the peer's (a registrar, an
    /// OPTIONS target) is dropped as an unreachable host's would be; without a peer everything is dropped.
    /// </summary>
    public sealed class LoopSocket : IDatagramSocket
    {
        private const int Depth = 16;
        private readonly byte[][] _data = new byte[Depth][];
        private readonly int[] _length = new int[Depth];
        private readonly NetEndPoint _local;
        private int _head;
        private int _count;

        /// <summary>A socket bound to <paramref name="local"/>.</summary>
        public LoopSocket(NetEndPoint local)
        {
            _local = local;
            for (int i = 0; i < Depth; i++) _data[i] = new byte[1500];
        }

        /// <summary>The socket datagrams reach (null: everything is dropped).</summary>
        public LoopSocket Peer;

        /// <summary>Drop datagrams addressed to anything but the peer's end point.</summary>
        public bool DropOtherAddresses;

        /// <inheritdoc/>
        public NetEndPoint LocalEndPoint => _local;

        /// <summary>Joins two sockets both ways; each drops datagrams for other addresses.</summary>
        public static void Pair(LoopSocket a, LoopSocket b)
        {
            a.Peer = b;
            b.Peer = a;
            a.DropOtherAddresses = b.DropOtherAddresses = true;
        }

        /// <inheritdoc/>
        public bool SendTo(byte[] buffer, int offset, int count, NetEndPoint remote)
        {
            LoopSocket p = Peer;
            if (p == null || (DropOtherAddresses && !remote.SameAs(p._local)) || p._count == Depth || count > 1500) return true;
            int i = (p._head + p._count) % Depth;
            Array.Copy(buffer, offset, p._data[i], 0, count);
            p._length[i] = count;
            p._count++;
            return true;
        }

        /// <inheritdoc/>
        public int ReceiveFrom(byte[] buffer, int offset, int count, out NetEndPoint remote)
        {
            remote = Peer != null ? Peer._local : _local;
            if (_count == 0) return 0;
            int n = _length[_head];
            if (n > count) n = count;
            Array.Copy(_data[_head], 0, buffer, offset, n);
            _head = (_head + 1) % Depth;
            _count--;
            return n;
        }

        /// <inheritdoc/>
        public bool WaitReadable(int timeoutMs) => _count > 0;

        /// <inheritdoc/>
        public void Close()
        {
        }
    }
}
