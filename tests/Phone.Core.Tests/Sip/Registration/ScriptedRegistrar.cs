// A scripted registrar over SipTransport + TransactionLayer: digest challenge verified with DigestVerifier, and
// hooks to answer 423, 403, 503 or nothing.
namespace Phone.Core.Tests.Sip.Registration
{
    using System;
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Core.Tests.Sip.Transport;
    using Phone.Core.Ports;

    internal sealed class ScriptedRegistrar : ITransactionUser
    {
        public const string Realm = "office";
        public const string User = "201";
        public const string Password = "s3cret";

        private readonly DigestVerifier _verifier = new();
        private readonly byte[] _out = new byte[2048];
        private int _nonceCounter;

        public ScriptedRegistrar(IDatagramSocket socket, int capacity = 8)
        {
            Transport = new SipTransport(socket, 4096, null);
            Layer = new TransactionLayer(Transport, this, new SipTimers(), capacity, 4096);
            Transport.Attach(Layer);
            Nonce = "n" + (++_nonceCounter);
        }

        public SipTransport Transport { get; }
        public TransactionLayer Layer { get; }
        public string Nonce { get; private set; }
        public int MinExpires;
        public int MaxExpires = 3600;
        public bool RequireAuth = true;
        /// <summary>Returns (code, reason, extra header lines) to override the normal behaviour; null to proceed.</summary>
        public Func<Received, (int, string, string)?> Script;
        public List<Received> Requests { get; } = new();
        public List<DigestVerification> Verdicts { get; } = new();
        public List<int> Answers { get; } = new();

        internal sealed class Received
        {
            public long At;
            public string Text;
            public uint CSeq;
            public string CallId;
            public long Expires;
            public string Authorization;
            public List<string> Contacts = new();
            public NetEndPoint From;
        }

        /// <summary>Makes the next challenge carry a fresh nonce (the old one becomes stale).</summary>
        public void RotateNonce() => Nonce = "n" + (++_nonceCounter);

        public void OnRequest(ServerTransaction transaction, SipMessage request, long nowMs)
        {
            var r = new Received
            {
                At = nowMs,
                Text = Encoding.ASCII.GetString(request.Buffer, request.Offset, request.Count),
                CSeq = request.CSeqNumber,
                CallId = request.GetString(request.CallId),
                Expires = request.Expires,
                Authorization = request.GetHeaderString(SipHeaderId.Authorization),
                From = transaction.ResponseDestination,
            };
            for (int i = request.FindHeader(SipHeaderId.Contact); i >= 0; i = request.FindHeader(SipHeaderId.Contact, i))
            {
                r.Contacts.Add(request.GetHeaderString(i));
            }
            Requests.Add(r);

            (int, string, string)? scripted = Script?.Invoke(r);
            if (scripted.HasValue)
            {
                Answer(transaction, request, scripted.Value.Item1, scripted.Value.Item2, scripted.Value.Item3, nowMs);
                return;
            }
            if (RequireAuth)
            {
                string challenge = "WWW-Authenticate: Digest realm=\"" + Realm + "\", nonce=\"" + Nonce + "\", qop=\"auth\", algorithm=MD5\r\n";
                if (r.Authorization == null)
                {
                    Answer(transaction, request, 401, "Unauthorized", challenge, nowMs);
                    return;
                }
                DigestVerification v = _verifier.Verify("REGISTER", request.GetString(request.RequestUri.Whole), User, Realm, Password, r.Authorization, null);
                Verdicts.Add(v);
                if (v != DigestVerification.Valid)
                {
                    Answer(transaction, request, 401, "Unauthorized", challenge, nowMs);
                    return;
                }
                if (_verifier.Last.Nonce != Nonce)
                {
                    Answer(transaction, request, 401, "Unauthorized", challenge.Replace("algorithm=MD5", "algorithm=MD5, stale=true"), nowMs);
                    return;
                }
            }
            long expires = request.Expires < 0 ? 3600 : request.Expires;
            if (expires > 0 && expires < MinExpires)
            {
                Answer(transaction, request, 423, "Interval Too Brief", "Min-Expires: " + MinExpires + "\r\n", nowMs);
                return;
            }
            if (expires > MaxExpires) expires = MaxExpires;
            var sb = new StringBuilder();
            foreach (string c in r.Contacts)
            {
                if (c.Contains("expires=0")) continue;
                int semi = c.IndexOf(';');
                sb.Append("Contact: ").Append(semi < 0 ? c : c.Substring(0, semi)).Append(";expires=").Append(expires).Append("\r\n");
            }
            Answer(transaction, request, 200, "OK", sb.ToString(), nowMs);
        }

        private void Answer(ServerTransaction tx, SipMessage request, int code, string reason, string extra, long nowMs)
        {
            Answers.Add(code);
            var w = new SipWriter(_out);
            byte[] tag = Encoding.ASCII.GetBytes("reg1");
            w.WriteResponseHeaders(request, code, reason, tag, 0, tag.Length, false);
            if (!string.IsNullOrEmpty(extra)) w.Append(extra);
            w.EndWithoutBody();
            Assert.False(w.Overflow);
            tx.Respond(_out, 0, w.Length, code, nowMs);
        }

        public void OnResponse(ClientTransaction transaction, SipMessage response, long nowMs) { }
        public void OnTimeout(ClientTransaction transaction, long nowMs) { }
        public void OnTransportError(ClientTransaction transaction, long nowMs) { }
        public void OnAck(SipMessage ack, NetEndPoint from, long nowMs) { }
        public void OnNoAck(ServerTransaction transaction, long nowMs) { }
    }
}
