// Phone side for registration tests: transport, transaction layer, a TU forwarding client events by Owner, a manual clock.
namespace Phone.Core.Tests.Sip.Registration
{
    using System.Collections.Generic;
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Core.Tests.Sip.Transport;

    internal sealed class FixedRandom : IRandomSource
    {
        private byte _b = 1;
        public void NextBytes(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++) buffer[offset + i] = _b++;
        }
    }

    /// <summary>What a UA core does: route client transaction events to their owner.</summary>
    internal sealed class ForwardingUser : ITransactionUser
    {
        public RegistrationClient Client;
        public void OnRequest(ServerTransaction transaction, SipMessage request, long nowMs) { }
        public void OnResponse(ClientTransaction tx, SipMessage response, long nowMs) { if (tx.Owner == Client) Client.OnResponse(tx, response, nowMs); }
        public void OnTimeout(ClientTransaction tx, long nowMs) { if (tx.Owner == Client) Client.OnTimeout(tx, nowMs); }
        public void OnTransportError(ClientTransaction tx, long nowMs) { if (tx.Owner == Client) Client.OnTransportError(tx, nowMs); }
        public void OnAck(SipMessage ack, NetEndPoint from, long nowMs) { }
        public void OnNoAck(ServerTransaction transaction, long nowMs) { }
    }

    internal sealed class RegistrationRig
    {
        public static readonly NetEndPoint PhoneEp = new NetEndPoint(NetEndPoint.MakeAddress(192, 168, 1, 20), 5060);
        public static readonly NetEndPoint Primary = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 1), 5060);
        public static readonly NetEndPoint Backup = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 2), 5060);

        public readonly MemoryUdpNetwork Net = new();
        public readonly MemoryUdpSocket PhoneSocket;
        public readonly SipTransport Transport;
        public readonly TransactionLayer Layer;
        public readonly RegistrationClient Client;
        public readonly ScriptedRegistrar Registrar;
        public readonly ScriptedRegistrar BackupRegistrar;
        public readonly DigestCredentialStore Credentials = new(2);
        public readonly List<string> Events = new();
        public readonly RegistrationConfig Config;
        public long Now;

        public RegistrationRig(bool withBackup = false, bool primaryUp = true, string password = ScriptedRegistrar.Password, int seed = 7)
        {
            PhoneSocket = Net.Bind(PhoneEp);
            Transport = new SipTransport(PhoneSocket, 4096, null);
            var user = new ForwardingUser();
            Layer = new TransactionLayer(Transport, user, new SipTimers(), 4, 4096);
            Transport.Attach(Layer);
            if (primaryUp) Registrar = new ScriptedRegistrar(Net.Bind(Primary));
            if (withBackup) BackupRegistrar = new ScriptedRegistrar(Net.Bind(Backup));
            Credentials.Set(ScriptedRegistrar.Realm, ScriptedRegistrar.User, password);
            Config = new RegistrationConfig
            {
                AddressOfRecord = "sip:201@pbx.example.com",
                RegistrarUri = "sip:pbx.example.com",
                ContactUser = "201",
                Targets = withBackup ? new[] { Primary, Backup } : new[] { Primary },
                LocalAddress = PhoneEp.Address,
                LocalPort = PhoneEp.Port,
                Expires = 600,
                UserAgent = "Phone/test",
            };
            Client = new RegistrationClient(Config, Layer, new DigestClient(Credentials, new FixedRandom(), 2, 1), new System.Random(seed));
            user.Client = Client;
            Client.Registered += (c, code, t) => Events.Add("registered " + code + " @" + t);
            Client.Failed += (c, code, t) => Events.Add("failed " + code + " @" + t);
            Client.Unregistered += (c, code, t) => Events.Add("unregistered " + code + " @" + t);
            Client.FailedOver += (c, code, t) => Events.Add("failover " + code + " @" + t);
        }

        private int Pump()
        {
            int total = 0;
            for (int i = 0; i < 100; i++)
            {
                int n = Transport.Poll(Now);
                if (Registrar != null) n += Registrar.Transport.Poll(Now);
                if (BackupRegistrar != null) n += BackupRegistrar.Transport.Poll(Now);
                if (n == 0) break;
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
            long next = Layer.Poll(Now);
            long c = Client.Poll(Now);
            if (c < next) next = c;
            if (Registrar != null) { long r = Registrar.Layer.Poll(Now); if (r < next) next = r; }
            if (BackupRegistrar != null) { long r = BackupRegistrar.Layer.Poll(Now); if (r < next) next = r; }
            return next;
        }

        /// <summary>Advances the manual clock to <paramref name="until"/>, firing every deadline on the way.</summary>
        public void RunUntil(long until)
        {
            for (int guard = 0; guard < 100000; guard++)
            {
                long next = PollAll();
                if (next > until) break;
                if (next > Now) Now = next;
            }
            Now = until;
            PollAll();
        }

        public void Start() { Client.Start(Now); PollAll(); }
    }
}
