// Firmware entry point: boot → board → network → provisioning → SIP → line/handset loop, with one audio thread.
namespace Phone.Device
{
    using System;
    using System.Threading;
    using Phone.Core;
    using Phone.Core.Agent;
    using Phone.Core.Device;
    using Phone.Core.Line;
    using Phone.Core.Net;
    using Phone.Core.Provisioning;
    using Phone.Core.Ports;
    using Phone.Core.Sip.Calls;
    using Phone.Device.Audio;
    using Phone.Device.Io;
    using Phone.Device.Net;
    using Phone.Device.Platform;
    using Phone.Device.Storage;

    /// <summary>
    /// Wires the device adapters to the portable core. Two threads: this one (protocol: network, provisioning, SIP,
    /// line, and the agent's 20 ms audio tick, one per captured frame) and the audio thread, paced by blocking I2S
    /// reads, which only moves frames between I2S and two <see cref="AudioFrameRing"/>s: the rings are all they share.
    /// The main loop sleeps 10 ms per turn, so the idle task (and so the ESP32 task watchdog) always gets to run.
    /// </summary>
    public static class Program
    {
        /// <summary>Board used when the flash holds no "board.name" file.</summary>
        public const string DefaultBoard = "esp32-a1s-audiokit";

        /// <summary>How long the reset key must be held at boot to erase the settings.</summary>
        public const int FactoryResetHoldMs = 3000;

        private static readonly EspClock Clock = new EspClock();
        private static readonly SerialLog Log = new SerialLog(Clock, LogLevel.Info);
        private static readonly AudioFrameRing Captured = new AudioFrameRing(MemoryBudget.AudioRingFrames);
        private static readonly AudioFrameRing ToPlay = new AudioFrameRing(MemoryBudget.AudioRingFrames);
        private static I2sAudioPort _audio;
        private static short[] _audioFrame;
        private static RingAudioPort _ringPort;
        private static AgentPorts _ports;
        private static PhoneAgent _agent;
        private static ProvisioningClient _provisioning;
        private static string _mac;
        private static string _rebuildReason;
        private static uint _changedAddress;

