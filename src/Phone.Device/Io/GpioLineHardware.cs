// Line-hardware port over GPIO: a desk phone's hook switch, keypad and LED, or a Silvertel Ag1171 SLIC (SHK, RM, F/R).
namespace Phone.Device.Io
{
    using System;
    using System.Device.Gpio;
    using System.Threading;
    using Phone.Core.Device;
    using Phone.Core.Ports;

    /// <summary>
    /// Hook edges are captured by the pin interrupt (GpioPin.ValueChanged) with the time on the core's clock and
    /// queued in a fixed ring, so LineController measures dial pulses from edge times, not from when it polled.
    /// Ag1171 (Silvertel datasheet): SHK high = loop current (off-hook); RM high selects ringing; while ringing,
    /// F/R toggled at the ringing frequency makes the ring voltage, otherwise F/R sets the battery polarity
    /// (high = forward). The toggling is a 20 ms System.Threading.Timer (25 Hz), running only while ringing.
    /// A desk phone has no ringer here (the core plays the ring tone through the audio port); pin.ring, if fitted,
    /// drives a buzzer or relay on/off.
    /// </summary>
    public sealed class GpioLineHardware : ILineHardware, IDisposable
    {
        private const int EdgeQueueSize = 32;
        private const int RingHalfPeriodMs = 20;

        private readonly IClock _clock;
        private readonly BoardPins _pins;
        private readonly KeypadMatrix _keypad;
        private readonly GpioController _gpio = new GpioController();
        private readonly GpioPin _hook;
        private readonly bool _hookActiveLow;
        private readonly GpioPin _ringMode;
        private readonly GpioPin _forwardReverse;
        private readonly GpioPin _ringer;
        private readonly bool[] _edgeOffHook = new bool[EdgeQueueSize];
        private readonly long[] _edgeAtMs = new long[EdgeQueueSize];
        private readonly object _gate = new object();
        private readonly object _ringGate = new object();
        private int _edgeHead;
        private int _edgeCount;
        private Timer _ringTimer;
        private bool _ringPhase;
        private bool _reversed;

        /// <summary>Hook edges lost because the queue was full.</summary>
        public int DroppedEdges;

        /// <summary>The indicator pattern the line asked for (the status LED shows it while not Off).</summary>
        public IndicatorPattern Indicator { get; private set; }

        /// <summary>Opens the line pins of <paramref name="board"/>; keypad and LED come from <paramref name="pins"/>.</summary>
        public GpioLineHardware(BoardConfig board, BoardPins pins, KeypadMatrix keypad, IClock clock)
        {
            _clock = clock;
            _pins = pins;
            _keypad = keypad;
            int shk = board.Pin("slic.shk");
            if (shk >= 0)
            {
                _hook = _gpio.OpenPin(shk, PinMode.Input);
                _hookActiveLow = false;
            }
            else if (board.Pin("hook") >= 0)
            {
                _hook = _gpio.OpenPin(board.Pin("hook"), PinMode.InputPullUp);
                _hookActiveLow = board.GetInt("hook.active_low", 1) == 1;
            }
            if (_hook != null) _hook.ValueChanged += HookChanged;
            _ringMode = OpenOutput(board.Pin("slic.rm"), false);
            _forwardReverse = OpenOutput(board.Pin("slic.fr"), true);
            _ringer = OpenOutput(board.Pin("ring"), false);
        }

        /// <inheritdoc/>
        public bool IsOffHook => _hook != null && LevelMeansOffHook((int)_hook.Read() != 0);

        /// <inheritdoc/>
        public bool TryReadHookEdge(out bool offHook, out long atMs)
        {
            lock (_gate)
            {
                if (_edgeCount == 0)
                {
                    offHook = false;
                    atMs = 0;
                    return false;
                }
                offHook = _edgeOffHook[_edgeHead];
                atMs = _edgeAtMs[_edgeHead];
                _edgeHead = (_edgeHead + 1) % EdgeQueueSize;
                _edgeCount--;
                return true;
            }
        }

        /// <inheritdoc/>
        public void SetRinging(bool on)
        {
            if (_ringer != null) _ringer.Write(on ? PinValue.High : PinValue.Low);
            if (_ringMode == null) return;
            if (on)
            {
                lock (_ringGate)
                {
                    _ringMode.Write(PinValue.High);
                    if (_ringTimer == null) _ringTimer = new Timer(ToggleRing, null, 0, RingHalfPeriodMs);
                }
            }
            else
            {
                // Under the lock so that a timer tick already under way cannot flip F/R after the polarity is restored.
                lock (_ringGate)
                {
                    if (_ringTimer != null)
                    {
                        _ringTimer.Dispose();
                        _ringTimer = null;
                    }
                    _ringMode.Write(PinValue.Low);
                    ApplyPolarity();
                }
            }
        }

        /// <inheritdoc/>
        public void SetReversedPolarity(bool reversed)
        {
            lock (_ringGate)
            {
                _reversed = reversed;
                if (_ringTimer == null) ApplyPolarity();
            }
        }

        /// <inheritdoc/>
        public bool TryReadKey(out char key)
        {
            _pins.ScanKeypad(_keypad);
            return _keypad.TryReadKey(out key);
        }

        /// <inheritdoc/>
        public void SetIndicator(int indicator, IndicatorPattern pattern)
        {
            if (indicator == 0) Indicator = pattern;
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            SetRinging(false);
            _gpio.Dispose();
        }

        private void HookChanged(object sender, PinValueChangedEventArgs e)
        {
            long now = _clock.NowMs;
            bool offHook = LevelMeansOffHook(e.ChangeType == PinEventTypes.Rising);
            lock (_gate)
            {
                if (_edgeCount == EdgeQueueSize)
                {
                    DroppedEdges++;
                    return;
                }
                int slot = (_edgeHead + _edgeCount) % EdgeQueueSize;
                _edgeOffHook[slot] = offHook;
                _edgeAtMs[slot] = now;
                _edgeCount++;
            }
        }

        private bool LevelMeansOffHook(bool high) => high != _hookActiveLow;

        private void ToggleRing(object state)
        {
            lock (_ringGate)
            {
                if (_ringTimer == null) return;
                _ringPhase = !_ringPhase;
                _forwardReverse.Write(_ringPhase ? PinValue.High : PinValue.Low);
            }
        }

        private void ApplyPolarity()
        {
            if (_forwardReverse != null) _forwardReverse.Write(_reversed ? PinValue.Low : PinValue.High);
        }

        private GpioPin OpenOutput(int pin, bool high)
        {
            if (pin < 0) return null;
            GpioPin p = _gpio.OpenPin(pin, PinMode.Output);
            p.Write(high ? PinValue.High : PinValue.Low);
            return p;
        }
    }
}
