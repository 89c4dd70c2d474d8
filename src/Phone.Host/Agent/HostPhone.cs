// One emulated phone on the host: PhoneAgent over real UDP sockets on a local address, paced by a Stopwatch on its own thread.
namespace Phone.Host.Agent
{
    using System;
    using System.Diagnostics;
    using System.Net.Sockets;
    using System.Threading;
    using Phone.Core.Agent;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Host.Net;

    /// <summary>
    /// Opens the SIP socket, the RTP/RTCP sockets of every call slot (port 0 picks free ones) and, for a registrar
    /// given as a DNS name, a socket for the agent's DNS client; then runs a
    /// <see cref="PhoneAgent"/>: either on its own thread (<see cref="Start"/>) or from the caller's loop
    /// (<see cref="Step"/>). Signalling is polled when due or when the SIP socket is readable; audio ticks every
    /// 20 ms by a Stopwatch. Everything touching the agent from outside goes through <see cref="Do"/>, which holds
    /// the same lock as the loop.
    /// </summary>
    public sealed class HostPhone : IDisposable
    {
        private const int MaxCatchUpFrames = 50;   // a stall up to 1 s is caught up (the jitter buffer absorbs the burst)

        private readonly object _gate = new object();
        private readonly short[] _silence = new short[AudioFormat.FrameSamples];
        private readonly Stopwatch _clock;
        private readonly HostDatagramSocket _sip;
        private readonly HostDatagramSocket[] _rtp;
        private readonly HostDatagramSocket[] _rtcp;
        private readonly HostDatagramSocket _dns;
        private readonly IAudioPort _audio;
        private readonly ILog _log;
        private readonly int _seed;
        private Thread _thread;
        private volatile bool _stop;
        private long _nextPoll;
        private long _nextAudio;

        /// <summary>
        /// Binds the sockets at <c>config.LocalAddress</c>: SIP on <c>config.SipPort</c> and RTP/RTCP pairs from
        /// <c>config.RtpPortBase</c> (0 for either: free ports are chosen and written back into
        /// <paramref name="config"/>, so the caller can publish them, e.g. in the other phones' directories, before
        /// <see cref="Start"/>). Throws <see cref="HostPhoneException"/> naming the port when one is taken.
        /// Phones given the same <paramref name="clock"/> share one time base (their recordings can be aligned).
        /// </summary>
        public HostPhone(AgentConfig config, IAudioPort audio, ILog log, int seed, Stopwatch clock = null)
        {
            Config = config;
            _audio = audio;
            _log = log;
            _seed = seed;
            _clock = clock ?? Stopwatch.StartNew();
            int slots = config.MaxCalls;
            _rtp = new HostDatagramSocket[slots];
            _rtcp = new HostDatagramSocket[slots];
            try
            {
                _sip = Bind(config.LocalAddress, config.SipPort, "SIP");
                config.SipPort = _sip.LocalEndPoint.Port;
                config.RtpPortBase = BindMedia(config.LocalAddress, config.RtpPortBase, slots);
                // A registrar given as a name is located by the agent's own DNS client (SRV, then A) over this socket.
                if (config.RegistrarName != null) _dns = Bind(config.LocalAddress, 0, "DNS");
            }
            catch
            {
                CloseSockets();
                throw;
            }
        }

        /// <summary>The configuration (with the ports actually bound).</summary>
        public AgentConfig Config { get; }

        /// <summary>The agent; null before <see cref="Start"/> / <see cref="CreateAgent"/>.</summary>
        public PhoneAgent Agent { get; private set; }

        /// <summary>Where this phone's SIP socket listens.</summary>
        public NetEndPoint SipEndPoint => _sip.LocalEndPoint;

        /// <summary>The agent's clock: milliseconds of the (possibly shared) Stopwatch.</summary>
        public long Now => _clock.ElapsedMilliseconds;

        /// <summary>Time of the first audio tick: sample k of the audio port's streams was captured / played at AudioStartMs + k/8.</summary>
        public long AudioStartMs { get; private set; }

        /// <summary>Frames the loop skipped because it fell more than 1 s behind (a starved machine); silence was recorded instead.</summary>
        public int SkippedFrames { get; private set; }

        /// <summary>Builds the agent from <see cref="Config"/> as it is now and starts it (no thread).</summary>
        public PhoneAgent CreateAgent()
        {
            lock (_gate)
            {
                if (Agent != null) return Agent;
                var ports = new AgentPorts { Sip = _sip, Rtp = _rtp, Rtcp = _rtcp, Audio = _audio, Log = _log, Seed = _seed, Dns = _dns };
                Agent = new PhoneAgent(Config, ports);
                long now = Now;
                Agent.Start(now);
                _nextPoll = now;
                _nextAudio = now;
                AudioStartMs = now;
                return Agent;
            }
        }

        /// <summary>Creates the agent (if needed) and runs it on a background thread until <see cref="Stop"/>.</summary>
        public void Start()
        {
            CreateAgent();
            if (_thread != null) return;
            _stop = false;
            _thread = new Thread(Loop) { IsBackground = true, Name = "phone " + Config.User, Priority = ThreadPriority.AboveNormal };
            _thread.Start();
        }

