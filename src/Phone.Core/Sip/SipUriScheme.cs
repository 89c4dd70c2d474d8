// URI schemes the SIP parser distinguishes (RFC 3261 §19.1, RFC 3966 tel).
namespace Phone.Core.Sip
{
    /// <summary>Scheme of a parsed URI; Other for any syntactically valid scheme the UA does not handle (answer 416).</summary>
    public enum SipUriScheme : byte
    {
        /// <summary>Not parsed.</summary>
        None = 0,
        /// <summary>sip: (RFC 3261 §19.1).</summary>
        Sip,
        /// <summary>sips: (RFC 3261 §19.1).</summary>
        Sips,
        /// <summary>tel: (RFC 3966).</summary>
        Tel,
        /// <summary>Any other absoluteURI scheme (RFC 3261 §25.1), kept opaque.</summary>
        Other,
    }
}
