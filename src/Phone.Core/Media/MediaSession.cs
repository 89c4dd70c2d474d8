// One RTP audio session (RFC 3550, RFC 3551 PCMU/PCMA, RFC 4733 DTMF): capture → encode → send and
// receive → jitter buffer → decode/conceal → mix → play, once per 20 ms frame, plus RTCP.
namespace Phone.Core.Media
{
    using Phone.Core.Media.Codecs;
    using Phone.Core.Media.Jitter;
    using Phone.Core.Media.Rtp;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>
    /// The audio path of one call. All buffers are allocated by the constructor; <see cref="Tick"/> allocates
    /// nothing. Time is passed in; ports are injected. RTCP goes to its own socket, or is multiplexed on the RTP
    /// socket (RFC 5761) when none is given; on receive, RTCP is recognised on either.
    /// </summary>
    public sealed class MediaSession
    {
        private const int Frame = AudioFormat.FrameSamples;
        private const int MaxDatagram = 1500;
        private const int MaxReceivesPerTick = 32;   // bounds the work of one tick under a flood
        // Largest compound RTCP we build (RFC 3550 §6.4.1, §6.5.1, §6.6): SR 28 + one report block 24 + SDES with a
        // 255-octet CNAME padded to 268 + BYE 8.
        private const int MaxRtcpBytes = 28 + 24 + 268 + 8;

        private readonly IAudioPort _audio;
        private readonly IDatagramSocket _rtpSocket;
        private readonly IDatagramSocket _rtcpSocket;
        private readonly RtpPacketizer _packetizer;
        private readonly RtpReceiver _receiver;
        private readonly RtcpSession _rtcp;
        private readonly JitterBuffer _jitter;
        private readonly TelephoneEventSender _eventSender = new TelephoneEventSender();
        private readonly TelephoneEventReceiver _eventReceiver = new TelephoneEventReceiver();
        // One frame for both directions and the jitter buffer's time scaling: the played frame is handed to the port
        // (which copies it) before the captured one is read, and the jitter buffer keeps nothing in it between frames,
        // so a second array would never hold anything the first still needs. Lent by the owner (MediaSessionConfig).
        private readonly short[] _frame;
        private readonly byte[] _txBuffer = new byte[RtpHeader.FixedLength + Frame];
        // Received datagrams, and the RTCP we build: Tick has handled every datagram it received before it builds a
        // report, and Stop runs on the same thread (or under the same lock) as Tick (PhoneAgent's contract).
        private readonly byte[] _rxBuffer;
        private readonly byte[] _cname;
        private readonly int _payloadType;
        private readonly int _eventPayloadType;
        private readonly MediaSessionStats _stats;
        private readonly RtpStats _rtpStats;
        private readonly JitterBufferStats _jitterStats;
        private readonly RtpSource _source;
        private NetEndPoint _remoteRtcp;
        private IFrameMixer _mixer;
        private long _nextRtcpMs;
        private bool _sendEnabled = true;
        private uint _random;
        private bool _stopped;

