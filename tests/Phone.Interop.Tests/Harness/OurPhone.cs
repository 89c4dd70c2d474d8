// Our user agent on 127.0.0.1 for interop tests: SipTransport + CallManager (+ RegistrationClient) + one MediaSession
// per call over host UDP sockets, a tone as the microphone and a recording as the speaker, run by one loop thread.
namespace Phone.Interop.Tests.Harness
{
    using System;
    using System.Collections.Generic;
    using System.Diagnostics;
    using System.Security.Cryptography;
    using System.Threading;
    using Phone.Core.Auth;
    using Phone.Core.Media;
    using Phone.Core.Media.Rtp;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;
    using Phone.Core.Sip.Transport;
    using Phone.Host.Net;

    /// <summary>
    /// The portable core's call pieces composed the way the firmware composes them (CallManager as the transaction
    /// user of its layer, the registration client sharing it, MediaSession configured from the negotiated SDP), with
    /// host sockets. Every call to the core happens under one lock, from the loop thread or from a test command.
    /// </summary>
    public sealed class OurPhone : ICallListener, IDisposable
    {
        private static readonly uint Loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
        private readonly object _sync = new object();
        private readonly HostDatagramSocket _sip;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Thread _loop;
        private readonly ToneMicrophone _audio;
        private readonly List<string> _events = new List<string>();
        private readonly List<char> _dtmf = new List<char>();
        private HostDatagramSocket _rtp;
        private HostDatagramSocket _rtcp;
        private MediaSession _media;
        private MediaSession _lastMedia;
        private long _nextTick;
        private Call _toAnswer;
        private volatile bool _stop;
        private Exception _loopError;

        /// <summary>Starts the phone as <paramref name="user"/>, offering <paramref name="codecs"/>, sending a tone of <paramref name="toneHz"/>.</summary>
        public OurPhone(string user, int[] codecs, int toneHz, bool autoAnswer = true, NetEndPoint outboundProxy = default)
        {
            _sip = new HostDatagramSocket(new NetEndPoint(Loopback, 0));
            Transport = new SipTransport(_sip, 4096, null);
            int rtpBase = FreePorts.GetEven();
            Config = new CallConfig
            {
                User = user,
                Domain = "127.0.0.1",
                LocalAddress = Loopback,
                LocalSipPort = _sip.LocalEndPoint.Port,
                RtpPortBase = rtpBase,
                Codecs = codecs,
                MaxCalls = 1,
                OutboundProxy = outboundProxy,
                UserAgent = "Phone-interop/0.1",
            };
            AutoAnswer = autoAnswer;
            Calls = new CallManager(Config, Transport, this, new SipTimers(), new Random(user.GetHashCode()));
            Transport.Attach(Calls.Layer);
            Credentials = new DigestCredentialStore(2);
            Calls.Digest = new DigestClient(Credentials, new OsRandom(), 2, 2);
            _audio = new ToneMicrophone(toneHz);
            _loop = new Thread(Loop) { IsBackground = true, Name = "phone-" + user };
            _loop.Start();
        }

        /// <summary>Call configuration (read only after start).</summary>
        public CallConfig Config { get; }

        /// <summary>The SIP transport (its Filter may be set before traffic arrives).</summary>
        public SipTransport Transport { get; }

        /// <summary>The call layer. Use <see cref="Do"/> to touch it.</summary>
        public CallManager Calls { get; }

        /// <summary>Credentials for INVITE and REGISTER challenges.</summary>
        public DigestCredentialStore Credentials { get; }

        /// <summary>Answer incoming calls at once.</summary>
        public bool AutoAnswer { get; set; }

        /// <summary>Our SIP port.</summary>
        public int SipPort => _sip.LocalEndPoint.Port;

        /// <summary>Our SIP URI.</summary>
        public string Uri => "sip:" + Config.User + "@127.0.0.1:" + SipPort;

        /// <summary>Number of OnIncomingCall events.</summary>
        public int IncomingCalls { get; private set; }

        /// <summary>The registration client once <see cref="Register"/> was called.</summary>
        public RegistrationClient Registration => Calls.Registration;

        /// <summary>Milliseconds since start (the core's clock).</summary>
        public long Now => _clock.ElapsedMilliseconds;

        /// <summary>Runs <paramref name="action"/> under the core's lock with the current time.</summary>
        public void Do(Action<long> action)
        {
            lock (_sync) action(Now);
        }

        /// <summary>Reads a value under the core's lock.</summary>
        public T Read<T>(Func<T> read)
        {
            lock (_sync) return read();
        }

        /// <summary>Call slot 0 (MaxCalls is 1).</summary>
        public Call Call => Calls.GetCall(0);

        /// <summary>Call state of slot 0.</summary>
        public CallState State => Read(() => Call.State);

