// The device's SIP receive buffer (MemoryBudget.SipMessageBufferBytes) is one pool buffer long: what fits is answered, a longer datagram is dropped and counted.
namespace Phone.Core.Tests.Device
{
    using System.Text;
    using Phone.Core.Agent;
    using Phone.Core.Device;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Core.Tests.Agent;
    using Phone.Core.Tests.Sip.Transport;

    public class SipReceiveSizeTests
    {
        private static readonly NetEndPoint Phone = new NetEndPoint(NetEndPoint.MakeAddress(192, 168, 1, 20), 5060);
        private static readonly NetEndPoint Peer = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 9), 5060);

        private sealed class Answering : ITransactionUser
        {
            public int Requests;
            private readonly byte[] _out = new byte[MemoryBudget.SipMessageBufferBytes];

            public void OnRequest(ServerTransaction transaction, SipMessage request, long nowMs)
            {
                Requests++;
                var w = new SipWriter(_out);
                w.WriteResponseHeaders(request, 200, "OK", null, 0, 0, false);
                w.EndWithoutBody();
                transaction.Respond(_out, 0, w.Length, 200, nowMs);
            }

            public void OnResponse(ClientTransaction transaction, SipMessage response, long nowMs) { }
            public void OnTimeout(ClientTransaction transaction, long nowMs) { }
            public void OnTransportError(ClientTransaction transaction, long nowMs) { }
            public void OnAck(SipMessage ack, NetEndPoint from, long nowMs) { }
            public void OnNoAck(ServerTransaction transaction, long nowMs) { }
        }

        // An OPTIONS of exactly `length` bytes (padded with a text body) from a host name, so the Via gets received= stamped.
        private static string Options(int length, string branch)
        {
            string head = "OPTIONS sip:201@192.168.1.20 SIP/2.0\r\nVia: SIP/2.0/UDP pbx.example.com;branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:pbx@10.0.0.9>;tag=f1\r\nTo: <sip:201@192.168.1.20>\r\nCall-ID: " + branch
                + "@10.0.0.9\r\nCSeq: 7 OPTIONS\r\nContent-Type: text/plain\r\nContent-Length: ";
            int body = length - head.Length - 4 - 4;   // 4 digits of Content-Length, CRLFCRLF
            string text = head + body.ToString("D4") + "\r\n\r\n" + new string('x', body);
            Assert.Equal(length, text.Length);
            return text;
        }

        [Fact]
        public void A_datagram_of_the_pool_buffer_size_is_answered_and_a_longer_one_is_dropped_as_malformed()
        {
            var net = new MemoryUdpNetwork();
            MemoryUdpSocket socket = net.Bind(Phone);
            var transport = new SipTransport(socket, MemoryBudget.SipMessageBufferBytes, MemoryBudget.SipMaxHeaders, null);
            var user = new Answering();
            var layer = new TransactionLayer(transport, user, new SipTimers(), MemoryBudget.SipTransactions, MemoryBudget.SipMessageBufferBytes,
                new MessageBufferPool(MemoryBudget.SipMessageBuffers, MemoryBudget.SipMessageBufferBytes,
                    MemoryBudget.SipSmallMessageBuffers, MessageBufferPool.SmallBufferBytes));
            transport.Attach(layer);
            Assert.Equal(MemoryBudget.SipMessageBufferBytes, transport.MaxMessageBytes);

            socket.Inject(Options(MemoryBudget.SipMessageBufferBytes, "z9hG4bKfits"), Peer);
            socket.Inject(Options(MemoryBudget.SipMessageBufferBytes + 1, "z9hG4bKlong"), Peer);
            Assert.Equal(2, transport.Poll(0));

            Assert.Equal(1, user.Requests);                                        // the stamped full-size one was taken
            Assert.Equal(1, transport.Stats.ViaStamped);
            Assert.Equal(1, transport.Stats.Malformed);                             // the truncated one: counted, not answered
            var answer = Assert.Single(net.Log);
            Assert.StartsWith("SIP/2.0 200 OK", answer.Text);
            Assert.Contains("branch=z9hG4bKfits", answer.Text);
        }

        [Fact]
        public void The_device_agent_receives_datagrams_as_long_as_its_pool_buffers()
        {
            var config = new Phone.Core.Provisioning.ProvisioningConfig();
            config.Set("account.1.user", "201");
            AgentConfig device = DeviceAgent.Configure(config, AgentRig.AddressA);
            Assert.Equal(MemoryBudget.SipMessageBufferBytes, device.SipMessageBytes);
            var rig = new AgentRig(configureA: ca =>
            {
                ca.SipMessageBytes = device.SipMessageBytes;
                ca.SipMessageBuffers = device.SipMessageBuffers;
                ca.SipSmallMessageBuffers = device.SipSmallMessageBuffers;
                ca.SipTransactions = device.SipTransactions;
                ca.SipMaxHeaders = device.SipMaxHeaders;
            });
            Assert.Equal(rig.A.Calls.Layer.Pool.BufferBytes, rig.A.Transport.MaxMessageBytes);
        }
    }
}
