// RTCP for a two-party session: report timing (RFC 3550 §6.2, §6.3 simplified), SR/RR + SDES compounds,
// LSR/DLSR bookkeeping and round-trip time (§6.4.1), and BYE (§6.6).
namespace Phone.Core.Media.Rtp
{
    /// <summary>
    /// Decides when to send RTCP, builds our compound packets and digests the far end's. Times are milliseconds on
    /// the local monotonic clock; NTP timestamps are derived from it (§4 allows a clock that is not wall-clock time:
    /// round-trip time only needs both ends to echo the same value).
    /// </summary>
    public sealed class RtcpSession
    {
        /// <summary>RFC 3550 §6.2 minimum report interval.</summary>
        public const int MinIntervalMs = 5000;

        private uint _random;
        private uint _lastSr;            // middle 32 bits of the far end's last SR NTP timestamp
        private long _lastSrArrivalMs;
        private bool _haveLastSr;
        private uint _packetCountAtLastReport;

        /// <summary>Creates the RTCP state; the first report is due after half the minimum interval (§6.2).</summary>
        public RtcpSession(uint randomSeed, long startMs)
        {
            _random = randomSeed | 1;
            NextSendMs = startMs + Interval(MinIntervalMs / 2);
            RoundTripMs = -1;
        }

        /// <summary>When the next compound packet is due.</summary>
        public long NextSendMs { get; private set; }

        /// <summary>Last measured round-trip time in ms, -1 until the far end echoed one of our SRs.</summary>
        public int RoundTripMs { get; private set; }

        /// <summary>Fraction of our packets the far end lost in its last report interval (8-bit fixed point).</summary>
        public int RemoteFractionLost { get; private set; }

        /// <summary>Cumulative loss the far end reports for our stream.</summary>
        public int RemoteCumulativeLost { get; private set; }

        /// <summary>Interarrival jitter the far end reports for our stream, timestamp units.</summary>
        public uint RemoteJitter { get; private set; }

        /// <summary>Reports received from the far end.</summary>
        public int ReportsReceived { get; private set; }

        /// <summary>Compound packets we sent.</summary>
        public int ReportsSent { get; private set; }

        /// <summary>True once the far end sent BYE for its source.</summary>
        public bool ByeReceived { get; private set; }

        /// <summary>True when a report is due.</summary>
        [HotPath]
        public bool IsDue(long nowMs) => nowMs >= NextSendMs;

        // §6.3.1: T × random[0.5, 1.5] / (e − 3/2), the compensation for timer reconsideration.
        [HotPath]
        private int Interval(int baseMs)
        {
            _random = _random * 1664525u + 1013904223u;
            int r = 500 + (int)((_random >> 8) % 1001u);
            return (int)((long)baseMs * r / 1218);
        }

        /// <summary>
        /// Builds SR (if we sent since the last report) or RR, with a block for the far-end source when it is
        /// valid, then SDES CNAME, then BYE when <paramref name="bye"/>. Schedules the next report. Returns length.
        /// </summary>
        [HotPath]
        public int Build(byte[] buffer, long nowMs, RtpPacketizer sender, RtpSource source, byte[] cname,
            int cnameLength, bool bye)
        {
            bool isSender = sender.PacketCount != _packetCountAtLastReport;
            _packetCountAtLastReport = sender.PacketCount;
            RtcpReportBlock block = default;
            bool withBlock = source.Valid;
            if (withBlock)
            {
                block.Ssrc = source.Ssrc;
                block.FractionLost = source.TakeFractionLost();
                block.CumulativeLost = source.CumulativeLost;
                block.ExtendedHighestSequence = source.ExtendedMaxSequence;
                block.Jitter = source.Jitter;
                if (_haveLastSr)
                {
                    block.LastSr = _lastSr;
                    block.DelaySinceLastSr = (uint)(((nowMs - _lastSrArrivalMs) << 16) / 1000);
                }
            }
            int len = RtcpPacket.WriteReport(buffer, 0, isSender, sender.Ssrc, RtcpPacket.NtpFromMs(nowMs),
                sender.Timestamp, sender.PacketCount, sender.OctetCount, withBlock, block);
            len += RtcpPacket.WriteSdesCname(buffer, len, sender.Ssrc, cname, cnameLength);
            if (bye) len += RtcpPacket.WriteBye(buffer, len, sender.Ssrc);
            NextSendMs = nowMs + Interval(MinIntervalMs);
            ReportsSent++;
            return len;
        }

        /// <summary>
        /// Digests a received compound packet: remembers the SR for LSR/DLSR, computes RTT from a block about us
        /// (§6.4.1: A − LSR − DLSR), notes BYE. Malformed packets are counted and ignored.
        /// </summary>
        [HotPath]
        public void Receive(byte[] buffer, int offset, int length, long nowMs, uint localSsrc, uint remoteSsrc,
            RtpStats stats)
        {
            RtcpInfo info;
            if (!RtcpPacket.TryReadCompound(buffer, offset, length, localSsrc, out info))
            {
                stats.RtcpMalformed++;
                return;
            }
            stats.RtcpAccepted++;
            stats.RtcpUnknownType += info.OtherPackets;
            ReportsReceived++;
            if (info.HasSenderReport)
            {
                _lastSr = info.SenderNtpMiddle;
                _lastSrArrivalMs = nowMs;
                _haveLastSr = true;
            }
            if (info.HasBlockForUs)
            {
                RemoteFractionLost = info.BlockForUs.FractionLost;
                RemoteCumulativeLost = info.BlockForUs.CumulativeLost;
                RemoteJitter = info.BlockForUs.Jitter;
                if (info.BlockForUs.LastSr != 0)
                {
                    uint a = RtcpPacket.NtpMiddle(RtcpPacket.NtpFromMs(nowMs));
                    int rtt = (int)(a - info.BlockForUs.LastSr - info.BlockForUs.DelaySinceLastSr);
                    if (rtt >= 0) RoundTripMs = (int)(((long)rtt * 1000) >> 16);
                }
            }
            if (info.HasBye && (info.ByeSsrc == remoteSsrc || remoteSsrc == 0))
            {
                ByeReceived = true;
                stats.RtcpByes++;
            }
        }
    }
}
