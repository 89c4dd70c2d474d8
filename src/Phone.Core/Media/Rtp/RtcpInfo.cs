// What one received RTCP compound packet said that a two-party session uses (RFC 3550 §6.4, §6.6).
namespace Phone.Core.Media.Rtp
{
    /// <summary>Fields extracted by <see cref="RtcpPacket.TryReadCompound"/>.</summary>
    public struct RtcpInfo
    {
        /// <summary>An SR was present.</summary>
        public bool HasSenderReport;
        /// <summary>SSRC of the SR/RR sender.</summary>
        public uint SenderSsrc;
        /// <summary>Middle 32 bits of the SR's NTP timestamp (becomes our LSR).</summary>
        public uint SenderNtpMiddle;
        /// <summary>SR sender's packet count.</summary>
        public uint SenderPacketCount;
        /// <summary>SR sender's octet count.</summary>
        public uint SenderOctetCount;
        /// <summary>A report block about our SSRC was present.</summary>
        public bool HasBlockForUs;
        /// <summary>That report block.</summary>
        public RtcpReportBlock BlockForUs;
        /// <summary>A BYE was present.</summary>
        public bool HasBye;
        /// <summary>First SSRC named in the BYE.</summary>
        public uint ByeSsrc;
        /// <summary>Packets of types not used here (SDES, APP, feedback), skipped.</summary>
        public int OtherPackets;
    }
}
