// GPIO of a board: pin routing for I2S/I2C, the keypad scan and the plain digital lines (LED, amplifier, reset key).
namespace Phone.Device.Io
{
    using System;
    using System.Device.Gpio;
    using nanoFramework.Hardware.Esp32;
    using Phone.Core.Device;

    /// <summary>
    /// Opens the pins named in a <see cref="BoardConfig"/>; a pin of -1 (not fitted) yields no GpioPin and reads
    /// as inactive. Debounce and LED patterns are the core's: this class only reads and writes levels. The hook
    /// and SLIC lines belong to <see cref="GpioLineHardware"/>.
    /// </summary>
    public sealed class BoardPins : IDisposable
    {
        private readonly GpioController _gpio = new GpioController();
        private readonly GpioPin _led;
        private readonly GpioPin _amp;
        private readonly GpioPin _resetKey;
        private readonly GpioPin[] _rows;
        private readonly GpioPin[] _columns;

        /// <summary>Opens the digital lines of <paramref name="board"/>.</summary>
        public BoardPins(BoardConfig board)
        {
            _led = Open(board.Pin("led.status"), PinMode.Output);
            _amp = Open(board.Pin("pa_enable"), PinMode.Output);
            _resetKey = Open(board.Pin("key.factory_reset"), PinMode.Input);
            _rows = OpenNumbered(board, "keypad.row", PinMode.Output);
            _columns = OpenNumbered(board, "keypad.col", PinMode.InputPullUp);
            for (int r = 0; r < _rows.Length; r++) _rows[r].Write(PinValue.High);
        }

        /// <summary>Keypad rows fitted (0 when the board has no keypad).</summary>
        public int KeypadRows => _columns.Length == 0 ? 0 : _rows.Length;

        /// <summary>Keypad columns fitted.</summary>
        public int KeypadColumns => _rows.Length == 0 ? 0 : _columns.Length;

        /// <summary>
        /// Drives each keypad row low in turn and hands the columns that read low (key closed) to
        /// <paramref name="matrix"/>, which debounces and decodes them.
        /// </summary>
        public void ScanKeypad(KeypadMatrix matrix)
        {
            if (KeypadRows == 0) return;
            for (int r = 0; r < _rows.Length; r++)
            {
                _rows[r].Write(PinValue.Low);
                int closed = 0;
                for (int c = 0; c < _columns.Length; c++)
                {
                    if ((int)_columns[c].Read() == 0) closed |= 1 << c;
                }
                _rows[r].Write(PinValue.High);
                matrix.ScanRow(r, closed);
            }
        }

        /// <summary>Routes the I2S and I2C signals of <paramref name="board"/> through the ESP32 GPIO matrix.</summary>
        public static void RouteBuses(BoardConfig board)
        {
            bool bus2 = board.GetInt("i2s.bus", 1) == 2;
            Route(board.Pin("i2s.mclk"), bus2 ? DeviceFunction.I2S2_MCK : DeviceFunction.I2S1_MCK);
            Route(board.Pin("i2s.bck"), bus2 ? DeviceFunction.I2S2_BCK : DeviceFunction.I2S1_BCK);
            Route(board.Pin("i2s.ws"), bus2 ? DeviceFunction.I2S2_WS : DeviceFunction.I2S1_WS);
            Route(board.Pin("i2s.dout"), bus2 ? DeviceFunction.I2S2_DATA_OUT : DeviceFunction.I2S1_DATA_OUT);
            Route(board.Pin("i2s.din"), bus2 ? DeviceFunction.I2S2_MDATA_IN : DeviceFunction.I2S1_MDATA_IN);
            Route(board.Pin("i2c.sda"), DeviceFunction.I2C1_DATA);
            Route(board.Pin("i2c.scl"), DeviceFunction.I2C1_CLOCK);
        }

        /// <summary>True while the factory-reset key is held (keys on these boards pull the line low).</summary>
        public bool ResetKeyHeld => _resetKey != null && (int)_resetKey.Read() == 0;

        /// <summary>Drives the status LED.</summary>
        public void SetLed(bool on)
        {
            if (_led != null) _led.Write(on ? PinValue.High : PinValue.Low);
        }

        /// <summary>Switches the loudspeaker amplifier.</summary>
        public void SetAmplifier(bool on)
        {
            if (_amp != null) _amp.Write(on ? PinValue.High : PinValue.Low);
        }

        /// <inheritdoc/>
        public void Dispose() => _gpio.Dispose();

        private GpioPin Open(int pin, PinMode mode) => pin < 0 ? null : _gpio.OpenPin(pin, mode);

        // Opens pin.<prefix>0, pin.<prefix>1, … up to the first one not fitted.
        private GpioPin[] OpenNumbered(BoardConfig board, string prefix, PinMode mode)
        {
            int n = 0;
            while (n < 8 && board.Pin(prefix + n.ToString()) >= 0) n++;
            GpioPin[] pins = new GpioPin[n];
            for (int i = 0; i < n; i++) pins[i] = _gpio.OpenPin(board.Pin(prefix + i.ToString()), mode);
            return pins;
        }

        private static void Route(int pin, DeviceFunction function)
        {
            if (pin >= 0) Configuration.SetPinFunction(pin, function);
        }
    }
}
