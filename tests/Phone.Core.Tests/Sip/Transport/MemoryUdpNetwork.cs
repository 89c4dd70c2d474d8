// In-memory UDP network for SIP tests: sockets by end point, an optional NAT mapping per socket, a send log.
namespace Phone.Core.Tests.Sip.Transport
{
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>Delivers what one socket sends to the socket bound at the destination; the source seen is the sender's
    /// <see cref="MemoryUdpSocket.SeenAs"/> (a NAT's public mapping) when set.</summary>
    public sealed class MemoryUdpNetwork
    {
        private readonly List<MemoryUdpSocket> _sockets = new();

        public List<(NetEndPoint From, NetEndPoint To, string Text)> Log { get; } = new();

        public MemoryUdpSocket Bind(NetEndPoint local)
        {
            var s = new MemoryUdpSocket(this, local);
            _sockets.Add(s);
            return s;
        }

        internal void Deliver(MemoryUdpSocket sender, byte[] buffer, int offset, int count, NetEndPoint to)
        {
            NetEndPoint from = sender.SeenAs.IsEmpty ? sender.LocalEndPoint : sender.SeenAs;
            Log.Add((from, to, Encoding.ASCII.GetString(buffer, offset, count)));
            foreach (var s in _sockets)
            {
                if ((s.LocalEndPoint.SameAs(to) || (!s.SeenAs.IsEmpty && s.SeenAs.SameAs(to))) && !s.Closed)
                {
                    var copy = new byte[count];
                    System.Array.Copy(buffer, offset, copy, 0, count);
                    s.Inbox.Enqueue((copy, from));
                    return;
                }
            }
        }
    }

    public sealed class MemoryUdpSocket : IDatagramSocket
    {
        private readonly MemoryUdpNetwork _net;

        internal MemoryUdpSocket(MemoryUdpNetwork net, NetEndPoint local)
        {
            _net = net;
            LocalEndPoint = local;
        }

        public NetEndPoint LocalEndPoint { get; }
        public NetEndPoint SeenAs;
        public bool Closed;
        public bool RefuseSends;
        public Queue<(byte[] Data, NetEndPoint From)> Inbox { get; } = new();

        public void Inject(string text, NetEndPoint from) => Inbox.Enqueue((Encoding.ASCII.GetBytes(text), from));

        public bool SendTo(byte[] buffer, int offset, int count, NetEndPoint remote)
        {
            if (Closed || RefuseSends) return false;
            _net.Deliver(this, buffer, offset, count, remote);
            return true;
        }

        public int ReceiveFrom(byte[] buffer, int offset, int count, out NetEndPoint remote)
        {
            remote = default;
            if (Closed) return -1;
            if (Inbox.Count == 0) return 0;
            var (data, from) = Inbox.Dequeue();
            remote = from;
            int n = data.Length < count ? data.Length : count;
            System.Array.Copy(data, 0, buffer, offset, n);
            return n;
        }

        public bool WaitReadable(int timeoutMs) => Inbox.Count > 0;

        public void Close() => Closed = true;
    }
}
