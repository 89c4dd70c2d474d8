// The composition of one phone: SIP transport, transactions, calls, registration, digest, line, media, tones, DTMF (RFC 3261, 3264, 3550, 4733).
namespace Phone.Core.Agent
{
    using Phone.Core.Auth;
    using Phone.Core.DialPlan;
    using Phone.Core.Dsp;
    using Phone.Core.Line;
    using Phone.Core.Media;
    using Phone.Core.Media.Jitter;
    using Phone.Core.Media.Rtp;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Resilience;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;

    /// <summary>
    /// One phone, as the device entry point, the emulator and the tests run it. Everything is built by the
    /// constructor from an <see cref="AgentConfig"/> and <see cref="AgentPorts"/>. The owner calls
    /// <see cref="Start"/> once, then <see cref="Poll"/> by the deadline it returns (or when the SIP socket is
    /// readable) and <see cref="AudioTick"/> every 20 ms; both from one thread, or under one lock. Hook and key
    /// input arrive through <see cref="OnLineEvent"/> (a LineController's handler) or the convenience commands.
    /// </summary>
    public sealed class PhoneAgent : IPhoneOutput
    {
        private const int Frame = AudioFormat.FrameSamples;
        private const int DtmfQueueSize = 32;
        private const int DtmfGapFrames = 2;
        private const int LocateRetryMs = 10000;   // silence between queued digits (RFC 4733 §2.5.1.4: events do not overlap)

        private readonly AgentConfig _config;
        private readonly AgentPorts _ports;
        private readonly SipTransport _transport;
        private readonly CallManager _calls;
        // One transmit and one credential buffer for every request writer of this thread (calls, registration,
        // keep-alive, binding removal, call-log report): each request is copied into its transaction when sent.
        private readonly Phone.Core.Sip.SipScratch _scratch;
        private readonly PhoneLine _line;
        // Built by the constructor for a registrar given as an address, once DNS answered for one given as a name.
        private RegistrationClient _registration;
        private RegistrarMonitor _monitor;
        private SurvivabilityController _survival;
        private LocalCallReporter _reporter;
        private StaleBindingRemover _remover;
        private long[] _slotStart;      // per call slot while local: when the call began (-1: no call seen)
        private long[] _slotAnswered;   // when it was answered (-1: not yet)
        private bool[] _slotIncoming;
        private string[] _slotPeer;
        private readonly System.Random _random;
        private readonly RegistrarLocator _locator;
        private long _locateRetryAt = long.MaxValue;
        private NetEndPoint[] _targets;      // the registration's target array (rewritten in place on a new DNS answer)
        private int _located;                // how many of _targets came from DNS
        private readonly CallConfig _callConfig;
        private readonly DigestClient _digest;
        // The country's tone plan as its built-in profile index: a tone is built when it starts (PlayTone, a few times a
        // call) and only the one playing is held (by the generator), not the profile's seven (about 1.1 KB).
        private readonly int _country;
        private readonly ToneGenerator _tones = new ToneGenerator();
        // The one audio frame of this thread: tone-only frames between calls, and lent to each call's media session
        // (its play/capture frame and its jitter buffer's work frame), which uses it only inside its tick.
        private readonly short[] _frame = new short[JitterBuffer.WorkSamples];
        // The received (RFC 4733 events to the line) and the queued-to-send digit rings, one array: received at
        // [0, DtmfQueueSize), to send at [DtmfQueueSize, 2 * DtmfQueueSize).
        private readonly char[] _digits = new char[2 * DtmfQueueSize];
        private readonly string _cname;
        // Packed state (every field is a 12-byte heap block on nanoCLR): the two digit rings' heads and counts
        // (6 bits each, the queue holds 32), the gap between sent digits (3 bits) and the agent's flags.
        private int _packed;
        private const int RxHeadShift = 0, RxCountShift = 6, TxHeadShift = 12, TxCountShift = 18, GapShift = 24;
        private const int FieldMask = 0x3F, GapMask = 0x7;
        private const int StartRequestedFlag = 1 << 27, RegistrarModeFlag = 1 << 28, RelocatingFlag = 1 << 29,
            DtmfStartSeenFlag = 1 << 30, RingingFlag = 1 << 31;
        private uint _lastDtmfTimestamp;
        private uint _sessionSeed;
        private MediaSession _session;
        private Call _sessionCall;
        private NetEndPoint _sessionRemote;
        private int _sessionCodec;
        private MediaSession _last;
        private long _now;
        private PhoneState _reportedState;
        private RegistrationState _reportedRegistration;

