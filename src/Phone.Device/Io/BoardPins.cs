// GPIO of a board: pin routing for I2S/I2C, and the plain digital lines (hook, LED, amplifier enable, reset key).
namespace Phone.Device.Io
{
    using System;
    using System.Device.Gpio;
    using nanoFramework.Hardware.Esp32;
    using Phone.Core.Device;

    /// <summary>
    /// Opens the pins named in a <see cref="BoardConfig"/>; a pin of -1 (not fitted) yields no GpioPin and reads
    /// as inactive. Debounce, LED patterns and hook logic are the core's: this class only reads and writes levels.
    /// </summary>
    public sealed class BoardPins : IDisposable
    {
        private readonly GpioController _gpio = new GpioController();
        private readonly GpioPin _hook;
        private readonly GpioPin _led;
        private readonly GpioPin _amp;
        private readonly GpioPin _resetKey;
        private readonly bool _hookActiveLow;

        /// <summary>Opens the digital lines of <paramref name="board"/>.</summary>
        public BoardPins(BoardConfig board)
        {
            _hookActiveLow = board.GetInt("hook.active_low", 1) == 1;
            _hook = Open(board.Pin("hook"), PinMode.InputPullUp);
            _led = Open(board.Pin("led.status"), PinMode.Output);
            _amp = Open(board.Pin("pa_enable"), PinMode.Output);
            _resetKey = Open(board.Pin("key.factory_reset"), PinMode.Input);
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

        /// <summary>Raw hook-switch level: true when the handset is off its cradle (undebounced).</summary>
        public bool HookOffRaw => _hook != null && (((int)_hook.Read() == 0) == _hookActiveLow);

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

        private static void Route(int pin, DeviceFunction function)
        {
            if (pin >= 0) Configuration.SetPinFunction(pin, function);
        }
    }
}
