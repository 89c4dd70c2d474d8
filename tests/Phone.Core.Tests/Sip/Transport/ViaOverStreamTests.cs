// A request moved from UDP to a stream (RFC 3261 §18.1.1) names TCP/TLS in its Via, and its transaction then follows the
// reliable-transport rules: no Timer A/E retransmissions (§17.1.1.2, §17.1.2.2), Timer B/F still bound it.
namespace Phone.Core.Tests.Sip.Transport
{
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;

    public class ViaOverStreamTests
    {
        private static readonly NetEndPoint Pbx = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 1), 5060);

        // (top Via as written, over TLS?) → the Via after the rewrite (unchanged when it is not UDP).
        public static TheoryData<string, bool, string, bool> ViaRows => new()
        {
            { "Via: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK1;rport", false, "Via: SIP/2.0/TCP 192.168.1.20:5060;branch=z9hG4bK1;rport", true },
            { "Via: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK1", true, "Via: SIP/2.0/TLS 192.168.1.20:5060;branch=z9hG4bK1", true },
            { "v: SIP/2.0/udp 192.168.1.20;branch=z9hG4bK1", false, "v: SIP/2.0/TCP 192.168.1.20;branch=z9hG4bK1", true },
            { "VIA :  sip / 2.0 / UDP 192.168.1.20;branch=z9hG4bK1", false, "VIA :  sip / 2.0 / TCP 192.168.1.20;branch=z9hG4bK1", true },
            { "Via: SIP/2.0/TCP 192.168.1.20;branch=z9hG4bK1", false, "Via: SIP/2.0/TCP 192.168.1.20;branch=z9hG4bK1", false },
            { "Via: SIP/2.0/UDPX 192.168.1.20;branch=z9hG4bK1", false, "Via: SIP/2.0/UDPX 192.168.1.20;branch=z9hG4bK1", false },
            { "Via: SIP/3.0/UDP 192.168.1.20;branch=z9hG4bK1", false, "Via: SIP/3.0/UDP 192.168.1.20;branch=z9hG4bK1", false },
        };

        [Theory]
        [MemberData(nameof(ViaRows))]
        public void OnlyTheTopViaSayingUdpIsRewrittenInPlace(string via, bool tls, string expected, bool changed)
        {
            string head = "INVITE sip:303@pbx SIP/2.0\r\nMax-Forwards: 70\r\nX-Via: SIP/2.0/UDP decoy\r\n";
            string tail = "\r\nVia: SIP/2.0/UDP 10.9.9.9;branch=z9hG4bKsecond\r\nCall-ID: c\r\nContent-Length: 0\r\n\r\n";
            byte[] b = Encoding.ASCII.GetBytes("xx" + head + via + tail + "yy");
            Assert.Equal(changed, ViaTransport.RewriteUdp(b, 2, b.Length - 4, tls));
            Assert.Equal("xx" + head + expected + tail + "yy", Encoding.ASCII.GetString(b));
        }

        [Fact]
        public void AViaInTheBodyOrAfterTheHeadersIsNotTouched()
        {
            byte[] b = Encoding.ASCII.GetBytes("MESSAGE sip:a@b SIP/2.0\r\nCall-ID: c\r\n\r\nVia: SIP/2.0/UDP x");
            Assert.False(ViaTransport.RewriteUdp(b, 0, b.Length, false));
        }

        private sealed class Connection : IStreamConnection
        {
            public readonly List<string> Written = new();
            public NetEndPoint RemoteEndPoint { get; set; }
            public bool IsOpen { get; set; } = true;
            public bool Send(byte[] buffer, int offset, int count)
            {
                Written.Add(Encoding.ASCII.GetString(buffer, offset, count));
                return IsOpen;
            }
            public int Receive(byte[] buffer, int offset, int count) => IsOpen ? 0 : -1;
            public void Close() => IsOpen = false;
        }

        private sealed class Connector : IStreamConnector
        {
            public readonly Connection Next = new();
            public IStreamConnection Connect(NetEndPoint remote, bool tls, string serverName)
            {
                Next.RemoteEndPoint = remote;
                return Next;
            }
        }

        private sealed class User : ITransactionUser
        {
            public readonly List<string> Got = new();
            public void OnRequest(ServerTransaction t, SipMessage m, long now) { }
            public void OnResponse(ClientTransaction t, SipMessage m, long now) => Got.Add("response " + m.StatusCode + " @" + now);
            public void OnTimeout(ClientTransaction t, long now) => Got.Add("timeout @" + now);
            public void OnTransportError(ClientTransaction t, long now) => Got.Add("transport error @" + now);
            public void OnAck(SipMessage ack, NetEndPoint from, long now) { }
            public void OnNoAck(ServerTransaction t, long now) { }
        }

        private static string Request(string method, int padding)
            => method + " sip:303@10.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK" + method + padding + ";rport\r\n"
               + "Max-Forwards: 70\r\nFrom: <sip:201@pbx>;tag=f\r\nTo: <sip:303@pbx>\r\nCall-ID: big@192.168.1.20\r\nCSeq: 1 " + method + "\r\n"
               + "Subject: " + new string('s', padding) + "\r\nContent-Length: 0\r\n\r\n";

        // (method, padding: over 1300 B or not) → Via transport on the wire, where it went, sends of the request
        // within 31 s, and the event at 64·T1 (Timer B/F stays: it bounds the wait for a response on any transport).
        public static TheoryData<string, int, string, string, int, string> SendRows => new()
        {
            { "INVITE", 1400, "TCP", "stream", 1, "timeout @32000" },
            { "OPTIONS", 1400, "TCP", "stream", 1, "timeout @32000" },
            // Small ones stay on UDP: Timer A doubles (0, .5, 1.5, 3.5, 7.5, 15.5, 31.5 s), Timer E caps at T2.
            { "INVITE", 10, "UDP", "udp", 7, "timeout @32000" },
            { "OPTIONS", 10, "UDP", "udp", 11, "timeout @32000" },
        };

        [Theory]
        [MemberData(nameof(SendRows))]
        public void ARequestMovedToTcpSaysTcpInItsViaAndIsNotRetransmitted(string method, int padding, string via, string path, int sends, string end)
        {
            var net = new MemoryUdpNetwork();
            var transport = new SipTransport(net.Bind(new NetEndPoint(NetEndPoint.MakeAddress(192, 168, 1, 20), 5060)), 4096, null);
            var connector = new Connector();
            var stream = new SipStreamTransport(connector, transport, 2, 4096, false, null);
            var user = new User();
            var layer = new TransactionLayer(transport, user, new SipTimers(), 4, 4096);
            transport.Attach(layer);

            byte[] b = Encoding.ASCII.GetBytes(Request(method, padding));
            Assert.Equal(padding > 1000, b.Length > SipTransport.UdpSizeLimit);
            ClientTransaction tx = layer.SendRequest(b, 0, b.Length, Pbx, null, 0);
            Assert.NotNull(tx);
            long now = 0;
            while (now < 31999)
            {
                long next = layer.Poll(now);
                now = next > 31999 ? 31999 : next;
            }
            layer.Poll(31999);
            var seen = new List<string>();
            if (path == "stream") seen.AddRange(connector.Next.Written);
            else foreach (var d in net.Log) seen.Add(d.Text);
            Assert.Equal(sends, seen.Count);
            Assert.Contains("\r\nVia: SIP/2.0/" + via + " 192.168.1.20:5060;branch=", seen[0]);
            Assert.Equal(path == "stream" ? 0 : sends, net.Log.Count);
            Assert.Equal(path == "stream" ? 1 : 0, transport.Stats.ViaRewritten);
            Assert.Empty(user.Got);
            layer.Poll(32000);
            Assert.Equal(new[] { end }, user.Got.ToArray());
        }
    }
}