        private int RxHead { get { return (_packed >> RxHeadShift) & FieldMask; } set { _packed = (_packed & ~(FieldMask << RxHeadShift)) | (value << RxHeadShift); } }
        private int RxCount { get { return (_packed >> RxCountShift) & FieldMask; } set { _packed = (_packed & ~(FieldMask << RxCountShift)) | (value << RxCountShift); } }
        private int TxHead { get { return (_packed >> TxHeadShift) & FieldMask; } set { _packed = (_packed & ~(FieldMask << TxHeadShift)) | (value << TxHeadShift); } }
        private int TxCount { get { return (_packed >> TxCountShift) & FieldMask; } set { _packed = (_packed & ~(FieldMask << TxCountShift)) | (value << TxCountShift); } }
        private int DtmfGap { get { return (_packed >> GapShift) & GapMask; } set { _packed = (_packed & ~(GapMask << GapShift)) | (value << GapShift); } }
        private bool StartRequested { get { return (_packed & StartRequestedFlag) != 0; } set { SetFlag(StartRequestedFlag, value); } }
        // A registrar address, or a name with DNS to locate it.
        private bool RegistrarMode { get { return (_packed & RegistrarModeFlag) != 0; } set { SetFlag(RegistrarModeFlag, value); } }
        private bool Relocating { get { return (_packed & RelocatingFlag) != 0; } set { SetFlag(RelocatingFlag, value); } }
        private bool DtmfStartSeen { get { return (_packed & DtmfStartSeenFlag) != 0; } set { SetFlag(DtmfStartSeenFlag, value); } }

        private void SetFlag(int flag, bool on)
        {
            _packed = on ? _packed | flag : _packed & ~flag;
        }

        /// <summary>Builds the whole stack; nothing is sent before <see cref="Start"/>.</summary>
        public PhoneAgent(AgentConfig config, AgentPorts ports)
        {
            _config = config;
            _ports = ports;
            int country = CountryProfile.IndexOf(config.Country);
            _country = country >= 0 ? country : 0;   // unknown: the US plan (profile 0)
            _cname = config.User + "@" + NetEndPoint.AddressToString(config.LocalAddress);
            _sessionSeed = (uint)ports.Seed * 2654435761u + 1;

            var random = new System.Random(ports.Seed);
            var callConfig = new CallConfig
            {
                User = config.User,
                Domain = config.Domain,
                DisplayName = config.DisplayName,
                LocalAddress = config.LocalAddress,
                LocalSipPort = config.SipPort,
                RtpPortBase = config.RtpPortBase,
                OutboundProxy = !config.OutboundProxy.IsEmpty ? config.OutboundProxy : config.Registrar,
                Codecs = config.Codecs,
                TelephoneEventPayloadType = config.DtmfPayloadType,
                MaxCalls = config.MaxCalls,
                TransactionCapacity = config.SipTransactions,
                MessageBuffers = config.SipMessageBuffers,
                SmallMessageBuffers = config.SipSmallMessageBuffers,
                SipMaxHeaders = config.SipMaxHeaders,
                SdpMediaLines = config.SdpMediaLines,
                UserAgent = config.UserAgent,
            };

            int errorAt;
            string plan = config.DialPlan != null && config.DialPlan.Length > 0 ? config.DialPlan : AgentConfig.DefaultDialPlan;
            DigitMap map = DigitMap.CompileCompact(plan, out errorAt);
            if (map == null)
            {
                Write(LogLevel.Warning, "dial plan rejected at " + errorAt.ToString() + ", using the default");
                map = DigitMap.CompileCompact(AgentConfig.DefaultDialPlan, out errorAt);
            }

            _transport = new SipTransport(ports.Sip, config.SipMessageBytes, config.SipMaxHeaders, null);
            _line = new PhoneLine(map, config.Domain, this);
            _line.Resolver = ResolveNumber;
            _callConfig = callConfig;
            _scratch = new Phone.Core.Sip.SipScratch(Call.MessageBytes, Phone.Core.Sip.SipScratch.DefaultAuthBytes);
            _calls = new CallManager(callConfig, _transport, _line, new SipTimers(), random, _scratch);
            _line.Attach(_calls);
            _transport.Attach(_calls.Layer);

            var credentials = new DigestCredentialStore(1);
            if (config.Password != null && config.Password.Length > 0)
            {
                // Any realm: the office has one PBX (RFC 3261 §22.1 lets the UA pick credentials by realm).
                credentials.Set(null, config.AuthUser != null && config.AuthUser.Length > 0 ? config.AuthUser : config.User, config.Password);
            }
            _digest = new DigestClient(credentials, new ProvisioningRandom(ports.Seed ^ 0x5bd1e995), 2, 2);
            _calls.Digest = _digest;

            _random = random;
            if (!config.Registrar.IsEmpty)
            {
                BuildRegistration(config.BackupRegistrar.IsEmpty
                    ? new NetEndPoint[] { config.Registrar }
                    : new NetEndPoint[] { config.Registrar, config.BackupRegistrar }, ports.Seed);
            }
            else if (config.RegistrarName != null && ports.Dns != null && !config.DnsServer.IsEmpty)
            {
                // RFC 3263 §4.2: the registrar's domain is looked up (SRV _sip._udp, then A) before registering.
                _locator = new RegistrarLocator(new Phone.Core.Dns.DnsResolver(ports.Dns, config.DnsServer, random));
            }
            else if (config.RegistrarName != null)
            {
                Write(LogLevel.Warning, "registrar " + config.RegistrarName + " is a name and no DNS port is given: not registering");
            }
            RegistrarMode = config.UsesRegistrar || _locator != null;
            if (RegistrarMode && config.AcceptCallsOnlyFromPbx) _transport.Filter = BuildSourceFilter(config);
        }

