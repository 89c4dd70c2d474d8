// Analog line supervision: hook debounce, dial-pulse decoding, hook flash, ringing cadence with caller ID
// placement and line reversal (loop-start line; ITU-T Q.23-era pulse dialling limits; GR-30-CORE; EN 300 659-1 §6.1).
namespace Phone.Core.Line
{
    using Phone.Core.Dsp;
    using Phone.Core.Ports;

    /// <summary>
    /// Turns hook edges into OffHook / OnHook / Flash / Digit events and drives ringing and polarity. Time is
    /// passed in: call <see cref="Poll"/> at least by the deadline it returns (and whenever the hook pin
    /// interrupts). Every hook duration is measured between edge timestamps, so polling late does not bend
    /// the pulse or flash timing.
    /// <para>
    /// A raw hook change counts once it has held for <see cref="DebounceMs"/>. An on-hook period during a call
    /// ("break") is then classified by its length: shorter than <see cref="PulseBreakMinMs"/> is a glitch,
    /// up to <see cref="FlashMinMs"/> a dial pulse, up to <see cref="FlashMaxMs"/> a hook flash, longer a
    /// hang-up. Dial pulses are counted until the line has been off-hook for <see cref="InterDigitMs"/>;
    /// ten pulses are the digit 0. With the defaults any rate from 8 to 12 pulses/s at break/make ratios from
    /// 60/40 to 67/33 decodes (breaks 50-84 ms, makes 28-50 ms).
    /// </para>
    /// </summary>
    public sealed class LineController
    {
        private readonly ILineHardware _hw;
        private readonly RingCadencePlayer _ring = new RingCadencePlayer();
        private long _candidateSince;
        private long _breakStart;
        private long _lastMake;
        private int _pulses;
        private int[] _cadence;
        private long _cidAt;
        private long _ringAt;
        // The state (low byte), the flags and (high half) CallerIdToRingMs in one word: every field is a 12-byte heap block on nanoCLR.
        private int _bits;
        private const int StableFlag = 0x100, CandidateFlag = 0x200, RingOnFlag = 0x400, ReversedFlag = 0x800,
            CidPendingFlag = 0x1000, CidScheduledFlag = 0x2000, ReverseOnAnswerFlag = 0x4000;

        private LineState CurrentState { get { return (LineState)(_bits & 0xFF); } set { _bits = (_bits & ~0xFF) | (int)value; } }
        private bool StableOffHook { get { return (_bits & StableFlag) != 0; } set { SetFlag(StableFlag, value); } }
        private bool Candidate { get { return (_bits & CandidateFlag) != 0; } set { SetFlag(CandidateFlag, value); } }
        private bool RingOn { get { return (_bits & RingOnFlag) != 0; } set { SetFlag(RingOnFlag, value); } }
        private bool Reversed { get { return (_bits & ReversedFlag) != 0; } set { SetFlag(ReversedFlag, value); } }
        private bool CidPending { get { return (_bits & CidPendingFlag) != 0; } set { SetFlag(CidPendingFlag, value); } }
        private bool CidScheduled { get { return (_bits & CidScheduledFlag) != 0; } set { SetFlag(CidScheduledFlag, value); } }

        // The nine timing settings as 16-bit halves of four words and of the high half of _bits (each in 0-65,535 ms;
        // a setting is clamped to that).
        private int _timing01, _timing23, _timing45, _timing67;

        private int Timing(int index)
        {
            int word;
            switch (index >> 1)
            {
                case 0: word = _timing01; break;
                case 1: word = _timing23; break;
                case 2: word = _timing45; break;
                case 3: word = _timing67; break;
                default: return (_bits >> 16) & 0xFFFF;
            }
            return (index & 1) == 0 ? word & 0xFFFF : (word >> 16) & 0xFFFF;
        }

        private void SetTiming(int index, int ms)
        {
            if (ms < 0) ms = 0;
            if (ms > 0xFFFF) ms = 0xFFFF;
            int shift = (index & 1) * 16;
            int mask = ~(0xFFFF << shift);
            switch (index >> 1)
            {
                case 0: _timing01 = (_timing01 & mask) | (ms << shift); break;
                case 1: _timing23 = (_timing23 & mask) | (ms << shift); break;
                case 2: _timing45 = (_timing45 & mask) | (ms << shift); break;
                case 3: _timing67 = (_timing67 & mask) | (ms << shift); break;
                default: _bits = (_bits & 0xFFFF) | (ms << 16); break;
            }
        }

