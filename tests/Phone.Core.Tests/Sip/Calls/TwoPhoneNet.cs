// In-memory SIP network for call tests: UAs on 10.0.0.x, a manual clock, loss injection, a log of every datagram.
namespace Phone.Core.Tests.Sip.Calls
{
    using System;
    using System.Collections.Generic;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Transactions;

    internal sealed class TwoPhoneNet
    {
        public long Now;
        public readonly List<string> Log = new List<string>();
        public readonly Dictionary<uint, Ua> Uas = new Dictionary<uint, Ua>();
        /// <summary>Returns true to drop a datagram (text, from, to).</summary>
        public Func<string, NetEndPoint, NetEndPoint, bool> Drop = (m, f, t) => false;
        private readonly Queue<(byte[] Data, NetEndPoint From, NetEndPoint To)> _queue = new Queue<(byte[], NetEndPoint, NetEndPoint)>();

        public TestProxy Proxy;

        public Ua Add(int lastOctet, Action<CallConfig> configure = null)
        {
            var cfg = new CallConfig
            {
                User = "u" + lastOctet,
                Domain = "pbx.test",
                LocalAddress = NetEndPoint.MakeAddress(10, 0, 0, lastOctet),
                LocalSipPort = 5060,
            };
            configure?.Invoke(cfg);
            var ua = new Ua(this, cfg, lastOctet);
            Uas[cfg.LocalAddress] = ua;
            return ua;
        }

        public void Enqueue(byte[] data, NetEndPoint from, NetEndPoint to)
        {
            string text = Encoding.ASCII.GetString(data);
            if (Drop(text, from, to))
            {
                Log.Add("DROP " + FirstLine(text));
                return;
            }
            _queue.Enqueue((data, from, to));
        }

        /// <summary>Delivers queued datagrams (and what they cause) until the network is quiet.</summary>
        public void Pump()
        {
            int guard = 0;
            while (_queue.Count > 0 && guard++ < 1000)
            {
                var d = _queue.Dequeue();
                if (Proxy != null && d.To.SameAs(TestProxy.EndPoint))
                {
                    Log.Add("proxy <- " + FirstLine(Encoding.ASCII.GetString(d.Data)));
                    Proxy.Handle(d.Data, d.From);
                    continue;
                }
                if (!Uas.TryGetValue(d.To.Address, out Ua ua)) continue;
                var msg = new SipMessage();
                Assert.True(msg.TryParse(d.Data, 0, d.Data.Length), "unparsable: " + Encoding.ASCII.GetString(d.Data));
                Log.Add(ua.Name + " <- " + FirstLine(Encoding.ASCII.GetString(d.Data)));
                ua.Manager.Layer.Receive(msg, d.From, Now);
            }
        }

        /// <summary>Advances the clock to t, polling every UA at each deadline on the way.</summary>
        public void RunUntil(long t)
        {
            while (true)
            {
                long next = long.MaxValue;
                foreach (var ua in Uas.Values) next = Math.Min(next, ua.Manager.Poll(Now));
                Pump();
                if (next > t) break;
                Now = Math.Max(Now, next);
            }
            Now = t;
            foreach (var ua in Uas.Values) ua.Manager.Poll(Now);
            Pump();
        }

        public int Count(string firstLineStart) => Log.FindAll(l => l.Contains("<- " + firstLineStart)).Count;

        public static string FirstLine(string text)
        {
            int i = text.IndexOf('\r');
            return i < 0 ? text : text.Substring(0, i);
        }

        internal sealed class Ua : ISipSender, ICallListener
        {
            private readonly TwoPhoneNet _net;
            public readonly string Name;
            public readonly CallManager Manager;
            public readonly NetEndPoint EndPoint;
            public readonly List<string> Events = new List<string>();
            public Call Incoming;
            public int MediaChanges;
            /// <summary>When set, call events also go here (e.g. a PhoneLine).</summary>
            public ICallListener Forward;

            public Ua(TwoPhoneNet net, CallConfig cfg, int seed)
            {
                _net = net;
                Name = cfg.User;
                EndPoint = new NetEndPoint(cfg.LocalAddress, cfg.LocalSipPort);
                Manager = new CallManager(cfg, this, this, new SipTimers(), new Random(seed));
            }

            public string Uri => "sip:" + Name + "@" + NetEndPoint.AddressToString(EndPoint.Address) + ":" + EndPoint.Port;

            public bool IsReliable(NetEndPoint destination) => false;

            public bool Send(byte[] buffer, int offset, int count, NetEndPoint destination)
            {
                var copy = new byte[count];
                Array.Copy(buffer, offset, copy, 0, count);
                _net.Enqueue(copy, EndPoint, destination);
                return true;
            }

            public void OnIncomingCall(Call call, long nowMs)
            {
                Incoming = call;
                Events.Add("incoming");
                Forward?.OnIncomingCall(call, nowMs);
            }

            public void OnCallState(Call call, long nowMs)
            {
                Events.Add(CallStateNames.Name(call.State));
                Forward?.OnCallState(call, nowMs);
            }

            public void OnMediaChanged(Call call, long nowMs)
            {
                MediaChanges++;
                Events.Add("media");
                Forward?.OnMediaChanged(call, nowMs);
            }
        }
    }
}
