// Per-source receive state: RFC 3550 Appendix A.1 (validation, sequence wrap), A.3 (loss), A.8 (interarrival jitter).
namespace Phone.Core.Media.Rtp
{
    /// <summary>
    /// The state RFC 3550 Appendix A keeps for one synchronisation source, in the RFC's names. Integer only.
    /// </summary>
    public sealed class RtpSource
    {
        private const int MaxDropout = 3000;
        private const int MaxMisorder = 100;
        private const int MinSequential = 2;
        private const int SeqMod = 1 << 16;

        private int _maxSeq;          // highest seq. number seen
        private uint _cycles;         // shifted count of seq. number cycles
        private int _baseSeq;         // base seq number
        private int _badSeq;          // last 'bad' seq number + 1
        private int _probation;       // sequ. packets till source is valid
        // Fields the receiver reads per packet without a call (on the interpreter a property read is a call).
        internal uint SsrcValue;      // source identifier
        internal bool IsActive;       // started and not cleared
        internal uint ReceivedCount;  // packets received (A.1 'received')
        private uint _expectedPrior;  // packet expected at last interval
        private uint ReceivedCountPrior;  // packet received at last interval
        private int _transit;         // relative trans time for prev pkt
        private bool _haveTransit;
        private uint _jitter;         // estimated jitter, ×16 (A.8 fixed point)

        /// <summary>Source identifier.</summary>
        public uint Ssrc => SsrcValue;

        /// <summary>True once a source has been started with <see cref="Start"/>.</summary>
        public bool Active => IsActive;

        /// <summary>True once the source passed probation.</summary>
        public bool Valid => Active && _probation == 0;

        /// <summary>Packets received (A.1 'received', duplicates included as in the RFC).</summary>
        public uint Received => ReceivedCount;

        /// <summary>Extended highest sequence number received (cycles in the high 16 bits).</summary>
        public uint ExtendedMaxSequence => _cycles + (uint)_maxSeq;

        /// <summary>Interarrival jitter in timestamp units (A.8, the value put in reception reports).</summary>
        public uint Jitter => _jitter >> 4;

        /// <summary>Starts (or restarts) tracking a new source on probation, A.1 'new source'.</summary>
        public void Start(uint ssrc, int seq)
        {
            SsrcValue = ssrc;
            IsActive = true;
            InitSequence(seq);
            _maxSeq = (seq - 1) & 0xFFFF;
            _probation = MinSequential;
            _haveTransit = false;
            _jitter = 0;
        }

        /// <summary>Starts a source that already passed probation elsewhere, with this packet counted as received.</summary>
        public void StartValidated(uint ssrc, int seq)
        {
            Start(ssrc, seq);
            _probation = 0;
            InitSequence(seq);
            ReceivedCount = 1;
        }

        /// <summary>Forgets the source.</summary>
        public void Clear()
        {
            IsActive = false;
            SsrcValue = 0;
            _probation = MinSequential;
        }

        [HotPath]
        private void InitSequence(int seq)
        {
            _baseSeq = seq;
            _maxSeq = seq;
            _badSeq = SeqMod + 1;   // so seq == bad_seq is false
            _cycles = 0;
            ReceivedCount = 0;
            ReceivedCountPrior = 0;
            _expectedPrior = 0;
        }

        /// <summary>A.1 update_seq: validates a packet's sequence number and updates the counters.</summary>
        [HotPath]
        public RtpSequenceResult UpdateSequence(int seq)
        {
            int udelta = (seq - _maxSeq) & 0xFFFF;

            // A.1: a source is valid only after MIN_SEQUENTIAL packets in sequence.
            if (_probation > 0)
            {
                if (seq == ((_maxSeq + 1) & 0xFFFF))
                {
                    _probation--;
                    _maxSeq = seq;
                    if (_probation == 0)
                    {
                        InitSequence(seq);
                        ReceivedCount++;
                        return RtpSequenceResult.Valid;
                    }
                }
                else
                {
                    _probation = MinSequential - 1;
                    _maxSeq = seq;
                }
                return RtpSequenceResult.Probation;
            }
            if (udelta < MaxDropout)
            {
                // In order, with permissible gap; a smaller number means the 16-bit counter wrapped.
                if (seq < _maxSeq) _cycles += SeqMod;
                _maxSeq = seq;
            }
            else if (udelta <= SeqMod - MaxMisorder)
            {
                // The sequence number made a very large jump.
                if (seq == _badSeq)
                {
                    // Two sequential packets: assume the other side restarted without telling us (A.1).
                    InitSequence(seq);
                    ReceivedCount++;
                    _haveTransit = false;
                    return RtpSequenceResult.Restarted;
                }
                _badSeq = (seq + 1) & (SeqMod - 1);
                return RtpSequenceResult.BadJump;
            }
            // else: duplicate or reordered packet, counted as received as in A.1.
            ReceivedCount++;
            return RtpSequenceResult.Valid;
        }

