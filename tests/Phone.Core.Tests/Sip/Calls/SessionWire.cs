// Helpers for session-feature tests: a wire capture on the in-memory network and hand-written requests/responses.
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sip;

    internal sealed class SessionWire
    {
        public const string Sdp = "v=0\r\no=- 1000 1000 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\n"
            + "m=audio 20000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:20\r\n";

        private readonly TwoPhoneNet _net;

        /// <summary>Every datagram offered to the network (dropped ones too), whole text.</summary>
        public readonly List<string> Sent = new List<string>();

        /// <summary>Extra drop rule (text, from, to) applied after capture.</summary>
        public System.Func<string, NetEndPoint, NetEndPoint, bool> Drop = (m, f, t) => false;

        public SessionWire(TwoPhoneNet net)
        {
            _net = net;
            net.Drop = (m, f, t) =>
            {
                Sent.Add(m);
                return Drop(m, f, t);
            };
        }

        /// <summary>Datagrams whose first line starts with the given text.</summary>
        public List<string> Starting(string firstLine) => Sent.FindAll(m => m.StartsWith(firstLine));

        /// <summary>The last datagram whose first line starts with the given text.</summary>
        public string Last(string firstLine)
        {
            List<string> all = Starting(firstLine);
            Assert.NotEmpty(all);
            return all[all.Count - 1];
        }

        /// <summary>Value of a header in a captured message ("Session-Expires" → "1800;refresher=uac"), null when absent.</summary>
        public static string Header(string message, string name)
        {
            var m = Parse(message);
            return m.GetHeaderString(name);
        }

        public static SipMessage Parse(string text)
        {
            var m = new SipMessage();
            byte[] b = Encoding.ASCII.GetBytes(text);
            Assert.True(m.TryParse(b, 0, b.Length), text);
            return m;
        }

        /// <summary>A response to a captured request, written the way a UAS would (Via/From/To/Call-ID/CSeq copied).</summary>
        public static byte[] Response(string request, int code, string reason, string toTag, string extraHeaders, string body)
        {
            var req = Parse(request);
            var buf = new byte[4000];
            var w = new SipWriter(buf);
            byte[] tag = Encoding.ASCII.GetBytes(toTag);
            w.WriteResponseHeaders(req, code, reason, tag, 0, tag.Length, true);
            string head = Encoding.ASCII.GetString(buf, 0, w.Length) + extraHeaders;
            return Encoding.ASCII.GetBytes(body == null
                ? head + "Content-Length: 0\r\n\r\n"
                : head + "Content-Type: application/sdp\r\nContent-Length: " + body.Length + "\r\n\r\n" + body);
        }

        public void Deliver(byte[] data, NetEndPoint from, NetEndPoint to)
        {
            _net.Enqueue(data, from, to);
            _net.Pump();
        }
    }
}