        /// <summary>Registers to a registrar (MD5 digest with the given password); returns the client.</summary>
        /// <remarks>
        /// With <paramref name="onlyRegistrarMayCall"/> the transport gets a source filter that the client fills with
        /// the registrar once registered: requests from anyone else are dropped (the office-phone default).
        /// </remarks>
        public RegistrationClient Register(int registrarPort, string realm, string password, int expires = 60, bool onlyRegistrarMayCall = false)
        {
            lock (_sync)
            {
                SipSourceFilter filter = null;
                if (onlyRegistrarMayCall)
                {
                    filter = new SipSourceFilter(4, 20, 20);
                    Transport.Filter = filter;
                }
                Credentials.Set(realm, Config.User, password);
                var reg = new RegistrationClient(new RegistrationConfig
                {
                    AddressOfRecord = "sip:" + Config.User + "@127.0.0.1:" + registrarPort,
                    RegistrarUri = "sip:127.0.0.1:" + registrarPort,
                    ContactUser = Config.User,
                    Targets = new[] { new NetEndPoint(Loopback, registrarPort) },
                    LocalAddress = Loopback,
                    LocalPort = SipPort,
                    Expires = expires,
                    LearnPublicAddress = false,
                }, Calls.Layer, Calls.Digest, new Random(3));
                reg.Filter = filter;
                reg.Registered += (s, code, now) => Event("registered " + code);
                reg.Failed += (s, code, now) => Event("registration failed " + code);
                reg.Unregistered += (s, code, now) => Event("unregistered " + code);
                Calls.Registration = reg;
                reg.Start(Now);
                return reg;
            }
        }

        /// <summary>Places a call (slot 0); false when the core refused.</summary>
        public bool Dial(string uri) => Read(() => Calls.PlaceCall(uri, Now) != null);

        /// <summary>Ends the call in slot 0.</summary>
        public bool Hangup() => Read(() => Calls.Hangup(Call, Now));

        /// <summary>Holds or resumes the call in slot 0 (re-INVITE sendonly/sendrecv).</summary>
        public bool Hold(bool hold) => Read(() => Calls.SetHold(Call, hold, Now));

        /// <summary>Sends one RFC 4733 digit of <paramref name="ms"/> on the call's media session.</summary>
        public bool SendDtmf(char digit, int ms) => Read(() => _media != null && _media.SendDtmf(digit, ms));

        /// <summary>Digits received as RFC 4733 events (one per end notice).</summary>
        public string ReceivedDtmf => Read(() => new string(_dtmf.ToArray()));

        /// <summary>Event log (registration, call states, media), for assertions and failure messages.</summary>
        public string Events => Read(() => string.Join("\n", _events));

        /// <summary>Media counters of the current (or last) call, or null.</summary>
        public MediaSessionStats MediaStats => Read(() => (_media ?? _lastMedia)?.Stats);

        /// <summary>Media and RTP counters of the current (or last) call, one line, for failure messages.</summary>
        public string MediaReport => Read(() =>
        {
            MediaSession m = _media ?? _lastMedia;
            if (m == null) return "no media session";
            var s = m.Stats;
            var r = m.RtpStats;
            return "rtp sent " + s.PacketsSent + " received " + s.PacketsReceived + " lost " + s.PacketsLost + " late " + s.PacketsLate +
                   " dropped " + s.PacketsDropped + " concealed " + s.ConcealedFrames + " jitter " + s.JitterMs + " ms; accepted " + r.PacketsAccepted +
                   " probation " + r.Probation + " ssrc changes " + r.SsrcChanges + " seq jumps " + r.SequenceJumps + " restarts " + r.SequenceRestarts +
                   " unknown pt " + r.UnknownPayloadType + " dtmf received " + s.DtmfReceived;
        });

        /// <summary>Everything played to our speaker so far (8 kHz).</summary>
        public short[] Heard() => Read(() => _audio.Played.ToArray());

        /// <summary>Samples played so far (a position in <see cref="Heard"/>).</summary>
        public int HeardSamples => Read(() => _audio.Played.Count);

        /// <summary>Waits until <paramref name="condition"/> holds (checked under the lock); false on timeout.</summary>
        public bool WaitFor(Func<bool> condition, int timeoutMs)
        {
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < timeoutMs)
            {
                if (_loopError != null) throw new InvalidOperationException("phone loop failed", _loopError);
                if (Read(condition)) return true;
                Thread.Sleep(10);
            }
            return Read(condition);
        }

        /// <inheritdoc/>
        public void OnIncomingCall(Call call, long nowMs)
        {
            IncomingCalls++;
            Event("incoming " + call.RemoteUri);
            if (AutoAnswer) _toAnswer = call; // answered by the loop, outside the core's callback
        }

