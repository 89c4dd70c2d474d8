// A plain UDP socket on 127.0.0.1 that sends arbitrary datagrams (torture messages, junk) and keeps whatever comes back.
namespace Phone.Interop.Tests.Harness
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using System.Net;
    using System.Net.Sockets;
    using System.Threading;

    /// <summary>Sends raw datagrams to one port and collects the replies (an unknown source, as a scanner is).</summary>
    public sealed class RawSipSender : IDisposable
    {
        private readonly Socket _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private readonly IPEndPoint _target;

        /// <summary>Binds an ephemeral port and aims at 127.0.0.1:<paramref name="port"/>.</summary>
        public RawSipSender(int port)
        {
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _target = new IPEndPoint(IPAddress.Loopback, port);
        }

        /// <summary>Our source port.</summary>
        public int Port => ((IPEndPoint)_socket.LocalEndPoint).Port;

        /// <summary>Replies received so far (exact datagrams).</summary>
        public List<byte[]> Replies { get; } = new List<byte[]>();

        /// <summary>The RFC 4475 torture messages copied next to the test assembly, as (name, verdict, bytes).</summary>
        public static IEnumerable<(string Name, string Verdict, byte[] Bytes)> Rfc4475()
        {
            string dir = Path.Combine(AppContext.BaseDirectory, "conformance", "rfc4475");
            foreach (string line in File.ReadAllLines(Path.Combine(dir, "INDEX.tsv")))
            {
                string[] f = line.Split('\t');
                if (f.Length < 2 || f[0] == "name") continue;
                yield return (f[0], f[1], File.ReadAllBytes(Path.Combine(dir, f[0])));
            }
        }

        /// <summary>Sends one datagram.</summary>
        public void Send(byte[] datagram) => _socket.SendTo(datagram, _target);

        /// <summary>Collects replies for <paramref name="ms"/> milliseconds (ICMP errors ignored).</summary>
        public void Drain(int ms)
        {
            var end = DateTime.UtcNow.AddMilliseconds(ms);
            var buffer = new byte[65536];
            while (DateTime.UtcNow < end)
            {
                if (!_socket.Poll(20_000, SelectMode.SelectRead)) continue;
                try
                {
                    int n = _socket.Receive(buffer);
                    Replies.Add(buffer.AsSpan(0, n).ToArray());
                }
                catch (SocketException)
                {
                    Thread.Sleep(5);
                }
            }
        }

        /// <summary>Closes the socket.</summary>
        public void Dispose() => _socket.Dispose();
    }
}
