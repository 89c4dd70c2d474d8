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
        // Backing fields used directly per packet: on the interpreter every property access is a method call.
        private uint _ssrc;
        private uint _packetCount;
        private uint _octetCount;

        /// <summary>Creates a packetizer; initial sequence number and timestamp should be random (RFC 3550 §5.1).</summary>
        public RtpPacketizer(uint ssrc, int initialSequence, uint initialTimestamp)
        {
            _ssrc = ssrc;
            _sequence = initialSequence & 0xFFFF;
            _timestamp = initialTimestamp;
        }

        /// <summary>Our synchronisation source identifier.</summary>
        public uint Ssrc
        {
            get => _ssrc;
            set => _ssrc = value;
        }

        /// <summary>Sequence number the next packet will carry.</summary>
        public int NextSequence => _sequence;

        /// <summary>Media timestamp of the next audio sample to be sent.</summary>
        public uint Timestamp => _timestamp;

        /// <summary>Packets sent (RTCP SR sender's packet count).</summary>
        public uint PacketCount => _packetCount;

        /// <summary>Payload octets sent (RTCP SR sender's octet count).</summary>
        public uint OctetCount => _octetCount;

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
            // RtpHeader.Write inlined (the audio packet goes out every 20 ms; each call costs the interpreter
            // about as much as a dozen IL operations): V=2, no padding/extension/CSRC (RFC 3550 §5.1).
            int seq = _sequence;
            uint ts = _timestamp;
            uint ssrc = _ssrc;
            packet[0] = 0x80;
            packet[1] = (byte)((_talkSpurtStart ? 0x80 : 0) | (payloadType & 0x7F));
            packet[2] = (byte)(seq >> 8);
            packet[3] = (byte)seq;
            packet[4] = (byte)(ts >> 24);
            packet[5] = (byte)(ts >> 16);
            packet[6] = (byte)(ts >> 8);
            packet[7] = (byte)ts;
            packet[8] = (byte)(ssrc >> 24);
            packet[9] = (byte)(ssrc >> 16);
            packet[10] = (byte)(ssrc >> 8);
            packet[11] = (byte)ssrc;
            _talkSpurtStart = false;
            _sequence = (seq + 1) & 0xFFFF;
            _packetCount++;
            _octetCount += (uint)payloadLength;
            _timestamp = ts + (uint)samples;
            return RtpHeader.FixedLength + payloadLength;
        }

        /// <summary>
        /// Writes the header of a packet with an explicit timestamp (RFC 4733 events keep the event's start
        /// timestamp); the audio timestamp is not advanced. Returns the packet length.
        /// </summary>
        [HotPath]
        public int WriteWithTimestamp(byte[] packet, int payloadType, bool marker, uint timestamp, int payloadLength)
        {
            RtpHeader.Write(packet, 0, marker, payloadType, _sequence, timestamp, _ssrc);
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
            _packetCount++;
            _octetCount += (uint)payloadLength;
        }
    }
}
