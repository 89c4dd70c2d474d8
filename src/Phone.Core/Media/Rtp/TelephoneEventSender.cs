// RFC 4733 §2.5.1 sender: start packet with marker, continuation packets with growing duration, three end packets.
namespace Phone.Core.Media.Rtp
{
    /// <summary>
    /// Sends one telephone event at a time, one packet per 20 ms frame, all with the event's start timestamp.
    /// While it is active the session sends no audio (§2.5.1.1 lets events replace the audio they describe).
    /// </summary>
    public sealed class TelephoneEventSender
    {
        private const int EndPackets = 3;      // §2.5.1.4: the end packet is sent three times
        private const int MaxDuration = 0xFFFF;

        private int _event;
        private uint _startTimestamp;
        private int _duration;
        private int _target;
        private int _endRemaining;
        private bool _started;

        /// <summary>Creates a sender with the default volume of -10 dBm0 (§2.3.4 carries it as 10).</summary>
        public TelephoneEventSender()
        {
            Volume = 10;
        }

        /// <summary>Power level as a positive number of -dBm0, 0..63.</summary>
        public int Volume { get; set; }

        // IsActive as a field: the session tests it on every frame, and a property read is a call on the interpreter.
        internal bool ActiveFlag;

        /// <summary>True while an event (or its end packets) is being sent.</summary>
        public bool IsActive => ActiveFlag;

        /// <summary>Events started.</summary>
        public int EventsSent { get; private set; }

        /// <summary>
        /// Starts an event of at least <paramref name="durationMs"/> at media timestamp
        /// <paramref name="startTimestamp"/>. False if one is still being sent or the code is out of range.
        /// </summary>
        [HotPath]
        public bool Start(int eventCode, int durationMs, uint startTimestamp)
        {
            if (ActiveFlag || eventCode < 0 || eventCode > 255) return false;
            _event = eventCode;
            _startTimestamp = startTimestamp;
            _duration = 0;
            _target = durationMs * 8;
            if (_target > MaxDuration) _target = MaxDuration;
            _endRemaining = EndPackets;
            _started = false;
            ActiveFlag = true;
            EventsSent++;
            return true;
        }

        /// <summary>Ends the current event at the next packet (key released).</summary>
        [HotPath]
        public void Stop()
        {
            if (ActiveFlag && _duration < _target) _target = _duration;
        }

        /// <summary>
        /// Writes the next event packet for one frame of <paramref name="frameSamples"/> into
        /// <paramref name="packet"/> (header included) and returns its length, or 0 when no event is active.
        /// </summary>
        [HotPath]
        public int NextPacket(byte[] packet, RtpPacketizer packetizer, int payloadType, int frameSamples)
        {
            if (!ActiveFlag) return 0;
            // §2.5.1.2: duration counts from the event's start to the end of this packet's frame.
            if (!_started) _duration = frameSamples;
            else if (_duration < _target) _duration += frameSamples;
            if (_duration > MaxDuration) _duration = MaxDuration;
            bool end = _duration >= _target;
            bool marker = !_started;    // §2.5.1.2: the first packet of an event has the marker bit
            _started = true;
            TelephoneEvent.Write(packet, RtpHeader.FixedLength, _event, end, Volume, _duration);
            int len = packetizer.WriteWithTimestamp(packet, payloadType, marker, _startTimestamp, TelephoneEvent.PayloadLength);
            if (end && --_endRemaining == 0) ActiveFlag = false;
            return len;
        }
    }
}
