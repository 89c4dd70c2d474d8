// Two PhoneAgents on an in-memory network: SIP over MemoryUdpNetwork, RTP/RTCP over MemoryDatagramLinks, sine audio, a manual clock.
namespace Phone.Core.Tests.Agent
{
    using Phone.Core.Agent;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Tests.Media;
    using Phone.Core.Tests.Sip.Registration;
    using Phone.Core.Tests.Sip.Transport;

    internal sealed class AgentRig
    {
        public static readonly uint AddressA = NetEndPoint.MakeAddress(10, 0, 0, 1);
        public static readonly uint AddressB = NetEndPoint.MakeAddress(10, 0, 0, 2);
        public static readonly NetEndPoint RegistrarEp = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 9), 5060);
        public const int ToneA = 400;
        public const int ToneB = 1000;

        public readonly MemoryUdpNetwork Net = new();
        public readonly PhoneAgent A;
        public readonly PhoneAgent B;
        public readonly SineAudioPort AudioA = new(ToneA, 8000);
        public readonly SineAudioPort AudioB = new(ToneB, 8000);
        public readonly ScriptedRegistrar Registrar;
        public long Now = 1000;

        /// <summary>Called after every polling round of <see cref="PollAll"/> (to watch a value between rounds).</summary>
        public System.Action Polled;

        /// <summary>A is 201 at 10.0.0.1, B is 202 at 10.0.0.2; both list each other in the directory. With a
        /// registrar, A registers there (user 201) and B stays in direct mode. <paramref name="configureA"/> changes A's
        /// configuration last (e.g. the device's table sizes).</summary>
        public AgentRig(bool withRegistrar = false, System.Action<AgentConfig> configureA = null)
        {
            var links = new MemoryDatagramLink[4];   // slot 0 RTP, slot 0 RTCP, slot 1 RTP, slot 1 RTCP
            for (int i = 0; i < links.Length; i++)
            {
                int port = 16384 + i;
                links[i] = new MemoryDatagramLink(new NetEndPoint(AddressA, port), new NetEndPoint(AddressB, port), 0, 0, (uint)(i + 1));
            }
            if (withRegistrar) Registrar = new ScriptedRegistrar(Net.Bind(RegistrarEp));
            AgentConfig ca = Config("201", AddressA);
            if (withRegistrar)
            {
                ca.Registrar = RegistrarEp;
                ca.Password = ScriptedRegistrar.Password;
                ca.Domain = ScriptedRegistrar.Realm;
                ca.Expires = 600;
            }
            configureA?.Invoke(ca);
            A = new PhoneAgent(ca, Ports(AddressA, AudioA, links[0].A, links[1].A, links[2].A, links[3].A, 11));
            B = new PhoneAgent(Config("202", AddressB), Ports(AddressB, AudioB, links[0].B, links[1].B, links[2].B, links[3].B, 22));
        }

        private static AgentConfig Config(string user, uint address) => new AgentConfig
        {
            User = user,
            Domain = NetEndPoint.AddressToString(address),
            LocalAddress = address,
            SipPort = 5060,
            RtpPortBase = 16384,
            DirectoryExtensions = new[] { "201", "202" },
            DirectoryEndPoints = new[] { new NetEndPoint(AddressA, 5060), new NetEndPoint(AddressB, 5060) },
            DirectoryNames = new[] { "Reception", "Anna" },
        };

        private AgentPorts Ports(uint address, IAudioPort audio, IDatagramSocket rtp0, IDatagramSocket rtcp0, IDatagramSocket rtp1, IDatagramSocket rtcp1, int seed)
            => new AgentPorts
            {
                Sip = Net.Bind(new NetEndPoint(address, 5060)),
                Rtp = new[] { rtp0, rtp1 },
                Rtcp = new[] { rtcp0, rtcp1 },
                Audio = audio,
                Seed = seed,
            };

        public void Start()
        {
            A.Start(Now);
            B.Start(Now);
        }

        /// <summary>Runs <paramref name="ms"/> of time in 20 ms frames: signalling of both agents (and the registrar), then audio.</summary>
        public void Run(int ms)
        {
            for (int t = 0; t < ms; t += AudioFormat.FrameMs)
            {
                PollAll();
                A.AudioTick(Now);
                B.AudioTick(Now);
                Now += AudioFormat.FrameMs;
            }
            PollAll();
        }

        public void PollAll()
        {
            for (int round = 0; round < 3; round++)
            {
                A.Poll(Now);
                B.Poll(Now);
                if (Registrar != null)
                {
                    Registrar.Transport.Poll(Now);
                    Registrar.Layer.Poll(Now);
                }
                Polled?.Invoke();
            }
        }

        public string ReadDtmf(PhoneAgent agent)
        {
            string s = "";
            while (agent.TryReadDtmf(out char c)) s += c;
            return s;
        }
    }
}