        // The registration and, with a keep-alive, the resilience parts over targets (best first).
        private void BuildRegistration(NetEndPoint[] targets, int seed)
        {
            AgentConfig config = _config;
            System.Random random = _random;
            var regConfig = new RegistrationConfig
            {
                AddressOfRecord = "sip:" + config.User + "@" + config.Domain,
                RegistrarUri = "sip:" + config.Domain,
                ContactUser = config.User,
                Targets = targets,
                LocalAddress = config.LocalAddress,
                LocalPort = config.SipPort,
                Expires = config.Expires,
                UserAgent = config.UserAgent,
            };
            _registration = new RegistrationClient(regConfig, _calls.Layer, _digest, random, _scratch);
            _calls.Registration = _registration;
            _registration.Registered += OnRegistrationEvent;
            _registration.Failed += OnRegistrationEvent;
            _registration.Unregistered += OnRegistrationEvent;
            if (_transport.Filter != null) for (int i = 0; i < targets.Length; i++) _transport.Filter.Allow(targets[i]);
            if (config.OutboundProxy.IsEmpty) _callConfig.OutboundProxy = targets[0];
            if (config.KeepAlive != null)
            {
                // Resilience: keep-alive probes decide failover/fail-back; no registrar → local survivability.
                _monitor = new RegistrarMonitor(config.KeepAlive, _registration, _calls.Layer, regConfig.Targets,
                    regConfig.AddressOfRecord, config.LocalAddress, config.SipPort, random, _scratch);
                var resilience = new ResilienceTransactionUser { Monitor = _monitor };
                // Fail-back: the binding left at the backup is removed (it would fork calls to us until it expires).
                // The remover and the call-log reporter answer challenges with the agent's digest client (3.8 KB saved
                // per client): the reporter's MESSAGE is challenged like a call (407, same proxy); the remover's 401 from
                // the backup leaves the backup's nonce in the www slot, so the next refresh at the primary costs one more
                // round trip (a 2xx clears the rejection count, two are allowed).
                DigestClient sideDigest = _digest;
                _remover = new StaleBindingRemover(_calls.Layer, sideDigest,
                    regConfig.Targets, regConfig.AddressOfRecord, regConfig.RegistrarUri, config.UserAgent, config.LocalAddress, config.SipPort, random, _scratch);
                _remover.Attach(_registration);
                resilience.Remover = _remover;
                if (config.LocalMode)
                {
                    // The survivability routes read the configuration's own directory (no second copy).
                    _survival = new SurvivabilityController(config.Directory, config.EmergencyNumbers, config.EmergencyRoute, new LocalCallLog(config.LocalCallRecords > 0 ? config.LocalCallRecords : 16));
                    _survival.Attach(_monitor, _registration);
                    // The calls made while the PBX was away go to it (MESSAGE) at the first registration after.
                    _reporter = new LocalCallReporter(_survival.Log, _calls.Layer, sideDigest,
                        regConfig.AddressOfRecord, config.CallLogUri ?? "sip:calllog@" + config.Domain, config.LocalAddress, config.SipPort, random, _scratch);
                    _reporter.Attach(_registration);
                    resilience.Reporter = _reporter;
                    _slotStart = new long[config.MaxCalls];
                    _slotAnswered = new long[config.MaxCalls];
                    _slotIncoming = new bool[config.MaxCalls];
                    _slotPeer = new string[config.MaxCalls];
                    for (int i = 0; i < config.MaxCalls; i++) _slotStart[i] = -1;
                }
                _calls.OtherClients = resilience;
                _registration.Registered += OnRegisteredFollowRegistrar;
            }
        }

        /// <summary>The settings the agent was built with.</summary>
        public AgentConfig Config => _config;

        /// <summary>Counters.</summary>
        public AgentStats Stats { get; } = new AgentStats();

        /// <summary>The SIP transport (its Stats, ParseStats).</summary>
        public SipTransport Transport => _transport;

        /// <summary>The call layer (its Stats, call slots).</summary>
        public CallManager Calls => _calls;

        /// <summary>The line state machine.</summary>
        public PhoneLine Line => _line;

        /// <summary>The registration client; null in direct mode.</summary>
        public RegistrationClient Registration => _registration;

        /// <summary>The registrar keep-alive monitor (null without <see cref="AgentConfig.KeepAlive"/>).</summary>
        public RegistrarMonitor Monitor => _monitor;

        /// <summary>Normal / local survivability (null without <see cref="AgentConfig.KeepAlive"/>).</summary>
        public SurvivabilityController Survival => _survival;

        /// <summary>Sends the local-mode call log to the PBX once registered again (null without local mode).</summary>
        public LocalCallReporter CallLogReporter => _reporter;

        /// <summary>Removes the binding left at the backup after fail-back (null without <see cref="AgentConfig.KeepAlive"/>).</summary>
        public StaleBindingRemover BindingRemover => _remover;

