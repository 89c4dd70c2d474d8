// In-memory datagram socket pair for timing MediaSession on nanoCLR without a network stack (the posix nanoCLR has none).
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>A 16-datagram ring per end; SendTo copies into the peer's ring, ReceiveFrom copies out of its own.</summary>
    public sealed class LoopSocket : IDatagramSocket
    {
        private const int Depth = 16;
        private readonly byte[][] _data = new byte[Depth][];
        private readonly int[] _length = new int[Depth];
        private readonly NetEndPoint _local;
        private int _head;
        private int _count;

        /// <summary>Creates one end with its local address.</summary>
        public LoopSocket(NetEndPoint local)
        {
            _local = local;
            for (int i = 0; i < Depth; i++) _data[i] = new byte[1500];
        }

        /// <summary>The other end.</summary>
        public LoopSocket Peer;

        /// <inheritdoc/>
        public NetEndPoint LocalEndPoint => _local;

        /// <inheritdoc/>
        public bool SendTo(byte[] buffer, int offset, int count, NetEndPoint remote)
        {
            LoopSocket p = Peer;
            if (p._count == Depth) return true;   // full: dropped, as a real network would
            int i = (p._head + p._count) % Depth;
            Array.Copy(buffer, offset, p._data[i], 0, count);
            p._length[i] = count;
            p._count++;
            return true;
        }

        /// <inheritdoc/>
        public int ReceiveFrom(byte[] buffer, int offset, int count, out NetEndPoint remote)
        {
            remote = Peer._local;
            if (_count == 0) return 0;
            int n = _length[_head];
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
