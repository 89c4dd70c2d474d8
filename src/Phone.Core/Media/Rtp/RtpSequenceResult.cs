// Outcome of the RFC 3550 Appendix A.1 sequence-number check for one packet.
namespace Phone.Core.Media.Rtp
{
    /// <summary>What <see cref="RtpSource.UpdateSequence"/> decided about a packet.</summary>
    public enum RtpSequenceResult : byte
    {
        /// <summary>In sequence (or a small reorder/duplicate within MAX_MISORDER): pass it on.</summary>
        Valid = 0,
        /// <summary>Source still on probation (A.1: MIN_SEQUENTIAL packets in sequence needed).</summary>
        Probation = 1,
        /// <summary>A very large jump: dropped unless the next packet continues from it (then the source restarts).</summary>
        BadJump = 2,
        /// <summary>The source restarted its sequence after a large jump (A.1: two packets in a row from the new place).</summary>
        Restarted = 3,
    }
}
