// One emulated phone for the resilience interop tests: our RegistrationClient, RegistrarMonitor and
// SurvivabilityController over SipTransport + HostDatagramSocket on 127.0.0.1, polled by the test's thread.
namespace Phone.Interop.Tests.Resilience
{
    using System;
    using System.Collections.Generic;
    using System.Diagnostics;
    using System.Security.Cryptography;
    using System.Text;
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Resilience;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Host.Net;
    using Phone.Interop.Tests.Harness;

    internal sealed class ResilientDevice : ITransactionUser, IDisposable
    {
        public static readonly uint Loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);

        private readonly byte[] _out = new byte[1500];
        private readonly Stopwatch _clock;

        public ResilientDevice(string user, string password, int[] registrarPorts, Stopwatch clock, RegistrarMonitorConfig monitor,
            OfficeDirectory directory = null, int seed = 1, int backoffBaseSeconds = 30)
        {
            _clock = clock;
            User = user;
            Socket = new HostDatagramSocket(new NetEndPoint(Loopback, 0));
            Transport = new SipTransport(Socket, 4096, null);
            Layer = new TransactionLayer(Transport, this, new SipTimers(), 16, 4096);
            Transport.Attach(Layer);
            var targets = new NetEndPoint[registrarPorts.Length];
            for (int i = 0; i < targets.Length; i++) targets[i] = new NetEndPoint(Loopback, registrarPorts[i]);
            var credentials = new DigestCredentialStore(2);
            credentials.Set(KamailioProcess.Realm, user, password);
            string aor = "sip:" + user + "@" + KamailioProcess.Realm;
            Registration = new RegistrationClient(new RegistrationConfig
            {
                AddressOfRecord = aor,
                RegistrarUri = "sip:" + KamailioProcess.Realm,
                ContactUser = user,
                Targets = targets,
                LocalAddress = Loopback,
                LocalPort = Socket.LocalEndPoint.Port,
                Expires = 60,
                BackoffBaseSeconds = backoffBaseSeconds,
            }, Layer, new DigestClient(credentials, new OsRandom(), 2, 1), new Random(seed));
            if (monitor != null)
            {
                Monitor = new RegistrarMonitor(monitor, Registration, Layer, targets, aor, Loopback, Socket.LocalEndPoint.Port, new Random(seed + 1));
                Survival = new SurvivabilityController(directory ?? new OfficeDirectory(4), new[] { "112" }, default, new LocalCallLog(16));
                Survival.Attach(Monitor, Registration);
                Monitor.FailedOver += (m, i, t) => Note("failover " + i, t);
                Monitor.FailedBack += (m, i, t) => Note("failback " + i, t);
                Monitor.AllDown += (m, i, t) => Note("alldown", t);
                Monitor.Recovered += (m, i, t) => Note("recovered " + i, t);
            }
            Registration.Registered += (r, code, t) => Note("registered " + r.TargetIndex, t);
            // Fail-back removes the binding left at the backup (Resilience.StaleBindingRemover, as PhoneAgent does).
            Remover = new StaleBindingRemover(Layer, new DigestClient(credentials, new OsRandom(), 2, 1), targets, aor,
                "sip:" + KamailioProcess.Realm, null, Loopback, Socket.LocalEndPoint.Port, new Random(seed + 2));
            Remover.Attach(Registration);
            Registration.Failed += (r, code, t) =>
            {
                Note("failed " + code, t);
                // The back-off the client chose: Poll before the deadline fires nothing and returns it.
                if (r.State == RegistrationState.WaitingRetry) Retries.Add((t, r.ConsecutiveFailures, r.Poll(t), code));
            };
        }

        public string User { get; }
        public HostDatagramSocket Socket { get; }
        public SipTransport Transport { get; }
        public TransactionLayer Layer { get; }
        public RegistrationClient Registration { get; }
        public RegistrarMonitor Monitor { get; }
        public SurvivabilityController Survival { get; }
        public StaleBindingRemover Remover { get; }
        public List<(long At, string What)> Events { get; } = new();

        /// <summary>(time of the failure, consecutive failures, when the retry is due, status) for every scheduled retry.</summary>
        public List<(long At, int Failures, long DueAt, int Status)> Retries { get; } = new();

        /// <summary>Times a retry REGISTER went out after a scheduled back-off or Retry-After.</summary>
        public List<long> RetrySends { get; } = new();

        public int OptionsAnswered { get; private set; }

        public NetEndPoint EndPoint => Socket.LocalEndPoint;

        public void Start(long nowMs)
        {
            Registration.Start(nowMs);
            if (Monitor != null) Monitor.Start(nowMs);
        }

