// A small registrar and stateless proxy on 127.0.0.1 for emulator tests: MD5 digest on REGISTER (RFC 3261 §22), bindings,
// and other requests forwarded to the bound contact (RFC 3261 §16.11) with a Via of its own, responses back along the Vias.
namespace Phone.Emulator.Tests
{
    using System;
    using System.Collections.Concurrent;
    using System.Threading;
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Host.Net;

    internal sealed class LoopbackRegistrar : ITransactionUser, IDisposable
    {
        public const string Realm = "fleet.test";
        private readonly HostDatagramSocket _socket = new HostDatagramSocket(new NetEndPoint(0x7F000001, 0));
        private readonly SipTransport _transport;
        private readonly TransactionLayer _layer;
        private readonly DigestVerifier _verifier = new DigestVerifier();
        private readonly byte[] _out = new byte[2048];
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private readonly Thread _thread;
        private readonly string _password;
        private volatile bool _stop;

        public LoopbackRegistrar(string password)
        {
            _password = password;
            _transport = new SipTransport(_socket, 4096, null);
            _layer = new TransactionLayer(_transport, this, new SipTimers(), 256, 4096);
            _transport.Attach(_layer);
            _thread = new Thread(Loop) { IsBackground = true };
            _thread.Start();
        }

        public NetEndPoint EndPoint => _socket.LocalEndPoint;
        public ConcurrentDictionary<string, int> Bindings { get; } = new ConcurrentDictionary<string, int>();   // user → last expires
        public ConcurrentDictionary<string, NetEndPoint> Contacts { get; } = new ConcurrentDictionary<string, NetEndPoint>();
        public ConcurrentQueue<string> Forwarded { get; } = new ConcurrentQueue<string>();   // first lines of proxied requests
        public int Challenges, Rejected, Unbound;

        private readonly byte[] _rx = new byte[4096];
        private readonly SipMessage _msg = new SipMessage();

        private void Loop()
        {
            while (!_stop)
            {
                long now = _clock.ElapsedMilliseconds;
                // REGISTER goes through the transaction layer; everything else is proxied statelessly.
                while (true)
                {
                    int n = _socket.ReceiveFrom(_rx, 0, _rx.Length, out NetEndPoint from);
                    if (n <= 0) break;
                    if (!_msg.TryParse(_rx, 0, n)) continue;
                    if (_msg.IsRequest && _msg.Method == SipMethod.Register)
                    {
                        Inject(_rx, n, from);
                        continue;
                    }
                    Proxy(System.Text.Encoding.ASCII.GetString(_rx, 0, n), _msg.IsRequest);
                }
                _transport.Poll(now);
                _layer.Poll(now);
                _socket.WaitReadable(5);
            }
        }

        private void Inject(byte[] data, int n, NetEndPoint from)
        {
            // The transaction layer answers REGISTER (retransmissions included) to the source address (RFC 3581 rport).
            var copy = new byte[n];
            Array.Copy(data, copy, n);
            var m = new SipMessage();
            if (m.TryParse(copy, 0, n)) _layer.Receive(m, from, _clock.ElapsedMilliseconds);
        }

        private void Proxy(string text, bool request)
        {
            int lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (request)
            {
                string first = text.Substring(0, lineEnd);
                string uri = first.Split(' ')[1];
                int at = uri.IndexOf('@');
                string user = at > 4 ? uri.Substring(4, at - 4) : "";
                string hostPort = at >= 0 ? uri.Substring(at + 1) : uri.Substring(4);
                int semi = hostPort.IndexOfAny(new[] { ';', '>' });
                if (semi >= 0) hostPort = hostPort.Substring(0, semi);
                NetEndPoint target;
                if (hostPort.Contains(':') && !hostPort.EndsWith(":" + EndPoint.Port))
                {
                    Phone.Core.Agent.AgentConfig.TryHostPort(hostPort, out _, out target);   // in-dialog: the Request-URI is a contact
                }
                else if (!Contacts.TryGetValue(user, out target))
                {
                    return;   // unknown user: a real proxy answers 404; the tests never need it
                }
                // Our Via on top; the branch derives from the incoming one so a CANCEL matches its INVITE (§16.11).
                string topBranch = Param(ViaLine(text), "branch");
                string via = "Via: SIP/2.0/UDP 127.0.0.1:" + EndPoint.Port + ";branch=z9hG4bK-p" + topBranch + "\r\n";
                string forwarded = text.Substring(0, lineEnd + 2) + via + text.Substring(lineEnd + 2);
                Forwarded.Enqueue(first);
                Send(forwarded, target);
            }
            else
            {
                // Pop our Via; send to the next one (its received/rport when stamped).
                int start = text.IndexOf("\r\nVia:", StringComparison.Ordinal);
                if (start < 0) return;
                int end = text.IndexOf("\r\n", start + 2, StringComparison.Ordinal);
                string rest = text.Substring(0, start) + text.Substring(end);
                string next = ViaLine(rest);
                if (next == null) return;
                string sentBy = next.Substring(next.IndexOf("UDP ", StringComparison.Ordinal) + 4);
                int cut = sentBy.IndexOfAny(new[] { ';', ',', ' ' });
                if (cut >= 0) sentBy = sentBy.Substring(0, cut);
                Phone.Core.Agent.AgentConfig.TryHostPort(sentBy, out _, out NetEndPoint target);
                string rport = Param(next, "rport");
                if (int.TryParse(rport, out int port)) target = new NetEndPoint(target.Address, port);
                Send(rest, target);
            }
        }

