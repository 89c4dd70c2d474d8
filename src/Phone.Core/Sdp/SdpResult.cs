// Outcome of an offer/answer step, RFC 3264 §6 (answer) and §7 (offerer processing the answer).
namespace Phone.Core.Sdp
{
    /// <summary>Result of <see cref="SdpOfferAnswer.ProcessOffer"/> / <see cref="SdpOfferAnswer.ProcessAnswer"/>.</summary>
    public enum SdpResult : byte
    {
        /// <summary>Negotiated; for an offer the answer was written.</summary>
        Ok = 0,

        /// <summary>No common audio codec: reply 488 Not Acceptable Here (RFC 3261 §21.4.26, RFC 3264 §6).</summary>
        NotAcceptable = 1,

        /// <summary>The SDP does not fit the exchange (e.g. answer with a different number of m= lines, RFC 3264 §6).</summary>
        Malformed = 2,

        /// <summary>The output buffer was too small.</summary>
        Overflow = 3,
    }
}