        /// <summary>One pass of the protocol loop; returns the next deadline.</summary>
        public long Poll(long nowMs)
        {
            Transport.Poll(nowMs);
            bool waiting = Registration.State == RegistrationState.WaitingRetry;
            long next = Registration.Poll(nowMs);
            if (waiting && Registration.State != RegistrationState.WaitingRetry) RetrySends.Add(nowMs);
            if (Monitor != null) next = Math.Min(next, Monitor.Poll(nowMs));
            next = Math.Min(next, Remover.Poll(nowMs));
            next = Math.Min(next, Layer.Poll(nowMs));
            return next;
        }

        /// <summary>Time of the first event starting with <paramref name="prefix"/> at or after <paramref name="from"/>, or -1.</summary>
        public long EventAt(string prefix, long from)
        {
            lock (Events)
            {
                foreach (var e in Events) if (e.At >= from && e.What.StartsWith(prefix, StringComparison.Ordinal)) return e.At;
            }
            return -1;
        }

        public string History()
        {
            var sb = new StringBuilder(User + ":");
            lock (Events) foreach (var e in Events) sb.Append(' ').Append(e.What).Append('@').Append(e.At);
            return sb.ToString();
        }

        /// <summary>Sends an out-of-dialog OPTIONS straight to <paramref name="uri"/>'s host (local mode: no PBX in the path).</summary>
        public ClientTransaction SendOptions(string uri, NetEndPoint to, long nowMs)
        {
            string text = "OPTIONS " + uri + " SIP/2.0\r\n" +
                "Via: SIP/2.0/UDP 127.0.0.1:" + EndPoint.Port + ";branch=z9hG4bKlocal" + nowMs + ";rport\r\n" +
                "Max-Forwards: 70\r\n" +
                "From: <sip:" + User + "@" + KamailioProcess.Realm + ">;tag=l" + nowMs + "\r\n" +
                "To: <" + uri + ">\r\n" +
                "Call-ID: local-" + nowMs + "@127.0.0.1\r\n" +
                "CSeq: 1 OPTIONS\r\n" +
                "Content-Length: 0\r\n\r\n";
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            return Layer.SendRequest(bytes, 0, bytes.Length, to, "local-options", nowMs);
        }

        public int LastLocalOptionsStatus { get; private set; }

        public void OnRequest(ServerTransaction transaction, SipMessage request, long nowMs)
        {
            // A desk answers OPTIONS (RFC 3261 §11.2) whether the PBX is there or not.
            var w = new SipWriter(_out);
            w.WriteResponseHeaders(request, request.Method == SipMethod.Options ? 200 : 501,
                request.Method == SipMethod.Options ? "OK" : "Not Implemented", null, 0, 0, false);
            w.EndWithoutBody();
            transaction.Respond(_out, 0, w.Length, request.Method == SipMethod.Options ? 200 : 501, nowMs);
            if (request.Method == SipMethod.Options) OptionsAnswered++;
        }

        public void OnResponse(ClientTransaction tx, SipMessage response, long nowMs)
        {
            if (tx.Owner == Registration) Registration.OnResponse(tx, response, nowMs);
            else if (Monitor != null && tx.Owner == Monitor) Monitor.OnResponse(tx, response, nowMs);
            else if (tx.Owner == Remover) Remover.OnResponse(tx, response, nowMs);
            else if (tx.Owner as string == "local-options" && response.StatusCode >= 200) LastLocalOptionsStatus = response.StatusCode;
        }

        public void OnTimeout(ClientTransaction tx, long nowMs)
        {
            if (tx.Owner == Registration) Registration.OnTimeout(tx, nowMs);
            else if (Monitor != null && tx.Owner == Monitor) Monitor.OnTimeout(tx, nowMs);
            else if (tx.Owner == Remover) Remover.OnTimeout(tx, nowMs);
        }

        public void OnTransportError(ClientTransaction tx, long nowMs)
        {
            if (tx.Owner == Registration) Registration.OnTransportError(tx, nowMs);
            else if (Monitor != null && tx.Owner == Monitor) Monitor.OnTransportError(tx, nowMs);
            else if (tx.Owner == Remover) Remover.OnTransportError(tx, nowMs);
        }

        public void OnAck(SipMessage ack, NetEndPoint from, long nowMs) { }

        public void OnNoAck(ServerTransaction transaction, long nowMs) { }

        public void Dispose() => Socket.Dispose();

        private void Note(string what, long at)
        {
            lock (Events) Events.Add((at, what));
        }

        private sealed class OsRandom : IRandomSource
        {
            public void NextBytes(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
        }
    }
}