        /// <summary>Registration state (Unregistered in direct mode).</summary>
        public RegistrationState RegistrationState => _registration != null ? _registration.State : RegistrationState.Unregistered;

        /// <summary>True when registered (a refresh in flight still counts).</summary>
        public bool IsRegistered => _registration != null
            && (_registration.State == RegistrationState.Registered || _registration.State == RegistrationState.Refreshing);

        /// <summary>Line state (on hook, dial tone, dialing, calling, ringing, talking, finished).</summary>
        public PhoneState State => _line.State;

        /// <summary>The call on the handset, null when none.</summary>
        public Call ActiveCall => _line.Active;

        /// <summary>True while the ringer is on (an incoming call rings).</summary>
        public bool Ringing { get { return (_packed & RingingFlag) != 0; } private set { SetFlag(RingingFlag, value); } }

        /// <summary>The progress tone the line asked for.</summary>
        public LineTone Tone => _line.Tone;

        /// <summary>The media session of the active call, else the last one (its counters stay readable); null before the first call.</summary>
        public MediaSession Media => _session != null ? _session : _last;

        /// <summary>True while a media session runs.</summary>
        public bool MediaActive => _session != null;

        /// <summary>Media counters of <see cref="Media"/>, null before the first call.</summary>
        public MediaSessionStats MediaStats => Media != null ? Media.Stats : null;

        /// <summary>RTP receive counters of <see cref="Media"/>, null before the first call.</summary>
        public RtpStats RtpStats => Media != null ? Media.RtpStats : null;

        /// <summary>Jitter buffer counters of <see cref="Media"/>, null before the first call.</summary>
        public JitterBufferStats JitterStats => Media != null ? Media.JitterStats : null;

        /// <summary>Received DTMF digits not yet read.</summary>
        public int PendingDtmf => RxCount;

        // ---- driving ---------------------------------------------------------------------------------------

        /// <summary>Starts registering (when a registrar is configured).</summary>
        public void Start(long nowMs)
        {
            _now = nowMs;
            Write(LogLevel.Info, RegistrarMode
                ? "start: registering at " + (_config.UsesRegistrar ? _config.Registrar.ToString() : _config.RegistrarName)
                : "start: direct mode, " + _config.Directory.Count.ToString() + " directory entries");
            if (_locator != null && _registration == null)
            {
                StartRequested = true;
                _locator.Begin(_config.RegistrarName, _config.RegistrarPort, _config.RegistrarPortGiven, nowMs);
                return;
            }
            if (_registration != null) _registration.Start(nowMs);
            if (_monitor != null) _monitor.Start(nowMs);
        }

        /// <summary>
        /// Signalling work: reads what the SIP socket holds, runs transaction, call, dial-plan and registration
        /// timers. Returns the next deadline (call again by then, or sooner when the SIP socket is readable).
        /// </summary>
        public long Poll(long nowMs)
        {
            _now = nowMs;
            _transport.Poll(nowMs);
            long next = _line.Poll(nowMs);
            if (_locator != null && _registration == null)
            {
                long d = PollLocator(nowMs);
                if (d < next) next = d;
            }
            if (Relocating)
            {
                long d = PollRelocate(nowMs);
                if (d < next) next = d;
            }
            if (_registration != null)
            {
                long r = _registration.Poll(nowMs);
                if (r < next) next = r;
            }
            if (_monitor != null)
            {
                long m = _monitor.Poll(nowMs);
                if (m < next) next = m;
                m = _remover.Poll(nowMs);
                if (m < next) next = m;
                if (_reporter != null)
                {
                    m = _reporter.Poll(nowMs);
                    if (m < next) next = m;
                }
            }
            // The registration and the monitor may just have sent a request: its Timer E/F are only in the call
            // layer's deadline when it is asked again, and a loop sleeping until `next` would miss the retransmission.
            long again = _line.Poll(nowMs);
            if (again < next) next = again;
            TrackLocalCalls(nowMs);
            ReportChanges();
            return next;
        }

        /// <summary>
        /// The 20 ms audio path: the active call's media session (receive, play with tones mixed in, capture,
        /// send, RTCP, queued DTMF) or, without a call, a tone-only (or silent) frame. Call every 20 ms;
        /// returns the time of the next frame.
        /// </summary>
        [HotPath]
        public long AudioTick(long nowMs)
        {
            Stats.AudioTicks++;
            MediaSession s = _session;
            if (s != null)
            {
                if (TxCount > 0 && !s.SendingDtmf)
                {
                    if (DtmfGap > 0) DtmfGap--;
                    else StartQueuedDigit(s);
                }
                s.Tick(nowMs);
                TelephoneEventNotice notice;
                while (s.TryReadDtmf(out notice)) OnDtmfNotice(notice);
                return nowMs + AudioFormat.FrameMs;
            }
            // No call: the microphone is still drained (on the device the read paces this thread).
            // The captured samples are not used: the frame is then filled with the tone (or silence) to play.
            short[] frame = _frame;
            _ports.Audio.ReadFrame(frame, 0);
            if (_tones.IsPlaying) _tones.Fill(frame, 0, Frame);
            else for (int i = 0; i < Frame; i++) frame[i] = 0;
            _ports.Audio.WriteFrame(frame, 0);
            Stats.ToneOnlyFrames++;
            return nowMs + AudioFormat.FrameMs;
        }

