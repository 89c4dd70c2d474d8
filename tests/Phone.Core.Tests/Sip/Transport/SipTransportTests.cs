// SipTransport over an in-memory UDP network: Via stamping (RFC 3261 §18.2.1, RFC 3581), response routing
// (§18.2.2), malformed input, keep-alives, source filter and rate limit, the §18.1.1 size rule.
namespace Phone.Core.Tests.Sip.Transport
{
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;

    public class SipTransportTests
    {
        private static readonly NetEndPoint Phone = new NetEndPoint(NetEndPoint.MakeAddress(192, 168, 1, 20), 5060);
        private static readonly NetEndPoint Peer = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 9), 40000);

        /// <summary>A TU that answers every request 200 with the request's Via copied (what the UAS core does).</summary>
        private sealed class AnsweringUser : ITransactionUser
        {
            public readonly List<string> Requests = new();
            public readonly List<int> Responses = new();
            public readonly byte[] Out = new byte[1500];

            public void OnRequest(ServerTransaction transaction, SipMessage request, long nowMs)
            {
                Requests.Add(Encoding.ASCII.GetString(request.Buffer, request.Offset, request.Count));
                var w = new SipWriter(Out);
                w.WriteResponseHeaders(request, 200, "OK", null, 0, 0, false);
                w.EndWithoutBody();
                transaction.Respond(Out, 0, w.Length, 200, nowMs);
            }

            public void OnResponse(ClientTransaction transaction, SipMessage response, long nowMs) => Responses.Add(response.StatusCode);
            public void OnTimeout(ClientTransaction transaction, long nowMs) { }
            public void OnTransportError(ClientTransaction transaction, long nowMs) { }
            public void OnAck(SipMessage ack, NetEndPoint from, long nowMs) { }
            public void OnNoAck(ServerTransaction transaction, long nowMs) { }
        }

        private sealed class Rig
        {
            public readonly MemoryUdpNetwork Net = new();
            public readonly MemoryUdpSocket Socket;
            public readonly SipTransport Transport;
            public readonly TransactionLayer Layer;
            public readonly AnsweringUser User = new();

            public Rig()
            {
                Socket = Net.Bind(Phone);
                Transport = new SipTransport(Socket, 2048, null);
                Layer = new TransactionLayer(Transport, User, new SipTimers(), 4, 2048);
                Transport.Attach(Layer);
            }
        }

        private static string Options(string via, string branch = "z9hG4bKt1")
            => "OPTIONS sip:201@192.168.1.20 SIP/2.0\r\n" +
               "Via: SIP/2.0/UDP " + via.Replace("BRANCH", branch) + "\r\n" +
               "Max-Forwards: 70\r\nFrom: <sip:pbx@10.0.0.9>;tag=f1\r\nTo: <sip:201@192.168.1.20>\r\n" +
               "Call-ID: c1@10.0.0.9\r\nCSeq: 7 OPTIONS\r\nContent-Length: 0\r\n\r\n";

        [Fact]
        public void RportRequestGetsReceivedAndRportAndTheAnswerGoesToTheSourcePort()
        {
            var r = new Rig();
            r.Socket.Inject(Options("pbx.example.com:5070;branch=BRANCH;rport"), Peer);
            Assert.Equal(1, r.Transport.Poll(0));
            Assert.Single(r.User.Requests);
            Assert.Contains("Via: SIP/2.0/UDP pbx.example.com:5070;branch=z9hG4bKt1;rport=40000;received=10.0.0.9\r\n", r.User.Requests[0]);
            Assert.Equal(1, r.Transport.Stats.ViaStamped);
            var (from, to, text) = Assert.Single(r.Net.Log);
            Assert.True(to.SameAs(Peer), "RFC 3581 §4: response to the source address and port");
            Assert.StartsWith("SIP/2.0 200 OK", text);
            Assert.Contains(";rport=40000;received=10.0.0.9", text);
        }

        [Fact]
        public void RequestWithoutRportFromItsSentByHostIsNotStampedAndIsAnsweredToTheSentByPort()
        {
            var r = new Rig();
            r.Socket.Inject(Options("10.0.0.9:5070;branch=BRANCH"), Peer);
            r.Transport.Poll(0);
            Assert.Contains("Via: SIP/2.0/UDP 10.0.0.9:5070;branch=z9hG4bKt1\r\n", r.User.Requests[0]);
            Assert.Equal(0, r.Transport.Stats.ViaStamped);
            var sent = Assert.Single(r.Net.Log);
            Assert.True(sent.To.SameAs(new NetEndPoint(Peer.Address, 5070)), "§18.2.2: received address, sent-by port");
        }

        [Fact]
        public void RequestWithoutRportFromAnotherHostGetsReceivedOnlyAndDefaultPort5060()
        {
            var r = new Rig();
            r.Socket.Inject(Options("10.0.0.1;branch=BRANCH;ttl=4"), Peer);
            r.Transport.Poll(0);
            Assert.Contains("Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKt1;ttl=4;received=10.0.0.9\r\n", r.User.Requests[0]);
            Assert.True(r.Net.Log[0].To.SameAs(new NetEndPoint(Peer.Address, 5060)));
        }

        [Fact]
        public void RportInTheMiddleOfTheParametersIsFilledInPlace()
        {
            var r = new Rig();
            r.Socket.Inject(Options("10.0.0.9:5060;rport;branch=BRANCH"), Peer);
            r.Transport.Poll(0);
            Assert.Contains("Via: SIP/2.0/UDP 10.0.0.9:5060;rport=40000;branch=z9hG4bKt1;received=10.0.0.9\r\n", r.User.Requests[0]);
        }

        [Fact]
        public void MalformedInputIsDroppedAndCountedWithoutAnAnswer()
        {
            var r = new Rig();
            r.Socket.Inject("INVITE sip:x@y SIP/3.0\r\nVia: SIP/3.0/UDP a;branch=z9hG4bK1\r\n\r\n", Peer);
            r.Socket.Inject("garbage\r\n\r\n", Peer);
            r.Socket.Inject(Options("10.0.0.9;branch=BRANCH").Replace("CSeq: 7 OPTIONS", "CSeq: 7 INVITE"), Peer);
            Assert.Equal(3, r.Transport.Poll(0));
            Assert.Equal(3, r.Transport.Stats.Malformed);
            Assert.Equal(1, r.Transport.ParseStats.RejectedFor(SipParseError.VersionNotSupported));
            Assert.Equal(1, r.Transport.ParseStats.RejectedFor(SipParseError.BadCSeq));
            Assert.Empty(r.User.Requests);
            Assert.Empty(r.Net.Log);
        }

        [Fact]
        public void CrLfKeepAliveIsAbsorbed()
        {
            var r = new Rig();
            r.Socket.Inject("\r\n\r\n", Peer);
            r.Transport.Poll(0);
            Assert.Equal(1, r.Transport.Stats.KeepAlives);
            Assert.Equal(0, r.Transport.Stats.Malformed);
        }

        [Fact]
        public void PollReadsAtMostSixteenDatagramsSoAFloodCannotStarveTheLoop()
        {
            var r = new Rig();
            for (int i = 0; i < 20; i++) r.Socket.Inject("\r\n", Peer);
            Assert.Equal(SipTransport.MaxReadsPerPoll, r.Transport.Poll(0));
            Assert.Equal(4, r.Transport.Poll(0));
        }

        [Fact]
        public void ScannerRequestsFromUnknownSourcesGetSilence()
        {
            var r = new Rig();
            r.Transport.Filter = new SipSourceFilter(4, 100, 100);
            r.Transport.Filter.Allow(new NetEndPoint(Peer.Address, 5060));
            var scanner = new NetEndPoint(NetEndPoint.MakeAddress(203, 0, 113, 5), 5060);
            r.Socket.Inject(Options("203.0.113.5;branch=BRANCH;rport"), scanner);
            r.Socket.Inject(Options("10.0.0.9;branch=BRANCH;rport"), Peer);   // allowed address, wrong port
            r.Socket.Inject(Options("10.0.0.9;branch=BRANCH;rport", "z9hG4bKok"), new NetEndPoint(Peer.Address, 5060));
            r.Transport.Poll(0);
            Assert.Equal(2, r.Transport.Stats.Filtered);
            Assert.Single(r.User.Requests);
            Assert.Single(r.Net.Log);   // only the allowed peer was answered
        }

        [Fact]
        public void AllowEntryWithPortZeroMatchesAnyPortOfThatAddress()
        {
            var f = new SipSourceFilter(2, 1, 1);
            Assert.True(f.Allow(new NetEndPoint(Peer.Address, 0)));
            Assert.True(f.IsAllowed(Peer));
            Assert.False(f.IsAllowed(Phone));
            Assert.True(f.Allow(Phone));
            Assert.False(f.Allow(new NetEndPoint(1, 1)));   // full
            f.Remove(Phone);
            Assert.False(f.IsAllowed(Phone));
        }

        [Fact]
        public void UnknownTrafficIsRateLimitedByATokenBucket()
        {
            var r = new Rig();
            r.Transport.Filter = new SipSourceFilter(4, 3, 2);   // burst 3, then 2 per second
            var stranger = new NetEndPoint(NetEndPoint.MakeAddress(198, 51, 100, 1), 5060);
            for (int i = 0; i < 5; i++) r.Socket.Inject("\r\n\r\n", stranger);
            r.Transport.Poll(0);
            Assert.Equal(2, r.Transport.Stats.RateLimited);
            for (int i = 0; i < 3; i++) r.Socket.Inject("\r\n\r\n", stranger);
            r.Transport.Poll(1000);   // one second refills two tokens
            Assert.Equal(3, r.Transport.Stats.RateLimited);
            Assert.Equal(5, r.Transport.Stats.KeepAlives);
            for (int i = 0; i < 20; i++) r.Socket.Inject("\r\n\r\n", Peer);
            r.Transport.Filter.Allow(Peer);
            r.Transport.Poll(1000);
            r.Transport.Poll(1000);
            Assert.Equal(3, r.Transport.Stats.RateLimited);   // allowed peers do not spend tokens
        }

        [Fact]
        public void ResponsesReachTheClientTransaction()
        {
            var r = new Rig();
            byte[] req = Encoding.ASCII.GetBytes(
                "OPTIONS sip:pbx@10.0.0.9 SIP/2.0\r\nVia: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bKc1;rport\r\n" +
                "Max-Forwards: 70\r\nFrom: <sip:201@10.0.0.9>;tag=x\r\nTo: <sip:pbx@10.0.0.9>\r\nCall-ID: q@h\r\n" +
                "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
            Assert.NotNull(r.Layer.SendRequest(req, 0, req.Length, Peer, null, 0));
            Assert.True(r.Net.Log[0].To.SameAs(Peer));
            r.Socket.Inject(
                "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bKc1;rport=5060;received=192.168.1.20\r\n" +
                "From: <sip:201@10.0.0.9>;tag=x\r\nTo: <sip:pbx@10.0.0.9>;tag=y\r\nCall-ID: q@h\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n", Peer);
            r.Transport.Poll(10);
            Assert.Equal(new[] { 200 }, r.User.Responses);
            Assert.Equal(1, r.Transport.Stats.Sent);
        }

        [Fact]
        public void OversizeRequestOverUdpIsCountedAndRefusedSendIsCounted()
        {
            var r = new Rig();
            byte[] big = Encoding.ASCII.GetBytes("MESSAGE sip:a@b SIP/2.0\r\n" + new string('x', 1400));
            Assert.True(r.Transport.Send(big, 0, big.Length, Peer));
            Assert.Equal(1, r.Transport.Stats.OversizeOverUdp);
            r.Socket.RefuseSends = true;
            Assert.False(r.Transport.Send(big, 0, 10, Peer));
            Assert.Equal(1, r.Transport.Stats.SendFailures);
        }

        [Fact]
        public void ReceiveParseAndViaStampAllocateNothingPerDatagram()
        {
            var net = new MemoryUdpNetwork();
            var socket = net.Bind(Phone);
            var t = new SipTransport(socket, 2048, null);   // no layer attached: measures the transport alone
            t.Filter = new SipSourceFilter(2, 1000, 1000);
            t.Filter.Allow(Peer);
            string text = Options("pbx.example.com:5070;branch=BRANCH;rport");
            for (int i = 0; i < 40; i++) socket.Inject(text, Peer);
            t.Poll(0);   // warm-up (JIT)
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            t.Poll(1);
            long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(32, t.Stats.ViaStamped);
            Assert.Equal(0, allocated);
        }

        [Fact]
        public void StampThatDoesNotFitIsDroppedAndCounted()
        {
            var m = new SipMessage();
            byte[] text = Encoding.ASCII.GetBytes(Options("a.example;branch=BRANCH;rport"));
            Assert.True(m.TryParse(text, 0, text.Length));
            Assert.Equal(-1, SipTransport.StampVia(m, text, 0, text.Length, text.Length, Peer));
        }
    }
}
