// Adaptive jitter buffer for G.711 RTP audio: reordering, duplicate/late drop, target delay from measured delay
// spread (20..200 ms), time-scaling for delay changes and clock drift, and packet loss concealment.
namespace Phone.Core.Media.Jitter
{
    using Phone.Core.Media.Codecs;

    /// <summary>
    /// Holds received G.711 payloads in slots allocated once, keyed by RTP timestamp, and plays them out on the local
    /// audio clock one frame at a time.
    /// <para>
    /// Delay model: for each packet the transit (arrival − timestamp of its end, both in samples) is recorded in
    /// four 1 s windows. The earliest-arriving packet of the last 4 s defines zero delay; the spread between it and
    /// the latest gives the jitter the buffer must absorb, and the target delay is that spread plus 10 ms, clamped
    /// to 20..200 ms. The current delay is how long after the earliest possible arrival of the packet holding the
    /// frame's last sample the frame is played.
    /// </para>
    /// <para>
    /// Control: when the current delay is more than 10 ms away from the target, samples are added or dropped
    /// (nearest-sample resampling of one frame), preferably in silence, as the issue asks: a quiet frame (peak below
    /// −30 dBFS) takes the whole correction, up to 80 samples at once; a speech frame is changed by at most one
    /// sample (0.6 %, below audible pitch change), and only when waiting for silence is no longer safe: the delay
    /// is more than 20 ms short of the target (an underflow is near), or 5 s have passed outside the dead band
    /// without a quiet frame (continuous speech; drift is under a sample a second, so waiting costs nothing). Clock drift between the far end's clock and
    /// ours (±100 ppm is 0.8 samples a second) moves the earliest transit, so the same control adds or drops the
    /// drifted samples, in practice all of them in speech pauses. <see cref="JitterBufferStats.SpeechSamplesScaled"/>
    /// counts the ones changed in speech. When audio is missing at the playout point and the delay is already short
    /// of the target, the frame is concealed without advancing (an underrun: the delay grows by a frame); otherwise
    /// the gap is lost audio and is concealed by <see cref="PacketLossConcealer"/>.
    /// </para>
    /// </summary>
    public sealed class JitterBuffer
    {
        /// <summary>Lowest target delay.</summary>
        public const int MinDelayMs = 20;
        /// <summary>Highest target delay.</summary>
        public const int MaxDelayMs = 200;
        /// <summary>Samples per output frame (20 ms at 8 kHz).</summary>
        public const int FrameSamples = 160;
        /// <summary>
        /// Samples of the work frame: one output frame plus the most a quiet frame drops at once. The owner may lend it
        /// (see the constructor) and use it as its own frame between calls of <see cref="Get"/>.
        /// </summary>
        public const int WorkSamples = FrameSamples + MaxQuietStep;

        private const int SamplesPerMs = 8;
        private const int WindowCount = 4;
        private const int WindowMs = 1000;
        private const int Hysteresis = 80;          // 10 ms dead band around the target
        private const int UrgentError = 2 * Hysteresis;   // 20 ms short of the target: do not wait for silence
        private const int MaxQuietStep = 80;
        private const int QuietPeak = 1024;         // about −30 dBFS
        private const int ForcedAfterFrames = 250;  // 5 s out of the dead band without a quiet frame
        private const int JumpLimit = 8000;         // 1 s away from the playout point is a wild timestamp
        private const int JumpsBeforeResync = 3;

        // All slots in one array, slot i at i * _maxPayload: an array per slot cost nanoCLR a 20-byte header, a
        // reference and the rounding to 12-byte blocks each (36 B a slot).
        private readonly byte[] _payload;
        private readonly uint[] _timestamp;
        private readonly int[] _length;
        private readonly byte[] _payloadType;
        private readonly bool[] _used;
        private readonly int _maxPayload;
        // The frame the time-scaling decodes into: lent by the owner, which may also pass it to Get as the output.
        private readonly short[] _scratch;
        private readonly int[] _windowMin = new int[WindowCount];
        private readonly int[] _windowMax = new int[WindowCount];
        private readonly PacketLossConcealer _plc = new PacketLossConcealer();
        private readonly JitterBufferStats _stats;   // a field, not the property: a property read is a call

