// Fault-injecting datagram network (smoltcp-style wrapper around the IDatagramSocket port): seeded loss, duplication,
// reordering, delay jitter, corruption and truncation; delivery time comes from the test's clock, never a timer.
namespace Phone.Core.Tests.Faults
{
    using System;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>What the network does to each datagram; all percentages 0–100.</summary>
    public sealed class FaultProfile
    {
        public int LossPercent, DuplicatePercent, ReorderPercent, CorruptPercent, TruncatePercent;
        public int BaseDelayMs = 20, JitterMs;
        /// <summary>Extra hold for a reordered datagram, so it lands behind later ones.</summary>
        public int ReorderDelayMs = 50;
    }

    /// <summary>Two sockets joined by an impaired path; set <see cref="NowMs"/> before each poll.</summary>
    public sealed class FaultyNetwork
    {
        public readonly Socket A, B;
        public long NowMs;

        public FaultyNetwork(NetEndPoint a, NetEndPoint b, FaultProfile profile, int seed)
        {
            A = new Socket(this, a, profile, new Random(seed));
            B = new Socket(this, b, profile, new Random(seed * 31 + 7));
            A.Peer = B;
            B.Peer = A;
        }

        /// <summary>One end of the path; counts what it did to the datagrams it sent.</summary>
        public sealed class Socket : IDatagramSocket
        {
            private const int Slots = 512;
            private readonly FaultyNetwork _net;
            private readonly FaultProfile _p;
            private readonly Random _random;
            private readonly byte[][] _data = new byte[Slots][];
            private readonly int[] _length = new int[Slots];
            private readonly long[] _due = new long[Slots];
            private readonly NetEndPoint[] _from = new NetEndPoint[Slots];
            private readonly bool[] _used = new bool[Slots];
            public Socket Peer;
            public int Sent, Lost, Duplicated, Reordered, Corrupted, Truncated, Overflowed, Delivered;
            /// <summary>False: everything sent is silently dropped (cable pulled).</summary>
            public bool Up = true;

            internal Socket(FaultyNetwork net, NetEndPoint local, FaultProfile profile, Random random)
            {
                _net = net;
                _p = profile;
                _random = random;
                LocalEndPoint = local;
                for (int i = 0; i < Slots; i++) _data[i] = new byte[1500];
            }

            public NetEndPoint LocalEndPoint { get; }

            public bool SendTo(byte[] buffer, int offset, int count, NetEndPoint remote)
            {
                Sent++;
                if (!Up || Hit(_p.LossPercent)) { Lost++; return true; }
                int copies = 1;
                if (Hit(_p.DuplicatePercent)) { copies = 2; Duplicated++; }
                for (int c = 0; c < copies; c++)
                {
                    long due = _net.NowMs + _p.BaseDelayMs + (_p.JitterMs > 0 ? _random.Next(_p.JitterMs + 1) : 0);
                    if (Hit(_p.ReorderPercent)) { due += _p.ReorderDelayMs; Reordered++; }
                    int length = count;
                    if (count > 1 && Hit(_p.TruncatePercent)) { length = 1 + _random.Next(count - 1); Truncated++; }
                    int slot = Peer.Put(buffer, offset, length, due, LocalEndPoint);
                    if (slot >= 0 && length > 0 && Hit(_p.CorruptPercent))
                    {
                        Peer._data[slot][_random.Next(length)] ^= (byte)(1 << _random.Next(8));
                        Corrupted++;
                    }
                }
                return true;
            }

            private bool Hit(int percent) => percent > 0 && _random.Next(100) < percent;

            private int Put(byte[] buffer, int offset, int count, long due, NetEndPoint from)
            {
                for (int i = 0; i < Slots; i++)
                {
                    if (_used[i]) continue;
                    Array.Copy(buffer, offset, _data[i], 0, count);
                    _length[i] = count;
                    _due[i] = due;
                    _from[i] = from;
                    _used[i] = true;
                    return i;
                }
                Peer.Overflowed++;
                return -1;
            }

            /// <summary>Returns the earliest datagram whose delivery time has come (arrival order, not send order).</summary>
            public int ReceiveFrom(byte[] buffer, int offset, int count, out NetEndPoint remote)
            {
                int best = -1;
                for (int i = 0; i < Slots; i++)
                {
                    if (_used[i] && _due[i] <= _net.NowMs && (best < 0 || _due[i] < _due[best])) best = i;
                }
                if (best < 0) { remote = default; return 0; }
                int n = Math.Min(_length[best], count);
                Array.Copy(_data[best], 0, buffer, offset, n);
                remote = _from[best];
                _used[best] = false;
                Delivered++;
                return n;
            }

            public bool WaitReadable(int timeoutMs)
            {
                for (int i = 0; i < Slots; i++) if (_used[i] && _due[i] <= _net.NowMs) return true;
                return false;
            }

            public void Close() { }
        }
    }
}
