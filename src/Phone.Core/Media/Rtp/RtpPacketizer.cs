// RTP sender side, RFC 3550 §5.1 and RFC 3551 §4.1: sequence numbers, timestamps, SSRC, marker at talk-spurt start.
namespace Phone.Core.Media.Rtp
{
    /// <summary>
    /// Writes RTP headers in front of payloads that the codec has already written at offset
    /// <see cref="RtpHeader.FixedLength"/> of the packet buffer (headroom: no copy). Keeps the sender counters
    /// that RTCP sender reports carry (RFC 3550 §6.4.1).
    /// </summary>
    public sealed class RtpPacketizer
    {
        private int _sequence;
        private uint _timestamp;
        private bool _talkSpurtStart = true;

        /// <summary>Creates a packetizer; initial sequence number and timestamp should be random (RFC 3550 §5.1).</summary>
        public RtpPacketizer(uint ssrc, int initialSequence, uint initialTimestamp)
        {
            Ssrc = ssrc;
            _sequence = initialSequence & 0xFFFF;
            _timestamp = initialTimestamp;
        }

        /// <summary>Our synchronisation source identifier.</summary>
        public uint Ssrc { get; set; }

        /// <summary>Sequence number the next packet will carry.</summary>
        public int NextSequence => _sequence;

        /// <summary>Media timestamp of the next audio sample to be sent.</summary>
        public uint Timestamp => _timestamp;

        /// <summary>Packets sent (RTCP SR sender's packet count).</summary>
        public uint PacketCount { get; private set; }

        /// <summary>Payload octets sent (RTCP SR sender's octet count).</summary>
        public uint OctetCount { get; private set; }

        /// <summary>Marks the next audio packet as the first of a talk spurt (after silence or an event).</summary>
        [HotPath]
        public void BeginTalkSpurt() => _talkSpurtStart = true;

        /// <summary>
        /// Writes the header of an audio packet whose payload is at packet[12 .. 12+payloadLength) and advances the
        /// timestamp by <paramref name="samples"/>. Returns the packet length.
        /// </summary>
        [HotPath]
        public int WriteAudio(byte[] packet, int payloadType, int payloadLength, int samples)
        {
            RtpHeader.Write(packet, 0, _talkSpurtStart, payloadType, _sequence, _timestamp, Ssrc);
            _talkSpurtStart = false;
            Advance(payloadLength);
            _timestamp += (uint)samples;
            return RtpHeader.FixedLength + payloadLength;
        }

        /// <summary>
        /// Writes the header of a packet with an explicit timestamp (RFC 4733 events keep the event's start
        /// timestamp); the audio timestamp is not advanced. Returns the packet length.
        /// </summary>
        [HotPath]
        public int WriteWithTimestamp(byte[] packet, int payloadType, bool marker, uint timestamp, int payloadLength)
        {
            RtpHeader.Write(packet, 0, marker, payloadType, _sequence, timestamp, Ssrc);
            Advance(payloadLength);
            return RtpHeader.FixedLength + payloadLength;
        }

        /// <summary>Lets the media clock run while nothing is sent (silence, events), RFC 3550 §5.1.</summary>
        [HotPath]
        public void SkipSamples(int samples) => _timestamp += (uint)samples;

        [HotPath]
        private void Advance(int payloadLength)
        {
            _sequence = (_sequence + 1) & 0xFFFF;
            PacketCount++;
            OctetCount += (uint)payloadLength;
        }
    }
}