        /// <summary>
        /// A.1 update_seq and, when the packet is accepted and <paramref name="isAudio"/>, A.8 jitter, in one call: the
        /// in-order case of update_seq and the jitter update are written out here because on the interpreter each
        /// call costs as much as ~30 IL operations and this runs for every packet.
        /// </summary>
        [HotPath]
        public RtpSequenceResult Update(int seq, bool isAudio, uint arrival, uint rtpTimestamp)
        {
            RtpSequenceResult result;
            int udelta = (seq - _maxSeq) & 0xFFFF;
            if (_probation == 0 && udelta < MaxDropout)
            {
                // UpdateSequence's in-order branch.
                if (seq < _maxSeq) _cycles += SeqMod;
                _maxSeq = seq;
                ReceivedCount++;
                result = RtpSequenceResult.Valid;
            }
            else
            {
                result = UpdateSequence(seq);
                if (result != RtpSequenceResult.Valid && result != RtpSequenceResult.Restarted) return result;
            }
            if (!isAudio) return result;
            // UpdateJitter.
            int transit = (int)(arrival - rtpTimestamp);
            if (!_haveTransit)
            {
                _transit = transit;
                _haveTransit = true;
                return result;
            }
            int d = transit - _transit;
            _transit = transit;
            if (d < 0) d = -d;
            _jitter = (uint)((int)_jitter + d - (int)((_jitter + 8) >> 4));
            return result;
        }

        /// <summary>
        /// A.8: updates the interarrival jitter with one packet's RTP timestamp and its arrival time, both in
        /// timestamp units (arrival = local clock × 8 for 8 kHz audio).
        /// </summary>
        [HotPath]
        public void UpdateJitter(uint arrival, uint rtpTimestamp)
        {
            int transit = (int)(arrival - rtpTimestamp);
            if (!_haveTransit)
            {
                _transit = transit;
                _haveTransit = true;
                return;
            }
            int d = transit - _transit;
            _transit = transit;
            if (d < 0) d = -d;
            _jitter = (uint)((int)_jitter + d - (int)((_jitter + 8) >> 4));
        }

        /// <summary>A.3: packets expected since the source became valid.</summary>
        public uint Expected => ExtendedMaxSequence - (uint)_baseSeq + 1;

        /// <summary>A.3: cumulative number of packets lost, clamped to the 24-bit signed field of a report block.</summary>
        public int CumulativeLost
        {
            get
            {
                long lost = (long)Expected - ReceivedCount;
                if (lost > 0x7FFFFF) lost = 0x7FFFFF;
                else if (lost < -0x800000) lost = -0x800000;
                return (int)lost;
            }
        }

        /// <summary>
        /// A.3: fraction lost since the previous call, 8-bit fixed point (lost/expected × 256), and starts a new
        /// interval. Call once per reception report.
        /// </summary>
        [HotPath]
        public int TakeFractionLost()
        {
            uint expected = Expected;
            uint expectedInterval = expected - _expectedPrior;
            _expectedPrior = expected;
            uint receivedInterval = ReceivedCount - ReceivedCountPrior;
            ReceivedCountPrior = ReceivedCount;
            int lostInterval = (int)(expectedInterval - receivedInterval);
            if (expectedInterval == 0 || lostInterval <= 0) return 0;
            return (int)(((uint)lostInterval << 8) / expectedInterval);
        }
    }
}