        // ---- input -----------------------------------------------------------------------------------------

        /// <summary>
        /// Hook, flash and key events (the LineEventHandler signature). Keys pressed while talking are sent as
        /// RFC 4733 DTMF; otherwise they go to the dial plan.
        /// </summary>
        public void OnLineEvent(LineEvent kind, char digit, long nowMs)
        {
            _now = nowMs;
            if ((kind == LineEvent.Digit || kind == LineEvent.Key) && _line.State == PhoneState.Talking)
            {
                SendDtmf(digit, nowMs);
                return;
            }
            _line.OnLineEvent(kind, digit, nowMs);
            TrackLocalCalls(nowMs);
            ReportChanges();
        }

        /// <summary>Handset lifted: dial tone, or answers a ringing call.</summary>
        public void OffHook(long nowMs) => OnLineEvent(LineEvent.OffHook, '\0', nowMs);

        /// <summary>Handset down: ends the call.</summary>
        public void OnHook(long nowMs) => OnLineEvent(LineEvent.OnHook, '\0', nowMs);

        /// <summary>A keypad key: dial plan when dialling, DTMF when talking.</summary>
        public void Digit(char key, long nowMs) => OnLineEvent(LineEvent.Key, key, nowMs);

        /// <summary>Hook flash: switches between two calls.</summary>
        public void Flash(long nowMs) => OnLineEvent(LineEvent.Flash, '\0', nowMs);

        /// <summary>
        /// Calls an extension or a SIP URI at once (going off hook). An extension of the office directory is
        /// called at its desk directly (sip:ext@a.b.c.d:port, the local-mode path); any other number goes to
        /// sip:number@domain through the registrar / proxy. False when no call was placed.
        /// </summary>
        public bool Dial(string extensionOrUri, long nowMs)
        {
            _now = nowMs;
            if (extensionOrUri == null || extensionOrUri.Length == 0) return false;
            NetEndPoint hop = default(NetEndPoint);
            string uri = extensionOrUri.StartsWith("sip:") ? extensionOrUri : ResolveNumber(extensionOrUri, out hop);
            if (uri == null) uri = "sip:" + extensionOrUri + "@" + _config.Domain;
            bool ok = _line.PlaceCall(uri, hop, nowMs);
            if (!ok) Stats.DialFailures++;
            TrackLocalCalls(nowMs);
            ReportChanges();
            return ok;
        }

        /// <summary>
        /// Blind transfer of the active call (RFC 3515 REFER; the number resolves as in <see cref="Dial"/>): the call
        /// is held, the line waits in Transferring and ends with our BYE when the target answered, or returns to the
        /// call when the transfer failed. Attended transfer is Flash, dial, then OnHook (see Sip/Calls/README.md).
        /// </summary>
        public bool Transfer(string extensionOrUri, long nowMs)
        {
            _now = nowMs;
            if (extensionOrUri == null || extensionOrUri.Length == 0) return false;
            NetEndPoint hop;
            string uri = extensionOrUri.StartsWith("sip:") ? extensionOrUri : ResolveNumber(extensionOrUri, out hop);
            if (uri == null) uri = "sip:" + extensionOrUri + "@" + _config.Domain;
            bool ok = _line.BlindTransfer(uri, nowMs);
            ReportChanges();
            return ok;
        }

        /// <summary>
        /// Raised when the PBX sends NOTIFY Event: check-sync (answered 200 either way); the owner hands it to
        /// ProvisioningClient.TryRequestResync, which allows one resync a minute.
        /// </summary>
        public CheckSyncHandler CheckSync
        {
            get => _calls.CheckSync;
            set => _calls.CheckSync = value;
        }

        /// <summary>Answers the ringing call (off hook).</summary>
        public bool Answer(long nowMs)
        {
            if (_line.State != PhoneState.Ringing) return false;
            OffHook(nowMs);
            return true;
        }

        /// <summary>Ends the active call (on hook); a ringing call is rejected with 486.</summary>
        public void Hangup(long nowMs) => OnHook(nowMs);

        /// <summary>Holds (a=sendonly) or resumes (a=sendrecv) the active call with a re-INVITE (RFC 3264 §8.4).</summary>
        public bool Hold(bool hold, long nowMs)
        {
            _now = nowMs;
            Call call = _line.Active;
            if (call == null || call.State != CallState.Connected) return false;
            return _calls.SetHold(call, hold, nowMs);
        }

        /// <summary>
        /// Sends a DTMF digit as RFC 4733 events on the active call; digits queue behind one being sent.
        /// False when there is no media, no telephone-event was negotiated, the key is not DTMF or the queue is full.
        /// </summary>
        public bool SendDtmf(char digit, long nowMs)
        {
            _now = nowMs;
            Call call = _sessionCall;
            if (_session == null || call == null || call.Media.TelephoneEventPayloadType < 0
                || TelephoneEvent.FromDigit(digit) < 0 || TxCount == DtmfQueueSize)
            {
                Stats.DtmfRefused++;
                return false;
            }
            _digits[DtmfQueueSize + (TxHead + TxCount) % DtmfQueueSize] = digit;
            TxCount++;
            return true;
        }

