// The whole firmware's core objects measured on nanoCLR: booted, provisioned and in a call, as the heap model's test builds it.
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Agent;
    using Phone.Core.Device;
    using Phone.Core.Line;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using Phone.Core.Sip.Calls;

    /// <summary>
    /// Builds what Program.Main builds (tests/Phone.Core.Tests/Device/FirmwareImage.cs does the same on .NET for the
    /// model): the DevKitC board table, two audio rings, the keypad, provisioning from a 24-desk office configuration,
    /// the line controller and the agent from DeviceAgent.Configure; a second agent calls it from its directory, it
    /// answers, media runs a second. The device's objects are then let go while the fakes and the far end stay, so the
    /// difference between the two collections is what the device's core holds in a call (statics excluded).
    /// </summary>
    public static class FirmwareProbe
    {
        private const string Base = "https://prov.example.com/phones/";
        private const string Mac = "24:0a:c4:12:34:56";

        private static BoardConfig _board;
        private static AudioFrameRing _captured, _toPlay;
        private static KeypadMatrix _keypad;
        private static ProvisioningClient _provisioning;
        private static LineController _line;
        private static PhoneAgent _agent;

        // Fakes and the far end: held through both collections.
        private static object[] _keep;
        private static long _now = 1000;

        /// <summary>Prints HEAPMARK lines around the collections (see <see cref="HeapProbe"/>) and PASS/FAIL for the call.</summary>
        public static void Run()
        {
            uint deviceIp = NetEndPoint.MakeAddress(192, 168, 1, 37);
            uint peerIp = NetEndPoint.MakeAddress(192, 168, 1, 38);
            string error;
            Report.Check("probe: board file parses", BoardConfig.TryParse(BoardText(), out _board, out error));
            _captured = new AudioFrameRing(MemoryBudget.AudioRingFrames);
            _toPlay = new AudioFrameRing(MemoryBudget.AudioRingFrames);
            _keypad = new KeypadMatrix(4, 3, _board.GetString("keypad.map", "123456789*0#"));
            _board = null;   // as Program.Main: the board table is let go once the pins are open

            var https = new ProbeHttps(Base + "common.cfg", Common(), Base + "240ac4123456.cfg", Device());
            var store = new ProbeStore();
            var hardware = new ProbeLine();
            _provisioning = new ProvisioningClient(https, store, hardware, 17, Mac, Base, MemoryBudget.ConfigFileBytes);
            _provisioning.KeepFileLayers = MemoryBudget.KeepConfigFileLayers;
            _provisioning.HoldBuffer = MemoryBudget.HoldConfigBuffer;
            _provisioning.HoldConfiguration = MemoryBudget.HoldConfiguration;
            for (int i = 0; i < 20 && (_provisioning.Poll(_now) == _now || _provisioning.IsBusy); i++)
            {
            }
            Report.Check("probe: provisioned", _provisioning.State == ProvisioningState.Idle && _provisioning.Current != null
                && _provisioning.Current.GetString("account.1.user") == "201");

            _line = new LineController(hardware);
            AgentConfig config = DeviceAgent.Configure(_provisioning.Current, deviceIp);
            var sip = new LoopSocket(new NetEndPoint(deviceIp, DeviceAgent.SipPort));
            var ports = new AgentPorts();
            ports.Sip = sip;
            ports.Rtp = new IDatagramSocket[MemoryBudget.CallSlots];
            ports.Rtcp = new IDatagramSocket[MemoryBudget.CallSlots];
            ports.Audio = new ToneAudio(false);
            ports.Seed = 17;
            for (int i = 0; i < MemoryBudget.CallSlots; i++)
            {
                ports.Rtp[i] = new LoopSocket(new NetEndPoint(deviceIp, DeviceAgent.RtpPortBase + 2 * i));
                ports.Rtcp[i] = new LoopSocket(new NetEndPoint(deviceIp, DeviceAgent.RtpPortBase + 2 * i + 1));
            }
            _agent = new PhoneAgent(config, ports);
            _line.EventRaised += _agent.OnLineEvent;
            _agent.Start(_now);

            var peerConfig = new AgentConfig();
            peerConfig.User = "301";
            peerConfig.LocalAddress = peerIp;
            peerConfig.DirectoryExtensions = new string[] { "201" };
            peerConfig.DirectoryEndPoints = new NetEndPoint[] { new NetEndPoint(deviceIp, DeviceAgent.SipPort) };
            peerConfig.DirectoryNames = new string[] { "Anna Weber" };
            var peerSip = new LoopSocket(new NetEndPoint(peerIp, 5060));
            var peerRtp = new LoopSocket(new NetEndPoint(peerIp, 16384));
            var peerRtcp = new LoopSocket(new NetEndPoint(peerIp, 16385));
            LoopSocket.Pair(sip, peerSip);
            LoopSocket.Pair((LoopSocket)ports.Rtp[0], peerRtp);
            LoopSocket.Pair((LoopSocket)ports.Rtcp[0], peerRtcp);
            var peerPorts = new AgentPorts();
            peerPorts.Sip = peerSip;
            peerPorts.Rtp = new IDatagramSocket[] { peerRtp };
            peerPorts.Rtcp = new IDatagramSocket[] { peerRtcp };
            peerPorts.Audio = new ToneAudio(false);
            peerPorts.Seed = 9;
            var peer = new PhoneAgent(peerConfig, peerPorts);
            peer.Start(_now);
            _keep = new object[] { https, store, hardware, ports, peerPorts, peer };

            peer.OffHook(_now);
            Report.Check("probe: the far end dials 201", peer.Dial("201", _now));
            Run(peer, 200);
            Report.Check("probe: the device rings", _agent.Ringing);
            Report.Check("probe: the device answers", _agent.Answer(_now));
            Run(peer, 200);
            for (int i = 0; i < 50; i++)
            {
                _now += 20;
                _agent.Poll(_now);
                peer.Poll(_now);
                _agent.AudioTick(_now);
                peer.AudioTick(_now);
            }
            bool connected = _agent.ActiveCall != null && _agent.ActiveCall.State == CallState.Connected && _agent.Media != null
                && _agent.Media.Stats.PacketsReceived > 0;
            Report.Check("probe: the call is connected with media", connected);

            Console.WriteLine("HEAPMARK begin firmware core objects in a call");
            HeapProbe.Collect();
            Console.WriteLine("HEAPMARK built firmware core objects in a call");
            // Let go of the device; what stays (fakes, the far end, their sockets) is in both figures.
            _line.EventRaised -= _agent.OnLineEvent;
            _board = null;
            _captured = _toPlay = null;
            _keypad = null;
            _provisioning = null;
            _line = null;
            _agent = null;
            HeapProbe.Collect();
            Console.WriteLine("HEAPMARK end firmware core objects in a call");
            _keep = null;
        }

        private static void Run(PhoneAgent peer, int ms)
        {
            for (int t = 0; t < ms; t += 10)
            {
                _now += 10;
                _agent.Poll(_now);
                peer.Poll(_now);
            }
        }

        private static string BoardText()
        {
            return "name=esp32-devkitc-max98357a\nnano.target=ESP32_REV3\nnetwork=wifi\naudio=max98357a+inmp441\n"
                + "i2s.bus=1\ni2s.rate=16000\ni2s.slot_bits=32\ni2s.mic_channel=0\npin.i2s.mclk=-1\npin.i2s.bck=26\npin.i2s.ws=25\n"
                + "pin.i2s.dout=22\npin.i2s.din=34\npin.i2c.sda=-1\npin.i2c.scl=-1\npin.pa_enable=21\npin.led.status=2\npin.hook=4\n"
                + "hook.active_low=1\npin.key.factory_reset=0\npin.keypad.row0=13\npin.keypad.row1=12\npin.keypad.row2=14\n"
                + "pin.keypad.row3=27\npin.keypad.col0=32\npin.keypad.col1=33\npin.keypad.col2=35\nkeypad.map=123456789*0#\n"
                + "pin.ring=-1\npin.slic.rm=-1\npin.slic.fr=-1\npin.slic.shk=-1\nfeature.speaker=1\nfeature.handset=0\nfeature.keypad=1\n";
        }

        // The same office as tests/Phone.Core.Tests/Device/OfficeConfig.cs (the CA's base64 text is a pattern of the same length).
        private static string Common()
        {
            string s = "config.version = 1\n# office-wide settings\n"
                + "tones.country = de\nmedia.codecs = pcma,pcmu\nmedia.dtmf_mode = rfc4733\n"
                + "dialplan.map = (*xx|#xx|2xx|0x.|112)\ndialplan.interdigit_ms = 3000\n"
                + "time.server = ntp.example.com\ntime.zone = CET-1CEST,M3.5.0,M10.5.0/3\n"
                + "syslog.server = 10.0.0.5:514\nsyslog.level = warn\n"
                + "prov.resync_s = 3600\nprov.resync_jitter_s = 300\nprov.status_url = https://prov.example.com/status\n"
                + "fxs.ring_cadence = 1000,4000\nfxs.caller_id = v23\n";
            string[] names = { "Reception", "Anna Weber", "Ben Schulz", "Carla Roth", "Dieter Lang", "Eva Brandt", "Frank Vogel", "Greta Sommer",
                "Hans Becker", "Ida Krause", "Jonas Wolf", "Karin Neumann", "Lars Fischer", "Mia Hoffmann", "Nils Richter", "Olga Koch",
                "Paul Wagner", "Rita Schmitt", "Sven Meyer", "Tina Schafer", "Uwe Zimmermann", "Vera Braun", "Wim Hartmann", "Xenia Lange" };
            for (int i = 0; i < names.Length; i++)
            {
                s += "directory." + (200 + i).ToString() + " = " + names[i] + ", 192.168.1." + (20 + i).ToString() + "\n";
            }
            s += "security.ca_pem = -----BEGIN CERTIFICATE-----\n";
            const string B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for (int line = 0; line < 20; line++)
            {
                s += (line < 19 ? B64 : B64.Substring(0, 52) + "==") + "\n";   // 950 DER bytes: 1,268 base64 characters
            }
            return s + "-----END CERTIFICATE-----\n";
        }

        private static string Device()
        {
            return "config.version = 1\naccount.1.user = 201\naccount.1.auth_user = 201\naccount.1.password = Acc1-Secret-Pw-7731\n"
                + "account.1.display_name = Anna Weber\naccount.1.registrar = 192.168.1.2\naccount.1.backup_registrar = 192.168.1.3\n"
                + "account.1.expires = 600\naccount.2.enabled = false\naccount.2.user = 299\naccount.2.password = Acc2-Secret-Pw-1184\n"
                + "account.2.registrar = pbx.example.com\nprov.user = 240ac4123456\nprov.password = k9-Lm2-Qx-Rt\n"
                + "security.signing_secret = 8f1e0a23b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f\n"
                + "key.1 = line, 1, Anna\nkey.2 = blf, 202, Ben\nkey.3 = blf, 203, Carla\nkey.4 = blf, 204, Dieter\n"
                + "key.5 = speed, 0301234567, Service desk\nkey.6 = speed, 0307654321, Facilities\nkey.7 = blf, 205, Eva\n"
                + "key.8 = blf, 206, Frank\nkey.9 = blf, 207, Greta\nkey.10 = blf, 208, Hans\nkey.11 = speed, 112, Emergency\n"
                + "key.12 = blf, 200, Reception\n";
        }
    }
}