        private int _window;
        private long _windowStartMs;
        private int _minTransit;
        private int _maxTransit;
        private int _transitBase;
        private bool _started;
        private bool _playedAny;
        private uint _playTs;
        private int _jumps;
        private int _framesOutOfBand;   // consecutive frames with the delay outside the dead band
        private uint _alignTs;
        private int _alignLength = FrameSamples;
        // One past the highest used slot: Put takes the lowest free slot, so the few packets a steady stream holds
        // sit at the bottom and every scan stops here instead of walking all slots (each slot visited costs the
        // interpreter about 0.1 µs, and a frame used to make four 32-slot scans).
        private int _top;

        /// <summary>
        /// Allocates <paramref name="slotCount"/> slots of <paramref name="maxPayloadBytes"/> each (G.711: one byte
        /// per sample; 32 slots of 240 bytes hold 640 ms of 20 ms packets and accept up to 30 ms packets).
        /// </summary>
        public JitterBuffer(int slotCount, int maxPayloadBytes)
            : this(slotCount, maxPayloadBytes, null)
        {
        }

        /// <summary>
        /// As <see cref="JitterBuffer(int, int)"/>, decoding into <paramref name="workFrame"/> (at least
        /// <see cref="WorkSamples"/> samples; null or shorter: one of its own) when it changes a frame's length. Its
        /// contents are not kept between calls of <see cref="Get"/>, so the owner may use it as its audio frame and pass
        /// it to Get as the output (at offset 0): a media session then needs one frame array instead of two.
        /// </summary>
        public JitterBuffer(int slotCount, int maxPayloadBytes, short[] workFrame)
        {
            _scratch = workFrame != null && workFrame.Length >= WorkSamples ? workFrame : new short[WorkSamples];
            _payload = new byte[slotCount * maxPayloadBytes];
            _timestamp = new uint[slotCount];
            _length = new int[slotCount];
            _payloadType = new byte[slotCount];
            _used = new bool[slotCount];
            _maxPayload = maxPayloadBytes;
            _stats = new JitterBufferStats();
            _stats.TargetDelayMs = MinDelayMs;
        }

        /// <summary>Counters and gauges.</summary>
        public JitterBufferStats Stats => _stats;

        /// <summary>The concealer (for its state in tests and reports).</summary>
        public PacketLossConcealer Concealer => _plc;

