// SIP request methods (RFC 3261 §7.1, RFC 3262 PRACK, RFC 3265/6665 SUBSCRIBE/NOTIFY, RFC 3311, 3428, 3515, 3903, 6086).
namespace Phone.Core.Sip
{
    /// <summary>Known request methods; <see cref="Unknown"/> for any other token (methods are case-sensitive).</summary>
    public enum SipMethod : byte
    {
        /// <summary>Any other (extension) method, or a response.</summary>
        Unknown = 0,
        /// <summary>INVITE (RFC 3261).</summary>
        Invite,
        /// <summary>ACK (RFC 3261).</summary>
        Ack,
        /// <summary>BYE (RFC 3261).</summary>
        Bye,
        /// <summary>CANCEL (RFC 3261).</summary>
        Cancel,
        /// <summary>REGISTER (RFC 3261).</summary>
        Register,
        /// <summary>OPTIONS (RFC 3261).</summary>
        Options,
        /// <summary>INFO (RFC 6086).</summary>
        Info,
        /// <summary>UPDATE (RFC 3311).</summary>
        Update,
        /// <summary>PRACK (RFC 3262).</summary>
        Prack,
        /// <summary>SUBSCRIBE (RFC 6665).</summary>
        Subscribe,
        /// <summary>NOTIFY (RFC 6665).</summary>
        Notify,
        /// <summary>REFER (RFC 3515).</summary>
        Refer,
        /// <summary>MESSAGE (RFC 3428).</summary>
        Message,
        /// <summary>PUBLISH (RFC 3903).</summary>
        Publish,
    }
}