        /// <summary>nanoCLR starts here.</summary>
        public static void Main()
        {
            Log.Write(LogLevel.Info, "boot", "phone firmware starting; internal drive " + (FlashFiles.DriveReady() ? "ready" : "MISSING (settings will not persist)"));
            BoardConfig board = LoadBoard();
            BoardPins pins = new BoardPins(board);
            CheckFactoryReset(pins);

            StartAudio(board, pins);

            NetworkBringUp network = new NetworkBringUp(Log);
            string kind = board.GetString("network", "wifi");
            pins.SetLed(true);
            while (!network.Connect(kind, null, null, 60000))
            {
                // Without a network the phone is useless; keep trying and say so in the log.
                ShowPattern(pins, LedPatternId.ServiceFault, 5000);
            }
            network.OnAddressChanged(AddressChanged);

            // The provisioning client loads the last-known-good configuration (and its CA) from the store and
            // sets the fetcher's trusted CA itself; ca.pem on the flash is only a bootstrap CA for the first fetch.
            string caPem = ReadText("ca.pem");
            HttpsFetcher https = new HttpsFetcher(caPem, MemoryBudget.HttpsBodyBytes);
            FlashSettingsStore store = new FlashSettingsStore();
            string mac = NetworkBringUp.MacAddress();
            _mac = mac;
            ProvisioningClient provisioning = null;
            try
            {
                // One buffer of MemoryBudget.ConfigFileBytes holds the stored configuration and every response body.
                provisioning = new ProvisioningClient(https, store, Log, MacSeed(mac), mac, board.GetString("prov.factory_url", null), MemoryBudget.ConfigFileBytes);
                provisioning.KeepFileLayers = MemoryBudget.KeepConfigFileLayers;
                provisioning.HoldBuffer = MemoryBudget.HoldConfigBuffer;
                provisioning.HoldConfiguration = MemoryBudget.HoldConfiguration;
                provisioning.ConfigApplied += ConfigApplied;
                _provisioning = provisioning;
            }
            catch (Exception ex)
            {
                // A malformed MAC or factory URL is a build/board error: say so and run without provisioning.
                Log.Write(LogLevel.Error, "boot", "provisioning disabled: " + ex.Message);
            }
            Log.Write(LogLevel.Info, "boot", "MAC " + mac + ", bootstrap CA " + (caPem != null ? "from flash" : "none"));

            KeypadMatrix keypad = new KeypadMatrix(pins.KeypadRows, pins.KeypadColumns, board.GetString("keypad.map", "123456789*0#"));
            GpioLineHardware lineHardware = new GpioLineHardware(board, pins, keypad, Clock);
            // Read at boot only. nanoCLR keeps a local alive for its whole frame, and Main never returns: without this
            // the board's parsed tables (about 2.9 KB) would be held for the device's uptime.
            board = null;
            LineController line = new LineController(lineHardware);
            line.EventRaised += LineEvent;

            _ringPort = new RingAudioPort(Captured, ToPlay);
            if (OpenSipPorts(NetworkBringUp.CurrentAddress()))
            {
                StartAgent(provisioning != null ? provisioning.Current : null, NetworkBringUp.CurrentAddress(), "boot");
            }

            Log.Write(LogLevel.Info, "boot", "running; keypad " + pins.KeypadRows.ToString() + "x" + pins.KeypadColumns.ToString()
                + (provisioning != null ? ", provisioning " + ProvisioningStateNames.Of(provisioning.State) : ""));
            // The LED says "in service" only once the agent is registered (or in local mode without a registrar).
            long ledStart = Clock.NowMs;
            LedPatternId shown = LedPatternId.Booting;
            ProvisioningState lastProvisioning = provisioning != null ? provisioning.State : ProvisioningState.Idle;
            long nextSilentTick = 0;
            while (true)
            {
                long now = Clock.NowMs;
                bool idle = _agent == null || _agent.State == PhoneState.OnHook;
                // A configuration fetch blocks this thread for up to the request timeout: never during a call.
                if (provisioning != null && idle)
                {
                    // Poll blocks while a fetch runs (up to the request timeout); audio keeps running on its thread.
                    provisioning.Poll(now);
                    if (provisioning.State != lastProvisioning)
                    {
                        lastProvisioning = provisioning.State;
                        Log.Write(LogLevel.Info, "prov", "state " + ProvisioningStateNames.Of(lastProvisioning));
                    }
                }
                if (_rebuildReason != null && idle && _ports != null)
                {
                    // A new address or account: a new agent over the same sockets (bound to any address), which
                    // registers at once (RFC 3261 §10.2.4: the old binding expires at the registrar).
                    uint address = _changedAddress != 0 ? _changedAddress : NetworkBringUp.CurrentAddress();
                    string reason = _rebuildReason;
                    _rebuildReason = null;
                    _changedAddress = 0;
                    // The client parks its configuration when idle (MemoryBudget.HoldConfiguration): Current reads it back
                    // from the flash. If that fails the running agent stays as it is (never one from factory defaults);
                    // the resync applies the next file whole, and that rebuilds the agent from it.
                    ProvisioningConfig config = provisioning != null ? provisioning.Current : null;
                    if (provisioning != null && config == null)
                    {
                        Log.Write(LogLevel.Error, "prov", "configuration unreadable from the flash: agent kept (" + reason + "), resync");
                        provisioning.RequestResync("configuration unreadable");
                    }
                    else
                    {
                        StartAgent(config, address, reason);
                    }
                }
                line.Poll(Clock.NowMs);
                if (_agent != null)
                {
                    _agent.Poll(Clock.NowMs);
                    if (_audio != null)
                    {
                        // One audio tick per captured frame: the codec clock paces the media path.
                        while (_ringPort.FramesWaiting > 0) _agent.AudioTick(Clock.NowMs);
                    }
                    else if (Clock.NowMs >= nextSilentTick)
                    {
                        // A board without I2S: tick by the clock so that RTP timing and RTCP still run.
                        nextSilentTick = _agent.AudioTick(Clock.NowMs);
                    }
                }
                LedPatternId led = DeviceAgent.Led(_agent, lineHardware.Indicator);
                if (led != shown)
                {
                    shown = led;
                    ledStart = now;
                }
                pins.SetLed(LedPattern.IsOn(led, now - ledStart));
                Thread.Sleep(_audio != null && _ringPort.FramesWaiting > 0 ? 0 : 5);
            }
        }

        private static void LineEvent(LineEvent kind, char digit, long atMs)
        {
            if (_agent != null) _agent.OnLineEvent(kind, digit, atMs);
            Log.Write(LogLevel.Info, "line", LineStateNames.Name(kind) + (kind == Phone.Core.Line.LineEvent.Digit ? " " + digit.ToString() : ""));
        }

