// Why an RTP packet failed the RFC 3550 §5.1 / Appendix A.1 header checks.
namespace Phone.Core.Media.Rtp
{
    /// <summary>Result of <see cref="RtpHeader.TryRead"/>.</summary>
    public enum RtpParseError : byte
    {
        /// <summary>Header is well formed.</summary>
        None = 0,
        /// <summary>Shorter than the 12-byte fixed header.</summary>
        TooShort = 1,
        /// <summary>Version field is not 2.</summary>
        BadVersion = 2,
        /// <summary>Padding count is 0 or reaches into the header (RFC 3550 A.1).</summary>
        BadPadding = 3,
        /// <summary>CSRC list runs past the end of the packet.</summary>
        CsrcPastEnd = 4,
        /// <summary>Header extension length runs past the end of the packet (§5.3.1).</summary>
        ExtensionPastEnd = 5,
    }
}
