// RTCP SR, RR, SDES CNAME and BYE writing and compound-packet parsing with the RFC 3550 Appendix A.2 checks.
namespace Phone.Core.Media.Rtp
{
    /// <summary>RTCP packet encoders and the compound-packet decoder (RFC 3550 §6.4.1, §6.4.2, §6.5, §6.6).</summary>
    public static class RtcpPacket
    {
        /// <summary>Sender report.</summary>
        public const int TypeSr = 200;
        /// <summary>Receiver report.</summary>
        public const int TypeRr = 201;
        /// <summary>Source description.</summary>
        public const int TypeSdes = 202;
        /// <summary>Goodbye.</summary>
        public const int TypeBye = 203;

        /// <summary>
        /// True when an RTP/RTCP multiplexed datagram is RTCP: second octet 192..223 (RFC 5761 §4), which no audio
        /// payload type with or without marker can take.
        /// </summary>
        [HotPath]
        public static bool LooksLikeRtcp(byte[] buffer, int offset, int length)
            => length >= 2 && buffer[offset + 1] >= 192 && buffer[offset + 1] <= 223;

        [HotPath]
        private static void WriteCommonHeader(byte[] b, int o, int count, int type, int totalBytes)
        {
            b[o] = (byte)(0x80 | (count & 0x1F));
            b[o + 1] = (byte)type;
            NetworkOrder.WriteUInt16(b, o + 2, totalBytes / 4 - 1);   // length in 32-bit words minus one
        }

        /// <summary>
        /// Writes an SR (when <paramref name="sender"/>) or an RR with zero or one report block. Returns bytes written.
        /// </summary>
        [HotPath]
        public static int WriteReport(byte[] buffer, int offset, bool sender, uint ssrc, ulong ntp, uint rtpTimestamp,
            uint packetCount, uint octetCount, bool withBlock, RtcpReportBlock block)
        {
            int len = 8 + (sender ? 20 : 0) + (withBlock ? RtcpReportBlock.Length : 0);
            WriteCommonHeader(buffer, offset, withBlock ? 1 : 0, sender ? TypeSr : TypeRr, len);
            NetworkOrder.WriteUInt32(buffer, offset + 4, ssrc);
            int pos = offset + 8;
            if (sender)
            {
                NetworkOrder.WriteUInt32(buffer, pos, (uint)(ntp >> 32));
                NetworkOrder.WriteUInt32(buffer, pos + 4, (uint)ntp);
                NetworkOrder.WriteUInt32(buffer, pos + 8, rtpTimestamp);
                NetworkOrder.WriteUInt32(buffer, pos + 12, packetCount);
                NetworkOrder.WriteUInt32(buffer, pos + 16, octetCount);
                pos += 20;
            }
            if (withBlock) block.Write(buffer, pos);
            return len;
        }

        /// <summary>Writes an SDES packet with one chunk holding a CNAME item (§6.5.1). Returns bytes written.</summary>
        [HotPath]
        public static int WriteSdesCname(byte[] buffer, int offset, uint ssrc, byte[] cname, int cnameLength)
        {
            if (cnameLength > 255) cnameLength = 255;
            // header 4 + SSRC 4 + type 1 + length 1 + text + at least one null octet, padded to 32 bits.
            int raw = 8 + 2 + cnameLength + 1;
            int len = (raw + 3) & ~3;
            WriteCommonHeader(buffer, offset, 1, TypeSdes, len);
            NetworkOrder.WriteUInt32(buffer, offset + 4, ssrc);
            buffer[offset + 8] = 1;   // CNAME
            buffer[offset + 9] = (byte)cnameLength;
            for (int i = 0; i < cnameLength; i++) buffer[offset + 10 + i] = cname[i];
            for (int i = offset + 10 + cnameLength; i < offset + len; i++) buffer[i] = 0;
            return len;
        }