        private static string ViaLine(string text)
        {
            int i = text.IndexOf("\r\nVia:", StringComparison.Ordinal);
            if (i < 0) return null;
            int end = text.IndexOf("\r\n", i + 2, StringComparison.Ordinal);
            return text.Substring(i + 2, end - i - 2);
        }

        private static string Param(string line, string name)
        {
            int i = line.IndexOf(";" + name + "=", StringComparison.Ordinal);
            if (i < 0) return "";
            int start = i + name.Length + 2;
            int end = line.IndexOfAny(new[] { ';', ',', ' ' }, start);
            return end < 0 ? line.Substring(start) : line.Substring(start, end - start);
        }

        private void Send(string text, NetEndPoint to)
        {
            byte[] b = System.Text.Encoding.ASCII.GetBytes(text);
            _socket.SendTo(b, 0, b.Length, to);
        }

        public void OnRequest(ServerTransaction transaction, SipMessage request, long nowMs)
        {
            if (request.Method != SipMethod.Register)
            {
                Answer(transaction, request, 501, "Not Implemented", null, nowMs);
                return;
            }
            string from = request.GetHeaderString(SipHeaderId.From);
            int colon = from.IndexOf("sip:", StringComparison.Ordinal), at = from.IndexOf('@');
            string user = colon >= 0 && at > colon ? from.Substring(colon + 4, at - colon - 4) : "";
            string authorization = request.GetHeaderString(SipHeaderId.Authorization);
            string challenge = "WWW-Authenticate: Digest realm=\"" + Realm + "\", nonce=\"n" + user + "\", qop=\"auth\", algorithm=MD5\r\n";
            if (authorization == null)
            {
                Interlocked.Increment(ref Challenges);
                Answer(transaction, request, 401, "Unauthorized", challenge, nowMs);
                return;
            }
            if (_verifier.Verify("REGISTER", request.GetString(request.RequestUri.Whole), user, Realm, _password, authorization, "n" + user) != DigestVerification.Valid)
            {
                Interlocked.Increment(ref Rejected);
                Answer(transaction, request, 403, "Forbidden", null, nowMs);
                return;
            }
            long expires = request.Expires < 0 ? 3600 : request.Expires;
            string contact = request.GetHeaderString(SipHeaderId.Contact) ?? "";
            if (contact.Contains("expires=0")) expires = 0;
            if (expires == 0)
            {
                Bindings.TryRemove(user, out _);
                Contacts.TryRemove(user, out _);
                Interlocked.Increment(ref Unbound);
                Answer(transaction, request, 200, "OK", null, nowMs);
                return;
            }
            Bindings[user] = (int)expires;
            // sip:user@a.b.c.d:port of the Contact: where proxied requests for the user go.
            int cat = contact.IndexOf('@'), cend = contact.IndexOfAny(new[] { '>', ';' }, Math.Max(cat, 0));
            if (cat >= 0 && Phone.Core.Agent.AgentConfig.TryHostPort(contact.Substring(cat + 1, (cend < 0 ? contact.Length : cend) - cat - 1), out _, out NetEndPoint c))
                Contacts[user] = c;
            int semi = contact.IndexOf(';');
            Answer(transaction, request, 200, "OK", "Contact: " + (semi < 0 ? contact : contact.Substring(0, semi)) + ";expires=" + expires + "\r\n", nowMs);
        }

        private void Answer(ServerTransaction tx, SipMessage request, int code, string reason, string extra, long nowMs)
        {
            var w = new SipWriter(_out);
            byte[] tag = System.Text.Encoding.ASCII.GetBytes("reg1");
            w.WriteResponseHeaders(request, code, reason, tag, 0, tag.Length, false);
            if (!string.IsNullOrEmpty(extra)) w.Append(extra);
            w.EndWithoutBody();
            tx.Respond(_out, 0, w.Length, code, nowMs);
        }

        public void OnResponse(ClientTransaction transaction, SipMessage response, long nowMs) { }
        public void OnTimeout(ClientTransaction transaction, long nowMs) { }
        public void OnTransportError(ClientTransaction transaction, long nowMs) { }
        public void OnAck(SipMessage ack, NetEndPoint from, long nowMs) { }
        public void OnNoAck(ServerTransaction transaction, long nowMs) { }

        public void Dispose()
        {
            _stop = true;
            _thread.Join(2000);
            _socket.Close();
        }
    }
}