        private void SetFlag(int flag, bool on)
        {
            _bits = on ? _bits | flag : _bits & ~flag;
        }

        /// <summary>Creates the controller; the line starts idle and on-hook.</summary>
        public LineController(ILineHardware hardware)
        {
            _hw = hardware;
            DebounceMs = 10;
            PulseBreakMinMs = 20;
            FlashMinMs = 100;
            FlashMaxMs = 800;
            InterDigitMs = 300;
            CallerIdDelayAfterRingMs = 500;
            CallerIdMinGapMs = 1500;
            ReversalToCallerIdMs = 150;
            CallerIdToRingMs = 300;
            ReverseOnRemoteAnswer = true;
            LastReason = "start";
        }

        /// <summary>Raised for every line event, on the thread that calls Poll.</summary>
        public event LineEventHandler EventRaised;

        /// <summary>A raw hook change must hold this long to count (contact bounce is a few ms).</summary>
        public int DebounceMs { get { return Timing(0); } set { SetTiming(0, value); } }

        /// <summary>Breaks shorter than this (but past the debounce) are ignored as glitches.</summary>
        public int PulseBreakMinMs { get { return Timing(1); } set { SetTiming(1, value); } }

        /// <summary>Breaks from this length up to <see cref="FlashMaxMs"/> are hook flashes; shorter ones are dial pulses.</summary>
        public int FlashMinMs { get { return Timing(2); } set { SetTiming(2, value); } }

        /// <summary>Breaks longer than this are a hang-up.</summary>
        public int FlashMaxMs { get { return Timing(3); } set { SetTiming(3, value); } }

        /// <summary>Off-hook time after the last pulse that ends a digit.</summary>
        public int InterDigitMs { get { return Timing(4); } set { SetTiming(4, value); } }

        /// <summary>Caller ID after the first ring starts this long into the silent interval (GR-30: at least 500 ms).</summary>
        public int CallerIdDelayAfterRingMs { get { return Timing(5); } set { SetTiming(5, value); } }

        /// <summary>Only a silent interval at least this long carries caller ID (skips the short gap of double rings).</summary>
        public int CallerIdMinGapMs { get { return Timing(6); } set { SetTiming(6, value); } }

        /// <summary>Before-ring methods: delay from the line reversal to the caller ID (EN 300 659-1: DT-AS after the reversal).</summary>
        public int ReversalToCallerIdMs { get { return Timing(7); } set { SetTiming(7, value); } }

        /// <summary>Before-ring methods: gap from the end of the caller ID to the first ring (EN 300 659-1: at least 200 ms).</summary>
        public int CallerIdToRingMs { get { return Timing(8); } set { SetTiming(8, value); } }

        /// <summary>Reverse the battery when the called party answers an outgoing call (answer supervision).</summary>
        public bool ReverseOnRemoteAnswer { get { return (_bits & ReverseOnAnswerFlag) != 0; } set { SetFlag(ReverseOnAnswerFlag, value); } }

        /// <summary>Current state.</summary>
        public LineState State => CurrentState;

        /// <summary>Why the last transition happened (for logs).</summary>
        public string LastReason { get; private set; }

        /// <summary>True while the debounced hook is off-hook.</summary>
        public bool IsOffHook => StableOffHook;

        /// <summary>Breaks ignored as too short.</summary>
        public int Glitches { get; private set; }

        /// <summary>Pulse trains of more than 10 pulses, dropped.</summary>
        public int InvalidDigits { get; private set; }

