// RFC 4733 §2.5.2 receiver: turns telephone-event packets into digit start/end notices, ignoring repeats.
namespace Phone.Core.Media.Rtp
{
    /// <summary>
    /// Tracks the far end's current event by its RTP timestamp (all packets of one event share it, §2.5.1.2) and
    /// queues one start and one end notice per event in a fixed ring. Repeated end packets, continuation packets
    /// and late packets of older events produce nothing. An event whose end packets were all lost is ended when the
    /// next event starts or after <see cref="TimeoutMs"/> without packets.
    /// </summary>
    public sealed class TelephoneEventReceiver
    {
        /// <summary>An event with no packets for this long is taken as ended.</summary>
        public const int TimeoutMs = 500;

        private const int RingSize = 16;
        // Two words per notice instead of a struct array: nanoCLR boxes every element of a struct array (a header
        // and a block per field, 84 B a notice), while a uint[] packs them at 4 B. Word 0: event code (8 bits,
        // RFC 4733 §2.3), end flag (bit 8), duration in ms (bits 16-31: the 16-bit duration field / 8 fits);
        // word 1: the event's RTP timestamp.
        private readonly uint[] _ring = new uint[2 * RingSize];
        // The ring's head and count (5 bits each), the current event's flags and its code (low 8 bits, all the
        // notice word keeps) in one word: every field is a 12-byte heap block on nanoCLR.
        private int _bits;
        private const int HeadShift = 8, CountShift = 13, SlotMask = 0x1F, HaveFlag = 1 << 18, EndedFlag = 1 << 19;
        private uint _timestamp;
        private int _duration;
        private long _lastPacketMs;

        // True while an event has started and not ended (Have && !Ended): the session tests this field before
        // calling Poll, which saves the interpreter a call on nearly every frame.
        internal bool InEvent;

        private int Head { get { return (_bits >> HeadShift) & SlotMask; } set { _bits = (_bits & ~(SlotMask << HeadShift)) | (value << HeadShift); } }
        private int RingCount { get { return (_bits >> CountShift) & SlotMask; } set { _bits = (_bits & ~(SlotMask << CountShift)) | (value << CountShift); } }
        private int EventCode { get { return _bits & 0xFF; } set { _bits = (_bits & ~0xFF) | (value & 0xFF); } }
        private bool Have { get { return (_bits & HaveFlag) != 0; } set { _bits = value ? _bits | HaveFlag : _bits & ~HaveFlag; } }
        private bool Ended { get { return (_bits & EndedFlag) != 0; } set { _bits = value ? _bits | EndedFlag : _bits & ~EndedFlag; } }

        /// <summary>Notices dropped because the ring was full (nobody read them).</summary>
        public int Overflows { get; private set; }

        /// <summary>Notices queued since creation.</summary>
        public int NoticesQueued { get; private set; }

        /// <summary>Notices waiting.</summary>
        public int Count => RingCount;

        /// <summary>Forgets the current event (new far-end source).</summary>
        public void Reset()
        {
            Have = false;
            Ended = false;
            InEvent = false;
        }

        /// <summary>Digests one telephone-event payload with its RTP timestamp. False when it is too short.</summary>
        [HotPath]
        public bool Receive(byte[] buffer, int offset, int length, uint timestamp, long nowMs)
        {
            int code, volume, duration;
            bool end;
            if (!TelephoneEvent.TryRead(buffer, offset, length, out code, out end, out volume, out duration)) return false;
            if (Have && timestamp == _timestamp)
            {
                _lastPacketMs = nowMs;
                if (Ended) return true;                  // a repeated end packet (§2.5.1.4)
                if (duration > _duration) _duration = duration;
                if (end) Finish();
                return true;
            }
            if (Have && (int)(timestamp - _timestamp) < 0) return true;   // a late packet of an earlier event
            if (Have && !Ended) Finish();               // its end packets were lost: the new event ends it
            Have = true;
            Ended = false;
            InEvent = true;
            _timestamp = timestamp;
            EventCode = code;
            _duration = duration;
            _lastPacketMs = nowMs;
            Push(false);
            if (end) Finish();                            // only an end packet arrived: start and end at once
            return true;
        }

        /// <summary>Ends an event whose packets stopped without an end packet.</summary>
        [HotPath]
        public void Poll(long nowMs)
        {
            if (Have && !Ended && nowMs - _lastPacketMs >= TimeoutMs) Finish();
        }

        /// <summary>Takes the oldest notice; false when none is waiting.</summary>
        [HotPath]
        public bool TryRead(out TelephoneEventNotice notice)
        {
            if (RingCount == 0)
            {
                notice = default;
                return false;
            }
            uint word = _ring[2 * Head];
            int code = (int)(word & 0xFF);
            notice.EventCode = code;
            notice.Digit = TelephoneEvent.ToDigit(code);
            notice.IsEnd = (word & 0x100) != 0;
            notice.DurationMs = (int)(word >> 16);
            notice.Timestamp = _ring[2 * Head + 1];
            Head = (Head + 1) % RingSize;
            RingCount--;
            return true;
        }

        [HotPath]
        private void Finish()
        {
            Ended = true;
            InEvent = false;
            Push(true);
        }

        [HotPath]
        private void Push(bool isEnd)
        {
            if (RingCount == RingSize)
            {
                Overflows++;
                return;
            }
            int i = (Head + RingCount) % RingSize;
            _ring[2 * i] = (uint)(EventCode & 0xFF) | (isEnd ? 0x100u : 0u) | ((uint)(_duration / 8) << 16);
            _ring[2 * i + 1] = _timestamp;
            RingCount++;
            NoticesQueued++;
        }
    }
}
