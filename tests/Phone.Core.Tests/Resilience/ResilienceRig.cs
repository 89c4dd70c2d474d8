// A phone (registration + registrar monitor + survivability + call-log reporter) and two scripted registrars on the
// in-memory UDP network, with a manual clock; a registrar is "killed" by closing its socket.
namespace Phone.Core.Tests.Resilience
{
    using System.Collections.Generic;
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Resilience;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Core.Tests.Sip.Registration;
    using Phone.Core.Tests.Sip.Transport;

    /// <summary>Routes client transaction events to their owner, as the UA core does.</summary>
    internal sealed class OwnerRouter : ITransactionUser
    {
        public RegistrationClient Client;
        public RegistrarMonitor Monitor;
        public LocalCallReporter Reporter;

        public void OnRequest(ServerTransaction transaction, SipMessage request, long nowMs) { }
        public void OnAck(SipMessage ack, NetEndPoint from, long nowMs) { }
        public void OnNoAck(ServerTransaction transaction, long nowMs) { }

        public void OnResponse(ClientTransaction tx, SipMessage response, long nowMs)
        {
            if (tx.Owner == Client) Client.OnResponse(tx, response, nowMs);
            else if (tx.Owner == Monitor) Monitor.OnResponse(tx, response, nowMs);
            else if (tx.Owner == Reporter) Reporter.OnResponse(tx, response, nowMs);
        }

        public void OnTimeout(ClientTransaction tx, long nowMs)
        {
            if (tx.Owner == Client) Client.OnTimeout(tx, nowMs);
            else if (tx.Owner == Monitor) Monitor.OnTimeout(tx, nowMs);
            else if (tx.Owner == Reporter) Reporter.OnTimeout(tx, nowMs);
        }

        public void OnTransportError(ClientTransaction tx, long nowMs)
        {
            if (tx.Owner == Client) Client.OnTransportError(tx, nowMs);
            else if (tx.Owner == Monitor) Monitor.OnTransportError(tx, nowMs);
            else if (tx.Owner == Reporter) Reporter.OnTransportError(tx, nowMs);
        }
    }

