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
    }
}
