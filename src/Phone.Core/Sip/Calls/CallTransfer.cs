// Transfer bookkeeping of one call slot: REFER sent or received (RFC 3515), Referred-By (RFC 3892), Replaces (RFC 3891).
namespace Phone.Core.Sip.Calls
{
    /// <summary>
    /// What <see cref="CallManager"/> knows about a transfer involving a call. Read it; it is changed only by the
    /// manager. On the transferor the REFERred call carries the state; on the transferee the call that received the
    /// REFER carries it and <see cref="NewCall"/> is the INVITE placed to the target.
    /// </summary>
    public sealed class CallTransfer
    {
        /// <summary>Progress of the REFER sent or received on this call.</summary>
        public TransferState State { get; internal set; }

        /// <summary>True when the peer REFERred us (we are the transferee).</summary>
        public bool IsTransferee { get; internal set; }

        /// <summary>Last status known: the REFER's final response, or the status line of the last sipfrag.</summary>
        public int Status { get; internal set; }

        /// <summary>The transfer target (Refer-To URI without its headers).</summary>
        public string Target { get; internal set; }

        /// <summary>Transferee: the call placed to the target because of a REFER on this call.</summary>
        public Call NewCall { get; internal set; }

        /// <summary>Transferee: on the new call, the call whose REFER caused it.</summary>
        public Call Origin { get; internal set; }

        /// <summary>The call this one replaced (an INVITE with Replaces that we accepted, RFC 3891 §3).</summary>
        public Call Replaced { get; internal set; }

        /// <summary>CSeq of the REFER: the id parameter of Event: refer in its NOTIFYs (RFC 3515 §2.4.6).</summary>
        internal uint ReferCSeq;

        /// <summary>Transferor: when a REFER still without a final outcome is given up (long.MaxValue: none).</summary>
        internal long GiveUpAt = long.MaxValue;

        /// <summary>Referred-By value to put in the new INVITE (RFC 3892 §3), or null.</summary>
        internal string ReferredBy;

        /// <summary>Unescaped Replaces value for the new INVITE (from the Refer-To URI header), or null.</summary>
        internal string Replaces;

        /// <summary>
        /// The implicit refer subscription (RFC 3515 §2.4.4, RFC 6665) is over: the transferor saw or the transferee sent
        /// a NOTIFY with Subscription-State: terminated, or the REFER was refused. Later NOTIFYs get 481.
        /// </summary>
        internal bool SubscriptionEnded;

        /// <summary>When the subscription expires as last stated in Subscription-State (long.MaxValue: unknown).</summary>
        internal long SubscriptionExpiresAt = long.MaxValue;

        /// <summary>Transferor: when we refresh the subscription with SUBSCRIBE (long.MaxValue: not due).</summary>
        internal long SubscriptionRefreshAt = long.MaxValue;

        /// <summary>Transferor: we sent SUBSCRIBE Expires: 0 and wait for the terminating NOTIFY.</summary>
        internal bool Unsubscribed;

        internal void Clear()
        {
            SubscriptionEnded = Unsubscribed = false;
            SubscriptionExpiresAt = SubscriptionRefreshAt = long.MaxValue;
            State = TransferState.None;
            IsTransferee = false;
            Status = 0;
            Target = null;
            NewCall = Origin = Replaced = null;
            ReferCSeq = 0;
            GiveUpAt = long.MaxValue;
            ReferredBy = Replaces = null;
        }

        /// <summary>Drops the references to a call slot that was let go.</summary>
        internal void Forget(Call gone)
        {
            if (NewCall == gone) NewCall = null;
            if (Origin == gone) Origin = null;
            if (Replaced == gone) Replaced = null;
        }

        /// <summary>True while a REFER of ours or of the peer is waiting for its outcome.</summary>
        public bool InProgress => State == TransferState.Requested || State == TransferState.Accepted || State == TransferState.Trying;
    }
}
