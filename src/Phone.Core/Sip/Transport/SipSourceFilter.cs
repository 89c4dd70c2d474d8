// Source filter and token-bucket rate limit at the SIP entry: requests only from the registrar/proxy we use (and
// configured office peers); unknown traffic is rate limited so that a scanner cannot keep the CPU busy.
namespace Phone.Core.Sip.Transport
{
    using Phone.Core.Net;

    /// <summary>
    /// An allow list of peer end points (port 0 = any port of that address) and a token bucket for traffic from
    /// anyone else. "SIP scanners that ring phones at 3 a.m. get silence": with <see cref="RequestsFromAllowedOnly"/>
    /// a request from an unknown source is dropped without an answer. Time is passed in.
    /// </summary>
    public sealed class SipSourceFilter
    {
        // Addresses and ports side by side: an array of NetEndPoint boxes every element on nanoCLR (48 B each, not 8);
        // a port fits 16 bits.
        private readonly uint[] _address;
        private readonly ushort[] _port;
        private int _count;
        private readonly int _burst;
        private readonly int _perSecond;
        private long _tokensMilli;   // tokens × 1000, so refill is exact in integer arithmetic
        private long _lastMs = long.MinValue;

        /// <summary>
        /// Creates a filter holding up to <paramref name="capacity"/> allowed peers; unknown sources may send
        /// <paramref name="burst"/> messages at once and <paramref name="perSecond"/> per second after that.
        /// </summary>
        public SipSourceFilter(int capacity, int burst, int perSecond)
        {
            _address = new uint[capacity];
            _port = new ushort[capacity];
            _burst = burst;
            _perSecond = perSecond;
            _tokensMilli = (long)burst * 1000;
        }

        /// <summary>When true (the default) requests from sources not on the allow list are dropped silently.</summary>
        public bool RequestsFromAllowedOnly = true;

        /// <summary>Number of allowed peers.</summary>
        public int Count => _count;

        /// <summary>Adds a peer (registrar, outbound proxy, office directory peer). False when the list is full.</summary>
        public bool Allow(NetEndPoint peer)
        {
            if (IsAllowed(peer)) return true;
            if (_count == _address.Length) return false;
            _address[_count] = peer.Address;
            _port[_count++] = (ushort)peer.Port;
            return true;
        }

        /// <summary>Removes a peer added with the same address and port.</summary>
        public void Remove(NetEndPoint peer)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_address[i] == peer.Address && _port[i] == peer.Port)
                {
                    _count--;
                    _address[i] = _address[_count];
                    _port[i] = _port[_count];
                    return;
                }
            }
        }

        /// <summary>Empties the allow list.</summary>
        public void Clear() => _count = 0;

        /// <summary>True when <paramref name="from"/> is on the allow list (an entry with port 0 matches any port).</summary>
        [HotPath]
        public bool IsAllowed(NetEndPoint from)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_address[i] == from.Address && (_port[i] == 0 || _port[i] == from.Port)) return true;
            }
            return false;
        }

        /// <summary>Takes one token from the bucket for unknown traffic; false when it is empty (drop the message).</summary>
        [HotPath]
        public bool TryTakeToken(long nowMs)
        {
            if (_lastMs != long.MinValue && nowMs > _lastMs)
            {
                _tokensMilli += (nowMs - _lastMs) * _perSecond;
                long cap = (long)_burst * 1000;
                if (_tokensMilli > cap) _tokensMilli = cap;
            }
            if (_lastMs == long.MinValue || nowMs > _lastMs) _lastMs = nowMs;
            if (_tokensMilli < 1000) return false;
            _tokensMilli -= 1000;
            return true;
        }
    }
}