        /// <summary>Packets currently held.</summary>
        public int Count
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _top; i++) if (_used[i]) n++;
                return n;
            }
        }

        /// <summary>Forgets all packets and the timeline (new far-end source); the next packet starts a new one.</summary>
        [HotPath]
        public void Reset()
        {
            for (int i = 0; i < _used.Length; i++) _used[i] = false;
            _top = 0;
            _started = false;
            _playedAny = false;
            _jumps = 0;
            _plc.Reset();
        }

        /// <summary>
        /// Stores one G.711 payload (PT 0 or 8) that arrived at <paramref name="nowMs"/>. False when it was dropped
        /// (the reason is counted in <see cref="Stats"/>).
        /// </summary>
        [HotPath]
        public bool Put(uint timestamp, int payloadType, byte[] buffer, int offset, int length, long nowMs)
        {
            if (length <= 0 || length > _maxPayload)
            {
                _stats.Oversize++;
                return false;
            }
            uint arrival = (uint)(nowMs * SamplesPerMs);
            if (!_started)
            {
                StartTimeline(timestamp, length, arrival, nowMs);
            }
            else
            {
                int ahead = (int)(timestamp - _playTs);
                if (ahead > JumpLimit || ahead < -JumpLimit)
                {
                    _stats.TimestampJumps++;
                    if (++_jumps < JumpsBeforeResync) return false;
                    // The far end really moved its timeline (it restarted, or a translator switched streams).
                    Reset();
                    StartTimeline(timestamp, length, arrival, nowMs);
                    _stats.Resyncs++;
                }
                else
                {
                    _jumps = 0;
                    if (nowMs - _windowStartMs >= WindowMs) Rotate(nowMs);
                    // RecordTransit only when the transit widens the current window (the rare case: a call less).
                    int transit = (int)(arrival - timestamp - (uint)length) - _transitBase;
                    int w = _window;
                    if (transit < _windowMin[w] || transit > _windowMax[w]) RecordTransit(transit);
                    // Before the first sample is played, an earlier packet (reordered) moves the start back.
                    if (!_playedAny && (int)(timestamp - _playTs) < 0) _playTs = timestamp;
                    if ((int)(timestamp + (uint)length - _playTs) <= 0)
                    {
                        _stats.Late++;
                        return false;
                    }
                }
            }
            int free = -1;
            bool[] used = _used;
            uint[] stamps = _timestamp;
            int top = _top;
            for (int i = 0; i < top; i++)
            {
                if (used[i])
                {
                    if (stamps[i] == timestamp)
                    {
                        _stats.Duplicates++;
                        return false;
                    }
                }
                else if (free < 0)
                {
                    free = i;
                }
            }
            if (free < 0)
            {
                if (top == used.Length)
                {
                    _stats.Overflows++;
                    return false;
                }
                free = top;
                _top = top + 1;
            }
            // One block copy: a per-byte loop costs the interpreter ~12 µs per 160-byte packet, Array.Copy ~0.2 µs.
            System.Array.Copy(buffer, offset, _payload, free * _maxPayload, length);
            _timestamp[free] = timestamp;
            _length[free] = length;
            _payloadType[free] = (byte)payloadType;
            _used[free] = true;
            _alignTs = timestamp;
            _alignLength = length;
            _stats.PacketsStored++;
            return true;
        }

        /// <summary>
        /// Produces the next 160 samples for playout at local time <paramref name="nowMs"/>. <paramref name="frame"/> may be
        /// the work frame given to the constructor (then <paramref name="offset"/> must be 0).
        /// </summary>
        [HotPath]
        public void Get(long nowMs, short[] frame, int offset)
        {
            _stats.FramesPlayed++;
            if (!_started)
            {
                Silence(frame, offset, FrameSamples);
                return;
            }
            if (nowMs - _windowStartMs >= WindowMs) Rotate(nowMs);
            int target = _maxTransit - _minTransit + Hysteresis;
            if (target < MinDelayMs * SamplesPerMs) target = MinDelayMs * SamplesPerMs;
            if (target > MaxDelayMs * SamplesPerMs) target = MaxDelayMs * SamplesPerMs;
            // The frame about to play is complete only when the packet holding its last sample has arrived, so
            // the delay is measured from that packet's end (packets are assumed to keep the last one's length and
            // alignment), and transits are measured from packet ends too.
            uint last = _playTs + FrameSamples - 1;
            int within = (int)(last - _alignTs) % _alignLength;
            if (within < 0) within += _alignLength;
            uint needEnd = last - (uint)within + (uint)_alignLength;
            int delay = (int)((uint)(nowMs * SamplesPerMs) - needEnd) - _transitBase - _minTransit;
            _stats.TargetDelayMs = target / SamplesPerMs;
            _stats.CurrentDelayMs = delay / SamplesPerMs;
            // Release the slots already played (written out here: a call per frame less on the interpreter).
            {
                bool[] used = _used;
                uint[] stamps = _timestamp;
                int[] lengths = _length;
                uint play = _playTs;
                int top = _top;
                for (int i = 0; i < top; i++)
                    if (used[i] && (int)(stamps[i] + (uint)lengths[i] - play) <= 0) used[i] = false;
                while (top > 0 && !used[top - 1]) top--;
                _top = top;
            }

            if (!_playedAny && delay < target)
            {
                // Initial buffering: silence until the delay reaches the target, to the sample.
                int wait = target - delay;
                if (wait >= FrameSamples)
                {
                    Silence(frame, offset, FrameSamples);
                    return;
                }
                Silence(frame, offset, wait);
                ReadTimeline(frame, offset + wait, FrameSamples - wait);
                _plc.Remember(frame, offset, FrameSamples);
                _playedAny = true;
                return;
            }
            if (_playedAny && delay + Hysteresis < target && !IsCovered(_playTs, FrameSamples))
            {
                // The audio for now is late and the delay is short of the target: wait for it (RFC 3550's
                // "playout point" moves back by a frame) instead of declaring it lost.
                _plc.Conceal(frame, offset, FrameSamples);
                _plc.Remember(frame, offset, FrameSamples);
                _stats.Underruns++;
                _stats.ConcealedFrames++;
                _stats.ConcealedSamples += FrameSamples;
                return;
            }

            int error = delay - target;
            if (error <= Hysteresis && error >= -Hysteresis)
            {
                _framesOutOfBand = 0;
            }
            else
            {
                _framesOutOfBand++;
                int want = error > 0 ? error : -error;
                if (want > MaxQuietStep) want = MaxQuietStep;
                int need = FrameSamples + (error > 0 ? want : 0);
                if (IsCovered(_playTs, need))
                {
                    short[] scratch = _scratch;
                    ReadCovered(_playTs, scratch, need);
                    if (_plc.InLossFlag) _plc.Recover(scratch, 0, need);
                    int step;
                    if (Peak(scratch, need) < QuietPeak)
                    {
                        step = want;   // silence: the whole correction, inaudible
                    }
                    else if (error < -UrgentError || _framesOutOfBand > ForcedAfterFrames)
                    {
                        step = 1;      // speech, and waiting for a pause is no longer safe: one sample
                        _stats.SpeechSamplesScaled++;
                    }
                    else
                    {
                        step = 0;      // speech: wait for a pause
                    }
                    if (step == 0)
                    {
                        // Already decoded: play it as it is (a block copy instead of decoding it again; none when the
                        // output is the work frame).
                        if (frame != scratch || offset != 0) System.Array.Copy(scratch, 0, frame, offset, FrameSamples);
                        _playTs += FrameSamples;
                    }
                    else
                    {
                        int source = error > 0 ? FrameSamples + step : FrameSamples - step;
                        // Output sample i reads sample i·source/160: at or after i when dropping, at or before i when
                        // inserting. Walking forwards resp. backwards never reads a sample already overwritten, so the
                        // output may be the work frame itself.
                        if (source >= FrameSamples)
                        {
                            for (int i = 0; i < FrameSamples; i++) frame[offset + i] = scratch[(i * source) / FrameSamples];
                        }
                        else
                        {
                            for (int i = FrameSamples - 1; i >= 0; i--) frame[offset + i] = scratch[(i * source) / FrameSamples];
                        }
                        _playTs += (uint)source;
                        if (error > 0) _stats.SamplesDropped += step;
                        else _stats.SamplesInserted += step;
                    }
                    _plc.Remember(frame, offset, FrameSamples);
                    _playedAny = true;
                    return;
                }
            }
            ReadTimeline(frame, offset, FrameSamples);
            _plc.Remember(frame, offset, FrameSamples);
            _playedAny = true;
        }

        [HotPath]
        private void StartTimeline(uint timestamp, int length, uint arrival, long nowMs)
        {
            _started = true;
            _playedAny = false;
            _playTs = timestamp;
            _alignTs = timestamp;
            _alignLength = length;
            _transitBase = (int)(arrival - timestamp - (uint)length);
            for (int i = 0; i < WindowCount; i++)
            {
                _windowMin[i] = int.MaxValue;
                _windowMax[i] = int.MinValue;
            }
            _window = 0;
            _windowStartMs = nowMs;
            _minTransit = 0;
            _maxTransit = 0;
            RecordTransit(0);
        }

        [HotPath]
        private void Rotate(long nowMs)
        {
            // Called only when a window is due (callers test that first: a call costs the interpreter more than
            // the test); the summary changes only then or when a transit widens a window (RecordTransit).
            while (nowMs - _windowStartMs >= WindowMs)
            {
                _window = (_window + 1) % WindowCount;
                _windowMin[_window] = int.MaxValue;
                _windowMax[_window] = int.MinValue;
                _windowStartMs += WindowMs;
                if (nowMs - _windowStartMs >= WindowCount * WindowMs) _windowStartMs = nowMs;   // long silence
            }
            Summarise();
        }

        [HotPath]
        private void RecordTransit(int transit)
        {
            int w = _window;
            bool changed = false;
            if (transit < _windowMin[w]) { _windowMin[w] = transit; changed = true; }
            if (transit > _windowMax[w]) { _windowMax[w] = transit; changed = true; }
            if (changed) Summarise();
        }

        [HotPath]
        private void Summarise()
        {
            int min = int.MaxValue, max = int.MinValue;
            for (int i = 0; i < WindowCount; i++)
            {
                if (_windowMin[i] < min) min = _windowMin[i];
                if (_windowMax[i] > max) max = _windowMax[i];
            }
            if (min == int.MaxValue) return;   // no packets for 4 s: keep the last estimate
            _minTransit = min;
            _maxTransit = max;
        }

        [HotPath]
        private int FindCovering(uint position)
        {
            bool[] used = _used;
            uint[] stamps = _timestamp;
            int[] lengths = _length;
            int top = _top;
            for (int i = 0; i < top; i++)
                if (used[i] && (uint)(position - stamps[i]) < (uint)lengths[i]) return i;
            return -1;
        }

        [HotPath]
        private bool IsCovered(uint position, int count)
        {
            uint end = position + (uint)count;
            while ((int)(end - position) > 0)
            {
                int slot = FindCovering(position);
                if (slot < 0) return false;
                position = _timestamp[slot] + (uint)_length[slot];
            }
            return true;
        }

        // Decodes a range known to be covered into the scratch buffer; no concealment state changes.
        [HotPath]
        private void ReadCovered(uint position, short[] output, int count)
        {
            int off = 0;
            while (count > 0)
            {
                int slot = FindCovering(position);
                int inSlot = (int)(position - _timestamp[slot]);
                int k = _length[slot] - inSlot;
                if (k > count) k = count;
                G711.Decode(_payloadType[slot], _payload, slot * _maxPayload + inSlot, output, off, k);
                position += (uint)k;
                off += k;
                count -= k;
            }
        }

        // Decodes one frame at the playout point, concealing whatever is missing, and advances it.
        [HotPath]
        private void ReadTimeline(short[] frame, int offset, int count)
        {
            bool concealed = false;
            bool[] used = _used;
            uint[] stamps = _timestamp;
            int[] lengths = _length;
            int top = _top;
            while (count > 0)
            {
                // FindCovering written out (this runs once or twice per frame; a call costs ~30 IL operations).
                uint play = _playTs;
                int slot = -1;
                for (int i = 0; i < top; i++)
                {
                    if (used[i] && (uint)(play - stamps[i]) < (uint)lengths[i])
                    {
                        slot = i;
                        break;
                    }
                }
                int k;
                if (slot >= 0)
                {
                    int inSlot = (int)(play - stamps[slot]);
                    k = lengths[slot] - inSlot;
                    if (k > count) k = count;
                    int at = slot * _maxPayload + inSlot;
                    if (_payloadType[slot] == G711.PayloadTypePcmu) G711.DecodeUlaw(_payload, at, frame, offset, k);
                    else G711.DecodeAlaw(_payload, at, frame, offset, k);
                    if (_plc.InLossFlag) _plc.Recover(frame, offset, k);
                }
                else
                {
                    k = count;
                    for (int i = 0; i < top; i++)
                    {
                        if (!used[i]) continue;
                        int distance = (int)(stamps[i] - play);
                        if (distance > 0 && distance < k) k = distance;
                    }
                    if (_playedAny)
                    {
                        _plc.Conceal(frame, offset, k);
                        _stats.ConcealedSamples += k;
                    }
                    else
                    {
                        Silence(frame, offset, k);
                    }
                    concealed = true;
                }
                _playTs += (uint)k;
                offset += k;
                count -= k;
            }
            if (concealed) _stats.ConcealedFrames++;
        }

        [HotPath]
        private static int Peak(short[] samples, int count)
        {
            int peak = 0;
            for (int i = 0; i < count; i++)
            {
                int v = samples[i];
                if (v < 0) v = -v;
                if (v > peak) peak = v;
            }
            return peak;
        }

        [HotPath]
        private static void Silence(short[] frame, int offset, int count)
        {
            for (int i = 0; i < count; i++) frame[offset + i] = 0;
        }
    }
}
