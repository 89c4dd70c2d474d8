// In-memory datagram pair with deterministic loss and reordering, allocation-free after construction.
namespace Phone.Core.Tests.Media
{
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>Two connected sockets; what one sends, the other receives (unless lost or held back to reorder).</summary>
    public sealed class MemoryDatagramLink
    {
        public readonly Endpoint A;
        public readonly Endpoint B;

        public MemoryDatagramLink(NetEndPoint a, NetEndPoint b, int lossPercent, int reorderPercent, uint seed)
        {
            A = new Endpoint(a, lossPercent, reorderPercent, seed);
            B = new Endpoint(b, lossPercent, reorderPercent, seed * 7 + 3);
            A.Peer = B;
            B.Peer = A;
        }

        public sealed class Endpoint : IDatagramSocket
        {
            private const int Slots = 128;
            private readonly byte[][] _data = new byte[Slots][];
            private readonly int[] _length = new int[Slots];
            private readonly NetEndPoint[] _from = new NetEndPoint[Slots];
            private readonly byte[] _held = new byte[1500];
            private int _heldLength;
            private NetEndPoint _heldFrom;
            private int _head, _count;
            private uint _random;
            private readonly int _loss, _reorder;
            public Endpoint Peer;
            public int Sent, Lost, Reordered, Overflowed;
            public bool Enabled = true;

            public Endpoint(NetEndPoint local, int loss, int reorder, uint seed)
            {
                LocalEndPoint = local;
                _loss = loss;
                _reorder = reorder;
                _random = seed | 1;
                for (int i = 0; i < Slots; i++) _data[i] = new byte[1500];
            }

            public NetEndPoint LocalEndPoint { get; }

            private int Percent()
            {
                _random ^= _random << 13; _random ^= _random >> 17; _random ^= _random << 5;
                return (int)(_random % 100);
            }

            public bool SendTo(byte[] buffer, int offset, int count, NetEndPoint remote)
            {
                Sent++;
                if (!Enabled) return true;
                if (Percent() < _loss) { Lost++; return true; }
                if (_heldLength == 0 && Percent() < _reorder)
                {
                    System.Array.Copy(buffer, offset, _held, 0, count);
                    _heldLength = count;
                    _heldFrom = LocalEndPoint;
                    Reordered++;
                    return true;
                }
                Peer.Enqueue(buffer, offset, count, LocalEndPoint);
                if (_heldLength > 0)
                {
                    Peer.Enqueue(_held, 0, _heldLength, _heldFrom);
                    _heldLength = 0;
                }
                return true;
            }

            /// <summary>Injects a datagram as if sent from <paramref name="from"/>.</summary>
            public void Enqueue(byte[] buffer, int offset, int count, NetEndPoint from)
            {
                if (_count == Slots) { Overflowed++; return; }
                int i = (_head + _count) % Slots;
                System.Array.Copy(buffer, offset, _data[i], 0, count);
                _length[i] = count;
                _from[i] = from;
                _count++;
            }

            public int ReceiveFrom(byte[] buffer, int offset, int count, out NetEndPoint remote)
            {
                if (_count == 0) { remote = default; return 0; }
                int n = _length[_head] < count ? _length[_head] : count;
                System.Array.Copy(_data[_head], 0, buffer, offset, n);
                remote = _from[_head];
                _head = (_head + 1) % Slots;
                _count--;
                return n;
            }

            public bool WaitReadable(int timeoutMs) => _count > 0;

            public void Close() { }
        }
    }
}
