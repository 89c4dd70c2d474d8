// Our RFC 3261 §17.1.2 client transaction over the host UDP socket, against Kamailio: OPTIONS → 200 → Completed.
namespace Phone.Interop.Tests.Kamailio
{
    using System.Diagnostics;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;
    using Phone.Host.Net;
    using Phone.Interop.Tests.Harness;

    public sealed class TransactionOptionsTests : IClassFixture<KamailioFixture>
    {
        private readonly KamailioProcess _kamailio;

        public TransactionOptionsTests(KamailioFixture fixture) => _kamailio = fixture.Kamailio;

        [Fact]
        public void Our_client_transaction_sends_OPTIONS_over_HostDatagramSocket_and_completes_on_Kamailios_200()
        {
            uint loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
            using var socket = new HostDatagramSocket(new NetEndPoint(loopback, 0));
            var user = new RecordingUser();
            var layer = new TransactionLayer(new UdpSender(socket), user, new SipTimers(), 4, 1500);
            var proxy = new NetEndPoint(loopback, _kamailio.Port);

            string request =
                "OPTIONS sip:127.0.0.1:" + _kamailio.Port + " SIP/2.0\r\n" +
                "Via: SIP/2.0/UDP 127.0.0.1:" + socket.LocalEndPoint.Port + ";branch=z9hG4bKinterop1\r\n" +
                "Max-Forwards: 70\r\n" +
                "From: <sip:alice@interop.test>;tag=t1\r\n" +
                "To: <sip:127.0.0.1:" + _kamailio.Port + ">\r\n" +
                "Call-ID: interop-options-1\r\n" +
                "CSeq: 7 OPTIONS\r\n" +
                "Content-Length: 0\r\n\r\n";
            byte[] bytes = Encoding.ASCII.GetBytes(request);
            var clock = Stopwatch.StartNew();
            ClientTransaction tx = layer.SendRequest(bytes, 0, bytes.Length, proxy, null, clock.ElapsedMilliseconds);
            Assert.NotNull(tx);

            var buffer = new byte[4096];
            var message = new SipMessage();
            while (user.FinalStatus == 0 && user.TimedOut == 0 && clock.ElapsedMilliseconds < 5000)
            {
                socket.WaitReadable(20);
                int n = socket.ReceiveFrom(buffer, 0, buffer.Length, out NetEndPoint from);
                if (n > 0 && message.TryParse(buffer, 0, n)) layer.Receive(message, from, clock.ElapsedMilliseconds);
                layer.Poll(clock.ElapsedMilliseconds);
            }

            Assert.Equal(200, user.FinalStatus);
            Assert.Equal(200, tx.LastStatusCode);
            Assert.Equal(7u, user.FinalCSeq);
            // §17.1.2.2: a final response moves a non-INVITE client transaction to Completed (Timer K pending).
            Assert.Equal(TransactionState.Completed, tx.State);
            Assert.Equal(0, user.TimedOut);
        }

        private sealed class UdpSender : ISipSender
        {
            private readonly HostDatagramSocket _socket;

            public UdpSender(HostDatagramSocket socket) => _socket = socket;

            public bool IsReliable(NetEndPoint destination) => false;

            public bool Send(byte[] buffer, int offset, int count, NetEndPoint destination) => _socket.SendTo(buffer, offset, count, destination);
        }

        private sealed class RecordingUser : ITransactionUser
        {
            public int FinalStatus;
            public uint FinalCSeq;
            public int TimedOut;

            public void OnRequest(ServerTransaction transaction, SipMessage request, long nowMs)
            {
            }

            public void OnResponse(ClientTransaction transaction, SipMessage response, long nowMs)
            {
                if (response.StatusCode >= 200)
                {
                    FinalStatus = response.StatusCode;
                    FinalCSeq = response.CSeqNumber;
                }
            }

            public void OnTimeout(ClientTransaction transaction, long nowMs) => TimedOut++;

            public void OnTransportError(ClientTransaction transaction, long nowMs) => TimedOut++;

            public void OnAck(SipMessage ack, NetEndPoint from, long nowMs)
            {
            }

            public void OnNoAck(ServerTransaction transaction, long nowMs)
            {
            }
        }
    }
}
