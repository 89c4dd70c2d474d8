// A tiny stateless proxy for call tests: challenges INVITEs with digest (407), Record-Routes, forwards by Request-URI.
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip;

    internal sealed class TestProxy
    {
        public const string Realm = "pbx.test";
        public const string Nonce = "4ee1ab0a5b7c";
        public static readonly NetEndPoint EndPoint = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 9), 5060);
        public readonly Dictionary<string, string> Passwords = new Dictionary<string, string>();
        public int Challenged, Verified, Refused, Forwarded, Registered;
        private readonly HashSet<string> _challengedBranches = new HashSet<string>();
        private readonly TwoPhoneNet _net;
        private readonly DigestVerifier _verifier = new DigestVerifier();

        public TestProxy(TwoPhoneNet net) => _net = net;

        public void Handle(byte[] data, NetEndPoint from)
        {
            var msg = new SipMessage();
            Assert.True(msg.TryParse(data, 0, data.Length));
            string text = Encoding.ASCII.GetString(data);
            if (!msg.IsRequest)
            {
                // Our Via is on top: remove it and send the response to the next one (RFC 3261 §16.7 step 3).
                Assert.True(msg.TryGetVia(1, out SipVia next));
                int v = text.IndexOf("\r\nVia:");
                int e = text.IndexOf("\r\n", v + 2);
                string fwd = text.Remove(v, e - v);
                uint addr;
                Assert.True(NetEndPoint.TryParseAddress(msg.GetString(next.Host), out addr));
                Send(fwd, new NetEndPoint(addr, next.Port == 0 ? 5060 : next.Port));
                return;
            }
            string branch = msg.GetString(msg.Via.Branch);
            if (msg.Method == SipMethod.Register)
            {
                // Registrar: 401 first, then verify the Authorization with DigestVerifier and grant 3600 s.
                int h = msg.FindHeader(SipHeaderId.Authorization);
                if (h < 0)
                {
                    Challenged++;
                    Reply(msg, from, 401, "Unauthorized",
                        "WWW-Authenticate: Digest realm=\"" + Realm + "\", nonce=\"" + Nonce + "\", qop=\"auth\", algorithm=MD5\r\n");
                    return;
                }
                string ruser = msg.GetString(msg.From.Uri.User);
                if (Passwords.TryGetValue(ruser, out string rpw)
                    && _verifier.Verify("REGISTER", msg.GetString(msg.RequestUri.Whole), ruser, Realm, rpw, msg.GetHeaderString(h), Nonce, null, 0, 0) == DigestVerification.Valid)
                {
                    Registered++;
                    Reply(msg, from, 200, "OK", "Contact: <" + msg.GetString(msg.Contact.Uri.Whole) + ">;expires=3600\r\n");
                }
                else
                {
                    Refused++;
                    Reply(msg, from, 403, "Forbidden", "");
                }
                return;
            }
            if (msg.Method == SipMethod.Ack && _challengedBranches.Contains(branch)) return;   // ACK for our 407
            if (msg.Method == SipMethod.Invite && !msg.To.Tag.IsPresent)
            {
                int h = msg.FindHeader(SipHeaderId.ProxyAuthorization);
                if (h < 0)
                {
                    Challenged++;
                    _challengedBranches.Add(branch);
                    Reply(msg, from, 407, "Proxy Authentication Required",
                        "Proxy-Authenticate: Digest realm=\"" + Realm + "\", nonce=\"" + Nonce + "\", qop=\"auth\", algorithm=MD5\r\n");
                    return;
                }
                string user = msg.GetString(msg.From.Uri.User);
                string value = msg.GetHeaderString(h);
                if (!Passwords.TryGetValue(user, out string pw)
                    || _verifier.Verify("INVITE", msg.GetString(msg.RequestUri.Whole), user, Realm, pw, value, Nonce, null, 0, 0) != DigestVerification.Valid)
                {
                    Refused++;
                    Reply(msg, from, 403, "Forbidden", "");
                    return;
                }
                Verified++;
            }
            // Forward: drop the Route naming us, add our Via (branch derived from the incoming one, so a CANCEL
            // matches the INVITE downstream) and, on an initial INVITE, Record-Route (RFC 3261 §16.6).
            var sb = new StringBuilder();
            string[] lines = text.Substring(0, text.IndexOf("\r\n\r\n")).Split("\r\n");
            sb.Append(lines[0]).Append("\r\n");
            sb.Append("Via: SIP/2.0/UDP 10.0.0.9:5060;branch=z9hG4bKp").Append(branch.Substring(7)).Append("\r\n");
            if (msg.Method == SipMethod.Invite && !msg.To.Tag.IsPresent) sb.Append("Record-Route: <sip:10.0.0.9:5060;lr>\r\n");
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("Route: <sip:10.0.0.9")) continue;
                sb.Append(lines[i]).Append("\r\n");
            }
            sb.Append(text.Substring(text.IndexOf("\r\n\r\n") + 2));
            uint to;
            Assert.True(NetEndPoint.TryParseAddress(msg.GetString(msg.RequestUri.Host), out to));
            Forwarded++;
            Send(sb.ToString(), new NetEndPoint(to, msg.RequestUri.Port == 0 ? 5060 : msg.RequestUri.Port));
        }

        private void Reply(SipMessage req, NetEndPoint to, int code, string reason, string extra)
        {
            var buf = new byte[2000];
            var w = new SipWriter(buf);
            byte[] tag = Encoding.ASCII.GetBytes("proxytag");
            w.WriteResponseHeaders(req, code, reason, tag, 0, tag.Length, false);
            string head = Encoding.ASCII.GetString(buf, 0, w.Length);
            Send(head + extra + "Content-Length: 0\r\n\r\n", to);
        }

        private void Send(string text, NetEndPoint to) => _net.Enqueue(Encoding.ASCII.GetBytes(text), EndPoint, to);
    }
}
