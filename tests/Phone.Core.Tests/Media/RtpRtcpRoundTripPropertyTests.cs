// Property tests: RTP (RFC 3550 §5.1, §5.3.1) and RTCP compound packets (§6.4, §6.5, §6.6) built, then parsed back.
namespace Phone.Core.Tests.Media
{
    using CsCheck;
    using Phone.Core.Media.Rtp;

    public class RtpRtcpRoundTripPropertyTests
    {
        [Fact]
        public void Rtp_header_with_csrcs_extension_and_padding_reads_back_what_was_built()
        {
            // The core writes only the fixed 12-octet header; CSRCs, the extension and padding are laid out here from
            // §5.1/§5.3.1 so that the reader's handling of every length field is checked against an independent layout.
            Gen.Select(Gen.Bool, Gen.Int[0, 127], Gen.Int[0, 65535], Gen.UInt, Gen.UInt,
                Gen.Select(Gen.Int[0, 15], Gen.Int[-1, 3], Gen.Int[0, 8], Gen.Int[0, 200], Gen.Int[0, 40]))
            .Sample((marker, pt, seq, ts, ssrc, layout) =>
            {
                var (csrcs, extensionWords, padding, payload, offset) = layout;
                byte[] b = new byte[offset + 12 + 4 * 15 + 4 + 12 + 200 + 8 + 16];
                RtpHeader.Write(b, offset, marker, pt, seq, ts, ssrc);
                int p = offset + 12;
                b[offset] |= (byte)csrcs;
                for (int i = 0; i < csrcs; i++, p += 4) b[p] = (byte)(i + 1);
                if (extensionWords >= 0)
                {
                    b[offset] |= 0x10;
                    b[p] = 0xBE; b[p + 1] = 0xDE; b[p + 2] = 0; b[p + 3] = (byte)extensionWords;
                    p += 4 + 4 * extensionWords;
                }
                int payloadAt = p;
                for (int i = 0; i < payload; i++) b[p++] = (byte)(i * 7);
                if (padding > 0)
                {
                    b[offset] |= 0x20;
                    p += padding;
                    b[p - 1] = (byte)padding;
                }
                int length = p - offset;

                Assert.Equal(RtpParseError.None, RtpHeader.TryRead(b, offset, length, out RtpHeader h));
                Assert.Equal(marker, h.Marker);
                Assert.Equal(pt, h.PayloadType);
                Assert.Equal(seq, h.SequenceNumber);
                Assert.Equal(ts, h.Timestamp);
                Assert.Equal(ssrc, h.Ssrc);
                Assert.Equal(csrcs, h.CsrcCount);
                Assert.Equal(payloadAt, h.PayloadOffset);
                Assert.Equal(payload, h.PayloadLength);
                // One octet short must never read as the same packet: it is rejected or loses payload/padding.
                if (RtpHeader.TryRead(b, offset, length - 1, out RtpHeader s) == RtpParseError.None)
                {
                    Assert.True(s.PayloadOffset + s.PayloadLength <= offset + length - 1);
                }
            });
        }

        [Fact]
        public void Rtcp_compound_of_report_sdes_and_bye_reads_back_what_was_written()
        {
            Gen.Select(Gen.Bool, Gen.UInt, Gen.ULong, Gen.UInt, Gen.UInt, Gen.UInt,
                Gen.Select(Gen.Bool, Gen.UInt, Gen.Int[0, 255], Gen.Int[-8388608, 8388607], Gen.UInt, Gen.UInt, Gen.UInt, Gen.UInt),
                Gen.Select(Gen.Int[0, 255], Gen.Bool, Gen.Int[0, 32]))
            .Sample((sender, ssrc, ntp, rtpTs, packets, octets, blockGen, rest) =>
            {
                var (withBlock, blockSsrc, fraction, lost, highest, jitter, lsr, dlsr) = blockGen;
                var (cnameLength, bye, offset) = rest;
                var block = new RtcpReportBlock
                {
                    Ssrc = blockSsrc, FractionLost = fraction, CumulativeLost = lost, ExtendedHighestSequence = highest,
                    Jitter = jitter, LastSr = lsr, DelaySinceLastSr = dlsr,
                };
                byte[] cname = new byte[cnameLength];
                for (int i = 0; i < cname.Length; i++) cname[i] = (byte)('a' + i % 26);
                byte[] b = new byte[offset + 28 + 24 + 8 + 2 + 255 + 4 + 8 + 8];
                int len = RtcpPacket.WriteReport(b, offset, sender, ssrc, ntp, rtpTs, packets, octets, withBlock, block);
                len += RtcpPacket.WriteSdesCname(b, offset + len, ssrc, cname, cname.Length);
                if (bye) len += RtcpPacket.WriteBye(b, offset + len, ssrc);

                Assert.Equal(0, len % 4);
                Assert.True(RtcpPacket.LooksLikeRtcp(b, offset, len));
                Assert.True(RtcpPacket.TryReadCompound(b, offset, len, blockSsrc, out RtcpInfo info));
                Assert.Equal(sender, info.HasSenderReport);
                Assert.Equal(ssrc, info.SenderSsrc);
                if (sender)
                {
                    Assert.Equal(RtcpPacket.NtpMiddle(ntp), info.SenderNtpMiddle);
                    Assert.Equal(packets, info.SenderPacketCount);
                    Assert.Equal(octets, info.SenderOctetCount);
                }
                Assert.Equal(withBlock, info.HasBlockForUs);
                if (withBlock) Assert.Equal(block, info.BlockForUs);
                Assert.Equal(bye, info.HasBye);
                if (bye) Assert.Equal(ssrc, info.ByeSsrc);
                Assert.Equal(1, info.OtherPackets);                              // the SDES
                // Appendix A.2: the lengths must add up exactly, so one octet less is not a valid compound.
                Assert.False(RtcpPacket.TryReadCompound(b, offset, len - 1, blockSsrc, out RtcpInfo _));
            });
        }
    }
}
