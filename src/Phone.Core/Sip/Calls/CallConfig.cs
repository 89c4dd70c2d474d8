// Configuration of the call layer: identity, addresses, codecs (set once at start-up or re-provisioning).
namespace Phone.Core.Sip.Calls
{
    using Phone.Core.Net;
    using Phone.Core.Sdp;

    /// <summary>What <see cref="CallManager"/> needs to know about this phone.</summary>
    public sealed class CallConfig
    {
        // The numbers, the four switches and the proxy in one array: on nanoCLR every field is a 12-byte heap block and
        // a NetEndPoint field also a boxed 36-byte object, an array element 4 bytes (docs/MEMORY.md).
        private const int LocalAddressAt = 0;
        private const int LocalSipPortAt = 1;
        private const int RtpPortBaseAt = 2;
        private const int TelephoneEventPayloadTypeAt = 3;
        private const int PtimeAt = 4;
        private const int MaxCallsAt = 5;
        private const int TransactionCapacityAt = 6;
        private const int SipMaxHeadersAt = 7;
        private const int MessageBuffersAt = 8;
        private const int SdpMediaLinesAt = 9;
        private const int SessionExpiresAt = 10;
        private const int MinSEAt = 11;
        private const int FlagsAt = 12;
        private const int OutboundProxyAt = 13;
        private const int SmallMessageBuffersAt = 15;
        private const int Slots = 16;
        private const int CallWaitingFlag = 1;
        private const int RefreshWithUpdateFlag = 2;
        private const int ReliableProvisionalWhenSupportedFlag = 4;
        private const int DelayedOfferFlag = 8;
        private readonly int[] _v = new int[Slots];

        /// <summary>A configuration with the defaults each member documents.</summary>
        public CallConfig()
        {
            _v[LocalSipPortAt] = 5060;
            _v[RtpPortBaseAt] = 16384;
            _v[TelephoneEventPayloadTypeAt] = 101;
            _v[PtimeAt] = 20;
            _v[MaxCallsAt] = 2;
            _v[SessionExpiresAt] = 1800;
            _v[MinSEAt] = 90;
            _v[FlagsAt] = CallWaitingFlag | RefreshWithUpdateFlag;
        }

        /// <summary>Our user part, e.g. "201".</summary>
        public string User = "phone";

        /// <summary>Our domain (registrar), used in From.</summary>
        public string Domain = "localhost";

        /// <summary>Display name in From (null: none).</summary>
        public string DisplayName;

        /// <summary>Our IPv4 address (first octet high): Via, Contact, SDP c=.</summary>
        public uint LocalAddress { get => unchecked((uint)_v[LocalAddressAt]); set => _v[LocalAddressAt] = unchecked((int)value); }

        /// <summary>Our SIP port.</summary>
        public int LocalSipPort { get => _v[LocalSipPortAt]; set => _v[LocalSipPortAt] = value; }

        /// <summary>RTP port of call slot n is RtpPortBase + 2n (RTCP on the odd port above).</summary>
        public int RtpPortBase { get => _v[RtpPortBaseAt]; set => _v[RtpPortBaseAt] = value; }

        /// <summary>
        /// Where every request goes (the outbound proxy / registrar). Empty: the next hop is taken from the
        /// Request-URI host (IPv4 literal) or, in a dialog, from the address the peer's last request came from.
        /// </summary>
        public NetEndPoint OutboundProxy { get => NetEndPoint.Load(_v, OutboundProxyAt); set => value.Store(_v, OutboundProxyAt); }

        /// <summary>Offered codecs in order of preference (SdpOfferAnswer.Pcmu / Pcma).</summary>
        public int[] Codecs = { SdpOfferAnswer.Pcmu, SdpOfferAnswer.Pcma };

        /// <summary>telephone-event payload type (RFC 4733), -1 for none.</summary>
        public int TelephoneEventPayloadType { get => _v[TelephoneEventPayloadTypeAt]; set => _v[TelephoneEventPayloadTypeAt] = value; }

        /// <summary>Packet time in ms.</summary>
        public int Ptime { get => _v[PtimeAt]; set => _v[PtimeAt] = value; }

        /// <summary>Number of simultaneous calls (slots); 2 allows call waiting.</summary>
        public int MaxCalls { get => _v[MaxCallsAt]; set => _v[MaxCallsAt] = value; }