    internal sealed class ResilienceRig
    {
        public static readonly NetEndPoint PhoneEp = new NetEndPoint(NetEndPoint.MakeAddress(192, 168, 1, 20), 5060);
        public static readonly NetEndPoint Primary = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 1), 5060);
        public static readonly NetEndPoint Backup = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 2), 5060);
        public static readonly NetEndPoint Gateway = new NetEndPoint(NetEndPoint.MakeAddress(192, 168, 1, 2), 5060);

        public readonly MemoryUdpNetwork Net = new();
        public readonly MemoryUdpSocket PhoneSocket;
        public readonly MemoryUdpSocket PrimarySocket;
        public readonly MemoryUdpSocket BackupSocket;
        public readonly SipTransport Transport;
        public readonly TransactionLayer Layer;
        public readonly RegistrationClient Client;
        public readonly RegistrarMonitor Monitor;
        public readonly SurvivabilityController Survival;
        public readonly LocalCallReporter Reporter;
        public readonly OfficeDirectory Directory = new(8);
        public readonly ScriptedRegistrar Registrar;
        public readonly ScriptedRegistrar BackupRegistrar;
        public readonly List<string> Events = new();
        public readonly List<string> Messages = new();
        public long Now;

        public ResilienceRig(RegistrarMonitorConfig config = null, int seed = 7, int logCapacity = 16)
        {
            PhoneSocket = Net.Bind(PhoneEp);
            PrimarySocket = Net.Bind(Primary);
            BackupSocket = Net.Bind(Backup);
            Transport = new SipTransport(PhoneSocket, 4096, null);
            var router = new OwnerRouter();
            Layer = new TransactionLayer(Transport, router, new SipTimers(), 8, 4096);
            Transport.Attach(Layer);
            // Room for a keep-alive every 0.5 s: each OPTIONS server transaction lives Timer J (32 s) and a full table answers 503.
            Registrar = new ScriptedRegistrar(PrimarySocket, 128) { Script = Answer };
            BackupRegistrar = new ScriptedRegistrar(BackupSocket, 128) { Script = Answer };
            var credentials = new DigestCredentialStore(2);
            credentials.Set(ScriptedRegistrar.Realm, ScriptedRegistrar.User, ScriptedRegistrar.Password);
            var targets = new[] { Primary, Backup };
            Client = new RegistrationClient(new RegistrationConfig
            {
                AddressOfRecord = "sip:201@pbx.example.com",
                RegistrarUri = "sip:pbx.example.com",
                ContactUser = "201",
                Targets = targets,
                LocalAddress = PhoneEp.Address,
                LocalPort = PhoneEp.Port,
                Expires = 600,
            }, Layer, new DigestClient(credentials, new FixedRandom(), 2, 1), new System.Random(seed));
            Monitor = new RegistrarMonitor(config ?? new RegistrarMonitorConfig(), Client, Layer, targets, "sip:201@pbx.example.com",
                PhoneEp.Address, PhoneEp.Port, new System.Random(seed + 1));
            Directory.TryAdd("202", "Anna, 192.168.1.22");
            Directory.TryAdd("203", "Reception, 192.168.1.23:5070");
            Survival = new SurvivabilityController(Directory, new[] { "112", "911" }, Gateway, new LocalCallLog(logCapacity));
            Survival.Attach(Monitor, Client);
            Reporter = new LocalCallReporter(Survival.Log, Layer, null, "sip:201@pbx.example.com", "sip:calllog@pbx.example.com",
                PhoneEp.Address, PhoneEp.Port, new System.Random(seed + 2));
            Reporter.Attach(Client);
            router.Client = Client;
            router.Monitor = Monitor;
            router.Reporter = Reporter;
            Client.Registered += (c, code, t) => Events.Add("registered " + c.TargetIndex + " @" + t);
            Monitor.TargetDead += (m, i, t) => Events.Add("dead " + i + " @" + t);
            Monitor.FailedOver += (m, i, t) => Events.Add("failover " + i + " @" + t);
            Monitor.FailedBack += (m, i, t) => Events.Add("failback " + i + " @" + t);
            Monitor.AllDown += (m, i, t) => Events.Add("alldown @" + t);
            Monitor.Recovered += (m, i, t) => Events.Add("recovered " + i + " @" + t);
            Survival.Entered += (s, t) => Events.Add("local @" + t);
            Survival.Left += (s, t) => Events.Add("normal @" + t);
        }

        /// <summary>OPTIONS and MESSAGE are answered 200 without a challenge; REGISTER goes the normal (digest) way.</summary>
        private (int, string, string)? Answer(ScriptedRegistrar.Received r)
        {
            if (r.Text.StartsWith("OPTIONS ")) return (200, "OK", null);
            if (r.Text.StartsWith("MESSAGE "))
            {
                Messages.Add(r.Text);
                return (200, "OK", null);
            }
            return null;
        }

        public bool PrimaryUp { get => !PrimarySocket.Closed; set => PrimarySocket.Closed = !value; }

        public bool BackupUp { get => !BackupSocket.Closed; set => BackupSocket.Closed = !value; }

        /// <summary>Time of the first event starting with <paramref name="prefix"/> at or after <paramref name="from"/>, or -1.</summary>
        public long EventAt(string prefix, long from = 0)
        {
            foreach (string e in Events)
            {
                if (!e.StartsWith(prefix)) continue;
                long at = long.Parse(e.Substring(e.LastIndexOf('@') + 1));
                if (at >= from) return at;
            }
            return -1;
        }

        public void Start()
        {
            Client.Start(Now);
            Monitor.Start(Now);
            PollAll();
        }

        /// <summary>Advances the manual clock to <paramref name="until"/>, firing every deadline on the way.</summary>
        public void RunUntil(long until)
        {
            for (int guard = 0; guard < 1_000_000; guard++)
            {
                long next = PollAll();
                if (next > until) break;
                if (next > Now) Now = next;
            }
            Now = until;
            PollAll();
        }

        private int Pump()
        {
            int total = 0;
            for (int i = 0; i < 100; i++)
            {
                int n = Transport.Poll(Now) + Registrar.Transport.Poll(Now) + BackupRegistrar.Transport.Poll(Now);
                if (n <= 0) break;
                total += n;
            }
            return total;
        }

        private long PollAll()
        {
            long next;
            do
            {
                Pump();
                next = Deadlines();
            }
            while (Pump() > 0);
            return next;
        }

        private long Deadlines()
        {
            // The registration and the monitor first: what they send starts transactions whose deadlines count too.
            long next = Client.Poll(Now);
            next = Min(next, Monitor.Poll(Now));
            next = Min(next, Layer.Poll(Now));
            next = Min(next, Registrar.Layer.Poll(Now));
            next = Min(next, BackupRegistrar.Layer.Poll(Now));
            return next;
        }

        private static long Min(long a, long b) => a < b ? a : b;
    }
}
