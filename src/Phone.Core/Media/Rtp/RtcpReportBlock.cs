// One reception report block of an RTCP SR or RR, RFC 3550 §6.4.1.
namespace Phone.Core.Media.Rtp
{
    /// <summary>Reception report block fields, in the RFC's units.</summary>
    public struct RtcpReportBlock
    {
        /// <summary>Length of a report block on the wire.</summary>
        public const int Length = 24;

        /// <summary>SSRC of the source this block reports on.</summary>
        public uint Ssrc;
        /// <summary>Fraction lost since the previous report, 8-bit fixed point (lost/expected × 256).</summary>
        public int FractionLost;
        /// <summary>Cumulative number of packets lost (24-bit signed).</summary>
        public int CumulativeLost;
        /// <summary>Extended highest sequence number received.</summary>
        public uint ExtendedHighestSequence;
        /// <summary>Interarrival jitter in timestamp units.</summary>
        public uint Jitter;
        /// <summary>Middle 32 bits of the NTP timestamp of the last SR received from that source (0 if none).</summary>
        public uint LastSr;
        /// <summary>Delay since that SR was received, in 1/65536 s.</summary>
        public uint DelaySinceLastSr;

        /// <summary>Writes the block at buffer[offset].</summary>
        [HotPath]
        public void Write(byte[] buffer, int offset)
        {
            NetworkOrder.WriteUInt32(buffer, offset, Ssrc);
            NetworkOrder.WriteUInt32(buffer, offset + 4, ((uint)(FractionLost & 0xFF) << 24) | ((uint)CumulativeLost & 0xFFFFFF));
            NetworkOrder.WriteUInt32(buffer, offset + 8, ExtendedHighestSequence);
            NetworkOrder.WriteUInt32(buffer, offset + 12, Jitter);
            NetworkOrder.WriteUInt32(buffer, offset + 16, LastSr);
            NetworkOrder.WriteUInt32(buffer, offset + 20, DelaySinceLastSr);
        }

        /// <summary>Reads a block at buffer[offset]; the caller has checked that 24 bytes are there.</summary>
        [HotPath]
        public static RtcpReportBlock Read(byte[] buffer, int offset)
        {
            RtcpReportBlock b;
            b.Ssrc = NetworkOrder.ReadUInt32(buffer, offset);
            uint word = NetworkOrder.ReadUInt32(buffer, offset + 4);
            b.FractionLost = (int)(word >> 24);
            int lost = (int)(word & 0xFFFFFF);
            b.CumulativeLost = (lost & 0x800000) != 0 ? lost - 0x1000000 : lost;   // sign-extend 24 bits
            b.ExtendedHighestSequence = NetworkOrder.ReadUInt32(buffer, offset + 8);
            b.Jitter = NetworkOrder.ReadUInt32(buffer, offset + 12);
            b.LastSr = NetworkOrder.ReadUInt32(buffer, offset + 16);
            b.DelaySinceLastSr = NetworkOrder.ReadUInt32(buffer, offset + 20);
            return b;
        }
    }
}
