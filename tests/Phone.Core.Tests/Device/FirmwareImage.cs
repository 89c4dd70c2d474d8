// The firmware's object graph built as Program.Main builds it, over in-memory ports, for the heap measurement.
namespace Phone.Core.Tests.Device
{
    using System;
    using Phone.Core.Agent;
    using Phone.Core.Device;
    using Phone.Core.DialPlan;
    using Phone.Core.Line;
    using Phone.Core.Media;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Core.Tests.Line;
    using Phone.Core.Tests.Media;
    using Phone.Core.Tests.Provisioning;
    using Phone.Core.Tests.Sip.Transport;

    /// <summary>
    /// Boot → provisioning (a realistic office configuration over the fake HTTPS port) → SIP → line, then one
    /// incoming call answered with its media session running. The core's objects are what the device holds; the
    /// device adapters (I2S, sockets, HTTPS) are fakes here and counted from <see cref="MemoryBudget"/> instead.
    /// </summary>
    internal sealed class FirmwareImage : IDisposable
    {
        public const string Mac = "24:0a:c4:12:34:56";
        public const string Base = "https://prov.example.com/phones/";

        /// <summary>What the device adapters allocate at start-up (Program, I2sAudioPort, HttpsFetcher).</summary>
        public const long DeviceAdapterBytes = MemoryBudget.AudioScratchBytes + MemoryBudget.I2sBuffersBytes
            + MemoryBudget.HttpsBodyBytes + MemoryBudget.CodecScratchBytes;

        private static readonly uint DeviceIp = NetEndPoint.MakeAddress(192, 168, 1, 37);
        private static readonly uint PeerIp = NetEndPoint.MakeAddress(192, 168, 1, 38);

        private readonly MemoryUdpNetwork _net = new MemoryUdpNetwork();
        private readonly ToneAudioPort _audio = new ToneAudioPort(18, 8000);
        private long _now = 1000;

        // What the device holds.
        private BoardConfig _board;
        private AudioFrameRing _captured, _toPlay;
        private KeypadMatrix _keypad;
        private LineController _line;
        private ProvisioningClient _provisioning;
        private PhoneAgent _agent;

        // The far end (not counted).
        private PhoneAgent _peer;

        public bool CallConnected { get; private set; }

        /// <summary>The agent as the device runs it.</summary>
        public PhoneAgent Agent => _agent;

        public static FirmwareImage Boot()
        {
            var f = new FirmwareImage();
            f.Build();
            return f;
        }

        /// <summary>The core's objects the device holds, by owner, in the order they are counted.</summary>
        public (string Owner, object Root)[] CoreRoots() => new (string, object)[]
        {
            ("BoardConfig", _board), ("AudioFrameRing x2", new object[] { _captured, _toPlay }), ("KeypadMatrix", _keypad),
            ("ProvisioningClient", _provisioning), ("MediaSession (the call's)", _agent.Media), ("TransactionLayer", _agent.Calls.Layer),
            ("SipTransport", _agent.Transport), ("RegistrationClient", _agent.Calls.Registration), ("DigestClient", _agent.Calls.Digest),
            ("CallManager (calls, dialogs)", _agent.Calls), ("PhoneAgent (line, tones, rest)", _agent), ("LineController", _line),
        };

