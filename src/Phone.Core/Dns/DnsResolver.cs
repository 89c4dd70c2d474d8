// DNS client for SIP server location (RFC 3263 §4.2 with RFC 2782 SRV) over the datagram port, with a TTL cache
// that also serves the last answer when DNS itself is down. The device's Dns API resolves only A records.
namespace Phone.Core.Dns
{
    using System;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>
    /// One lookup at a time: Begin, then Poll(nowMs) until State is Done or Failed; the ordered targets (address and
    /// port each) are then in Targets[0..TargetCount). Time is passed in; nothing blocks.
    /// </summary>
    public sealed class DnsResolver
    {
        /// <summary>Wait for the first answer before retransmitting; doubles per retry.</summary>
        public const int InitialTimeoutMs = 1000;

        /// <summary>Transmissions per query before it counts as timed out.</summary>
        public const int Attempts = 3;

        /// <summary>Cached names.</summary>
        public const int CacheSize = 4;

        private readonly IDatagramSocket _socket;
        private readonly NetEndPoint _server;
        private readonly Random _random;
        private readonly byte[] _buffer = new byte[512]; // RFC 1035 §4.2.1: UDP messages are at most 512 octets
        private readonly DnsAnswer _answer = new DnsAnswer();
        private readonly DnsResponseReader _reader = new DnsResponseReader();
        private readonly SrvRecord[] _found = NewRecords(DnsAnswer.MaxSrv);
        private readonly int[] _order = new int[DnsAnswer.MaxSrv];
        private readonly bool[] _addressAsked = new bool[DnsAnswer.MaxSrv];
        private readonly string[] _cacheName = new string[CacheSize];
        private readonly SrvRecord[][] _cacheRecords = new SrvRecord[CacheSize][];
        private readonly int[] _cacheCount = new int[CacheSize];
        private readonly long[] _cacheExpiresMs = new long[CacheSize];
        private readonly long[] _cacheUsedMs = new long[CacheSize];

        private string _name;
        private string _fallbackHost;
        private int _fallbackPort;
        private int _foundCount;
        private int _pendingTarget; // index in _found being resolved to an address; -1 for the fallback host
        private int _queryId;
        private int _attempt;
        private long _deadlineMs;
        private int _minTtl;

        /// <summary>Creates a resolver that asks <paramref name="server"/> through <paramref name="socket"/>.</summary>
        public DnsResolver(IDatagramSocket socket, NetEndPoint server, Random random)
        {
            _socket = socket;
            _server = server;
            _random = random;
            for (int i = 0; i < CacheSize; i++) _cacheRecords[i] = NewRecords(DnsAnswer.MaxSrv);
        }

        /// <summary>Where the current lookup stands.</summary>
        public DnsResolveState State { get; private set; }

        /// <summary>Targets in the order to try them (RFC 2782), each with a resolved address.</summary>
        public SrvRecord[] Targets { get; } = NewRecords(DnsAnswer.MaxSrv);

        /// <summary>Valid entries of <see cref="Targets"/>.</summary>
        public int TargetCount { get; private set; }

        /// <summary>True when the targets come from an expired cache entry because DNS did not answer.</summary>
        public bool FromStaleCache { get; private set; }

        /// <summary>Counters.</summary>
        public DnsStats Stats { get; } = new DnsStats();

        /// <summary>
        /// Starts locating <paramref name="srvName"/> (e.g. "_sip._udp.example.com"). When it has no SRV records, the
        /// A record of <paramref name="fallbackHost"/> with <paramref name="fallbackPort"/> is used (RFC 3263 §4.2).
        /// A null or empty <paramref name="srvName"/> asks for the A record only.
        /// </summary>
        public void Begin(string srvName, string fallbackHost, int fallbackPort, long nowMs)
        {
            bool addressOnly = srvName == null || srvName.Length == 0;
            _name = addressOnly ? fallbackHost : srvName;
            _fallbackHost = fallbackHost;
            _fallbackPort = fallbackPort;
            _foundCount = 0;
            for (int i = 0; i < _addressAsked.Length; i++) _addressAsked[i] = false;
            TargetCount = 0;
            FromStaleCache = false;
            _minTtl = int.MaxValue;

            int cached = FindCache(_name);
            if (cached >= 0 && _cacheExpiresMs[cached] > nowMs)
            {
                Stats.CacheHits++;
                UseCache(cached, nowMs);
                return;
            }
            if (addressOnly)
            {
                // No SRV name (RFC 3263 §4.2: a port was given): the host's A record, or the literal itself.
                StartFallback(nowMs);
                return;
            }
            Send(srvName, DnsType.Srv, nowMs, first: true);
            State = DnsResolveState.WaitingSrv;
        }

