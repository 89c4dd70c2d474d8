// Test harness for the transaction layer: a recording transport, a recording TU, message builders, a manual clock.
namespace Phone.Core.Tests.Sip.Transactions
{
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;

    internal sealed class TransactionHarness : ISipSender, ITransactionUser
    {
        public static readonly NetEndPoint Peer = new NetEndPoint(0x7F000002, 5060);

        public TransactionHarness(int capacity = 4, bool reliable = false, int poolBuffers = 0, int smallBuffers = 0, int smallBytes = 0)
        {
            Reliable = reliable;
            Layer = poolBuffers > 0
                ? new TransactionLayer(this, this, new SipTimers(), capacity, 1500, new MessageBufferPool(poolBuffers, 1500, smallBuffers, smallBytes))
                : new TransactionLayer(this, this, new SipTimers(), capacity, 1500);
        }

        public TransactionLayer Layer { get; }
        public bool Reliable { get; set; }
        public bool RefuseSends { get; set; }
        public long Now { get; set; }
        public List<(long At, string Text, NetEndPoint To)> Sent { get; } = new();
        public List<string> Events { get; } = new();
        public ServerTransaction LastServer { get; private set; }
        public ClientTransaction LastClient { get; private set; }

        public bool IsReliable(NetEndPoint destination) => Reliable;

        public bool Send(byte[] buffer, int offset, int count, NetEndPoint destination)
        {
            if (RefuseSends) return false;
            Sent.Add((Now, Encoding.ASCII.GetString(buffer, offset, count), destination));
            return true;
        }

        public void OnRequest(ServerTransaction transaction, SipMessage request, long nowMs)
        {
            LastServer = transaction;
            Events.Add("request " + request.GetString(request.MethodName) + " @" + nowMs);
        }

        public void OnResponse(ClientTransaction transaction, SipMessage response, long nowMs)
        {
            LastClient = transaction;
            Events.Add("response " + response.StatusCode + " @" + nowMs);
        }

        public void OnTimeout(ClientTransaction transaction, long nowMs) => Events.Add("timeout @" + nowMs);
        public void OnTransportError(ClientTransaction transaction, long nowMs) => Events.Add("transport error @" + nowMs);
        public void OnAck(SipMessage ack, NetEndPoint from, long nowMs) => Events.Add("ack @" + nowMs);
        public void OnNoAck(ServerTransaction transaction, long nowMs) => Events.Add("no ack @" + nowMs);

        /// <summary>Advances the clock to <paramref name="until"/>, polling at every deadline the layer asks for.</summary>
        public void RunUntil(long until)
        {
            for (int guard = 0; guard < 10000; guard++)
            {
                long next = Layer.Poll(Now);
                if (next > until) break;
                if (next > Now) Now = next;
            }
            Now = until;
            Layer.Poll(Now);
        }

        public void Deliver(string text, NetEndPoint from)
        {
            var m = new SipMessage();
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            Assert.True(m.TryParse(bytes, 0, bytes.Length), "test message does not parse: " + m.Error);
            Layer.Receive(m, from, Now);
        }

        public void Deliver(string text) => Deliver(text, Peer);

        public ClientTransaction SendRequest(string text)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            return Layer.SendRequest(bytes, 0, bytes.Length, Peer, null, Now);
        }

        public int SentCount(string startsWith)
        {
            int n = 0;
            foreach (var s in Sent) if (s.Text.StartsWith(startsWith)) n++;
            return n;
        }

        public List<long> SentTimes(string startsWith)
        {
            var times = new List<long>();
            foreach (var s in Sent) if (s.Text.StartsWith(startsWith)) times.Add(s.At);
            return times;
        }

        public static string Request(string method, string branch = "z9hG4bKabc", int cseq = 1, string sentBy = "10.0.0.1:5060", string cseqMethod = null)
            => method + " sip:bob@example.com SIP/2.0\r\n" +
               "Via: SIP/2.0/UDP " + sentBy + ";branch=" + branch + ";rport\r\n" +
               "Max-Forwards: 70\r\n" +
               "From: <sip:alice@example.com>;tag=a1\r\n" +
               "To: <sip:bob@example.com>\r\n" +
               "Call-ID: call-1@10.0.0.1\r\n" +
               "CSeq: " + cseq + " " + (cseqMethod ?? method) + "\r\n" +
               "Content-Length: 0\r\n\r\n";

        public static string Response(int code, string reason, string method, string branch = "z9hG4bKabc", int cseq = 1, string toTag = "b2")
            => "SIP/2.0 " + code + " " + reason + "\r\n" +
               "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=" + branch + ";rport=5060\r\n" +
               "From: <sip:alice@example.com>;tag=a1\r\n" +
               "To: <sip:bob@example.com>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n" +
               "Call-ID: call-1@10.0.0.1\r\n" +
               "CSeq: " + cseq + " " + method + "\r\n" +
               "Content-Length: 0\r\n\r\n";
    }
}
