// One call: an INVITE session with its dialog, SDP offer/answer state and 2xx/ACK bookkeeping (RFC 3261 §13–15).
namespace Phone.Core.Sip.Calls
{
    using Phone.Core.Net;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Dialogs;
    using Phone.Core.Sip.Transactions;

    /// <summary>A call slot of <see cref="CallManager"/>. Read it; change it only through the manager.</summary>
    public sealed class Call
    {
        /// <summary>Largest SIP message the calls build (requests over 1300 bytes leave UDP for TCP, RFC 3261 §18.1.1).</summary>
        internal const int MessageBytes = 1500;

        /// <summary>Slot number (0..MaxCalls-1); also picks the RTP port.</summary>
        public readonly int Index;

        /// <summary>SDP offer/answer state; <see cref="Media"/> is its result.</summary>
        public readonly SdpOfferAnswer Sdp;

        /// <summary>Current state.</summary>
        public CallState State { get; internal set; }

        /// <summary>True for a call we received.</summary>
        public bool IsIncoming { get; internal set; }

        /// <summary>Why it ended: the final status (486, 487, 408…) or 200 for a BYE; 0 while running.</summary>
        public int EndCode { get; internal set; }

        /// <summary>The peer's URI (To of an outgoing call, From of an incoming one).</summary>
        public string RemoteUri { get; internal set; }

        /// <summary>True while we hold the call (our SDP is sendonly/inactive).</summary>
        public bool LocalHold { get; internal set; }

        /// <summary>The dialog once created (null before the first 1xx with a tag).</summary>
        public Dialog Dialog { get; internal set; }

        /// <summary>Negotiated media (codec, payload types, remote RTP address/port, directions); valid when IsEstablished.</summary>
        public SdpNegotiation Media => Sdp.Current;

        /// <summary>Transfer state: a REFER sent or received on this call, or the call it replaced (RFC 3515, RFC 3891).</summary>
        public readonly CallTransfer Transfer = new CallTransfer();

        /// <summary>Our RTP port for this call.</summary>
        public int LocalRtpPort => Sdp.LocalPort;

        internal NetEndPoint Peer;
        internal ClientTransaction InviteClient;
        internal ServerTransaction InviteServer;
        internal uint InviteCSeq;
        internal string LocalTag;
        internal string LocalHeader;
        internal string RequestUri;
        internal string CallId;
        internal uint RemoteInviteCSeq;
        internal NetEndPoint ResponseDestination;
        // The received INVITE of an incoming call, kept (in a buffer lent by the pool) until our final response to it.
        internal byte[] InviteRequest;
        internal int InviteRequestLength;
        internal bool CancelPending;
        internal int AuthAttempts;
        internal int Redirects;
        // 3xx target set (best q first) and the URIs already tried, for loop detection (CallManagerRedirect).
        internal readonly string[] RedirectTargets = new string[4];
        internal readonly int[] RedirectQ = new int[4];
        internal int RedirectCount;
        internal readonly string[] RedirectTriedUris = new string[CallManager.MaxRedirects + 1];
        internal int RedirectTried;
        internal int InDialogAuthRetries;
        internal bool ReInviteHadCredentials;
        // UAC delayed offer: our INVITE had no SDP; still waiting for the peer's offer; our answer (in Answer) not yet sent.
        internal bool UacDelayedOffer;
        internal bool UacAwaitingOffer;
        internal bool UacAnswerUnsent;
        // UAS: the INVITE had no offer and ours went in a reliable 1xx; its answer is due in the PRACK (RFC 3262 §5).
        internal bool OfferInPrack;
        // UAS: a reliable 1xx with SDP awaits its PRACK, so a 2xx must wait too (RFC 3262 §3); Answer was asked meanwhile.
        internal bool SdpInUnackedProvisional;
        internal bool AnswerAfterPrack;
        internal bool ByeAfterAck;
        internal bool OfferInAck;
        internal bool ReInviteInProgress;
        // The ACK for a 2xx to our INVITE or re-INVITE (RFC 3261 §13.2.2.4) is not kept: a retransmitted 2xx gets it
        // rebuilt from the dialog with the same CSeq, branch and body. AckLength > 0: one was sent.
        internal int AckLength;
        internal uint AckCSeq;
        internal bool AckHasBody;
        internal readonly byte[] AckBranch = new byte[SipIdGenerator.BranchLength];
        internal int AckBranchLength;
        // Our 2xx (RFC 3261 §13.3.1.4) or reliable 1xx (RFC 3262 §3), lent by the pool until the ACK/PRACK or give-up.
        internal byte[] Ok;
        internal int OkLength;
        internal long OkRetransmitAt = long.MaxValue;
        internal int OkInterval;
        internal long OkGiveUpAt = long.MaxValue;
        internal readonly byte[] Answer = new byte[640];
        internal int AnswerLength;

        /// <summary>Session timer (RFC 4028): interval, refresher, deadlines.</summary>
        public readonly SessionTimer SessionTimer = new SessionTimer();