        private void Build()
        {
            Assert.True(BoardConfig.TryParse(BoardFiles.Find("esp32-devkitc-max98357a"), out _board, out string error), error);
            _captured = new AudioFrameRing(MemoryBudget.AudioRingFrames);
            _toPlay = new AudioFrameRing(MemoryBudget.AudioRingFrames);
            _keypad = new KeypadMatrix(4, 3, _board.GetString("keypad.map", "123456789*0#"));
            Assert.True(_board.Pin("hook") >= 0);
            _board = null;   // Program.Main lets go of the board table once the pins are open

            var fetcher = new FakeHttpsFetcher();
            fetcher.Put(Base + "common.cfg", OfficeConfig.Common);
            fetcher.Put(Base + "240ac4123456.cfg", OfficeConfig.Device);
            _provisioning = new ProvisioningClient(fetcher, new FaultInjectingStore(), new CapturingLog(), 17, Mac, Base, MemoryBudget.ConfigFileBytes);
            _provisioning.KeepFileLayers = MemoryBudget.KeepConfigFileLayers;
            _provisioning.HoldBuffer = MemoryBudget.HoldConfigBuffer;
            _provisioning.HoldConfiguration = MemoryBudget.HoldConfiguration;
            for (int i = 0; i < 20 && (_provisioning.Poll(_now) == _now || _provisioning.IsBusy); i++) { }
            Assert.Equal(ProvisioningState.Idle, _provisioning.State);
            Assert.Equal("201", _provisioning.Current.GetString("account.1.user"));

            _line = new LineController(new FakeLineHardware());

            // As Program.StartSip does.
            AgentConfig config = DeviceAgent.Configure(_provisioning.Current, DeviceIp);
            Assert.True(config.UsesRegistrar);
            var ports = new AgentPorts
            {
                Sip = _net.Bind(new NetEndPoint(DeviceIp, DeviceAgent.SipPort)),
                Rtp = new IDatagramSocket[MemoryBudget.CallSlots],
                Rtcp = new IDatagramSocket[MemoryBudget.CallSlots],
                Audio = _audio,
                Seed = 17,
            };
            for (int i = 0; i < MemoryBudget.CallSlots; i++)
            {
                ports.Rtp[i] = _net.Bind(new NetEndPoint(DeviceIp, DeviceAgent.RtpPortBase + 2 * i));
                ports.Rtcp[i] = _net.Bind(new NetEndPoint(DeviceIp, DeviceAgent.RtpPortBase + 2 * i + 1));
            }
            _agent = new PhoneAgent(config, ports);
            _line.EventRaised += _agent.OnLineEvent;
            _agent.Start(_now);

            var peerConfig = new AgentConfig
            {
                User = "301",
                LocalAddress = PeerIp,
                DirectoryExtensions = new[] { "201" },
                DirectoryEndPoints = new[] { new NetEndPoint(DeviceIp, DeviceAgent.SipPort) },
                DirectoryNames = new[] { "Anna Weber" },
            };
            _peer = new PhoneAgent(peerConfig, new AgentPorts
            {
                Sip = _net.Bind(new NetEndPoint(PeerIp, 5060)),
                Rtp = new IDatagramSocket[] { _net.Bind(new NetEndPoint(PeerIp, 16384)) },
                Rtcp = new IDatagramSocket[] { _net.Bind(new NetEndPoint(PeerIp, 16385)) },
                Audio = new ToneAudioPort(23, 8000),
                Seed = 9,
            });
            _peer.Start(_now);
        }

        /// <summary>The far end dials us from its directory; we answer; the call connects and media runs for a second.</summary>
        public void SetUpCall()
        {
            _peer.OffHook(_now);
            Assert.True(_peer.Dial("201", _now), "the peer could not dial");
            Run(200);
            Assert.True(_agent.Ringing, "the device did not ring");
            Assert.True(_agent.Answer(_now));
            Run(200);
            Assert.True(_agent.ActiveCall != null && _agent.ActiveCall.CallId.EndsWith("@192.168.1.38"), "no call");
            for (int i = 0; i < 50; i++)
            {
                _now += 20;
                _agent.Poll(_now);
                _peer.Poll(_now);
                _agent.AudioTick(_now);
                _peer.AudioTick(_now);
            }
            CallConnected = _agent.ActiveCall != null && _agent.ActiveCall.State == CallState.Connected && _agent.Media != null
                && _agent.Media.Stats.PacketsReceived > 0;
        }

        private void Run(int ms)
        {
            for (int t = 0; t < ms; t += 10)
            {
                _now += 10;
                _agent.Poll(_now);
                _peer.Poll(_now);
            }
        }

        public void Dispose()
        {
        }
    }
}