        /// <summary>
        /// One pass of the loop for callers driving the phone themselves: polls signalling when due (or when SIP
        /// data waits) and runs the audio ticks that are due. Returns the milliseconds until the next deadline.
        /// </summary>
        public int Step()
        {
            lock (_gate)
            {
                PhoneAgent agent = Agent ?? CreateAgent();
                long now = Now;
                if (now >= _nextPoll || _sip.WaitReadable(0) || (_dns != null && _dns.WaitReadable(0))) _nextPoll = agent.Poll(now);
                if (now - _nextAudio > MaxCatchUpFrames * AudioFormat.FrameMs)
                {
                    // A long stall: do not replay it at once. The audio port still gets a silent frame for each
                    // skipped one, so its recordings stay aligned with the clock (sample k at AudioStartMs + k/8).
                    long behind = (now - _nextAudio) / AudioFormat.FrameMs;
                    SkippedFrames += (int)behind;
                    _nextAudio += behind * AudioFormat.FrameMs;
                    for (long i = 0; i < behind; i++)
                    {
                        _audio.ReadFrame(_silence, 0);
                        Array.Clear(_silence, 0, _silence.Length);
                        _audio.WriteFrame(_silence, 0);
                    }
                }
                while (now >= _nextAudio)
                {
                    agent.AudioTick(_nextAudio);
                    _nextAudio += AudioFormat.FrameMs;
                }
                // Media may have queued signalling work (none today), and the tick may be due before the poll.
                long next = _nextPoll < _nextAudio ? _nextPoll : _nextAudio;
                long wait = next - Now;
                return wait < 0 ? 0 : wait > 1000 ? 1000 : (int)wait;
            }
        }

        /// <summary>Runs <paramref name="action"/> on the agent under the loop's lock, with the current time.</summary>
        public void Do(Action<PhoneAgent, long> action)
        {
            lock (_gate)
            {
                PhoneAgent agent = Agent ?? CreateAgent();
                long now = Now;
                action(agent, now);
                _nextPoll = now;   // a command may have sent something with a timer: poll again at once
            }
        }

        /// <summary>Reads something from the agent under the loop's lock.</summary>
        public T Get<T>(Func<PhoneAgent, T> read)
        {
            lock (_gate)
            {
                return read(Agent ?? CreateAgent());
            }
        }

        /// <summary>Waits until <paramref name="condition"/> holds (checked under the lock every 10 ms); false on timeout.</summary>
        public bool WaitUntil(Func<PhoneAgent, bool> condition, int timeoutMs)
        {
            var sw = Stopwatch.StartNew();
            while (true)
            {
                if (Get(condition)) return true;
                if (sw.ElapsedMilliseconds >= timeoutMs) return false;
                if (_thread == null) Step();
                Thread.Sleep(10);
            }
        }

        /// <summary>Stops the thread (the sockets stay open until <see cref="Dispose"/>).</summary>
        public void Stop()
        {
            _stop = true;
            Thread t = _thread;
            if (t != null && t != Thread.CurrentThread) t.Join(2000);
            _thread = null;
        }

        /// <summary>Stops and closes every socket.</summary>
        public void Dispose()
        {
            Stop();
            CloseSockets();
        }

        private void Loop()
        {
            while (!_stop)
            {
                int wait = Step();
                if (wait > 0)
                {
                    // Sleep on the SIP socket so a request is handled at once; audio deadlines bound the wait.
                    _sip.WaitReadable(wait);
                }
            }
        }

        private static HostDatagramSocket Bind(uint address, int port, string what)
        {
            try
            {
                return new HostDatagramSocket(new NetEndPoint(address, port));
            }
            catch (SocketException e)
            {
                throw new HostPhoneException(what + " port " + port + " on " + NetEndPoint.AddressToString(address)
                    + " is not available (" + e.SocketErrorCode + ")", e);
            }
        }

        private int BindMedia(uint address, int basePort, int slots)
        {
            if (basePort != 0)
            {
                for (int i = 0; i < slots; i++)
                {
                    _rtp[i] = Bind(address, basePort + 2 * i, "RTP");
                    _rtcp[i] = Bind(address, basePort + 2 * i + 1, "RTCP");
                }
                return basePort;
            }
            // Free ports: take an even port from the system and try the block above it; retry on a clash.
            for (int attempt = 0; attempt < 50; attempt++)
            {
                int candidate;
                using (var probe = new HostDatagramSocket(new NetEndPoint(address, 0))) candidate = probe.LocalEndPoint.Port & ~1;
                if (candidate < 1024 || candidate + 2 * slots > 65535) continue;
                try
                {
                    for (int i = 0; i < slots; i++)
                    {
                        _rtp[i] = new HostDatagramSocket(new NetEndPoint(address, candidate + 2 * i));
                        _rtcp[i] = new HostDatagramSocket(new NetEndPoint(address, candidate + 2 * i + 1));
                    }
                    return candidate;
                }
                catch (SocketException)
                {
                    CloseMedia();
                }
            }
            throw new HostPhoneException("no free block of " + (2 * slots) + " RTP/RTCP ports on " + NetEndPoint.AddressToString(address), null);
        }

        private void CloseMedia()
        {
            for (int i = 0; i < _rtp.Length; i++)
            {
                _rtp[i]?.Close();
                _rtcp[i]?.Close();
                _rtp[i] = null;
                _rtcp[i] = null;
            }
        }

        private void CloseSockets()
        {
            _sip?.Close();
            _dns?.Close();
            CloseMedia();
        }
    }
}