        // A device-specific seed for the provisioning jitter (spreads the fleet's polls): the MAC's hex digits.
        private static int MacSeed(string mac)
        {
            int seed = 17;
            for (int i = 0; i < mac.Length; i++) seed = seed * 31 + mac[i];
            return seed;
        }

        // Shows a pattern for a while (used while the protocol loop is not running yet).
        private static void ShowPattern(BoardPins pins, LedPatternId pattern, int durationMs)
        {
            long start = Clock.NowMs;
            while (Clock.NowMs - start < durationMs)
            {
                pins.SetLed(LedPattern.IsOn(pattern, Clock.NowMs - start));
                Thread.Sleep(20);
            }
        }

        private static BoardConfig LoadBoard()
        {
            string name = ReadText("board.name");
            name = name == null ? DefaultBoard : name.Trim();
            string text = BoardFiles.Find(name);
            if (text == null)
            {
                Log.Write(LogLevel.Error, "boot", "unknown board '" + name + "', using " + DefaultBoard);
                name = DefaultBoard;
                text = BoardFiles.Find(name);
            }
            if (!BoardConfig.TryParse(text, out BoardConfig board, out string error))
            {
                // The compiled-in files are checked by the host tests, so this means a corrupted image.
                Log.Write(LogLevel.Error, "boot", "board file: " + error);
            }
            Log.Write(LogLevel.Info, "boot", "board " + name + ", network " + board.GetString("network", "?") + ", audio " + board.GetString("audio", "?"));
            return board;
        }

        private static void CheckFactoryReset(BoardPins pins)
        {
            if (!pins.ResetKeyHeld) return;
            long start = Clock.NowMs;
            while (pins.ResetKeyHeld)
            {
                pins.SetLed(LedPattern.IsOn(LedPatternId.FactoryReset, Clock.NowMs - start));
                if (Clock.NowMs - start >= FactoryResetHoldMs)
                {
                    int erased = FlashSettingsStore.EraseAll();
                    Log.Write(LogLevel.Warning, "boot", "factory reset: " + erased.ToString() + " files erased from the internal drive");
                    return;
                }
                Thread.Sleep(20);
            }
            Log.Write(LogLevel.Info, "boot", "reset key released early: no factory reset");
        }

        private static void StartAudio(BoardConfig board, BoardPins pins)
        {
            string audio = board.GetString("audio", "none");
            if (audio == "host" || board.Pin("i2s.bck") < 0)
            {
                Log.Write(LogLevel.Warning, "audio", "no I2S on this board");
                return;
            }
            BoardPins.RouteBuses(board);
            if (audio == "es8388")
            {
                try
                {
                    Es8388Codec codec = new Es8388Codec(board.GetInt("i2c.bus", 1));
                    int failed = codec.Initialise();
                    Log.Write(failed < 0 ? LogLevel.Info : LogLevel.Error, "audio", failed < 0 ? "ES8388 ready" : "ES8388 write " + failed.ToString() + " not acknowledged");
                }
                catch (Exception ex)
                {
                    Log.Write(LogLevel.Error, "audio", "ES8388: " + ex.Message);
                }
            }
            _audio = new I2sAudioPort(board.GetInt("i2s.bus", 1), board.GetInt("i2s.rate", 8000), board.GetInt("i2s.slot_bits", 16), board.GetInt("i2s.mic_channel", 0));
            pins.SetAmplifier(true);
            _audioFrame = new short[AudioFormat.FrameSamples];
            Thread audioThread = new Thread(AudioLoop);
            audioThread.Priority = ThreadPriority.Highest;
            audioThread.Start();
            Log.Write(LogLevel.Info, "audio", "I2S running, " + _audio.BufferBytes.ToString() + " bytes of slot buffers");
        }

        /// <summary>The audio thread: capture a frame (blocks ~20 ms), queue it, play the next queued frame or silence.</summary>
        [HotPath]
        private static void AudioLoop()
        {
            // One frame for both directions: the captured frame is copied into its ring before the one to play is
            // taken out of the other ring into the same array.
            short[] frame = _audioFrame;
            while (true)
            {
                if (_audio.ReadFrame(frame, 0)) Captured.TryWrite(frame, 0);
                if (!ToPlay.TryRead(frame, 0)) Array.Clear(frame, 0, frame.Length);
                _audio.WriteFrame(frame, 0);
            }
        }