        /// <summary>Takes the oldest received DTMF digit; false when none.</summary>
        public bool TryReadDtmf(out char digit)
        {
            if (RxCount == 0)
            {
                digit = '\0';
                return false;
            }
            digit = _digits[RxHead];
            RxHead = (RxHead + 1) % DtmfQueueSize;
            RxCount--;
            return true;
        }

        /// <summary>Removes the registration (REGISTER Expires: 0); nothing in direct mode.</summary>
        public void Unregister(long nowMs)
        {
            _now = nowMs;
            if (_registration != null) _registration.Unregister(nowMs);
        }

        // ---- IPhoneOutput ----------------------------------------------------------------------------------

        /// <inheritdoc/>
        public void PlayTone(LineTone tone)
        {
            Stats.ToneChanges++;
            CallProgressTone progress = ToProgressTone(tone);
            // Local survivability: the user hears that the PBX is gone before dialling.
            if (progress == CallProgressTone.Dial && _survival != null) progress = _survival.DialTone;
            ToneSpec spec = CountryProfile.Tone(_country, progress);
            if (spec == null) _tones.Stop();
            else _tones.Start(spec);
        }

        /// <inheritdoc/>
        public void SetRinging(bool on)
        {
            if (on && !Ringing) Stats.RingerStarts++;
            Ringing = on;
        }

        /// <inheritdoc/>
        public void StartMedia(Call call)
        {
            SdpNegotiation m = call.Media;
            var remote = new NetEndPoint(m.RemoteAddress.Ipv4, m.RemotePort);
            bool send = !call.LocalHold && !m.RemoteAddress.IsHoldAddress
                && (m.LocalDirection == SdpDirection.SendRecv || m.LocalDirection == SdpDirection.SendOnly);
            if (_session != null && _sessionCall == call
                && (m.RemoteAddress.IsHoldAddress || (remote.SameAs(_sessionRemote) && m.Codec == _sessionCodec)))
            {
                // Same stream, new direction (hold / resume, RFC 3264 §8.4): the session keeps its SSRC and clocks.
                _session.SendEnabled = send;
                Stats.MediaUpdates++;
                Write(LogLevel.Info, "media " + (send ? "sending" : "not sending") + " (" + SdpDirectionNames.Name(m.LocalDirection) + ")");
                return;
            }
            if (_session != null) StopMedia(_sessionCall);
            if (!m.IsEstablished || m.RemoteAddress.IsIpv6 || m.RemotePort == 0) return;

            int slot = call.Index;
            var mc = new MediaSessionConfig
            {
                PayloadType = m.Codec,
                TelephoneEventPayloadType = m.TelephoneEventPayloadType,
                RemoteRtp = remote,
                RemoteRtcp = m.RemoteRtcpPort > 0 ? new NetEndPoint(m.RemoteAddress.Ipv4, m.RemoteRtcpPort) : default(NetEndPoint),
                RandomSeed = NextSeed(),
                Cname = _cname,
                JitterSlots = _config.JitterSlots,
                JitterSlotBytes = _config.JitterSlotBytes,
                MaxDatagramBytes = _config.RtpDatagramBytes,
                WorkFrame = _frame,
            };
            IDatagramSocket rtcp = _ports.Rtcp != null && slot < _ports.Rtcp.Length ? _ports.Rtcp[slot] : null;
            // The stopped session (its counters kept readable through Media) is let go first: its jitter buffer and
            // receive buffer (~7 KB on nanoCLR) must be free for the new one, not held beside it for the whole call.
            _last = null;
            _session = new MediaSession(_ports.Audio, _ports.Rtp[slot], rtcp, mc, _now);
            _session.Mixer = _tones;
            _session.SendEnabled = send;
            _sessionCall = call;
            _sessionRemote = remote;
            _sessionCodec = m.Codec;
            TxCount = 0;
            DtmfGap = 0;
            Stats.MediaStarts++;
            Write(LogLevel.Info, "media to " + remote.ToString() + " pt " + m.Codec.ToString() + " from port " + call.LocalRtpPort.ToString());
        }

        /// <inheritdoc/>
        public void StopMedia(Call call)
        {
            if (_session == null || call != _sessionCall) return;
            _session.Stop(_now);
            _last = _session;
            _session = null;
            _sessionCall = null;
            TxCount = 0;
            Stats.MediaStops++;
        }

        // ---- helpers ---------------------------------------------------------------------------------------