        /// <summary>Writes a BYE for one SSRC, no reason (§6.6). Returns bytes written.</summary>
        [HotPath]
        public static int WriteBye(byte[] buffer, int offset, uint ssrc)
        {
            WriteCommonHeader(buffer, offset, 1, TypeBye, 8);
            NetworkOrder.WriteUInt32(buffer, offset + 4, ssrc);
            return 8;
        }

        /// <summary>
        /// Checks a compound packet as RFC 3550 Appendix A.2 does (version 2 everywhere, first packet SR or RR
        /// without padding, padding only in the last packet, lengths adding up exactly) and extracts what a
        /// two-party session uses. False (nothing extracted) when any check fails.
        /// </summary>
        [HotPath]
        public static bool TryReadCompound(byte[] buffer, int offset, int length, uint localSsrc, out RtcpInfo info)
        {
            info = default;
            if (buffer == null || offset < 0 || length < 8 || offset + length > buffer.Length) return false;
            int first = buffer[offset + 1];
            if ((buffer[offset] & 0xE0) != 0x80 || (first != TypeSr && first != TypeRr)) return false;

            int pos = offset;
            int end = offset + length;
            while (pos < end)
            {
                if (end - pos < 4) return false;
                int b0 = buffer[pos];
                if ((b0 >> 6) != 2) return false;
                int count = b0 & 0x1F;
                int type = buffer[pos + 1];
                int bytes = (NetworkOrder.ReadUInt16(buffer, pos + 2) + 1) * 4;
                if (bytes > end - pos) return false;
                int body = bytes;
                if ((b0 & 0x20) != 0)
                {
                    if (pos + bytes != end) return false;   // only the last packet may be padded
                    int pad = buffer[pos + bytes - 1];
                    if (pad == 0 || pad > bytes - 4) return false;
                    body = bytes - pad;
                }
                switch (type)
                {
                    case TypeSr:
                    case TypeRr:
                    {
                        int fixedPart = type == TypeSr ? 28 : 8;
                        if (body < fixedPart + count * RtcpReportBlock.Length) return false;
                        info.SenderSsrc = NetworkOrder.ReadUInt32(buffer, pos + 4);
                        if (type == TypeSr)
                        {
                            info.HasSenderReport = true;
                            info.SenderNtpMiddle = (NetworkOrder.ReadUInt32(buffer, pos + 8) << 16)
                                | (NetworkOrder.ReadUInt32(buffer, pos + 12) >> 16);
                            info.SenderPacketCount = NetworkOrder.ReadUInt32(buffer, pos + 20);
                            info.SenderOctetCount = NetworkOrder.ReadUInt32(buffer, pos + 24);
                        }
                        for (int i = 0; i < count; i++)
                        {
                            int at = pos + fixedPart + i * RtcpReportBlock.Length;
                            if (NetworkOrder.ReadUInt32(buffer, at) == localSsrc)
                            {
                                info.HasBlockForUs = true;
                                info.BlockForUs = RtcpReportBlock.Read(buffer, at);
                            }
                        }
                        break;
                    }
                    case TypeBye:
                        if (body < 4 + 4 * count) return false;
                        info.HasBye = true;
                        if (count > 0) info.ByeSsrc = NetworkOrder.ReadUInt32(buffer, pos + 4);
                        break;
                    default:
                        info.OtherPackets++;
                        break;
                }
                pos += bytes;
            }
            return true;
        }

        /// <summary>64-bit NTP timestamp (§4) of a millisecond time: seconds in the high word, fraction in the low.</summary>
        [HotPath]
        public static ulong NtpFromMs(long ms)
        {
            ulong seconds = (ulong)(ms / 1000);
            ulong fraction = ((ulong)(ms % 1000) << 32) / 1000;
            return (seconds << 32) | fraction;
        }

        /// <summary>Middle 32 bits of an NTP timestamp (the compact form LSR and RTT use).</summary>
        [HotPath]
        public static uint NtpMiddle(ulong ntp) => (uint)(ntp >> 16);
    }
}