        // Runs on the network event thread: it only leaves a note for the protocol thread's loop.
        private static void AddressChanged(uint address)
        {
            _changedAddress = address;
            _rebuildReason = "address change";
            Log.Write(LogLevel.Info, "net", "address change: the agent re-registers from the new address");
        }

        private static void ConfigApplied(ProvisioningConfig previous, ProvisioningConfig current, ConfigChanges changes)
        {
            const ConfigChanges AgentAreas = ConfigChanges.Account | ConfigChanges.Media | ConfigChanges.DialPlan | ConfigChanges.Directory | ConfigChanges.Tones;
            if ((changes & AgentAreas) != 0) _rebuildReason = "new configuration";
        }

        // The SIP socket and each call slot's RTP/RTCP pair, opened once: no socket is created per call.
        private static bool OpenSipPorts(uint address)
        {
            string error;
            AgentPorts ports = new AgentPorts();
            ports.Sip = UdpDatagramSocket.Open(address, DeviceAgent.SipPort, out error);
            if (ports.Sip == null)
            {
                Log.Write(LogLevel.Error, "sip", "UDP " + DeviceAgent.SipPort.ToString() + ": " + error + "; no SIP");
                return false;
            }
            ports.Rtp = new IDatagramSocket[MemoryBudget.CallSlots];
            ports.Rtcp = new IDatagramSocket[MemoryBudget.CallSlots];
            for (int i = 0; i < MemoryBudget.CallSlots; i++)
            {
                int port = DeviceAgent.RtpPortBase + 2 * i;
                ports.Rtp[i] = UdpDatagramSocket.Open(address, port, out error);
                ports.Rtcp[i] = UdpDatagramSocket.Open(address, port + 1, out error);
                if (ports.Rtp[i] == null || ports.Rtcp[i] == null)
                {
                    Log.Write(LogLevel.Error, "sip", "UDP " + port.ToString() + "/" + (port + 1).ToString() + ": " + error + "; no SIP");
                    return false;
                }
            }
            // A registrar provisioned as a name is located by SRV/A through this socket (an ephemeral source port, RFC 5452).
            ports.Dns = UdpDatagramSocket.Open(address, 0, out error);
            if (ports.Dns == null) Log.Write(LogLevel.Warning, "sip", "DNS socket: " + error + "; a registrar given as a name cannot be located");
            ports.Audio = _ringPort;
            ports.Log = Log;
            ports.Seed = MacSeed(_mac);
            _ports = ports;
            return true;
        }

        private static void StartAgent(ProvisioningConfig config, uint address, string reason)
        {
            if (config == null) config = new ProvisioningConfig();
            PhoneAgent previous = _agent;
            if (previous != null && reason != "address change") previous.Unregister(Clock.NowMs);
            // Built as the host memory test builds it (DeviceAgent.Configure): the device's table sizes.
            AgentConfig agentConfig = DeviceAgent.Configure(config, address);
            if (agentConfig.RegistrarName != null)
            {
                uint dns = NetworkBringUp.DnsServerAddress();
                if (dns != 0) agentConfig.DnsServer = new NetEndPoint(dns, 53);
                else Log.Write(LogLevel.Warning, "sip", "no DNS server from the network: registrar " + agentConfig.RegistrarName + " cannot be located");
            }
            _agent = new PhoneAgent(agentConfig, _ports);
            _agent.CheckSync = CheckSync;
            _agent.Start(Clock.NowMs);
            Log.Write(LogLevel.Info, "sip", "agent started (" + reason + "): " + (_agent.Config.UsesRegistrar ? "registering" : "local mode, no registrar"));
        }

        // SIP NOTIFY check-sync from the PBX: fetch the configuration now (rate limited by the client). reboot=true is
        // not honoured: a resync that changes something restarts the agent anyway, and a reboot loses the call log.
        private static void CheckSync(bool reboot, long nowMs)
        {
            if (_provisioning != null && !_provisioning.TryRequestResync("SIP check-sync", nowMs))
            {
                Log.Write(LogLevel.Info, "prov", "check-sync ignored: a resync ran less than a minute ago");
            }
        }

        private static string ReadText(string name)
        {
            byte[] bytes = FlashFiles.TryRead(name);
            if (bytes == null) return null;
            // The owned files are ASCII (PEM, key=value, board names).
            char[] chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
            return new string(chars);
        }
    }
}