        /// <inheritdoc/>
        public void OnCallState(Call call, long nowMs)
        {
            Event("state " + CallStateNames.Name(call.State) + (call.State == CallState.Terminated ? " " + call.EndCode : string.Empty));
            if (call.State == CallState.Terminated) StopMedia(nowMs);
        }

        /// <inheritdoc/>
        public void OnMediaChanged(Call call, long nowMs)
        {
            SdpNegotiation m = call.Media;
            Event("media " + m);
            if (!m.IsEstablished || m.RemotePort == 0) return;
            var remote = new NetEndPoint(m.RemoteAddress.Ipv4, m.RemotePort);
            if (_media != null && !m.AddressChanged && !m.PortChanged && !m.CodecChanged) return;
            StopMedia(nowMs);
            _rtp = new HostDatagramSocket(new NetEndPoint(Loopback, call.LocalRtpPort));
            _rtcp = new HostDatagramSocket(new NetEndPoint(Loopback, call.LocalRtpPort + 1));
            _media = new MediaSession(_audio, _rtp, _rtcp, new MediaSessionConfig
            {
                PayloadType = m.PayloadType,
                TelephoneEventPayloadType = m.TelephoneEventPayloadType,
                RemoteRtp = remote,
                RemoteRtcp = m.RemoteRtcpPort > 0 ? new NetEndPoint(remote.Address, m.RemoteRtcpPort) : default,
                RandomSeed = (uint)call.LocalRtpPort,
                Cname = Config.User + "@127.0.0.1",
            }, nowMs);
            _nextTick = nowMs;
        }

        /// <summary>
        /// Unregisters when registered (so the registrar forks nothing to a dead contact in the next test), then stops
        /// the loop, the media and closes every socket.
        /// </summary>
        public void Dispose()
        {
            RegistrationClient reg = Calls.Registration;
            if (reg != null && _loopError == null && Read(() => reg.State == RegistrationState.Registered))
            {
                Do(now => reg.Unregister(now));
                WaitFor(() => reg.State != RegistrationState.Registered && reg.State != RegistrationState.Unregistering, 2000);
            }
            _stop = true;
            _loop.Join(2000);
            lock (_sync)
            {
                StopMedia(Now);
                _sip.Dispose();
            }
        }

        private void StopMedia(long nowMs)
        {
            if (_media == null) return;
            _media.Stop(nowMs);
            _lastMedia = _media;
            _rtp.Dispose();
            _rtcp.Dispose();
            _media = null;
        }

        private void Event(string text) => _events.Add(Now + " " + text);

        private void Loop()
        {
            try
            {
                while (!_stop)
                {
                    _sip.WaitReadable(5);
                    lock (_sync)
                    {
                        long now = Now;
                        Transport.Poll(now);
                        Calls.Poll(now);
                        Calls.Registration?.Poll(now);
                        if (_toAnswer != null)
                        {
                            Call c = _toAnswer;
                            _toAnswer = null;
                            if (c.State == CallState.Ringing) Calls.Answer(c, now);
                        }
                        // Ticks get the real time: the jitter buffer stamps arrivals with it, so a catch-up with
                        // virtual times after a stall (this machine is shared) would skew its delay model. After a
                        // stall longer than three frames the missed frames are dropped, as an I2S overrun would.
                        if (_media != null && now - _nextTick > 3 * AudioFormat.FrameMs) _nextTick = now;
                        while (_media != null && now >= _nextTick)
                        {
                            _media.Tick(now);
                            _nextTick += AudioFormat.FrameMs;
                            while (_media.TryReadDtmf(out TelephoneEventNotice notice))
                            {
                                if (notice.IsEnd) _dtmf.Add(notice.Digit);
                            }
                        }
                    }
                }
            }
            catch (Exception e)
            {
                _loopError = e;
            }
        }

        private sealed class OsRandom : IRandomSource
        {
            public void NextBytes(byte[] buffer, int offset, int count) => RandomNumberGenerator.Fill(buffer.AsSpan(offset, count));
        }

        /// <summary>A sine microphone and a recording speaker.</summary>
        private sealed class ToneMicrophone : IAudioPort
        {
            private readonly int _hz;
            private long _n;

            public ToneMicrophone(int hz) => _hz = hz;

            public List<short> Played { get; } = new List<short>();

            public bool ReadFrame(short[] frame, int offset)
            {
                for (int i = 0; i < AudioFormat.FrameSamples; i++, _n++)
                    frame[offset + i] = (short)(8000 * Math.Sin(2 * Math.PI * _hz * _n / AudioFormat.SampleRate));
                return true;
            }

            public void WriteFrame(short[] frame, int offset)
            {
                for (int i = 0; i < AudioFormat.FrameSamples; i++) Played.Add(frame[offset + i]);
            }
        }
    }
}
