// In-memory datagram socket for the whole-firmware heap probe: delivers only to its peer's address, drops the rest.
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>
    /// Like <see cref="LoopSocket"/>, but a datagram for another address (the registrars, the OPTIONS targets) is
    /// dropped as an unreachable host's would be, so the firmware runs as on a LAN where only the calling desk answers.
    /// </summary>
    public sealed class ProbeSocket : IDatagramSocket
    {
        private const int Depth = 8;
        private readonly byte[][] _data = new byte[Depth][];
        private readonly int[] _length = new int[Depth];
        private readonly NetEndPoint _local;
        private int _head;
        private int _count;

        /// <summary>A socket bound to <paramref name="local"/>.</summary>
        public ProbeSocket(NetEndPoint local)
        {
            _local = local;
            for (int i = 0; i < Depth; i++) _data[i] = new byte[1500];
        }

        /// <summary>The socket datagrams to its address reach (null: everything is dropped).</summary>
        public ProbeSocket Peer;

        /// <inheritdoc/>
        public NetEndPoint LocalEndPoint => _local;

        /// <summary>Joins two sockets both ways.</summary>
        public static void Pair(ProbeSocket a, ProbeSocket b)
        {
            a.Peer = b;
            b.Peer = a;
        }

        /// <inheritdoc/>
        public bool SendTo(byte[] buffer, int offset, int count, NetEndPoint remote)
        {
            ProbeSocket p = Peer;
            if (p == null || !remote.SameAs(p._local) || p._count == Depth || count > 1500) return true;
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