        /// <summary>
        /// Starts ringing with caller ID placed per <paramref name="method"/>: after-first-ring methods ring at
        /// once and raise CallerIdStart in the first long silent interval; before-ring methods reverse the line,
        /// raise CallerIdStart, wait <paramref name="callerIdDurationMs"/> + <see cref="CallerIdToRingMs"/>,
        /// restore polarity and then ring. False unless idle.
        /// </summary>
        public bool StartRinging(long nowMs, int[] cadenceMs, CallerIdMethod method, int callerIdDurationMs)
        {
            if (CurrentState != LineState.Idle || cadenceMs == null || cadenceMs.Length < 2)
            {
                return false;
            }

            _cadence = cadenceMs;
            CidPending = false;
            CidScheduled = false;
            if (method == CallerIdMethod.V23BeforeRing || method == CallerIdMethod.DtmfBeforeRing)
            {
                // EN 300 659-1 §6.1: line reversal, then the alerting signal and data, then ringing.
                SetPolarity(true);
                _cidAt = nowMs + ReversalToCallerIdMs;
                CidScheduled = true;
                _ringAt = _cidAt + callerIdDurationMs + CallerIdToRingMs;
                SetState(LineState.CallerIdBeforeRing, "incoming call, caller ID before ringing");
            }
            else
            {
                // GR-30 §3 / EN 300 659-1 §6.1.2: data in the silent interval after the first ring.
                CidPending = method != CallerIdMethod.None;
                BeginRing(nowMs);
            }

            return true;
        }

        /// <summary>Starts ringing with the profile's cadence and caller ID method.</summary>
        public bool StartRinging(long nowMs, CountryProfile profile, int callerIdDurationMs)
        {
            return StartRinging(nowMs, profile.RingCadenceMs, profile.CallerId, callerIdDurationMs);
        }

        /// <summary>Stops ringing (caller gave up); the line goes idle with normal polarity.</summary>
        public void StopRinging(long nowMs)
        {
            if (CurrentState == LineState.Ringing || CurrentState == LineState.CallerIdBeforeRing)
            {
                StopRingHardware();
                SetPolarity(false);
                SetState(LineState.Idle, "ringing stopped");
            }
        }

        /// <summary>The far end answered an outgoing call: reverse the battery if configured (answer supervision).</summary>
        public void RemoteAnswered(long nowMs)
        {
            if (ReverseOnRemoteAnswer && (CurrentState == LineState.OffHook || CurrentState == LineState.Break))
            {
                SetPolarity(true);
            }
        }

        /// <summary>Message-waiting indicator on (slow blink) or off.</summary>
        public void SetMessageWaiting(bool on)
        {
            _hw.SetIndicator(0, on ? IndicatorPattern.SlowBlink : IndicatorPattern.Off);
        }

        /// <summary>Processes hook edges, keys and timers up to <paramref name="nowMs"/>; returns when to poll next.</summary>
        public long Poll(long nowMs)
        {
            while (_hw.TryReadHookEdge(out bool edgeOffHook, out long edgeAt))
            {
                RawEdge(edgeOffHook, edgeAt);
            }

            bool raw = _hw.IsOffHook;
            if (raw != Candidate)
            {
                RawEdge(raw, nowMs);
            }

            if (Candidate != StableOffHook && nowMs - _candidateSince >= DebounceMs)
            {
                Stable(Candidate, _candidateSince);
            }

            // Timers never run past a hook change still being debounced: it may end the break they time.
            AdvanceTo(Candidate != StableOffHook ? _candidateSince : nowMs);

            while (_hw.TryReadKey(out char key))
            {
                Raise(LineEvent.Key, key, nowMs);
            }

            long next = NextDeadline();
            if (Candidate != StableOffHook && _candidateSince + DebounceMs < next)
            {
                next = _candidateSince + DebounceMs;
            }

            return next;
        }

        private void RawEdge(bool offHook, long atMs)
        {
            if (Candidate != StableOffHook && atMs - _candidateSince >= DebounceMs)
            {
                Stable(Candidate, _candidateSince);
            }

            if (offHook != Candidate)
            {
                Candidate = offHook;
                _candidateSince = atMs;
            }
        }

        private void Stable(bool offHook, long atMs)
        {
            AdvanceTo(atMs);
            StableOffHook = offHook;
            switch (CurrentState)
            {
                case LineState.Idle:
                    if (offHook)
                    {
                        SetState(LineState.OffHook, "handset lifted");
                        Raise(LineEvent.OffHook, '\0', atMs);
                    }

                    break;
                case LineState.Ringing:
                case LineState.CallerIdBeforeRing:
                    if (offHook)
                    {
                        StopRingHardware();
                        SetPolarity(false);
                        SetState(LineState.OffHook, "answered");
                        Raise(LineEvent.OffHook, '\0', atMs);
                    }

                    break;
                case LineState.OffHook:
                    if (!offHook)
                    {
                        _breakStart = atMs;
                        SetState(LineState.Break, "loop opened");
                    }

                    break;
                case LineState.Break:
                    if (offHook)
                    {
                        EndBreak(atMs);
                    }

                    break;
            }
        }