        /// <summary>
        /// Client and server transactions of the layer (slots: their message buffers are lent from <see cref="MessageBuffers"/>); 0: 4·MaxCalls + 4,
        /// the host default. The device uses a smaller figure from MemoryBudget; when all are busy a new request is
        /// refused (sent: the caller sees a failure; received: dropped and counted) rather than memory allocated.
        /// </summary>
        public int TransactionCapacity { get => _v[TransactionCapacityAt]; set => _v[TransactionCapacityAt] = value; }

        /// <summary>Header lines the transaction layer's parser takes; 0: SipMessage.DefaultMaxHeaders (64).</summary>
        public int SipMaxHeaders { get => _v[SipMaxHeadersAt]; set => _v[SipMaxHeadersAt] = value; }

        /// <summary>
        /// Message buffers of 1500 B lent to the transactions and the calls while they hold a message they may re-send
        /// (a request until its final response, a response while a retransmitted request may need it, a 2xx until its
        /// ACK); 0: one per transaction slot and two per call, the host default. The device uses MemoryBudget's figure;
        /// when all are lent a request is refused as when its table is full (503 received, a failure sent).
        /// </summary>
        public int MessageBuffers { get => _v[MessageBuffersAt]; set => _v[MessageBuffersAt] = value; }

        /// <summary>
        /// Message buffers of <see cref="Phone.Core.Sip.Transactions.MessageBufferPool.SmallBufferBytes"/> added to the
        /// <see cref="MessageBuffers"/> for short messages (the pool lends the smallest that fits); 0: none, the host default.
        /// </summary>
        public int SmallMessageBuffers { get => _v[SmallMessageBuffersAt]; set => _v[SmallMessageBuffersAt] = value; }

        /// <summary>
        /// m= lines a received SDP body may have (the parser's media table); 0: SdpSession.MaxMedia (4). An offer with
        /// more is answered 488. The device takes 2: audio and one more stream to decline.
        /// </summary>
        public int SdpMediaLines { get => _v[SdpMediaLinesAt]; set => _v[SdpMediaLinesAt] = value; }

        /// <summary>A second incoming INVITE while a call exists rings (true) or gets 486 Busy Here (false).</summary>
        public bool CallWaiting { get => (_v[FlagsAt] & CallWaitingFlag) != 0; set => SetFlag(CallWaitingFlag, value); }

        /// <summary>Session interval we ask for and offer (RFC 4028 Session-Expires, seconds); 0: no session timer of ours.</summary>
        public int SessionExpires { get => _v[SessionExpiresAt]; set => _v[SessionExpiresAt] = value; }

        /// <summary>Smallest session interval we accept (RFC 4028 Min-SE, at least 90 s); smaller requests get 422.</summary>
        public int MinSE { get => _v[MinSEAt]; set => _v[MinSEAt] = value; }

        /// <summary>Refresh by UPDATE when the peer's Allow lists it (RFC 4028 §7.4 / RFC 3311); false: always re-INVITE.</summary>
        public bool RefreshWithUpdate { get => (_v[FlagsAt] & RefreshWithUpdateFlag) != 0; set => SetFlag(RefreshWithUpdateFlag, value); }

        /// <summary>Send 180/183 reliably (RFC 3262) when the caller only lists 100rel in Supported (always when it is in Require).</summary>
        public bool ReliableProvisionalWhenSupported { get => (_v[FlagsAt] & ReliableProvisionalWhenSupportedFlag) != 0; set => SetFlag(ReliableProvisionalWhenSupportedFlag, value); }

        /// <summary>
        /// Delayed offer (RFC 3261 §13.2.1, RFC 3264): our INVITEs carry no SDP; the callee offers in a reliable 1xx
        /// (we answer in the PRACK) or in the 2xx (we answer in the ACK). Some PBXs want it so they can pick the codec.
        /// </summary>
        public bool DelayedOffer { get => (_v[FlagsAt] & DelayedOfferFlag) != 0; set => SetFlag(DelayedOfferFlag, value); }

        /// <summary>User-Agent header value.</summary>
        public string UserAgent = "Phone/0.1";

        private void SetFlag(int flag, bool on)
        {
            if (on) _v[FlagsAt] |= flag;
            else _v[FlagsAt] &= ~flag;
        }
    }
}
