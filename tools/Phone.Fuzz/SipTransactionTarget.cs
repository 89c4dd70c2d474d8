// Fuzz target "siptx": NUL-separated SIP datagrams fed to a CallManager and its RFC 3261 §17 transaction layer on a
// manual clock; once the user hangs up and the peer answers what is pending (never an INVITE), five minutes later nothing
// is left.
namespace Phone.Fuzz
{
    using System;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Transactions;

    /// <summary>
    /// One input = up to <see cref="MaxMessages"/> datagrams separated by a 0x00 byte. Each run starts from a fresh
    /// phone (same seed, so its first INVITE, branch, Call-ID and tags are always the same: seeds can answer it) that
    /// has just placed a call through its proxy. Each datagram is parsed and, when it parses, handed to the layer;
    /// the clock then moves on by an amount taken from the datagram's length, the phone answers ringing calls or
    /// hangs up as the length says, and every deadline on the way is polled.
    /// </summary>
    public sealed class SipTransactionTarget : ISipSender, ICallListener
    {
        /// <summary>Most datagrams taken from one input.</summary>
        public const int MaxMessages = 16;

        /// <summary>The phone's outbound proxy: where its INVITE goes and where most datagrams come from.</summary>
        public static readonly NetEndPoint Proxy = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 9), 5060);

        /// <summary>Another host, for datagrams with an odd length (requests straight from a peer).</summary>
        public static readonly NetEndPoint Other = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 2), 5060);

        /// <summary>Who we call.</summary>
        public const string Target = "sip:202@10.0.0.2";

        private const int MaxRequests = 64;
        private static readonly byte[] PeerTag = { (byte)'w', (byte)'d' };
        private readonly SipMessage _message = new SipMessage();
        private readonly SipMessage _request = new SipMessage();
        private readonly byte[][] _requests = new byte[MaxRequests][];
        private readonly int[] _requestLength = new int[MaxRequests];
        private readonly byte[] _response = new byte[2048];
        private readonly SipWriter _writer;
        private int _requestCount;
        private bool _answering;
        private CallManager _calls;
        private long _now;

        /// <summary>The first datagram the phone sent in the last run (its INVITE), for building seeds.</summary>
        public byte[] FirstSent;

        /// <summary>Datagrams sent in the last run.</summary>
        public int Sent;

        /// <summary>Calls left over after the wind-down of the last run (each also fails the check).</summary>
        public int StuckCalls;

        /// <summary>Calls that reached Connected in the last run, and incoming calls offered (how deep a seed goes).</summary>
        public int Connected, Incoming;

        /// <summary>Creates the target; buffers are reused between runs.</summary>
        public SipTransactionTarget()
        {
            for (int i = 0; i < MaxRequests; i++) _requests[i] = new byte[1500];
            _writer = new SipWriter(_response);
        }

        /// <summary>A fresh phone, as every run gets it.</summary>
        public CallManager NewPhone()
        {
            var config = new CallConfig
            {
                User = "201", Domain = "pbx.test", LocalAddress = NetEndPoint.MakeAddress(10, 0, 0, 1), LocalSipPort = 5060,
                OutboundProxy = Proxy, MaxCalls = 2, CallWaiting = true,
            };
            FirstSent = null;
            Sent = Connected = Incoming = 0;
            _requestCount = 0;
            return new CallManager(config, this, this, new SipTimers(), new Random(1));
        }

        /// <summary>Runs one input. Throws <see cref="InvariantException"/> when an invariant breaks.</summary>
        public void Run(byte[] data, int offset, int count)
        {
            _calls = NewPhone();
            _now = 0;
            Check(_calls.PlaceCall(Target, 0) != null, "siptx: the first call could not be placed");
            int start = offset, end = offset + count;
            for (int n = 0; n < MaxMessages && start <= end; n++)
            {
                int stop = start;
                while (stop < end && data[stop] != 0) stop++;
                int length = stop - start;
                if (_message.TryParse(data, start, length))
                {
                    _calls.Layer.Receive(_message, (length & 1) == 0 ? Proxy : Other, _now);
                }
                Act(length);
                Advance(_now + (length % 8) * 250);
                start = stop + 1;
            }
            // Wind down: hang up whatever is left, then let the network half behave: a peer answers every non-INVITE
            // request the phone sent (200, CANCEL and BYE included) but never an INVITE, like a PBX that restarted
            // while ringing. The phone must free what it started on its own: an INVITE without a provisional by Timer B,
            // one with a provisional by its CANCEL and RFC 3261 §9.1 (64·T1 later). After that every timer (64·T1 = 32 s,
            // Timer D 32 s, 2xx retransmissions 32 s, BYE Timer F 32 s) runs out within five minutes.
            for (int i = 0; i < _calls.Capacity; i++) _calls.Hangup(_calls.GetCall(i), _now);
            for (int round = 0; round < 2; round++)
            {
                Advance(_now + 1000);
                AnswerEverything();
            }
            Advance(_now + 300000);
            StuckCalls = 0;
            for (int i = 0; i < _calls.Capacity; i++)
            {
                Call c = _calls.GetCall(i);
                if (c == null || c.State == CallState.Idle || c.State == CallState.Terminated) continue;
                // Any call left over is a leak (a 2xx the manager cannot use now ends the call 502).
                StuckCalls++;
                Check(false, "siptx: call " + i + " left in state " + CallStateNames.Name(c.State));
            }
            Check(_calls.Layer.ActiveServers == 0, "siptx: server transactions left: " + _calls.Layer.ActiveServers);
            Check(_calls.Layer.ActiveClients == 0, "siptx: client transactions left: " + _calls.Layer.ActiveClients);
        }

        private void AnswerEverything()
        {
            // What is sent while answering (an ACK, a BYE for a 2xx that crossed the CANCEL) is not recorded: its own
            // timers end it. The ring holds the last MaxRequests requests, the ones that can still be pending.
            int pending = _requestCount < MaxRequests ? _requestCount : MaxRequests;
            _answering = true;
            for (int i = 0; i < pending; i++)
            {
                if (!_request.TryParse(_requests[i], 0, _requestLength[i]) || !_request.IsRequest || _request.Method == SipMethod.Invite) continue;
                _writer.Reset(_response, 0, _response.Length);
                _writer.WriteResponseHeaders(_request, 200, "OK", PeerTag, 0, PeerTag.Length, false);
                _writer.EndWithoutBody();
                if (_writer.Overflow || !_message.TryParse(_response, 0, _writer.Length)) continue;
                _calls.Layer.Receive(_message, Proxy, _now);
            }
            _answering = false;
            _requestCount = 0;
        }

        private void Act(int length)
        {
            // The user's part, chosen by the datagram's length so the fuzzer can steer it.
            for (int i = 0; i < _calls.Capacity; i++)
            {
                Call c = _calls.GetCall(i);
                if (c == null) continue;
                if (c.State == CallState.Ringing && length % 3 == 0) _calls.Answer(c, _now);
                else if (c.State == CallState.Connected && length % 5 == 0) _calls.Hangup(c, _now);
                else if (c.State == CallState.Connected && length % 7 == 0) _calls.SetHold(c, !c.LocalHold, _now);
            }
        }

        private void Advance(long until)
        {
            int sameInstant = 0;
            while (true)
            {
                long next = _calls.Poll(_now);
                if (next > until) break;
                if (next <= _now)
                {
                    // A deadline at or before now is fine once (a slot to free); one that never moves is a busy loop.
                    Check(++sameInstant < 1000, "siptx: Poll keeps asking for the same instant " + _now);
                    continue;
                }
                sameInstant = 0;
                _now = next;
            }
            _now = until;
            _calls.Poll(_now);
        }

        /// <inheritdoc/>
        public bool IsReliable(NetEndPoint destination) => false;

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count, NetEndPoint destination)
        {
            Check(count > 0 && offset >= 0 && offset + count <= buffer.Length, "siptx: send outside the buffer");
            if (FirstSent == null)
            {
                FirstSent = new byte[count];
                Array.Copy(buffer, offset, FirstSent, 0, count);
            }
            Sent++;
            // Keep requests (not ACKs, which get no response) for the well-behaved peer of the wind-down.
            bool request = count > 4 && !(buffer[offset] == 'S' && buffer[offset + 1] == 'I' && buffer[offset + 2] == 'P' && buffer[offset + 3] == '/')
                && !(buffer[offset] == 'A' && buffer[offset + 1] == 'C' && buffer[offset + 2] == 'K');
            int slot = _requestCount % MaxRequests;
            if (request && !_answering && count <= _requests[slot].Length)
            {
                Array.Copy(buffer, offset, _requests[slot], 0, count);
                _requestLength[slot] = count;
                _requestCount++;
            }
            return true;
        }

        /// <inheritdoc/>
        public void OnIncomingCall(Call call, long nowMs) => Incoming++;

        /// <inheritdoc/>
        public void OnCallState(Call call, long nowMs)
        {
            if (call.State == CallState.Connected) Connected++;
        }

        /// <inheritdoc/>
        public void OnMediaChanged(Call call, long nowMs) { }

        private static void Check(bool condition, string what)
        {
            if (!condition) throw new InvariantException(what);
        }
    }
}
