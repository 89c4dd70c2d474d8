// Counters of transfer and in-dialog event handling (refused or malformed requests are counted, never thrown).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Counters of <see cref="CallManager"/>'s REFER / NOTIFY / Replaces handling.</summary>
    public sealed class TransferStats
    {
        /// <summary>REFERs sent (blind and attended).</summary>
        public int RefersSent;
        /// <summary>REFERs accepted with 202.</summary>
        public int RefersAccepted;
        /// <summary>REFERs refused: outside a dialog (403), bad Refer-To (400), call not connected, one already pending.</summary>
        public int RefersRefused;
        /// <summary>NOTIFYs sent for the refer subscriptions we accepted.</summary>
        public int NotifiesSent;
        /// <summary>NOTIFYs received for our REFERs.</summary>
        public int NotifiesReceived;
        /// <summary>NOTIFYs answered 489 Bad Event.</summary>
        public int BadEvents;
        /// <summary>INVITEs with Replaces that replaced one of our dialogs.</summary>
        public int Replaced;
        /// <summary>INVITEs with Replaces refused (481 no match, 486 early-only, 603 ended, 400 malformed).</summary>
        public int ReplacesRefused;
        /// <summary>check-sync NOTIFYs accepted from the PBX.</summary>
        public int CheckSyncs;
        /// <summary>check-sync NOTIFYs refused because they did not come from the PBX (403).</summary>
        public int CheckSyncsRefused;

        /// <summary>NOTIFY or SUBSCRIBE for a refer subscription we do not have (none, another REFER's id, or terminated): 481.</summary>
        public int UnknownSubscriptions;

        /// <summary>Transferor: SUBSCRIBEs sent to refresh (or end, Expires: 0) a refer subscription.</summary>
        public int SubscribesSent;

        /// <summary>Transferor: our SUBSCRIBEs refused (481 ends the subscription; 405/489/501 leave it to expire).</summary>
        public int SubscribeRefusals;

        /// <summary>Transferee: SUBSCRIBE refreshes of a refer subscription accepted.</summary>
        public int SubscribesReceived;

        /// <summary>Transferee: refer subscriptions that expired unrefreshed (NOTIFY terminated;reason=timeout).</summary>
        public int SubscriptionTimeouts;
    }
}