        private void EndBreak(long atMs)
        {
            long length = atMs - _breakStart;
            if (length < PulseBreakMinMs)
            {
                Glitches++;
                SetState(LineState.OffHook, "glitch ignored");
                return;
            }

            if (length < FlashMinMs)
            {
                _pulses++;
                _lastMake = atMs;
                SetState(LineState.OffHook, "dial pulse");
                return;
            }

            FlushDigit(atMs);
            SetState(LineState.OffHook, "hook flash");
            Raise(LineEvent.Flash, '\0', atMs);
        }

        private void FlushDigit(long atMs)
        {
            if (_pulses == 0)
            {
                return;
            }

            int n = _pulses;
            _pulses = 0;
            if (n > 10)
            {
                InvalidDigits++;
                return;
            }

            Raise(LineEvent.Digit, n == 10 ? '0' : (char)('0' + n), atMs);
        }

        private long NextDeadline()
        {
            switch (CurrentState)
            {
                case LineState.OffHook:
                    return _pulses > 0 ? _lastMake + InterDigitMs : long.MaxValue;
                case LineState.Break:
                    return _breakStart + FlashMaxMs + 1;
                case LineState.CallerIdBeforeRing:
                    return CidScheduled ? _cidAt : _ringAt;
                case LineState.Ringing:
                    long end = _ring.SegmentStartMs + _ring.SegmentMs;
                    return CidScheduled && _cidAt < end ? _cidAt : end;
                default:
                    return long.MaxValue;
            }
        }

        private void AdvanceTo(long t)
        {
            while (true)
            {
                long d = NextDeadline();
                if (d > t)
                {
                    return;
                }

                switch (CurrentState)
                {
                    case LineState.OffHook:
                        FlushDigit(d);
                        break;
                    case LineState.Break:
                        // On-hook past the flash window: the call is over.
                        FlushDigit(d);
                        SetPolarity(false);
                        SetState(LineState.Idle, "hung up");
                        Raise(LineEvent.OnHook, '\0', d);
                        break;
                    case LineState.CallerIdBeforeRing:
                        if (CidScheduled)
                        {
                            CidScheduled = false;
                            Raise(LineEvent.CallerIdStart, '\0', d);
                        }
                        else
                        {
                            SetPolarity(false);
                            BeginRing(d);
                        }

                        break;
                    case LineState.Ringing:
                        if (CidScheduled && _cidAt <= d && _cidAt < _ring.SegmentStartMs + _ring.SegmentMs)
                        {
                            CidScheduled = false;
                            Raise(LineEvent.CallerIdStart, '\0', _cidAt);
                            break;
                        }

                        _ring.Poll(d);
                        ApplyRing();
                        if (CidPending && !_ring.IsRingOn && _ring.SegmentMs >= CallerIdMinGapMs)
                        {
                            CidPending = false;
                            CidScheduled = true;
                            _cidAt = _ring.SegmentStartMs + CallerIdDelayAfterRingMs;
                        }

                        break;
                }
            }
        }

        private void BeginRing(long atMs)
        {
            _ring.Start(_cadence, atMs);
            ApplyRing();
            SetState(LineState.Ringing, "ringing");
        }

        private void ApplyRing()
        {
            bool on = _ring.IsRingOn;
            if (on != RingOn)
            {
                RingOn = on;
                _hw.SetRinging(on);
            }
        }

        private void StopRingHardware()
        {
            _ring.Stop();
            CidPending = false;
            CidScheduled = false;
            ApplyRing();
        }

        private void SetPolarity(bool reversed)
        {
            if (reversed != Reversed)
            {
                Reversed = reversed;
                _hw.SetReversedPolarity(reversed);
            }
        }

        private void SetState(LineState next, string reason)
        {
            CurrentState = next;
            LastReason = reason;
        }

        private void Raise(LineEvent kind, char digit, long atMs)
        {
            LineEventHandler handler = EventRaised;
            if (handler != null)
            {
                handler(kind, digit, atMs);
            }
        }
    }
}