        /// <summary>Reads answers and handles timeouts; returns when to call again (long.MaxValue when idle).</summary>
        public long Poll(long nowMs)
        {
            if (State != DnsResolveState.WaitingSrv && State != DnsResolveState.WaitingA) return long.MaxValue;
            while (true)
            {
                int n = _socket.ReceiveFrom(_buffer, 0, _buffer.Length, out NetEndPoint from);
                if (n <= 0) break;
                if (!from.SameAs(_server)) { Stats.Unexpected++; continue; }
                DnsReadResult result = _reader.Read(_buffer, 0, n, _queryId, _answer);
                if (result == DnsReadResult.WrongId) { Stats.Unexpected++; continue; }
                if (result == DnsReadResult.Malformed) { Stats.Malformed++; continue; }
                if (result == DnsReadResult.Truncated) { Stats.Truncated++; QueryFailed(nowMs); break; }
                OnAnswer(nowMs);
                break;
            }
            if ((State == DnsResolveState.WaitingSrv || State == DnsResolveState.WaitingA) && nowMs >= _deadlineMs)
            {
                if (_attempt < Attempts) Retransmit(nowMs);
                else { Stats.Timeouts++; QueryFailed(nowMs); }
            }
            return State == DnsResolveState.WaitingSrv || State == DnsResolveState.WaitingA ? _deadlineMs : long.MaxValue;
        }

        private void OnAnswer(long nowMs)
        {
            if (State == DnsResolveState.WaitingSrv)
            {
                if (_answer.ResponseCode != 0 || _answer.SrvCount == 0)
                {
                    // No SRV: RFC 3263 §4.2 falls back to the A record of the domain itself.
                    StartFallback(nowMs);
                    return;
                }
                for (int i = 0; i < _answer.SrvCount; i++)
                {
                    SrvRecord r = _found[_foundCount++];
                    r.CopyFrom(_answer.Srv[i]);
                    Track(r.TtlSeconds);
                    r.Address = _answer.FindAddress(r.Target, out int ttl);
                    if (r.Address != 0) Track(ttl);
                    else if (NetEndPoint.TryParseAddress(r.Target, out uint literal)) r.Address = literal;
                }
                NextAddressOrFinish(nowMs);
                return;
            }

            // An A answer: for an SRV target or for the fallback host.
            string owner = _pendingTarget >= 0 ? _found[_pendingTarget].Target : _fallbackHost;
            uint address = _answer.ResponseCode == 0 && _answer.ACount > 0 ? _answer.AAddress[0] : 0;
            if (address != 0) Track(_answer.ATtl[0]);
            if (_pendingTarget >= 0)
            {
                // An unresolvable target keeps address 0 and is dropped when the order is made.
                _found[_pendingTarget].Address = address;
                NextAddressOrFinish(nowMs);
            }
            else if (address != 0)
            {
                SetSingleTarget(owner, address, _fallbackPort);
                Cache(nowMs);
                State = DnsResolveState.Done;
            }
            else
            {
                QueryFailed(nowMs);
            }
        }

        private void NextAddressOrFinish(long nowMs)
        {
            for (int i = 0; i < _foundCount; i++)
            {
                SrvRecord r = _found[i];
                if (r.Address != 0 || _addressAsked[i] || r.Target == null || r.Target.Length == 0 || r.Target == ".") continue;
                // The server gave no additional-section address for this target: ask for its A record.
                _addressAsked[i] = true;
                _pendingTarget = i;
                Send(r.Target, DnsType.A, nowMs, first: true);
                State = DnsResolveState.WaitingA;
                return;
            }
            FinishFromFound(nowMs);
        }

        private void FinishFromFound(long nowMs)
        {
            int ordered = SrvOrdering.Order(_found, _foundCount, _random, _order);
            TargetCount = 0;
            for (int i = 0; i < ordered; i++)
            {
                SrvRecord r = _found[_order[i]];
                if (r.Address == 0) continue;
                Targets[TargetCount++].CopyFrom(r);
            }
            if (TargetCount == 0) { NoAnswer(nowMs); return; }
            Cache(nowMs);
            State = DnsResolveState.Done;
        }

