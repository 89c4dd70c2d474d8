// The product's user agent for interop tests: PhoneAgent run by Phone.Host's HostPhone on 127.0.0.1 (its own thread),
// a tone as the microphone, the speaker recorded only while a media session runs (not dial/ringback/reorder tones).
namespace Phone.Interop.Tests.Harness
{
    using System;
    using System.Collections.Generic;
    using Phone.Core.Agent;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Sdp;
    using Phone.Host.Agent;

    /// <summary>A HostPhone with a tone microphone, a call-audio recorder and a log kept for failure messages.</summary>
    public sealed class AgentPhone : ILog, IDisposable
    {
        private static readonly uint Loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);
        private readonly List<string> _log = new List<string>();
        private readonly CallAudio _audio;
        private readonly List<char> _dtmf = new List<char>();

        /// <summary>
        /// Starts the agent as <paramref name="user"/> sending a tone of <paramref name="toneHz"/>; with
        /// <paramref name="pbxPort"/> it registers there (MD5 digest with <paramref name="password"/>) and sends every
        /// request through it.
        /// </summary>
        public AgentPhone(string user, int toneHz, int[] codecs = null, int pbxPort = 0, string password = null, int maxCalls = 1)
        {
            var config = new AgentConfig
            {
                User = user,
                Domain = "127.0.0.1",
                LocalAddress = Loopback,
                SipPort = 0,
                RtpPortBase = 0,
                Codecs = codecs ?? new[] { SdpOfferAnswer.Pcmu, SdpOfferAnswer.Pcma },
                MaxCalls = maxCalls,
                Expires = 60,
                UserAgent = "Phone-agent-interop/0.1",
            };
            if (pbxPort != 0)
            {
                config.Registrar = new NetEndPoint(Loopback, pbxPort);
                config.OutboundProxy = config.Registrar;
                config.Domain = "127.0.0.1:" + pbxPort;
                config.Password = password;
            }
            _audio = new CallAudio(toneHz);
            Host = new HostPhone(config, _audio, this, user.Length * 7919 + toneHz);
            _audio.Agent = () => Host.Agent;
            Host.Start();
        }

        /// <summary>The host wrapper (Do/Get/WaitUntil under the agent's lock).</summary>
        public HostPhone Host { get; }

        /// <summary>Our SIP URI, for direct calls.</summary>
        public string Uri => "sip:" + Host.Config.User + "@127.0.0.1:" + Host.SipEndPoint.Port;

        /// <summary>Runs a command on the agent.</summary>
        public void Do(Action<PhoneAgent, long> action) => Host.Do(action);

        /// <summary>Waits for a condition on the agent; on timeout throws with the log.</summary>
        public void Wait(Func<PhoneAgent, bool> condition, int timeoutMs, string what)
        {
            if (!Host.WaitUntil(condition, timeoutMs)) throw new TimeoutException(what + " did not happen in " + timeoutMs + " ms\n" + Log);
        }

        /// <summary>Digits received as RFC 4733 events so far (drained from the agent).</summary>
        public string ReceivedDtmf
        {
            get
            {
                Host.Do((a, now) =>
                {
                    while (a.TryReadDtmf(out char d)) _dtmf.Add(d);
                });
                return new string(_dtmf.ToArray());
            }
        }

        /// <summary>What the speaker played while a media session ran.</summary>
        public short[] Heard() => Host.Get(a => _audio.Played.ToArray());

        /// <summary>Forgets what was played so far (before a second call in the same test).</summary>
        public void ClearHeard() => Host.Do((a, now) => _audio.Played.Clear());

        /// <summary>Log lines and media counters, for failure messages.</summary>
        public string Log
        {
            get
            {
                string media = Host.Get(a => a.MediaStats == null ? "no media" :
                    "rtp sent " + a.MediaStats.PacketsSent + " received " + a.MediaStats.PacketsReceived + " late " + a.MediaStats.PacketsLate +
                    " concealed " + a.MediaStats.ConcealedFrames + " dtmf received " + a.MediaStats.DtmfReceived);
                lock (_log) return media + "\n" + string.Join("\n", _log);
            }
        }

        /// <inheritdoc/>
        public void Write(LogLevel level, string source, string message)
        {
            lock (_log) _log.Add(level + " " + source + ": " + message);
        }

        /// <summary>Unregisters when registered (no stale contact for the next test), stops and closes everything.</summary>
        public void Dispose()
        {
            try
            {
                if (Host.Agent != null && Host.Get(a => a.IsRegistered))
                {
                    Host.Do((a, now) => a.Unregister(now));
                    Host.WaitUntil(a => !a.IsRegistered, 2000);
                }
            }
            finally
            {
                Host.Dispose();
            }
        }

        /// <summary>Sine microphone; records the speaker only while the agent has a media session.</summary>
        private sealed class CallAudio : IAudioPort
        {
            private readonly int _hz;
            private long _n;

            public CallAudio(int hz) => _hz = hz;

            public Func<PhoneAgent> Agent;

            public List<short> Played { get; } = new List<short>();

            public bool ReadFrame(short[] frame, int offset)
            {
                for (int i = 0; i < AudioFormat.FrameSamples; i++, _n++)
                    frame[offset + i] = (short)(8000 * Math.Sin(2 * Math.PI * _hz * _n / AudioFormat.SampleRate));
                return true;
            }

            public void WriteFrame(short[] frame, int offset)
            {
                // Called by the agent's audio tick under HostPhone's lock, so reading the agent here is safe.
                PhoneAgent agent = Agent?.Invoke();
                if (agent == null || !agent.MediaActive) return;
                for (int i = 0; i < AudioFormat.FrameSamples; i++) Played.Add(frame[offset + i]);
            }
        }
    }
}
