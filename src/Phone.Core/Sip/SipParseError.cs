// Why a SIP message was rejected by the parser (RFC 3261 §16.3/§8.2.2, RFC 4475 torture cases).
namespace Phone.Core.Sip
{
    /// <summary>Parse outcome; everything but None means the message was dropped (a UAS may answer 400/505).</summary>
    public enum SipParseError : byte
    {
        /// <summary>Accepted.</summary>
        None = 0,
        /// <summary>Larger than the configured maximum message size.</summary>
        TooLarge,
        /// <summary>More header fields than the fixed header table holds.</summary>
        TooManyHeaders,
        /// <summary>Malformed Request-Line or Status-Line (RFC 3261 §7.1/§7.2).</summary>
        BadStartLine,
        /// <summary>Request-URI malformed (RFC 3261 §19.1).</summary>
        BadRequestUri,
        /// <summary>SIP-Version other than SIP/2.0: answer 505 to a request (RFC 3261 §8.2.2 via §21.5.7).</summary>
        VersionNotSupported,
        /// <summary>Malformed header line (name, colon, folding) or end of header section missing.</summary>
        BadHeader,
        /// <summary>Malformed value of a header the parser validates (Via, From, To, Contact, Route …).</summary>
        BadHeaderValue,
        /// <summary>A single-value header (Call-ID, CSeq, From, To, Max-Forwards, Content-Length …) appeared twice.</summary>
        DuplicateHeader,
        /// <summary>A mandatory header (To, From, Call-ID, CSeq, Via; RFC 3261 §8.1.1) is missing.</summary>
        MissingHeader,
        /// <summary>CSeq malformed, out of range, or its method differs from the request method (RFC 3261 §8.1.1.5).</summary>
        BadCSeq,
        /// <summary>Content-Length malformed, or larger than the octets received (RFC 3261 §18.3, RFC 4475 §3.1.2.2).</summary>
        BadContentLength,
        /// <summary>A scalar (Max-Forwards, Expires, Retry-After …) out of its legal range (RFC 4475 §3.1.2.4).</summary>
        ValueOutOfRange,
    }
}
