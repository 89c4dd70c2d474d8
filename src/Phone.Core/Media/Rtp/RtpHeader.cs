// RTP fixed header, CSRC list and header extension, RFC 3550 §5.1 and §5.3.1: parse and write.
namespace Phone.Core.Media.Rtp
{
    /// <summary>
    /// A parsed RTP header: a view over the receive buffer (offsets, no copy). Valid only when
    /// <see cref="TryRead"/> returned <see cref="RtpParseError.None"/>.
    /// </summary>
    public struct RtpHeader
    {
        /// <summary>Length of the fixed header: the headroom the codec leaves in front of its payload.</summary>
        public const int FixedLength = 12;

        /// <summary>Marker bit (RFC 3551 §4.1: first packet of a talk spurt; RFC 4733: start of an event).</summary>
        public bool Marker;
        /// <summary>Payload type, 0..127.</summary>
        public int PayloadType;
        /// <summary>Sequence number, 0..65535.</summary>
        public int SequenceNumber;
        /// <summary>Media timestamp.</summary>
        public uint Timestamp;
        /// <summary>Synchronisation source.</summary>
        public uint Ssrc;
        /// <summary>Number of CSRC entries.</summary>
        public int CsrcCount;
        /// <summary>Offset of the payload in the buffer passed to TryRead.</summary>
        public int PayloadOffset;
        /// <summary>Payload length, without padding.</summary>
        public int PayloadLength;

        /// <summary>
        /// Checks and parses one RTP packet at buffer[offset .. offset+length). Never throws: every length field is
        /// checked against <paramref name="length"/> before it is used.
        /// </summary>
        [HotPath]
        public static RtpParseError TryRead(byte[] buffer, int offset, int length, out RtpHeader header)
        {
            header = default;
            if (buffer == null || offset < 0 || length < FixedLength || offset + length > buffer.Length)
                return RtpParseError.TooShort;
            int b0 = buffer[offset];
            if ((b0 >> 6) != 2) return RtpParseError.BadVersion;
            int b1 = buffer[offset + 1];
            header.Marker = (b1 & 0x80) != 0;
            header.PayloadType = b1 & 0x7F;
            // Read in place rather than through NetworkOrder: three calls fewer per packet on the interpreter.
            header.SequenceNumber = (buffer[offset + 2] << 8) | buffer[offset + 3];
            header.Timestamp = ((uint)buffer[offset + 4] << 24) | ((uint)buffer[offset + 5] << 16)
                | ((uint)buffer[offset + 6] << 8) | buffer[offset + 7];
            header.Ssrc = ((uint)buffer[offset + 8] << 24) | ((uint)buffer[offset + 9] << 16)
                | ((uint)buffer[offset + 10] << 8) | buffer[offset + 11];
            header.CsrcCount = b0 & 0x0F;
            int pos = FixedLength + 4 * header.CsrcCount;
            if (pos > length) return RtpParseError.CsrcPastEnd;
            if ((b0 & 0x10) != 0)
            {
                // §5.3.1: 16-bit profile field, 16-bit length in 32-bit words, then the words.
                if (pos + 4 > length) return RtpParseError.ExtensionPastEnd;
                int words = NetworkOrder.ReadUInt16(buffer, offset + pos + 2);
                pos += 4 + 4 * words;
                if (pos > length) return RtpParseError.ExtensionPastEnd;
            }
            int end = length;
            if ((b0 & 0x20) != 0)
            {
                // §5.1: the last octet counts the padding octets, itself included.
                int pad = buffer[offset + length - 1];
                if (pad == 0 || pos + pad > length) return RtpParseError.BadPadding;
                end -= pad;
            }
            header.PayloadOffset = offset + pos;
            header.PayloadLength = end - pos;
            return RtpParseError.None;
        }

        /// <summary>Writes a 12-byte header (V=2, no padding, extension or CSRC) at buffer[offset].</summary>
        [HotPath]
        public static void Write(byte[] buffer, int offset, bool marker, int payloadType, int sequenceNumber,
            uint timestamp, uint ssrc)
        {
            buffer[offset] = 0x80;
            buffer[offset + 1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
            NetworkOrder.WriteUInt16(buffer, offset + 2, sequenceNumber);
            NetworkOrder.WriteUInt32(buffer, offset + 4, timestamp);
            NetworkOrder.WriteUInt32(buffer, offset + 8, ssrc);
        }
    }
}
