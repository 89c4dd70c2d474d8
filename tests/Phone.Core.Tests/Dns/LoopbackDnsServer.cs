// A small DNS responder on 127.0.0.1 for resolver tests: answers SRV and A from a table, or stays silent.
namespace Phone.Core.Tests.Dns
{
    using System;
    using System.Collections.Concurrent;
    using System.Collections.Generic;
    using System.Net;
    using System.Net.Sockets;
    using System.Threading;

    internal sealed class LoopbackDnsServer : IDisposable
    {
        private readonly UdpClient _udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        private readonly Thread _thread;
        private volatile bool _stop;

        public LoopbackDnsServer()
        {
            _udp.Client.ReceiveTimeout = 100;
            _thread = new Thread(Serve) { IsBackground = true };
            _thread.Start();
        }

        public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint).Port;

        /// <summary>name (lower case) → SRV records (priority, weight, port, target).</summary>
        public ConcurrentDictionary<string, List<(int, int, int, string)>> Srv { get; } = new();

        /// <summary>name (lower case) → IPv4 address.</summary>
        public ConcurrentDictionary<string, IPAddress> A { get; } = new();

        /// <summary>Put target A records in the additional section of SRV answers.</summary>
        public bool IncludeAdditional { get; set; } = true;

        /// <summary>Answer nothing (DNS down).</summary>
        public bool Silent { get; set; }

        public int TtlSeconds { get; set; } = 60;

        public ConcurrentQueue<(string Name, int Type)> Queries { get; } = new();

        private void Serve()
        {
            while (!_stop)
            {
                IPEndPoint from = null;
                byte[] query;
                try { query = _udp.Receive(ref from); }
                catch (SocketException) { continue; }
                catch (ObjectDisposedException) { return; }
                (int id, string name, int type) parsed;
                try { parsed = DnsWire.ParseQuery(query); }
                catch (IndexOutOfRangeException) { continue; } // not a query: a DNS server ignores it
                var (id, name, type) = parsed;
                Queries.Enqueue((name, type));
                if (Silent) continue;
                var answers = new List<(string, int, int, object)>();
                var additional = new List<(string, int, int, object)>();
                string key = name.ToLowerInvariant();
                int rcode = 0;
                if (type == 33 && Srv.TryGetValue(key, out var records))
                {
                    foreach (var r in records)
                    {
                        answers.Add((name, 33, TtlSeconds, r));
                        if (IncludeAdditional && A.TryGetValue(r.Item4.ToLowerInvariant(), out var ip)) additional.Add((r.Item4, 1, TtlSeconds, ip.GetAddressBytes()));
                    }
                }
                else if (type == 1 && A.TryGetValue(key, out var address))
                {
                    answers.Add((name, 1, TtlSeconds, address.GetAddressBytes()));
                }
                else
                {
                    rcode = 3; // NXDOMAIN
                }
                byte[] response = DnsWire.Response(id, name, type, rcode, false, answers, additional);
                try { _udp.Send(response, response.Length, from); } catch (SocketException) { }
            }
        }

        public void Dispose()
        {
            _stop = true;
            _udp.Dispose();
            _thread.Join(1000);
        }
    }
}
