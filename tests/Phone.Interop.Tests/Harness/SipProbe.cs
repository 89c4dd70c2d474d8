// Out-of-dialog OPTIONS (RFC 3261 §11) sent from the test over a plain UDP socket; the reply parsed by our SipMessage.
namespace Phone.Interop.Tests.Harness
{
    using System;
    using System.Diagnostics;
    using System.Net;
    using System.Net.Sockets;
    using System.Text;
    using Phone.Core.Sip;

    /// <summary>Readiness probe for a SIP server: OPTIONS until a parsable 200 comes back.</summary>
    public static class SipProbe
    {
        /// <summary>Sends OPTIONS every 100 ms until a 200 parses, up to <paramref name="timeoutMs"/>; returns the status (0 = none).</summary>
        public static int Options(int serverPort, int timeoutMs)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int local = ((IPEndPoint)socket.LocalEndPoint).Port;
            var server = new IPEndPoint(IPAddress.Loopback, serverPort);
            var buffer = new byte[4096];
            var message = new SipMessage();
            var sw = Stopwatch.StartNew();
            int n = 0;
            while (sw.ElapsedMilliseconds < timeoutMs)
            {
                n++;
                string request =
                    "OPTIONS sip:127.0.0.1:" + serverPort + " SIP/2.0\r\n" +
                    "Via: SIP/2.0/UDP 127.0.0.1:" + local + ";branch=z9hG4bKprobe" + n + ";rport\r\n" +
                    "Max-Forwards: 70\r\n" +
                    "From: <sip:probe@127.0.0.1>;tag=probe\r\n" +
                    "To: <sip:127.0.0.1:" + serverPort + ">\r\n" +
                    "Call-ID: probe-" + Guid.NewGuid().ToString("N") + "\r\n" +
                    "CSeq: " + n + " OPTIONS\r\n" +
                    "Content-Length: 0\r\n\r\n";
                byte[] bytes = Encoding.ASCII.GetBytes(request);
                try
                {
                    socket.SendTo(bytes, server);
                }
                catch (SocketException)
                {
                }
                if (socket.Poll(100_000, SelectMode.SelectRead))
                {
                    try
                    {
                        int len = socket.Receive(buffer);
                        if (message.TryParse(buffer, 0, len) && !message.IsRequest && message.CSeqMethod == SipMethod.Options)
                            return message.StatusCode;
                    }
                    catch (SocketException)
                    {
                        // ICMP port unreachable before the server binds: try again.
                        System.Threading.Thread.Sleep(50);
                    }
                }
            }
            return 0;
        }
    }
}