        /// <summary>Creates the session; nothing is sent before the first <see cref="Tick"/>.</summary>
        /// <param name="audio">Capture and playout, 20 ms frames.</param>
        /// <param name="rtpSocket">Bound RTP socket.</param>
        /// <param name="rtcpSocket">Bound RTCP socket, or null to multiplex RTCP on the RTP socket.</param>
        /// <param name="config">Negotiated parameters.</param>
        /// <param name="startMs">Current time, for the RTCP schedule.</param>
        public MediaSession(IAudioPort audio, IDatagramSocket rtpSocket, IDatagramSocket rtcpSocket,
            MediaSessionConfig config, long startMs)
        {
            _audio = audio;
            _rtpSocket = rtpSocket;
            _rtcpSocket = rtcpSocket;
            _payloadType = config.PayloadType == G711.PayloadTypePcma ? G711.PayloadTypePcma : G711.PayloadTypePcmu;
            _eventPayloadType = config.TelephoneEventPayloadType;
            _random = config.RandomSeed | 1;
            uint ssrc = config.Ssrc != 0 ? config.Ssrc : NextRandom();
            // RFC 3550 §5.1: initial sequence number and timestamp are random.
            _packetizer = new RtpPacketizer(ssrc, (int)(NextRandom() & 0xFFFF), NextRandom());
            _rtpStats = new RtpStats();
            _receiver = new RtpReceiver(_rtpStats);
            _source = _receiver.Source;
            _receiver.LocalSsrc = ssrc;
            _receiver.TelephoneEventPayloadType = _eventPayloadType;
            _receiver.SetRemote(config.RemoteRtp);
            _remoteRtcp = rtcpSocket == null ? config.RemoteRtp : config.RemoteRtcp;
            if (rtcpSocket != null && _remoteRtcp.IsEmpty)
                _remoteRtcp = new NetEndPoint(config.RemoteRtp.Address, config.RemoteRtp.Port + 1);   // RFC 3550 §11
            _rtcp = new RtcpSession(NextRandom(), startMs);
            _nextRtcpMs = _rtcp.NextSendMs;
            short[] work = config.WorkFrame;
            _frame = work != null && work.Length >= JitterBuffer.WorkSamples ? work : new short[JitterBuffer.WorkSamples];
            _jitter = new JitterBuffer(config.JitterSlots, config.JitterSlotBytes, _frame);
            int rx = config.MaxDatagramBytes > 0 ? config.MaxDatagramBytes : MaxDatagram;
            _rxBuffer = new byte[rx > MaxRtcpBytes ? rx : MaxRtcpBytes];
            _jitterStats = _jitter.Stats;
            string cname = config.Cname ?? "phone";
            _cname = new byte[cname.Length > 255 ? 255 : cname.Length];
            for (int i = 0; i < _cname.Length; i++) _cname[i] = (byte)(cname[i] < 128 ? cname[i] : '?');
            _stats = new MediaSessionStats();
            _stats.RoundTripMs = -1;
        }

        /// <summary>Extra audio mixed into every played frame (tones); null for none.</summary>
        public IFrameMixer Mixer
        {
            get => _mixer;
            set => _mixer = value;
        }

        /// <summary>
        /// False while the negotiated direction forbids sending (recvonly/inactive, or our own hold): the
        /// microphone is still read and the media clock keeps running, but no RTP goes out (RFC 3264 §5.1, §8.4).
        /// </summary>
        public bool SendEnabled
        {
            get => _sendEnabled;
            set => _sendEnabled = value;
        }

        /// <summary>
        /// Call-report counters. The derived ones (receive, RTCP, jitter buffer, DTMF) are copied in when this
        /// property is read, not by every tick: on the interpreter the copy was about ten calls a frame.
        /// </summary>
        public MediaSessionStats Stats
        {
            get
            {
                UpdateStats();
                return _stats;
            }
        }

        /// <summary>Receive-side drop reasons.</summary>
        public RtpStats RtpStats => _rtpStats;

        /// <summary>Jitter buffer counters.</summary>
        public JitterBufferStats JitterStats => _jitterStats;

        /// <summary>Our current SSRC (changes after a collision).</summary>
        public uint Ssrc => _packetizer.Ssrc;

        /// <summary>Where RTP is sent now (the SDP address until symmetric RTP re-latched it).</summary>
        public NetEndPoint RemoteRtp => _receiver.RemoteEndPoint;

        /// <summary>True once the far end sent RTCP BYE.</summary>
        public bool RemoteBye => _rtcp.ByeReceived;

        /// <summary>True while a DTMF event is being sent.</summary>
        public bool SendingDtmf => _eventSender.IsActive;

        /// <summary>
        /// Starts sending a DTMF digit as RFC 4733 events of <paramref name="durationMs"/>. False when no
        /// telephone-event type was negotiated, the character is not a DTMF key, or a digit is still being sent.
        /// </summary>
        [HotPath]
        public bool SendDtmf(char digit, int durationMs)
        {
            if (_eventPayloadType < 0 || _stopped) return false;
            int code = TelephoneEvent.FromDigit(digit);
            if (code < 0) return false;
            bool started = _eventSender.Start(code, durationMs, _packetizer.Timestamp);
            _stats.DtmfSent = _eventSender.EventsSent;
            return started;
        }