        private void StartFallback(long nowMs)
        {
            if (NetEndPoint.TryParseAddress(_fallbackHost, out uint literal))
            {
                SetSingleTarget(_fallbackHost, literal, _fallbackPort);
                State = DnsResolveState.Done;
                return;
            }
            _pendingTarget = -1;
            Send(_fallbackHost, DnsType.A, nowMs, first: true);
            State = DnsResolveState.WaitingA;
        }

        private void QueryFailed(long nowMs)
        {
            if (State == DnsResolveState.WaitingA && _pendingTarget >= 0)
            {
                // One SRV target did not resolve: drop it and go on with the others.
                _found[_pendingTarget].Address = 0;
                NextAddressOrFinish(nowMs);
                return;
            }
            NoAnswer(nowMs);
        }

        private void NoAnswer(long nowMs)
        {
            int cached = FindCache(_name);
            if (cached >= 0)
            {
                // DNS is down (or answers nonsense): the last good answer beats no phone service.
                Stats.StaleAnswers++;
                UseCache(cached, nowMs);
                FromStaleCache = true;
                return;
            }
            TargetCount = 0;
            State = DnsResolveState.Failed;
        }

        private void Send(string name, int type, long nowMs, bool first)
        {
            if (first)
            {
                _queryId = _random.Next(0x10000);
                _attempt = 0;
            }
            int length = DnsQueryWriter.Write(_buffer, 0, _buffer.Length, _queryId, name, type);
            _attempt++;
            _deadlineMs = nowMs + (InitialTimeoutMs << (_attempt - 1));
            if (length > 0 && _socket.SendTo(_buffer, 0, length, _server)) Stats.QueriesSent++;
        }

        private void Retransmit(long nowMs)
        {
            if (State == DnsResolveState.WaitingSrv) Send(_name, DnsType.Srv, nowMs, first: false);
            else Send(_pendingTarget >= 0 ? _found[_pendingTarget].Target : _fallbackHost, DnsType.A, nowMs, first: false);
        }

        private void SetSingleTarget(string host, uint address, int port)
        {
            SrvRecord t = Targets[0];
            t.Priority = 0;
            t.Weight = 0;
            t.Port = port;
            t.Target = host;
            t.Address = address;
            t.TtlSeconds = _minTtl == int.MaxValue ? 0 : _minTtl;
            TargetCount = 1;
        }

        private void Track(int ttlSeconds)
        {
            if (ttlSeconds < _minTtl) _minTtl = ttlSeconds;
        }

        private int FindCache(string name)
        {
            for (int i = 0; i < CacheSize; i++) if (_cacheName[i] != null && DnsName.EqualsIgnoreCase(_cacheName[i], name)) return i;
            return -1;
        }

        private void Cache(long nowMs)
        {
            if (_name == null || _name.Length == 0) return;
            int slot = FindCache(_name);
            if (slot < 0)
            {
                slot = 0;
                for (int i = 0; i < CacheSize; i++)
                {
                    if (_cacheName[i] == null) { slot = i; break; }
                    if (_cacheUsedMs[i] < _cacheUsedMs[slot]) slot = i;
                }
            }
            _cacheName[slot] = _name;
            _cacheCount[slot] = TargetCount;
            for (int i = 0; i < TargetCount; i++) _cacheRecords[slot][i].CopyFrom(Targets[i]);
            long ttl = _minTtl == int.MaxValue ? 0 : _minTtl;
            _cacheExpiresMs[slot] = nowMs + ttl * 1000;
            _cacheUsedMs[slot] = nowMs;
        }

        private void UseCache(int slot, long nowMs)
        {
            TargetCount = _cacheCount[slot];
            for (int i = 0; i < TargetCount; i++) Targets[i].CopyFrom(_cacheRecords[slot][i]);
            _cacheUsedMs[slot] = nowMs;
            State = DnsResolveState.Done;
        }

        private static SrvRecord[] NewRecords(int count)
        {
            var records = new SrvRecord[count];
            for (int i = 0; i < count; i++) records[i] = new SrvRecord();
            return records;
        }
    }
}
