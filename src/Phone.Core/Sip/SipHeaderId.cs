// Header field identifiers (RFC 3261 §20, IANA SIP header registry incl. compact forms).
namespace Phone.Core.Sip
{
    /// <summary>Known header fields; long and compact forms map to the same value.</summary>
    public enum SipHeaderId : byte
    {
        /// <summary>Any header the parser does not know; compare its name with FindHeader(string).</summary>
        Unknown,
        /// <summary>Via (RFC 3261 §20.42).</summary>
        Via,
        /// <summary>From (RFC 3261 §20.20).</summary>
        From,
        /// <summary>To (RFC 3261 §20.39).</summary>
        To,
        /// <summary>Call-ID (RFC 3261 §20.8).</summary>
        CallId,
        /// <summary>CSeq (RFC 3261 §20.16).</summary>
        CSeq,
        /// <summary>Max-Forwards (RFC 3261 §20.22).</summary>
        MaxForwards,
        /// <summary>Content-Length (RFC 3261 §20.14).</summary>
        ContentLength,
        /// <summary>Content-Type (RFC 3261 §20.15).</summary>
        ContentType,
        /// <summary>Contact (RFC 3261 §20.10).</summary>
        Contact,
        /// <summary>Expires (RFC 3261 §20.19).</summary>
        Expires,
        /// <summary>Route (RFC 3261 §20.34).</summary>
        Route,
        /// <summary>Record-Route (RFC 3261 §20.30).</summary>
        RecordRoute,
        /// <summary>Authorization (RFC 3261 §20.7).</summary>
        Authorization,
        /// <summary>Proxy-Authorization (RFC 3261 §20.28).</summary>
        ProxyAuthorization,
        /// <summary>WWW-Authenticate (RFC 3261 §20.44).</summary>
        WwwAuthenticate,
        /// <summary>Proxy-Authenticate (RFC 3261 §20.27).</summary>
        ProxyAuthenticate,
        /// <summary>Authentication-Info (RFC 3261 §20.6).</summary>
        AuthenticationInfo,
        /// <summary>Require (RFC 3261 §20.32).</summary>
        Require,
        /// <summary>Proxy-Require (RFC 3261 §20.29).</summary>
        ProxyRequire,
        /// <summary>Supported (RFC 3261 §20.37).</summary>
        Supported,
        /// <summary>Unsupported (RFC 3261 §20.40).</summary>
        Unsupported,
        /// <summary>Allow (RFC 3261 §20.5).</summary>
        Allow,
        /// <summary>Allow-Events (RFC 6665 §8.2.2).</summary>
        AllowEvents,
        /// <summary>Event (RFC 6665 §8.2.1).</summary>
        Event,
        /// <summary>Subscription-State (RFC 6665 §8.2.3).</summary>
        SubscriptionState,
        /// <summary>Refer-To (RFC 3515 §2.1).</summary>
        ReferTo,
        /// <summary>Referred-By (RFC 3892).</summary>
        ReferredBy,
        /// <summary>Replaces (RFC 3891).</summary>
        Replaces,
        /// <summary>Session-Expires (RFC 4028).</summary>
        SessionExpires,
        /// <summary>Min-SE (RFC 4028).</summary>
        MinSE,
        /// <summary>RSeq (RFC 3262 §7.1).</summary>
        RSeq,
        /// <summary>RAck (RFC 3262 §7.2).</summary>
        RAck,
        /// <summary>Retry-After (RFC 3261 §20.33).</summary>
        RetryAfter,
        /// <summary>Min-Expires (RFC 3261 §20.23).</summary>
        MinExpires,
        /// <summary>User-Agent (RFC 3261 §20.41).</summary>
        UserAgent,
        /// <summary>Server (RFC 3261 §20.35).</summary>
        Server,
        /// <summary>Subject (RFC 3261 §20.36).</summary>
        Subject,
        /// <summary>Content-Encoding (RFC 3261 §20.12).</summary>
        ContentEncoding,
        /// <summary>Content-Disposition (RFC 3261 §20.11).</summary>
        ContentDisposition,
        /// <summary>Accept (RFC 3261 §20.1).</summary>
        Accept,
        /// <summary>Accept-Encoding (RFC 3261 §20.2).</summary>
        AcceptEncoding,
        /// <summary>Accept-Language (RFC 3261 §20.3).</summary>
        AcceptLanguage,
        /// <summary>Accept-Contact (RFC 3841).</summary>
        AcceptContact,
        /// <summary>Reject-Contact (RFC 3841).</summary>
        RejectContact,
        /// <summary>Request-Disposition (RFC 3841).</summary>
        RequestDisposition,
        /// <summary>Identity (RFC 8224).</summary>
        Identity,
        /// <summary>Identity-Info (RFC 4474).</summary>
        IdentityInfo,
        /// <summary>Date (RFC 3261 §20.17).</summary>
        Date,
        /// <summary>Warning (RFC 3261 §20.43).</summary>
        Warning,
        /// <summary>Timestamp (RFC 3261 §20.38).</summary>
        Timestamp,
        /// <summary>Organization (RFC 3261 §20.25).</summary>
        Organization,
        /// <summary>Priority (RFC 3261 §20.26).</summary>
        Priority,
        /// <summary>Reply-To (RFC 3261 §20.31).</summary>
        ReplyTo,
        /// <summary>Call-Info (RFC 3261 §20.9).</summary>
        CallInfo,
        /// <summary>Alert-Info (RFC 3261 §20.4).</summary>
        AlertInfo,
        /// <summary>Error-Info (RFC 3261 §20.18).</summary>
        ErrorInfo,
        /// <summary>In-Reply-To (RFC 3261 §20.21).</summary>
        InReplyTo,
        /// <summary>MIME-Version (RFC 3261 §20.24).</summary>
        MimeVersion,
        /// <summary>Content-Language (RFC 3261 §20.13).</summary>
        ContentLanguage,
        /// <summary>P-Asserted-Identity (RFC 3325).</summary>
        PAssertedIdentity,
        /// <summary>P-Preferred-Identity (RFC 3325).</summary>
        PPreferredIdentity,
        /// <summary>Privacy (RFC 3323).</summary>
        Privacy,
        /// <summary>Path (RFC 3327).</summary>
        Path,
        /// <summary>Service-Route (RFC 3608).</summary>
        ServiceRoute,
        /// <summary>SIP-ETag (RFC 3903).</summary>
        SipETag,
        /// <summary>SIP-If-Match (RFC 3903).</summary>
        SipIfMatch,
        /// <summary>Reason (RFC 3326).</summary>
        Reason,
    }
}