        /// <summary>Ends the DTMF digit being sent at the next frame (key released).</summary>
        [HotPath]
        public void StopDtmf() => _eventSender.Stop();

        /// <summary>Takes the oldest received DTMF start/end notice; false when none.</summary>
        [HotPath]
        public bool TryReadDtmf(out TelephoneEventNotice notice) => _eventReceiver.TryRead(out notice);

        /// <summary>
        /// Runs one 20 ms frame at <paramref name="nowMs"/>: receives everything waiting, plays one frame, captures
        /// and sends one frame (or a DTMF event packet), and sends RTCP when due. Returns when to call again.
        /// </summary>
        [HotPath]
        public long Tick(long nowMs)
        {
            if (_stopped) return nowMs + AudioFormat.FrameMs;
            // Statistics are not copied here but when Stats is read: on the interpreter each property read is a
            // call, and a refresh is about ten of them.
            ReceiveFrom(_rtpSocket, nowMs);
            if (_rtcpSocket != null) ReceiveFrom(_rtcpSocket, nowMs);
            if (_eventReceiver.InEvent) _eventReceiver.Poll(nowMs);

            short[] frame = _frame;
            _jitter.Get(nowMs, frame, 0);
            IFrameMixer mixer = _mixer;
            if (mixer != null) mixer.Mix(frame, 0, Frame);
            _audio.WriteFrame(frame, 0);

            SendFrame();

            if (nowMs >= _nextRtcpMs) SendRtcp(nowMs, false);
            long next = nowMs + AudioFormat.FrameMs;
            return _nextRtcpMs < next ? _nextRtcpMs : next;
        }

        /// <summary>Ends the session: sends RTCP BYE (RFC 3550 §6.6); later ticks do nothing.</summary>
        public void Stop(long nowMs)
        {
            if (_stopped) return;
            SendRtcp(nowMs, true);
            _stopped = true;
            UpdateStats();
        }

        [HotPath]
        private void ReceiveFrom(IDatagramSocket socket, long nowMs)
        {
            byte[] rx = _rxBuffer;
            for (int i = 0; i < MaxReceivesPerTick; i++)
            {
                NetEndPoint from;
                int n = socket.ReceiveFrom(rx, 0, rx.Length, out from);
                if (n <= 0) return;
                // RtcpPacket.LooksLikeRtcp inlined (RFC 5761 §4: packet types 192..223 are RTCP).
                int type = n >= 2 ? rx[1] : 0;
                if (type >= 192 && type <= 223) HandleRtcp(n, from, nowMs);
                else HandleRtp(n, from.Address, from.Port, nowMs);
            }
        }

        [HotPath]
        private void HandleRtp(int length, uint fromAddress, int fromPort, long nowMs)
        {
            RtpHeader header;
            RtpReceiver receiver = _receiver;
            RtpReceiveResult result = receiver.Receive(_rxBuffer, 0, length, fromAddress, fromPort, (uint)(nowMs * 8), out header);
            if (result == RtpReceiveResult.Audio && !receiver.SourceChangedFlag)
            {
                // The common case: one audio packet of the current source, straight into the jitter buffer.
                _jitter.Put(header.Timestamp, header.PayloadType, _rxBuffer, header.PayloadOffset, header.PayloadLength, nowMs);
                return;
            }
            if (receiver.CollisionPending)
            {
                // RFC 3550 §8.2: on a collision with our SSRC, pick a new one.
                receiver.CollisionPending = false;
                uint ssrc = NextRandom();
                _packetizer.Ssrc = ssrc;
                _receiver.LocalSsrc = ssrc;
                _stats.SsrcCollisions++;
            }
            if (receiver.SourceChanged)
            {
                receiver.SourceChanged = false;
                _jitter.Reset();
                _eventReceiver.Reset();
            }
            if (result == RtpReceiveResult.Audio)
            {
                _jitter.Put(header.Timestamp, header.PayloadType, _rxBuffer, header.PayloadOffset, header.PayloadLength, nowMs);
            }
            else if (result == RtpReceiveResult.TelephoneEvent)
            {
                _eventReceiver.Receive(_rxBuffer, header.PayloadOffset, header.PayloadLength, header.Timestamp, nowMs);
            }
        }