        /// <summary>Reliable provisional responses (RFC 3262): RSeq spaces, PRACK outstanding.</summary>
        public readonly ReliableProvisional Reliable = new ReliableProvisional();

        // RFC 3261 §14.1: a re-INVITE refused 491 is retried at GlareRetryAt, for hold or for a refresh.
        internal long GlareRetryAt = long.MaxValue;
        internal bool GlareRetryHold;
        internal bool GlareRetryRefresh;

        // RFC 3261 §14.1 allows one re-INVITE at a time: a hold or resume asked for while one is under way (a key
        // pressed twice) waits here and goes out when it ends.
        internal bool HoldQueued;
        internal bool QueuedHold;

        /// <summary>The hold state the user asked for last: <see cref="LocalHold"/>, or the change still waiting for a re-INVITE.</summary>
        public bool HoldRequested => HoldQueued ? QueuedHold : LocalHold;

        private readonly MessageBufferPool _pool;

        // When a slot beyond the first was first seen ended (CallManager lets it go SlotLingerMs later).
        internal long IdleSince = long.MaxValue;

        internal Call(int index, SdpOfferAnswer sdp, MessageBufferPool pool)
        {
            Index = index;
            Sdp = sdp;
            _pool = pool;
        }

        /// <summary>True while the call holds a buffer of the pool (the INVITE before our final response, our 2xx or reliable 1xx before its ACK/PRACK).</summary>
        public bool HoldsMessageBuffer => InviteRequest != null || Ok != null;

        /// <summary>Borrows the INVITE buffer; false when the pool is dry.</summary>
        internal bool TakeInviteBuffer()
        {
            if (InviteRequest == null) InviteRequest = _pool.Take();
            return InviteRequest != null;
        }

        /// <summary>Our final response to the INVITE went: the request is not needed any more.</summary>
        internal void ReleaseInvite()
        {
            _pool.Give(InviteRequest);
            InviteRequest = null;
            InviteRequestLength = 0;
        }

        /// <summary>Borrows the buffer for our 2xx / reliable 1xx (or keeps the one held); false when the pool is dry.</summary>
        internal bool TakeOkBuffer()
        {
            if (Ok == null) Ok = _pool.Take();
            return Ok != null;
        }

        /// <summary>Stops our 2xx retransmissions (ACK, give-up, end) and gives the buffer back unless a reliable 1xx still needs it.</summary>
        internal void StopOk()
        {
            OkRetransmitAt = OkGiveUpAt = long.MaxValue;
            ReleaseOkIfDone();
        }

        /// <summary>The call ended: nothing is re-sent from its buffers any more.</summary>
        internal void ReleaseMessages()
        {
            ReleaseInvite();
            _pool.Give(Ok);
            Ok = null;
            OkLength = 0;
        }

        /// <summary>Gives the 2xx / reliable 1xx buffer back once neither is retransmitted any more.</summary>
        internal void ReleaseOkIfDone()
        {
            if (OkRetransmitAt != long.MaxValue || Reliable.Unacknowledged) return;
            _pool.Give(Ok);
            Ok = null;
            OkLength = 0;
        }

        internal void Clear()
        {
            State = CallState.Idle;
            IdleSince = long.MaxValue;
            SessionTimer.Clear();
            Reliable.Clear();
            GlareRetryAt = long.MaxValue;
            GlareRetryHold = GlareRetryRefresh = HoldQueued = QueuedHold = false;
            IsIncoming = false;
            EndCode = 0;
            RemoteUri = null;
            LocalHold = false;
            Dialog = null;
            Peer = new NetEndPoint(0, 0);
            InviteClient = null;
            InviteServer = null;
            InviteCSeq = 0;
            LocalTag = LocalHeader = RequestUri = CallId = null;
            RemoteInviteCSeq = 0;
            AuthAttempts = 0;
            Redirects = 0;
            for (int i = 0; i < RedirectTargets.Length; i++) RedirectTargets[i] = null;
            for (int i = 0; i < RedirectTriedUris.Length; i++) RedirectTriedUris[i] = null;
            RedirectCount = RedirectTried = 0;
            InDialogAuthRetries = 0;
            ReInviteHadCredentials = false;
            UacDelayedOffer = UacAwaitingOffer = UacAnswerUnsent = OfferInPrack = false;
            SdpInUnackedProvisional = AnswerAfterPrack = false;
            ReleaseInvite();
            CancelPending = ByeAfterAck = OfferInAck = ReInviteInProgress = false;
            AckLength = AnswerLength = 0;
            AckCSeq = 0;
            AckHasBody = false;
            AckBranchLength = 0;
            OkRetransmitAt = OkGiveUpAt = long.MaxValue;
            _pool.Give(Ok);
            Ok = null;
            OkLength = 0;
            OkInterval = 0;
            Sdp.Current.IsEstablished = false;
            Transfer.Clear();
        }

        /// <summary>"call 0 Connected out sip:303@pbx".</summary>
        public override string ToString() => "call " + Index.ToString() + " " + CallStateNames.Name(State) + (IsIncoming ? " in " : " out ") + RemoteUri;
    }
}
