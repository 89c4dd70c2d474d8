// SipStreamTransport over an in-memory stream: Content-Length framing (RFC 3261 §18.3), split and coalesced reads,
// RFC 5626 §3.5.1 CRLF ping/pong, framing errors, the §18.1.1 switch of large requests to a stream.
namespace Phone.Core.Tests.Sip.Transport
{
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;

    public class SipStreamTransportTests
    {
        private static readonly NetEndPoint Server = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 1), 5061);

        private sealed class MemoryConnection : IStreamConnection
        {
            public readonly Queue<byte[]> Chunks = new();
            public readonly StringBuilder Written = new();
            public NetEndPoint RemoteEndPoint { get; set; }
            public bool IsOpen { get; set; } = true;
            public bool Send(byte[] buffer, int offset, int count)
            {
                if (!IsOpen) return false;
                Written.Append(Encoding.ASCII.GetString(buffer, offset, count));
                return true;
            }
            public int Receive(byte[] buffer, int offset, int count)
            {
                if (Chunks.Count == 0) return IsOpen ? 0 : -1;
                byte[] c = Chunks.Peek();
                if (c.Length > count)
                {
                    System.Array.Copy(c, 0, buffer, offset, count);
                    Chunks.Dequeue();
                    var rest = new byte[c.Length - count];
                    System.Array.Copy(c, count, rest, 0, rest.Length);
                    var q = new Queue<byte[]>();
                    q.Enqueue(rest);
                    while (Chunks.Count > 0) q.Enqueue(Chunks.Dequeue());
                    while (q.Count > 0) Chunks.Enqueue(q.Dequeue());
                    return count;
                }
                Chunks.Dequeue();
                System.Array.Copy(c, 0, buffer, offset, c.Length);
                return c.Length;
            }
            public void Close() => IsOpen = false;
            public void Feed(string s) => Chunks.Enqueue(Encoding.ASCII.GetBytes(s));
        }

        private sealed class MemoryConnector : IStreamConnector
        {
            public readonly List<(NetEndPoint, bool, string)> Calls = new();
            public MemoryConnection Next = new();
            public bool Refuse;
            public IStreamConnection Connect(NetEndPoint remote, bool tls, string serverName)
            {
                Calls.Add((remote, tls, serverName));
                if (Refuse) return null;
                Next.RemoteEndPoint = remote;
                return Next;
            }
        }

        private sealed class RecordingUser : ITransactionUser
        {
            public readonly List<string> Got = new();
            public void OnRequest(ServerTransaction t, SipMessage m, long now) => Got.Add("req " + m.GetString(m.MethodName) + " " + m.GetString(m.Via.Received));
            public void OnResponse(ClientTransaction t, SipMessage m, long now) => Got.Add("resp " + m.StatusCode + " body=" + m.Body.Length);
            public void OnTimeout(ClientTransaction t, long now) => Got.Add("timeout");
            public void OnTransportError(ClientTransaction t, long now) => Got.Add("transport error");
            public void OnAck(SipMessage ack, NetEndPoint from, long now) { }
            public void OnNoAck(ServerTransaction t, long now) { }
        }

        private sealed class Rig
        {
            public readonly MemoryUdpNetwork Net = new();
            public readonly SipTransport Transport;
            public readonly SipStreamTransport Stream;
            public readonly MemoryConnector Connector = new();
            public readonly TransactionLayer Layer;
            public readonly RecordingUser User = new();

            public Rig()
            {
                Transport = new SipTransport(Net.Bind(new NetEndPoint(NetEndPoint.MakeAddress(192, 168, 1, 20), 5060)), 4096, null);
                Stream = new SipStreamTransport(Connector, Transport, 2, 4096, true, "pbx.example.com");
                Layer = new TransactionLayer(Transport, User, new SipTimers(), 4, 4096);
                Transport.Attach(Layer);
            }

            public ClientTransaction SendOptions(string branch, int padding = 0)
            {
                byte[] b = Encoding.ASCII.GetBytes(
                    "OPTIONS sip:pbx@10.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TLS 192.168.1.20:5061;branch=" + branch + ";rport\r\n" +
                    "Max-Forwards: 70\r\nFrom: <sip:201@pbx>;tag=x\r\nTo: <sip:pbx@pbx>\r\nCall-ID: s@h\r\nCSeq: 1 OPTIONS\r\n" +
                    "Subject: " + new string('p', padding) + "\r\nContent-Length: 0\r\n\r\n");
                return Layer.SendRequest(b, 0, b.Length, Server, null, 0);
            }
        }

        private static string Ok(string branch, string body = "")
            => "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS 192.168.1.20:5061;branch=" + branch + ";rport=5061\r\n" +
               "From: <sip:201@pbx>;tag=x\r\nTo: <sip:pbx@pbx>;tag=y\r\nCall-ID: s@h\r\nCSeq: 1 OPTIONS\r\n" +
               (body.Length > 0 ? "Content-Type: text/plain\r\n" : "") + "l: " + body.Length + "\r\n\r\n" + body;

        [Fact]
        public void ARequestToAStreamPeerIsReliableAndItsResponseIsFramedAcrossSplitReads()
        {
            var r = new Rig();
            r.Stream.Adopt(r.Connector.Next, 0);
            r.Connector.Next.RemoteEndPoint = Server;
            Assert.True(r.Transport.IsReliable(Server));
            ClientTransaction tx = r.SendOptions("z9hG4bKs1");
            Assert.StartsWith("OPTIONS", r.Connector.Next.Written.ToString());
            string ok = Ok("z9hG4bKs1", "hello");
            r.Connector.Next.Feed(ok.Substring(0, 30));
            r.Transport.Poll(0);
            Assert.Empty(r.User.Got);
            r.Connector.Next.Feed(ok.Substring(30, ok.Length - 32));
            r.Transport.Poll(1);
            Assert.Empty(r.User.Got);
            r.Connector.Next.Feed(ok.Substring(ok.Length - 2));
            r.Transport.Poll(2);
            Assert.Equal(new[] { "resp 200 body=5" }, r.User.Got);
            Assert.Empty(r.Net.Log);   // nothing went over UDP
        }

        [Fact]
        public void TwoMessagesInOneReadAreBothDeliveredAndRequestsAreStamped()
        {
            var r = new Rig();
            var c = r.Connector.Next;
            c.RemoteEndPoint = Server;
            r.Stream.Adopt(c, 0);
            string req = "MESSAGE sip:201@192.168.1.20 SIP/2.0\r\nVia: SIP/2.0/TLS pbx.example.com;branch=z9hG4bKm1;rport\r\n" +
                         "Max-Forwards: 70\r\nFrom: <sip:pbx@pbx>;tag=p\r\nTo: <sip:201@pbx>\r\nCall-ID: m@h\r\nCSeq: 5 MESSAGE\r\n" +
                         "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi";
            c.Feed(req + req.Replace("z9hG4bKm1", "z9hG4bKm2"));
            Assert.Equal(2, r.Transport.Poll(0));
            Assert.Equal(new[] { "req MESSAGE 10.0.0.1", "req MESSAGE 10.0.0.1" }, r.User.Got);
            Assert.Equal(2, r.Stream.Framed);
        }

        [Fact]
        public void DoubleCrLfPingIsAnsweredWithAPongAndPingsAreSentWhenIdle()
        {
            var r = new Rig();
            var c = r.Connector.Next;
            c.RemoteEndPoint = Server;
            r.Stream.Adopt(c, 0);
            r.Stream.KeepAliveMs = 30000;
            c.Feed("\r\n\r\n");
            r.Transport.Poll(0);
            Assert.Equal("\r\n", c.Written.ToString());
            Assert.Equal(1, r.Stream.PingsReceived);
            c.Feed("\r\n");
            r.Transport.Poll(29999);
            Assert.Equal(1, r.Stream.PongsReceived);
            Assert.Equal(0, r.Stream.PingsSent);
            r.Transport.Poll(30000);
            Assert.Equal("\r\n\r\n\r\n", c.Written.ToString());
            Assert.Equal(1, r.Stream.PingsSent);
        }

        [Fact]
        public void MissingContentLengthLosesFramingAndClosesTheConnection()
        {
            var r = new Rig();
            var c = r.Connector.Next;
            c.RemoteEndPoint = Server;
            r.Stream.Adopt(c, 0);
            c.Feed("SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS a;branch=z9hG4bKq\r\nCall-ID: a\r\n\r\n");
            r.Transport.Poll(0);
            Assert.Equal(1, r.Stream.FramingErrors);
            Assert.False(c.IsOpen);
            Assert.False(r.Transport.IsReliable(Server));
        }

        [Fact]
        public void OversizeHeaderSectionClosesTheConnection()
        {
            var r = new Rig();
            var c = r.Connector.Next;
            c.RemoteEndPoint = Server;
            r.Stream.Adopt(c, 0);
            c.Feed("SIP/2.0 200 OK\r\nX: " + new string('a', 5000));
            r.Transport.Poll(0);
            r.Transport.Poll(0);
            Assert.Equal(1, r.Stream.FramingErrors);
            Assert.False(c.IsOpen);
        }

        [Fact]
        public void ARequestOverThirteenHundredBytesGoesOverTheStreamWithTlsAndTheServerName()
        {
            var r = new Rig();
            Assert.NotNull(r.SendOptions("z9hG4bKbig", 1400));
            Assert.Equal((Server, true, "pbx.example.com"), Assert.Single(r.Connector.Calls));
            Assert.Equal(1, r.Transport.Stats.SwitchedToStream);
            Assert.Empty(r.Net.Log);
            Assert.NotNull(r.SendOptions("z9hG4bKsmall"));
            Assert.Single(r.Connector.Calls);   // the open connection is reused
        }

        [Fact]
        public void RefusedConnectionIsATransportErrorForTheTransaction()
        {
            var r = new Rig();
            r.Connector.Refuse = true;
            r.SendOptions("z9hG4bKbig", 1400);
            Assert.Equal(new[] { "transport error" }, r.User.Got);
            Assert.Equal(1, r.Stream.ConnectFailures);
        }
    }
}
