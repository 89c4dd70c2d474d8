// Receive-side counters of RTP and RTCP: every dropped packet is counted here under its reason, never thrown.
namespace Phone.Core.Media.Rtp
{
    /// <summary>Counters of the RTP/RTCP receive path (public fields: incremented per packet without calls).</summary>
    public sealed class RtpStats
    {
        /// <summary>RTP packets accepted and passed on (audio or telephone-event).</summary>
        public int PacketsAccepted;
        /// <summary>Shorter than the 12-byte fixed header.</summary>
        public int TooShort;
        /// <summary>RTP version not 2.</summary>
        public int BadVersion;
        /// <summary>Padding length 0 or past the header.</summary>
        public int BadPadding;
        /// <summary>CSRC list past the end.</summary>
        public int CsrcPastEnd;
        /// <summary>Header extension past the end.</summary>
        public int ExtensionPastEnd;
        /// <summary>Payload type not negotiated.</summary>
        public int UnknownPayloadType;
        /// <summary>Audio packet with no payload.</summary>
        public int EmptyPayload;
        /// <summary>Dropped while the source was on probation (RFC 3550 A.1).</summary>
        public int Probation;
        /// <summary>Dropped for a sequence jump larger than MAX_DROPOUT (A.1).</summary>
        public int SequenceJumps;
        /// <summary>Times the far end restarted its sequence numbers (A.1 resync).</summary>
        public int SequenceRestarts;
        /// <summary>Times the far end switched to a new SSRC that then passed probation.</summary>
        public int SsrcChanges;
        /// <summary>Packets carrying our own SSRC (RFC 3550 §8.2 collision or a loop).</summary>
        public int SsrcCollisions;
        /// <summary>Times the media destination was re-latched to the address media came from (symmetric RTP).</summary>
        public int Relatches;
        /// <summary>RTCP compound packets accepted.</summary>
        public int RtcpAccepted;
        /// <summary>RTCP compound packets dropped as malformed (RFC 3550 A.2 checks).</summary>
        public int RtcpMalformed;
        /// <summary>RTCP packets of a type we do not use (skipped inside a valid compound).</summary>
        public int RtcpUnknownType;
        /// <summary>RTCP BYE packets for the far-end source.</summary>
        public int RtcpByes;
        /// <summary>Telephone-event payloads too short (RFC 4733 §2.3 needs 4 octets).</summary>
        public int EventTooShort;

        /// <summary>Total RTP packets dropped for any reason.</summary>
        public int RtpDropped => TooShort + BadVersion + BadPadding + CsrcPastEnd + ExtensionPastEnd + UnknownPayloadType
            + EmptyPayload + Probation + SequenceJumps + SsrcCollisions + EventTooShort;
    }
}
