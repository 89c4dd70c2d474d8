// Counters of transfer and in-dialog event handling (refused or malformed requests are counted, never thrown).
namespace Phone.Core.Sip.Calls
{
    /// <summary>Counters of <see cref="CallManager"/>'s REFER / NOTIFY / Replaces handling.</summary>
    public sealed class TransferStats
    {
        // The counters in one array: on nanoCLR a field costs a 12-byte heap block, an int[] element 4 bytes.
        private readonly int[] _counts = new int[15];

        /// <summary>REFERs sent (blind and attended).</summary>
        public int RefersSent { get => _counts[0]; set => _counts[0] = value; }
        /// <summary>REFERs accepted with 202.</summary>
        public int RefersAccepted { get => _counts[1]; set => _counts[1] = value; }
        /// <summary>REFERs refused: outside a dialog (403), bad Refer-To (400), call not connected, one already pending.</summary>
        public int RefersRefused { get => _counts[2]; set => _counts[2] = value; }
        /// <summary>NOTIFYs sent for the refer subscriptions we accepted.</summary>
        public int NotifiesSent { get => _counts[3]; set => _counts[3] = value; }
        /// <summary>NOTIFYs received for our REFERs.</summary>
        public int NotifiesReceived { get => _counts[4]; set => _counts[4] = value; }
        /// <summary>NOTIFYs answered 489 Bad Event.</summary>
        public int BadEvents { get => _counts[5]; set => _counts[5] = value; }
        /// <summary>INVITEs with Replaces that replaced one of our dialogs.</summary>
        public int Replaced { get => _counts[6]; set => _counts[6] = value; }
        /// <summary>INVITEs with Replaces refused (481 no match, 486 early-only, 603 ended, 400 malformed).</summary>
        public int ReplacesRefused { get => _counts[7]; set => _counts[7] = value; }
        /// <summary>check-sync NOTIFYs accepted from the PBX.</summary>
        public int CheckSyncs { get => _counts[8]; set => _counts[8] = value; }
        /// <summary>check-sync NOTIFYs refused because they did not come from the PBX (403).</summary>
        public int CheckSyncsRefused { get => _counts[9]; set => _counts[9] = value; }

        /// <summary>NOTIFY or SUBSCRIBE for a refer subscription we do not have (none, another REFER's id, or terminated): 481.</summary>
        public int UnknownSubscriptions { get => _counts[10]; set => _counts[10] = value; }

        /// <summary>Transferor: SUBSCRIBEs sent to refresh (or end, Expires: 0) a refer subscription.</summary>
        public int SubscribesSent { get => _counts[11]; set => _counts[11] = value; }

        /// <summary>Transferor: our SUBSCRIBEs refused (481 ends the subscription; 405/489/501 leave it to expire).</summary>
        public int SubscribeRefusals { get => _counts[12]; set => _counts[12] = value; }

        /// <summary>Transferee: SUBSCRIBE refreshes of a refer subscription accepted.</summary>
        public int SubscribesReceived { get => _counts[13]; set => _counts[13] = value; }

        /// <summary>Transferee: refer subscriptions that expired unrefreshed (NOTIFY terminated;reason=timeout).</summary>
        public int SubscriptionTimeouts { get => _counts[14]; set => _counts[14] = value; }
    }
}
