// The firmware's object graph built as Program.Main builds it, over in-memory ports, for the heap measurement.
namespace Phone.Core.Tests.Device
{
    using System;
    using Phone.Core.Auth;
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
    internal sealed class FirmwareImage : IDisposable, IPhoneOutput
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
        private SipTransport _transport;
        private CallManager _calls;
        private PhoneLine _phone;
        private MediaSession _media;
        private IDatagramSocket[] _rtp;

        // The far end (not counted).
        private SipTransport _peerTransport;
        private CallManager _peer;

        public bool CallConnected { get; private set; }

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
            ("ProvisioningClient", _provisioning), ("SipTransport", _transport), ("TransactionLayer", _calls.Layer),
            ("RegistrationClient", _calls.Registration), ("DigestClient", _calls.Digest), ("MediaSession (the call's)", _media), ("CallManager (calls, dialogs)", _calls),
            ("PhoneLine", _phone), ("LineController", _line),
        };

        private void Build()
        {
            Assert.True(BoardConfig.TryParse(BoardFiles.Find("esp32-devkitc-max98357a"), out _board, out string error), error);
            _captured = new AudioFrameRing(MemoryBudget.AudioRingFrames);
            _toPlay = new AudioFrameRing(MemoryBudget.AudioRingFrames);
            _keypad = new KeypadMatrix(4, 3, _board.GetString("keypad.map", "123456789*0#"));

            var fetcher = new FakeHttpsFetcher();
            fetcher.Put(Base + "common.cfg", OfficeConfig.Common);
            fetcher.Put(Base + "240ac4123456.cfg", OfficeConfig.Device);
            _provisioning = new ProvisioningClient(fetcher, new FaultInjectingStore(), new CapturingLog(), 17, Mac, Base, MemoryBudget.ConfigFileBytes);
            for (int i = 0; i < 20 && (_provisioning.Poll(_now) == _now || _provisioning.IsBusy); i++) { }
            Assert.Equal(ProvisioningState.Idle, _provisioning.State);
            Assert.Equal("201", _provisioning.Current.GetString("account.1.user"));
            ProvisioningConfig cfg = _provisioning.Current;

            _line = new LineController(new FakeLineHardware());

            var callConfig = new CallConfig
            {
                User = cfg.GetString("account.1.user"),
                Domain = "pbx.example.com",
                LocalAddress = DeviceIp,
                LocalSipPort = 5060,
                MaxCalls = MemoryBudget.CallSlots,
                TransactionCapacity = MemoryBudget.SipTransactions,
            };
            _transport = new SipTransport(_net.Bind(new NetEndPoint(DeviceIp, 5060)), MemoryBudget.SipMessageBufferBytes, null);
            var map = new DigitMap();
            Assert.True(DigitMap.TryCompile(cfg.GetString("dialplan.map"), map, out int at), "dial plan '" + cfg.GetString("dialplan.map") + "' at " + at);
            _phone = new PhoneLine(map, "pbx.example.com", this);
            _calls = new CallManager(callConfig, _transport, _phone, new SipTimers(), new Random(17));
            _phone.Attach(_calls);
            _transport.Attach(_calls.Layer);
            var credentials = new DigestCredentialStore(1);
            credentials.Set(null, cfg.GetString("account.1.user"), cfg.GetString("account.1.password"));
            _calls.Digest = new DigestClient(credentials, new ProvisioningRandom(5), 2, 2);
            _calls.Registration = new RegistrationClient(new RegistrationConfig
            {
                AddressOfRecord = "sip:201@pbx.example.com",
                RegistrarUri = "sip:pbx.example.com",
                ContactUser = "201",
                Targets = new[] { new NetEndPoint(NetEndPoint.MakeAddress(192, 168, 1, 2), 5060) },
                LocalAddress = DeviceIp,
            }, _calls.Layer, _calls.Digest, new Random(3));
            _line.EventRaised += _phone.OnLineEvent;
            _rtp = new IDatagramSocket[] { _net.Bind(new NetEndPoint(DeviceIp, 16384)), _net.Bind(new NetEndPoint(DeviceIp, 16386)) };

            _peerTransport = new SipTransport(_net.Bind(new NetEndPoint(PeerIp, 5060)), 4096, null);
            _peer = new CallManager(new CallConfig { User = "301", LocalAddress = PeerIp }, _peerTransport, new NullListener(), new SipTimers(), new Random(9));
            _peerTransport.Attach(_peer.Layer);
        }

        /// <summary>The far end calls us; the handset goes off-hook; the call connects and media runs for a second.</summary>
        public void SetUpCall()
        {
            Call placed = _peer.PlaceCall("sip:201@192.168.1.37:5060", _now);
            // A 12-character address (192.168.1.38) once left the Call-ID empty: its buffer was too short.
            Assert.True(placed != null && placed.CallId.EndsWith("@192.168.1.38"), "INVITE not placed");
            Assert.True(_net.Log.Count > 0, "INVITE not sent: " + _peerTransport.Stats.SendFailures);
            Pump();
            Assert.True(_phone.Active != null, string.Join("\n", _net.Log.ConvertAll(l => l.Text.Split('\r')[0])));
            _phone.OnLineEvent(LineEvent.OffHook, '\0', _now);
            Pump();
            CallConnected = _phone.Active != null && _phone.Active.State == CallState.Connected && _media != null;
            for (int i = 0; i < 50 && _media != null; i++)
            {
                _now += 20;
                _media.Tick(_now);
            }
        }

        private void Pump()
        {
            for (int i = 0; i < 10; i++)
            {
                _now += 10;
                _transport.Poll(_now);
                _calls.Poll(_now);
                _phone.Poll(_now);
                _peerTransport.Poll(_now);
                _peer.Poll(_now);
            }
        }

        public void Dispose()
        {
        }

        void IPhoneOutput.PlayTone(LineTone tone)
        {
        }

        void IPhoneOutput.SetRinging(bool on)
        {
        }

        void IPhoneOutput.StartMedia(Call call)
        {
            var m = new MediaSessionConfig
            {
                PayloadType = call.Media.PayloadType,
                TelephoneEventPayloadType = call.Media.TelephoneEventPayloadType,
                RemoteRtp = new NetEndPoint(call.Media.RemoteAddress.Ipv4, call.Media.RemotePort),
                Cname = "201@192.168.1.37",
                JitterSlots = MemoryBudget.JitterSlots,
                JitterSlotBytes = MemoryBudget.JitterSlotBytes,
            };
            _media = new MediaSession(_audio, _rtp[call.Index], null, m, _now);
        }

        void IPhoneOutput.StopMedia(Call call) => _media = null;

        private sealed class NullListener : ICallListener
        {
            public void OnIncomingCall(Call call, long nowMs)
            {
            }

            public void OnCallState(Call call, long nowMs)
            {
            }

            public void OnMediaChanged(Call call, long nowMs)
            {
            }
        }
    }
}
