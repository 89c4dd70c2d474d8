// A board described as data: the key=value lines of boards/<name>/board.cfg (pins, -1 = not fitted, features).
namespace Phone.Core.Device
{
    /// <summary>
    /// Parsed board file. Lines are "key=value"; '#' starts a comment; blank lines are ignored. Keys starting with
    /// "pin." are GPIO numbers (-1 = not fitted). Parsing never throws: a malformed file yields false and a reason.
    /// </summary>
    public sealed class BoardConfig
    {
        /// <summary>Most entries a board file may hold (the tables are sized once).</summary>
        public const int MaxEntries = 64;

        /// <summary>Highest ESP32 GPIO number.</summary>
        public const int MaxGpio = 39;

        private string[] _keys = new string[MaxEntries];
        private string[] _values = new string[MaxEntries];
        private int _count;

        /// <summary>Number of entries.</summary>
        public int Count => _count;

        /// <summary>Key of entry <paramref name="index"/>.</summary>
        public string KeyAt(int index) => _keys[index];

        /// <summary>Value of entry <paramref name="index"/>.</summary>
        public string ValueAt(int index) => _values[index];

        /// <summary>Parses board-file text; false with <paramref name="error"/> set on a malformed or duplicate line.</summary>
        public static bool TryParse(string text, out BoardConfig config, out string error)
        {
            config = new BoardConfig();
            error = null;
            if (text == null)
            {
                error = "no text";
                return false;
            }
            string[] lines = text.Split('\n');
            for (int n = 0; n < lines.Length; n++)
            {
                string line = lines[n];
                int hash = line.IndexOf('#');
                if (hash >= 0) line = line.Substring(0, hash);
                line = line.Trim();
                if (line.Length == 0) continue;
                int eq = line.IndexOf('=');
                if (eq <= 0)
                {
                    error = "line " + (n + 1).ToString() + ": expected key=value";
                    return false;
                }
                string key = line.Substring(0, eq).Trim();
                string value = line.Substring(eq + 1).Trim();
                if (config.IndexOf(key) >= 0)
                {
                    error = "line " + (n + 1).ToString() + ": duplicate key " + key;
                    return false;
                }
                if (config._count == MaxEntries)
                {
                    error = "more than " + MaxEntries.ToString() + " entries";
                    return false;
                }
                if (IsPinKey(key) && !TryParseInt(value, out _))
                {
                    error = "line " + (n + 1).ToString() + ": " + key + " is not a number";
                    return false;
                }
                config._keys[config._count] = key;
                config._values[config._count] = value;
                config._count++;
            }
            // The board is parsed once at boot and then only read: keep tables of its size, not of MaxEntries.
            var keys = new string[config._count];
            var values = new string[config._count];
            for (int i = 0; i < config._count; i++)
            {
                keys[i] = config._keys[i];
                values[i] = config._values[i];
            }
            config._keys = keys;
            config._values = values;
            return true;
        }

        /// <summary>True for keys that name a GPIO.</summary>
        public static bool IsPinKey(string key) => key.StartsWith("pin.");

        /// <summary>
        /// True for pins the board drives (clocks, data out, LEDs, relay/SLIC controls, keypad rows, I2C).
        /// ESP32 GPIO 34..39 are input-only, so such a pin there is a wiring error.
        /// </summary>
        public static bool IsOutputPinKey(string key)
            => key.StartsWith("pin.i2s.mclk") || key.StartsWith("pin.i2s.bck") || key.StartsWith("pin.i2s.ws")
            || key.StartsWith("pin.i2s.dout") || key.StartsWith("pin.i2c.") || key.StartsWith("pin.led.")
            || key.StartsWith("pin.pa_enable") || key.StartsWith("pin.slic.rm") || key.StartsWith("pin.slic.fr")
            || key.StartsWith("pin.keypad.row") || key.StartsWith("pin.eth.");

        /// <summary>Index of <paramref name="key"/>, or -1.</summary>
        public int IndexOf(string key)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_keys[i] == key) return i;
            }
            return -1;
        }

        /// <summary>The value of <paramref name="key"/>, or <paramref name="fallback"/> when absent.</summary>
        public string GetString(string key, string fallback)
        {
            int i = IndexOf(key);
            return i < 0 ? fallback : _values[i];
        }

        /// <summary>The integer value of <paramref name="key"/>, or <paramref name="fallback"/> when absent or not a number.</summary>
        public int GetInt(string key, int fallback)
        {
            int i = IndexOf(key);
            return i >= 0 && TryParseInt(_values[i], out int v) ? v : fallback;
        }

        /// <summary>A GPIO number, or -1 when the board does not fit it.</summary>
        public int Pin(string name) => GetInt("pin." + name, -1);

        /// <summary>True when "feature.<paramref name="name"/>" is "1" or "true".</summary>
        public bool HasFeature(string name)
        {
            string v = GetString("feature." + name, "0");
            return v == "1" || v == "true";
        }

        /// <summary>
        /// Checks every pin: within 0..<see cref="MaxGpio"/> or -1, not a flash pin (6..11), output pins not on an
        /// input-only GPIO (34..39), and no GPIO used twice. Null when all hold, else the first problem.
        /// </summary>
        public string CheckPins()
        {
            for (int i = 0; i < _count; i++)
            {
                if (!IsPinKey(_keys[i])) continue;
                TryParseInt(_values[i], out int pin);
                if (pin == -1) continue;
                if (pin < 0 || pin > MaxGpio) return _keys[i] + ": GPIO " + pin.ToString() + " does not exist";
                if (pin >= 6 && pin <= 11) return _keys[i] + ": GPIO " + pin.ToString() + " belongs to the SPI flash";
                if (pin >= 34 && IsOutputPinKey(_keys[i])) return _keys[i] + ": GPIO " + pin.ToString() + " is input-only";
                for (int j = i + 1; j < _count; j++)
                {
                    if (!IsPinKey(_keys[j])) continue;
                    TryParseInt(_values[j], out int other);
                    if (other == pin) return _keys[i] + " and " + _keys[j] + " both use GPIO " + pin.ToString();
                }
            }
            return null;
        }

        /// <summary>Parses an optionally negative decimal or 0x-prefixed hexadecimal integer.</summary>
        public static bool TryParseInt(string text, out int value)
        {
            value = 0;
            if (text == null || text.Length == 0) return false;
            int i = 0;
            bool negative = false;
            if (text[0] == '-')
            {
                negative = true;
                i = 1;
            }
            int radix = 10;
            if (text.Length > i + 2 && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
            {
                radix = 16;
                i += 2;
            }
            if (i >= text.Length) return false;
            long v = 0;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                int d;
                if (c >= '0' && c <= '9') d = c - '0';
                else if (radix == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
                else if (radix == 16 && c >= 'A' && c <= 'F') d = c - 'A' + 10;
                else return false;
                v = v * radix + d;
                if (v > int.MaxValue) return false;
            }
            value = (int)(negative ? -v : v);
            return true;
        }
    }
}