        [HotPath]
        private void HandleRtcp(int length, NetEndPoint from, long nowMs)
        {
            int accepted = _rtpStats.RtcpAccepted;
            _rtcp.Receive(_rxBuffer, 0, length, nowMs, _packetizer.Ssrc, _source.Ssrc, _rtpStats);
            // Symmetric RTCP: answer where valid reports come from.
            if (_rtpStats.RtcpAccepted != accepted && !from.SameAs(_remoteRtcp)) _remoteRtcp = from;
        }

        [HotPath]
        private void SendFrame()
        {
            short[] frame = _frame;
            if (!_audio.ReadFrame(frame, 0))
            {
                for (int i = 0; i < Frame; i++) frame[i] = 0;
                _stats.CaptureMisses++;
            }
            if (!_sendEnabled)
            {
                _packetizer.SkipSamples(Frame);
                return;
            }
            int length;
            if (_eventSender.ActiveFlag)
            {
                // RFC 4733 §2.5.1.1: the event replaces the audio; the media clock keeps running.
                length = _eventSender.NextPacket(_txBuffer, _packetizer, _eventPayloadType, Frame);
                _packetizer.SkipSamples(Frame);
                if (!_eventSender.ActiveFlag) _packetizer.BeginTalkSpurt();
            }
            else
            {
                // Encoded in place after the header's headroom (the packetizer writes the header in front).
                if (_payloadType == G711.PayloadTypePcmu) G711.EncodeUlaw(frame, 0, _txBuffer, RtpHeader.FixedLength, Frame);
                else G711.EncodeAlaw(frame, 0, _txBuffer, RtpHeader.FixedLength, Frame);
                length = _packetizer.WriteAudio(_txBuffer, _payloadType, Frame, Frame);
            }
            if (_rtpSocket.SendTo(_txBuffer, 0, length, _receiver.Remote)) _stats.PacketsSent++;
            else _stats.SendFailures++;
        }

        [HotPath]
        private void SendRtcp(long nowMs, bool bye)
        {
            int length = _rtcp.Build(_rxBuffer, nowMs, _packetizer, _receiver.Source, _cname, _cname.Length, bye);
            IDatagramSocket socket = _rtcpSocket != null ? _rtcpSocket : _rtpSocket;
            NetEndPoint to = _rtcpSocket != null ? _remoteRtcp : _receiver.RemoteEndPoint;
            if (!socket.SendTo(_rxBuffer, 0, length, to)) _stats.SendFailures++;
            _nextRtcpMs = _rtcp.NextSendMs;
        }

        private void UpdateStats()
        {
            UpdateReceiveStats();
            UpdateRtcpStats();
            MediaSessionStats s = _stats;
            JitterBufferStats j = _jitterStats;
            s.PacketsLate = j.Late;
            s.ConcealedFrames = j.ConcealedFrames;
            s.JitterBufferDelayMs = j.TargetDelayMs;
            s.RtcpSent = _rtcp.ReportsSent;
            s.DtmfSent = _eventSender.EventsSent;
            s.DtmfReceived = _eventReceiver.NoticesQueued;
        }

        // What receiving RTP changes (counters, RFC 3550 A.3 loss, A.8 jitter).
        private void UpdateReceiveStats()
        {
            MediaSessionStats s = _stats;
            RtpStats r = _rtpStats;
            s.PacketsReceived = r.PacketsAccepted;
            s.PacketsDropped = r.RtpDropped;
            RtpSource source = _source;
            bool valid = source.Valid;
            s.PacketsLost = valid ? source.CumulativeLost : 0;
            s.JitterMs = valid ? (int)(source.Jitter / 8) : 0;
        }

        // What a received RTCP report changes.
        private void UpdateRtcpStats()
        {
            MediaSessionStats s = _stats;
            s.RoundTripMs = _rtcp.RoundTripMs;
            s.RemoteFractionLost = _rtcp.RemoteFractionLost;
            s.RtcpReceived = _rtcp.ReportsReceived;
        }

        [HotPath]
        private uint NextRandom()
        {
            // xorshift32: enough for SSRC/sequence/timing; not for anything secret.
            uint x = _random;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _random = x;
            return x;
        }
    }
}
