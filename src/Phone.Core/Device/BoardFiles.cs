// The boards/*/board.cfg files compiled in, so the firmware boots without a file system; a test keeps them equal.
namespace Phone.Core.Device
{
    /// <summary>Board files by name (text identical to boards/&lt;name&gt;/board.cfg).</summary>
    public static class BoardFiles
    {
        /// <summary>boards/esp32-a1s-audiokit/board.cfg</summary>
        public const string Esp32A1sAudiokit = "# Ai-Thinker ESP32-A1S Audio Kit v2.2 (ES8388 codec) as a desk phone. -1 = not fitted.\nname=esp32-a1s-audiokit\nnano.target=ESP32_REV0\nnetwork=wifi\naudio=es8388\ni2s.bus=1\ni2s.rate=8000\ni2s.slot_bits=16\ni2s.mic_channel=0\ni2c.bus=1\npin.i2s.mclk=0\npin.i2s.bck=27\npin.i2s.ws=25\npin.i2s.dout=26\npin.i2s.din=35\npin.i2c.sda=33\npin.i2c.scl=32\npin.pa_enable=21\npin.led.status=22\npin.hook=5\nhook.active_low=1\npin.key.factory_reset=36\npin.ring=-1\npin.slic.rm=-1\npin.slic.fr=-1\npin.slic.shk=-1\nfeature.speaker=1\nfeature.handset=1\nfeature.keypad=0\n";

        /// <summary>boards/esp32-devkitc-max98357a/board.cfg</summary>
        public const string Esp32DevkitcMax98357a = "# ESP32-DevKitC + MAX98357A amplifier + INMP441 microphone: the minimal phone. -1 = not fitted.\nname=esp32-devkitc-max98357a\nnano.target=ESP32_REV3\nnetwork=wifi\naudio=max98357a+inmp441\ni2s.bus=1\ni2s.rate=16000\ni2s.slot_bits=32\ni2s.mic_channel=0\npin.i2s.mclk=-1\npin.i2s.bck=26\npin.i2s.ws=25\npin.i2s.dout=22\npin.i2s.din=34\npin.i2c.sda=-1\npin.i2c.scl=-1\npin.pa_enable=21\npin.led.status=2\npin.hook=4\nhook.active_low=1\npin.key.factory_reset=0\npin.keypad.row0=13\npin.keypad.row1=12\npin.keypad.row2=14\npin.keypad.row3=27\npin.keypad.col0=32\npin.keypad.col1=33\npin.keypad.col2=35\npin.ring=-1\npin.slic.rm=-1\npin.slic.fr=-1\npin.slic.shk=-1\nfeature.speaker=1\nfeature.handset=0\nfeature.keypad=1\n";

        /// <summary>boards/host-emulator/board.cfg</summary>
        public const string HostEmulator = "# The desktop emulator: no GPIO, audio from WAV files or memory, UDP on the host's sockets.\nname=host-emulator\nnano.target=none\nnetwork=host\naudio=host\ni2s.rate=8000\npin.hook=-1\npin.ring=-1\npin.led.status=-1\npin.key.factory_reset=-1\nfeature.speaker=1\nfeature.handset=1\nfeature.keypad=1\n";

        /// <summary>boards/olimex-esp32-poe-ag1171/board.cfg</summary>
        public const string OlimexEsp32PoeAg1171 = "# Olimex ESP32-POE (LAN8720 Ethernet, PoE) + Silvertel Ag1171 SLIC as a one-line FXS adapter. -1 = not fitted.\n# The Ethernet pins are fixed by the board and listed so that nothing else is wired to them.\nname=olimex-esp32-poe-ag1171\nnano.target=OLIMEX_ESP32_POE\nnetwork=ethernet\naudio=slic-ag1171+pcm\ni2s.bus=1\ni2s.rate=8000\ni2s.slot_bits=16\ni2s.mic_channel=0\npin.eth.mdc=23\npin.eth.mdio=18\npin.eth.clk=17\npin.eth.power=12\npin.eth.txen=21\npin.eth.txd0=19\npin.eth.txd1=22\npin.eth.rxd0=25\npin.eth.rxd1=26\npin.eth.crs_dv=27\npin.i2s.mclk=-1\npin.i2s.bck=13\npin.i2s.ws=5\npin.i2s.dout=4\npin.i2s.din=36\npin.i2c.sda=-1\npin.i2c.scl=-1\npin.pa_enable=-1\npin.led.status=33\npin.key.factory_reset=34\npin.slic.rm=32\npin.slic.fr=16\npin.slic.shk=39\npin.hook=-1\npin.ring=-1\nfeature.speaker=0\nfeature.handset=0\nfeature.keypad=0\nfeature.fxs=1\n";

        /// <summary>Board names, in the same order as <see cref="Texts"/>.</summary>
        public static readonly string[] Names = { "esp32-a1s-audiokit", "esp32-devkitc-max98357a", "host-emulator", "olimex-esp32-poe-ag1171" };

        /// <summary>Board file texts, in the same order as <see cref="Names"/>.</summary>
        public static readonly string[] Texts = { Esp32A1sAudiokit, Esp32DevkitcMax98357a, HostEmulator, OlimexEsp32PoeAg1171 };

        /// <summary>The text of board <paramref name="name"/>, or null.</summary>
        public static string Find(string name)
        {
            for (int i = 0; i < Names.Length; i++)
            {
                if (Names[i] == name) return Texts[i];
            }
            return null;
        }
    }
}