        // Only the PBX may call: SIP scanners that ring office phones at night get silence, not a 401 that tells them
        // a phone is there. The directory's desks stay allowed so that local survivability mode keeps calling.
        private static SipSourceFilter BuildSourceFilter(AgentConfig config)
        {
            // Room for the SRV targets of a registrar given as a name (added once located).
            var filter = new SipSourceFilter(3 + Phone.Core.Dns.DnsAnswer.MaxSrv + config.Directory.Count, 20, 10);
            if (!config.Registrar.IsEmpty) filter.Allow(config.Registrar);
            if (!config.BackupRegistrar.IsEmpty) filter.Allow(config.BackupRegistrar);
            if (!config.OutboundProxy.IsEmpty) filter.Allow(config.OutboundProxy);
            for (int i = 0; i < config.Directory.Count; i++) filter.Allow(config.DirectoryEndPoint(i));
            return filter;
        }

        private string ResolveNumber(string number, out NetEndPoint nextHop)
        {
            nextHop = default(NetEndPoint);
            if (_survival != null && _survival.State == SurvivabilityState.Local)
            {
                // No PBX: emergency numbers to the configured gateway, desks directly, anything else reorder ("").
                string localUri;
                LocalRoute route = _survival.Route(number, out localUri);
                if (route == LocalRoute.Emergency)
                {
                    nextHop = _config.EmergencyRoute;
                    Stats.EmergencyCalls++;
                    return localUri;
                }
                if (route == LocalRoute.Unreachable) return "";
            }
            int i = _config.FindExtension(number);
            if (i < 0)
            {
                // Direct mode has nowhere to send an unknown number: refuse rather than call our own domain.
                return RegistrarMode || !_config.OutboundProxy.IsEmpty ? null : "";
            }
            nextHop = _config.DirectoryEndPoint(i);
            Stats.DirectoryCalls++;
            return "sip:" + number + "@" + nextHop.ToString();
        }

        [HotPath]
        private void StartQueuedDigit(MediaSession s)
        {
            char digit = _digits[DtmfQueueSize + TxHead];
            TxHead = (TxHead + 1) % DtmfQueueSize;
            TxCount--;
            if (s.SendDtmf(digit, _config.DtmfDurationMs)) Stats.DtmfSent++;
            else Stats.DtmfRefused++;
            DtmfGap = DtmfGapFrames;
        }

        [HotPath]
        private void OnDtmfNotice(TelephoneEventNotice n)
        {
            // One digit per event: its start notice, or its end notice when the start was lost.
            if (!n.IsEnd)
            {
                _lastDtmfTimestamp = n.Timestamp;
                DtmfStartSeen = true;
            }
            else if (DtmfStartSeen && n.Timestamp == _lastDtmfTimestamp)
            {
                return;
            }
            if (n.Digit == '?' || n.Digit == '\0') return;
            Stats.DtmfReceived++;
            if (RxCount == DtmfQueueSize)
            {
                Stats.DtmfOverflows++;
                return;
            }
            _digits[(RxHead + RxCount) % DtmfQueueSize] = n.Digit;
            RxCount++;
        }

        // DNS for a registrar given as a name: the located targets (SRV order, or the A record) become the registration's;
        // a failed lookup (no answer and nothing cached) is tried again every LocateRetryMs.
        private long PollLocator(long nowMs)
        {
            if (!StartRequested) return long.MaxValue;
            if (_locateRetryAt != long.MaxValue && nowMs >= _locateRetryAt)
            {
                _locateRetryAt = long.MaxValue;
                _locator.Begin(_config.RegistrarName, _config.RegistrarPort, _config.RegistrarPortGiven, nowMs);
            }
            long next = _locator.Poll(nowMs);
            if (_locator.IsDone)
            {
                var found = new NetEndPoint[Phone.Core.Dns.DnsAnswer.MaxSrv];
                int n = _locator.CopyTargets(found);
                bool backup = !_config.BackupRegistrar.IsEmpty;
                for (int i = 0; i < n && backup; i++) if (found[i].SameAs(_config.BackupRegistrar)) backup = false;
                var targets = new NetEndPoint[n + (backup ? 1 : 0)];
                for (int i = 0; i < n; i++) targets[i] = found[i];
                if (backup) targets[n] = _config.BackupRegistrar;
                Write(LogLevel.Info, "registrar " + _config.RegistrarName + " located: " + targets[0].ToString() + (targets.Length > 1 ? " (+" + (targets.Length - 1).ToString() + ")" : "")
                    + (_locator.FromStaleCache ? ", from the stale cache" : ""));
                _targets = targets;
                _located = n;
                BuildRegistration(targets, _ports.Seed);
                // No registrar answers: perhaps the PBX moved; ask DNS again (within the TTL the cache answers, and
                // while DNS is down the last answer is kept, so this never loses the targets we have).
                if (_monitor != null) _monitor.AllDown += (m, index, now) => BeginRelocate(now);
                _registration.Start(nowMs);
                if (_monitor != null) _monitor.Start(nowMs);
                return nowMs;
            }
            if (_locator.IsFailed && _locateRetryAt == long.MaxValue)
            {
                Stats.DnsFailures++;
                Write(LogLevel.Warning, "registrar " + _config.RegistrarName + ": DNS gave no address; retrying");
                _locateRetryAt = nowMs + LocateRetryMs;
            }
            if (_locator.IsFailed) return _locateRetryAt;
            // Answers arrive on the DNS socket, not the SIP one: look again soon rather than at the next timeout.
            long soon = nowMs + 50;
            return next < soon ? next : soon;
        }

