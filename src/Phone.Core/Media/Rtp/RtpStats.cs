// Receive-side counters of RTP and RTCP: every dropped packet is counted here under its reason, never thrown.
namespace Phone.Core.Media.Rtp
{
    /// <summary>Counters of the RTP/RTCP receive path (properties over one int array: an increment allocates nothing).</summary>
    public sealed class RtpStats
    {
        // The counters in one array: on nanoCLR a field costs a 12-byte heap block, an int[] element 4 bytes.
        private readonly int[] _counts = new int[19];

        /// <summary>RTP packets accepted and passed on (audio or telephone-event).</summary>
        public int PacketsAccepted { get => _counts[0]; set => _counts[0] = value; }
        /// <summary>Shorter than the 12-byte fixed header.</summary>
        public int TooShort { get => _counts[1]; set => _counts[1] = value; }
        /// <summary>RTP version not 2.</summary>
        public int BadVersion { get => _counts[2]; set => _counts[2] = value; }
        /// <summary>Padding length 0 or past the header.</summary>
        public int BadPadding { get => _counts[3]; set => _counts[3] = value; }
        /// <summary>CSRC list past the end.</summary>
        public int CsrcPastEnd { get => _counts[4]; set => _counts[4] = value; }
        /// <summary>Header extension past the end.</summary>
        public int ExtensionPastEnd { get => _counts[5]; set => _counts[5] = value; }
        /// <summary>Payload type not negotiated.</summary>
        public int UnknownPayloadType { get => _counts[6]; set => _counts[6] = value; }
        /// <summary>Audio packet with no payload.</summary>
        public int EmptyPayload { get => _counts[7]; set => _counts[7] = value; }
        /// <summary>Dropped while the source was on probation (RFC 3550 A.1).</summary>
        public int Probation { get => _counts[8]; set => _counts[8] = value; }
        /// <summary>Dropped for a sequence jump larger than MAX_DROPOUT (A.1).</summary>
        public int SequenceJumps { get => _counts[9]; set => _counts[9] = value; }
        /// <summary>Times the far end restarted its sequence numbers (A.1 resync).</summary>
        public int SequenceRestarts { get => _counts[10]; set => _counts[10] = value; }
        /// <summary>Times the far end switched to a new SSRC that then passed probation.</summary>
        public int SsrcChanges { get => _counts[11]; set => _counts[11] = value; }
        /// <summary>Packets carrying our own SSRC (RFC 3550 §8.2 collision or a loop).</summary>
        public int SsrcCollisions { get => _counts[12]; set => _counts[12] = value; }
        /// <summary>Times the media destination was re-latched to the address media came from (symmetric RTP).</summary>
        public int Relatches { get => _counts[13]; set => _counts[13] = value; }
        /// <summary>RTCP compound packets accepted.</summary>
        public int RtcpAccepted { get => _counts[14]; set => _counts[14] = value; }
        /// <summary>RTCP compound packets dropped as malformed (RFC 3550 A.2 checks).</summary>
        public int RtcpMalformed { get => _counts[15]; set => _counts[15] = value; }
        /// <summary>RTCP packets of a type we do not use (skipped inside a valid compound).</summary>
        public int RtcpUnknownType { get => _counts[16]; set => _counts[16] = value; }
        /// <summary>RTCP BYE packets for the far-end source.</summary>
        public int RtcpByes { get => _counts[17]; set => _counts[17] = value; }
        /// <summary>Telephone-event payloads too short (RFC 4733 §2.3 needs 4 octets).</summary>
        public int EventTooShort { get => _counts[18]; set => _counts[18] = value; }

        /// <summary>Total RTP packets dropped for any reason.</summary>
        public int RtpDropped => TooShort + BadVersion + BadPadding + CsrcPastEnd + ExtensionPastEnd + UnknownPayloadType
            + EmptyPayload + Probation + SequenceJumps + SsrcCollisions + EventTooShort;
    }
}
