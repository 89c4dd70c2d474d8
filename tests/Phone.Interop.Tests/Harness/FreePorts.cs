// Free 127.0.0.1 ports asked of the OS, so parallel runs and other suites never clash on fixed numbers.
namespace Phone.Interop.Tests.Harness
{
    using System.Net;
    using System.Net.Sockets;

    /// <summary>Ports that were free a moment ago on 127.0.0.1 (UDP and TCP both, and <c>port + 1</c> when asked).</summary>
    public static class FreePorts
    {
        /// <summary>A port free for UDP and TCP; with <paramref name="alsoNext"/> the next port is free too (baresip binds SIP TLS on port + 1).</summary>
        public static int Get(bool alsoNext = false)
        {
            for (int attempt = 0; attempt < 50; attempt++)
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                int port = ((IPEndPoint)udp.LocalEndPoint).Port;
                if (port >= 65534) continue;
                if (!TcpFree(port)) continue;
                if (alsoNext && (!TcpFree(port + 1) || !UdpFree(port + 1))) continue;
                return port;
            }
            throw new System.InvalidOperationException("no free port pair on 127.0.0.1");
        }

        /// <summary>An even UDP port whose odd neighbour is free too (RTP on the even port, RTCP above, RFC 3550 §11).</summary>
        public static int GetEven()
        {
            for (int attempt = 0; attempt < 50; attempt++)
            {
                int port = Get(alsoNext: true);
                if ((port & 1) == 0) return port;
                if (port < 65533 && UdpFree(port + 1) && UdpFree(port + 2)) return port + 1;
            }
            throw new System.InvalidOperationException("no free even port pair on 127.0.0.1");
        }

        private static bool TcpFree(int port)
        {
            try
            {
                var l = new TcpListener(IPAddress.Loopback, port);
                l.Start();
                l.Stop();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        private static bool UdpFree(int port)
        {
            try
            {
                using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                s.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