        private void BeginRelocate(long nowMs)
        {
            Relocating = true;
            _locator.Begin(_config.RegistrarName, _config.RegistrarPort, _config.RegistrarPortGiven, nowMs);
        }

        // A new answer for a registrar name while registered (or trying to): same number of targets → the addresses are
        // replaced in place and probed at once; a different number keeps the old ones (the arrays are sized at start).
        private long PollRelocate(long nowMs)
        {
            long next = _locator.Poll(nowMs);
            if (_locator.IsFailed)
            {
                Relocating = false;
                return long.MaxValue;
            }
            if (!_locator.IsDone)
            {
                long soon = nowMs + 50;
                return next < soon ? next : soon;
            }
            Relocating = false;
            var found = new NetEndPoint[_located];
            if (_locator.Count != _located || _locator.CopyTargets(found) != _located) return long.MaxValue;
            bool changed = false;
            for (int i = 0; i < _located; i++)
            {
                if (found[i].SameAs(_targets[i])) continue;
                _targets[i] = found[i];
                if (_transport.Filter != null) _transport.Filter.Allow(found[i]);
                changed = true;
            }
            if (changed)
            {
                Stats.RegistrarMoves++;
                Write(LogLevel.Info, "registrar " + _config.RegistrarName + " moved: " + _targets[0].ToString());
                _monitor.RefreshTargets(nowMs);
            }
            return nowMs;
        }

        // The local-mode call log (reported to the PBX when it returns): a call is logged when its slot ends while local.
        private void TrackLocalCalls(long nowMs)
        {
            if (_slotStart == null) return;
            for (int i = 0; i < _slotStart.Length; i++)
            {
                Call call = _calls.GetCall(i);
                bool live = call != null && call.State != CallState.Idle && call.State != CallState.Terminated;
                if (live && _slotStart[i] < 0)
                {
                    _slotStart[i] = nowMs;
                    _slotAnswered[i] = -1;
                    _slotIncoming[i] = call.IsIncoming;
                    _slotPeer[i] = UserOf(call.RemoteUri);
                }
                if (live && call.State == CallState.Connected && _slotAnswered[i] < 0) _slotAnswered[i] = nowMs;
                if (!live && _slotStart[i] >= 0)
                {
                    bool answered = _slotAnswered[i] >= 0;
                    _survival.RecordCall(_slotStart[i], _slotPeer[i], _slotIncoming[i], answered, answered ? nowMs - _slotAnswered[i] : 0);
                    _slotStart[i] = -1;
                    _slotPeer[i] = null;
                }
            }
        }

        // "sip:202@10.0.0.2:5060" → "202" (the directory's extension); the URI itself when it has no user part.
        private static string UserOf(string uri)
        {
            if (uri == null) return "";
            int start = uri.StartsWith("sip:") ? 4 : 0;
            int at = uri.IndexOf('@');
            return at > start ? uri.Substring(start, at - start) : uri;
        }

        private uint NextSeed()
        {
            _sessionSeed = _sessionSeed * 1664525u + 1013904223u;
            return _sessionSeed | 1;
        }

        private static CallProgressTone ToProgressTone(LineTone tone)
        {
            switch (tone)
            {
                case LineTone.Dial: return CallProgressTone.Dial;
                case LineTone.Ringback: return CallProgressTone.Ringback;
                case LineTone.Busy: return CallProgressTone.Busy;
                case LineTone.Reorder: return CallProgressTone.Congestion;
                case LineTone.CallWaiting: return CallProgressTone.CallWaiting;
                default: return CallProgressTone.None;
            }
        }

        private void OnRegisteredFollowRegistrar(RegistrationClient sender, int statusCode, long nowMs)
        {
            // New calls go where we are registered (after a failover: the backup), unless a proxy is configured.
            if (_config.OutboundProxy.IsEmpty) _callConfig.OutboundProxy = sender.Target;
        }

        private void OnRegistrationEvent(RegistrationClient sender, int statusCode, long nowMs)
        {
            Write(LogLevel.Info, "registration " + RegistrationStateNames.Name(sender.State) + " (" + statusCode.ToString() + ", " + sender.StateReason + ")");
            _reportedRegistration = sender.State;
        }

        private void ReportChanges()
        {
            if (_ports.Log == null) return;
            PhoneState state = _line.State;
            if (state != _reportedState)
            {
                _reportedState = state;
                Call call = _line.Active;
                Write(LogLevel.Info, "phone " + PhoneStateNames.Name(state) + (call != null ? " (" + call.ToString() + ")" : ""));
            }
            if (_registration != null && _registration.State != _reportedRegistration)
            {
                _reportedRegistration = _registration.State;
                Write(LogLevel.Debug, "registration " + RegistrationStateNames.Name(_reportedRegistration));
            }
        }

        private void Write(LogLevel level, string message)
        {
            if (_ports.Log != null) _ports.Log.Write(level, "agent " + _config.User, message);
        }
    }
}
