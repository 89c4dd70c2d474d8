// A small registrar on 127.0.0.1 for fleet tests: challenges every REGISTER with MD5 digest (RFC 3261 §22) and binds on a valid answer.
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
        public int Challenges, Rejected, Unbound;

        private void Loop()
        {
            while (!_stop)
            {
                long now = _clock.ElapsedMilliseconds;
                _transport.Poll(now);
                _layer.Poll(now);
                _socket.WaitReadable(5);
            }
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
                Interlocked.Increment(ref Unbound);
                Answer(transaction, request, 200, "OK", null, nowMs);
                return;
            }
            Bindings[user] = (int)expires;
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
