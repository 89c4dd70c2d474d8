// Firmware entry point: boot → board → network → provisioning → SIP → line/handset loop, with one audio thread.
namespace Phone.Device
{
    using System;
    using System.Threading;
    using Phone.Core;
    using Phone.Core.Device;
    using Phone.Core.Ports;
    using Phone.Device.Audio;
    using Phone.Device.Io;
    using Phone.Device.Net;
    using Phone.Device.Platform;
    using Phone.Device.Storage;

    /// <summary>
    /// Wires the device adapters to the portable core. Two threads: this one (protocol: network, provisioning, SIP,
    /// line) and the audio thread, paced by blocking I2S reads; they meet only in two <see cref="AudioFrameRing"/>s.
    /// The main loop sleeps 10 ms per turn, so the idle task (and so the ESP32 task watchdog) always gets to run.
    /// </summary>
    public static class Program
    {
        /// <summary>Board used when the flash holds no "board.name" file.</summary>
        public const string DefaultBoard = "esp32-a1s-audiokit";

        /// <summary>How long the reset key must be held at boot to erase the settings.</summary>
        public const int FactoryResetHoldMs = 3000;

        /// <summary>Files the firmware keeps on the internal drive; a factory reset deletes them all.</summary>
        public static readonly string[] OwnedFiles = { "settings.cfg", "ca.pem", "board.name" };

        private static readonly EspClock Clock = new EspClock();
        private static readonly SerialLog Log = new SerialLog(Clock, LogLevel.Info);
        private static readonly AudioFrameRing Captured = new AudioFrameRing(MemoryBudget.AudioRingFrames);
        private static readonly AudioFrameRing ToPlay = new AudioFrameRing(MemoryBudget.AudioRingFrames);
        private static I2sAudioPort _audio;
        private static HttpsFetcher _https;
        private static short[] _mic;
        private static short[] _speaker;

        /// <summary>nanoCLR starts here.</summary>
        public static void Main()
        {
            Log.Write(LogLevel.Info, "boot", "phone firmware starting");
            BoardConfig board = LoadBoard();
            BoardPins pins = new BoardPins(board);
            CheckFactoryReset(pins);

            StartAudio(board, pins);

            NetworkBringUp network = new NetworkBringUp(Log);
            string kind = board.GetString("network", "wifi");
            while (!network.Connect(kind, null, null, 60000))
            {
                // Without a network the phone is useless; keep trying, blinking, and say so in the log.
                pins.SetLed(true);
                Thread.Sleep(5000);
                pins.SetLed(false);
            }
            network.OnAddressChanged(AddressChanged);

            string caPem = ReadText("ca.pem");
            HttpsFetcher https = new HttpsFetcher(caPem, MemoryBudget.HttpsBodyBytes);
            Log.Write(LogLevel.Info, "boot", "HTTPS fetcher ready, CA " + (caPem != null ? "from flash" : "missing"));
            // TODO(provisioning): the provisioning client is not in the core yet; when it lands, run it here with
            // `https` and the settings store, and stop on a failed first provisioning with the LED pattern for it.
            // TODO(sip): the SIP user agent is not in the core yet; when it lands, open a UdpDatagramSocket on
            // NetworkBringUp.CurrentAddress():5060 (buffer MemoryBudget.SipMessageBufferBytes), register, and Poll it
            // from the loop below with Clock.NowMs.
            // TODO(line): the line port and state machine are not in the core yet; the loop below only reports raw hook
            // changes until they land.
            _https = https;

            Log.Write(LogLevel.Info, "boot", "running");
            bool lastHook = pins.HookOffRaw;
            while (true)
            {
                bool hook = pins.HookOffRaw;
                if (hook != lastHook)
                {
                    lastHook = hook;
                    Log.Write(LogLevel.Info, "line", hook ? "hook raw: off" : "hook raw: on");
                }
                pins.SetLed(((Clock.NowMs / 500) & 1) == 0);
                Thread.Sleep(10);
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
                pins.SetLed(((Clock.NowMs / 100) & 1) == 0);
                if (Clock.NowMs - start >= FactoryResetHoldMs)
                {
                    for (int i = 0; i < OwnedFiles.Length; i++) FlashFiles.TryDelete(OwnedFiles[i]);
                    Log.Write(LogLevel.Warning, "boot", "factory reset: settings erased");
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
            _mic = new short[AudioFormat.FrameSamples];
            _speaker = new short[AudioFormat.FrameSamples];
            Thread audioThread = new Thread(AudioLoop);
            audioThread.Priority = ThreadPriority.Highest;
            audioThread.Start();
            Log.Write(LogLevel.Info, "audio", "I2S running, " + _audio.BufferBytes.ToString() + " bytes of slot buffers");
        }

        /// <summary>The audio thread: capture a frame (blocks ~20 ms), queue it, play the next queued frame or silence.</summary>
        [HotPath]
        private static void AudioLoop()
        {
            short[] mic = _mic;
            short[] speaker = _speaker;
            while (true)
            {
                if (_audio.ReadFrame(mic, 0)) Captured.TryWrite(mic, 0);
                if (!ToPlay.TryRead(speaker, 0)) Array.Clear(speaker, 0, speaker.Length);
                _audio.WriteFrame(speaker, 0);
            }
        }

        private static void AddressChanged(uint address)
        {
            // TODO(sip): re-register and rebind the SIP socket on the new address when the user agent lands.
            Log.Write(LogLevel.Info, "net", "address change seen by the protocol thread");
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
