// Registrar failure detection by OPTIONS keep-alive (RFC 3261 §11), failover to the next target (RFC 3263 §4.3)
// and fail-back to a better target with hysteresis.
namespace Phone.Core.Resilience
{
    using Phone.Core.Net;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transactions;

    /// <summary>
    /// Probes the registrar in use every <see cref="RegistrarMonitorConfig.KeepAliveIntervalMs"/> with OPTIONS through
    /// the shared <see cref="TransactionLayer"/>. A probe not answered within <see cref="RegistrarMonitorConfig.ProbeTimeoutMs"/>
    /// is a miss (its transaction is abandoned, so a dead server holds no slot until Timer F); after a miss the next probe
    /// goes out at once, and <see cref="RegistrarMonitorConfig.DeadAfterMisses"/> misses in a row declare the target dead.
    /// The registration then moves (<see cref="RegistrationClient.UseTarget"/>) to the best target not known dead. While
    /// on a worse target, the better ones are probed too and the registration fails back once one answered
    /// <see cref="RegistrarMonitorConfig.FailbackGoodProbes"/> probes in a row. When every target is dead
    /// <see cref="AllDown"/> is raised (local survivability) and all are probed until one answers.
    /// Forward the transaction events of transactions whose Owner is this object to <see cref="OnResponse"/>,
    /// <see cref="OnTimeout"/> and <see cref="OnTransportError"/>. Time is passed in; call <see cref="Poll"/> by the
    /// deadline it returns.
    /// </summary>
    public sealed class RegistrarMonitor
    {
        private readonly RegistrarMonitorConfig _config;
        private readonly RegistrationClient _registration;
        private readonly TransactionLayer _layer;
        private readonly NetEndPoint[] _targets;
        private readonly string[] _requestUris;
        private readonly string _from;
        private readonly SipIdGenerator _ids;
        private readonly SipScratch _scratch;
        private readonly byte[] _callId = new byte[64];
        private readonly int _callIdLength;
        private readonly byte[] _tag = new byte[SipIdGenerator.TagLength];
        private readonly byte[] _branch = new byte[SipIdGenerator.BranchLength];

        private readonly TargetHealth[] _health;
        private readonly int[] _misses;
        private readonly int[] _goods;
        private readonly long[] _nextProbeAt;
        private readonly long[] _probeDeadline;
        private readonly ClientTransaction[] _probe;
        private readonly uint[] _probeCSeq;

        private string _localHost;
        private int _localPort;
        private uint _cseq;
        private bool _running;

        /// <summary>
        /// Creates the monitor for <paramref name="registration"/>, whose targets are <paramref name="targets"/> (the
        /// same array as its <see cref="RegistrationConfig.Targets"/>, best first). OPTIONS go out From
        /// <paramref name="addressOfRecord"/> with our address in the Via.
        /// </summary>
        public RegistrarMonitor(RegistrarMonitorConfig config, RegistrationClient registration, TransactionLayer layer,
            NetEndPoint[] targets, string addressOfRecord, uint localAddress, int localPort, System.Random random)
            : this(config, registration, layer, targets, addressOfRecord, localAddress, localPort, random, new SipScratch(768, 0))
        {
        }

        /// <summary>
        /// As above, writing the OPTIONS in <paramref name="scratch"/>, the buffers the phone's other request writers share
        /// (each request is copied into its transaction before another writer runs).
        /// </summary>
        public RegistrarMonitor(RegistrarMonitorConfig config, RegistrationClient registration, TransactionLayer layer,
            NetEndPoint[] targets, string addressOfRecord, uint localAddress, int localPort, System.Random random, SipScratch scratch)
        {
            _config = config;
            _registration = registration;
            _layer = layer;
            _targets = targets;
            int n = targets.Length;
            _requestUris = new string[n];
            for (int i = 0; i < n; i++) _requestUris[i] = "sip:" + targets[i].ToString();
            _from = addressOfRecord;
            _ids = new SipIdGenerator(random);
            _scratch = scratch;
            _localHost = NetEndPoint.AddressToString(localAddress);
            _localPort = localPort;
            _callIdLength = _ids.WriteCallId(_callId, 0, _localHost);
            _ids.WriteTag(_tag, 0);
            _health = new TargetHealth[n];
            _misses = new int[n];
            _goods = new int[n];
            _nextProbeAt = new long[n];
            _probeDeadline = new long[n];
            _probe = new ClientTransaction[n];
            _probeCSeq = new uint[n];
            registration.Registered += OnRegistered;
        }

        /// <summary>A target missed <see cref="RegistrarMonitorConfig.DeadAfterMisses"/> probes in a row.</summary>
        public event RegistrarMonitorHandler TargetDead;

        /// <summary>The registration was moved to a worse target because the one in use died.</summary>
        public event RegistrarMonitorHandler FailedOver;

        /// <summary>The registration was moved back to a better target that answered steadily.</summary>
        public event RegistrarMonitorHandler FailedBack;

        /// <summary>Every target is dead (enter local survivability).</summary>
        public event RegistrarMonitorHandler AllDown;

        /// <summary>After <see cref="AllDown"/>: a target answers again (a probe or a 2xx to REGISTER).</summary>
        public event RegistrarMonitorHandler Recovered;

        /// <summary>True between <see cref="AllDown"/> and <see cref="Recovered"/>.</summary>
        public bool IsAllDown { get; private set; }

        /// <summary>OPTIONS probes sent.</summary>
        public int ProbesSent { get; private set; }

        /// <summary>Probes answered in time.</summary>
        public int ProbesAnswered { get; private set; }

        /// <summary>Probes that counted as a miss (no answer in time, 503, timeout, transport error).</summary>
        public int ProbesMissed { get; private set; }

        /// <summary>Targets monitored.</summary>
        public int TargetCount => _targets.Length;

        /// <summary>What the probes say about target <paramref name="index"/>.</summary>
        public TargetHealth Health(int index) => _health[index];

        /// <summary>Consecutive misses of target <paramref name="index"/>.</summary>
        public int Misses(int index) => _misses[index];

        /// <summary>Starts probing: the target in use after one keep-alive interval, nothing else until needed.</summary>
        public void Start(long nowMs)
        {
            _running = true;
            IsAllDown = false;
            for (int i = 0; i < _targets.Length; i++)
            {
                _health[i] = TargetHealth.Unknown;
                _misses[i] = 0;
                _goods[i] = 0;
                _nextProbeAt[i] = nowMs + _config.KeepAliveIntervalMs;
            }
        }

        /// <summary>Stops probing (probes in flight are abandoned).</summary>
        public void Stop()
        {
            _running = false;
            for (int i = 0; i < _targets.Length; i++) DropProbe(i);
        }

        /// <summary>
        /// The target array was rewritten in place (the registrar's DNS answer changed): later probes use the new
        /// addresses, and a target whose address changed starts again as unknown with no misses.
        /// </summary>
        public void RefreshTargets(long nowMs)
        {
            for (int i = 0; i < _targets.Length; i++)
            {
                string uri = "sip:" + _targets[i].ToString();
                if (uri == _requestUris[i]) continue;
                DropProbe(i);
                _requestUris[i] = uri;
                _health[i] = TargetHealth.Unknown;
                _misses[i] = 0;
                _goods[i] = 0;
                _nextProbeAt[i] = nowMs;
            }
        }

        /// <summary>Our address changed: later probes carry the new Via.</summary>
        public void SetLocal(uint localAddress, int localPort)
        {
            _localHost = NetEndPoint.AddressToString(localAddress);
            _localPort = localPort;
        }

        /// <summary>Sends due probes and counts overdue ones as misses; returns the next deadline (long.MaxValue when idle).</summary>
        public long Poll(long nowMs)
        {
            if (!_running) return long.MaxValue;
            for (int i = 0; i < _targets.Length; i++)
            {
                if (_probe[i] != null && nowMs >= _probeDeadline[i])
                {
                    DropProbe(i);
                    Miss(i, nowMs);
                }
            }
            int current = _registration.TargetIndex;
            for (int i = 0; i < _targets.Length; i++)
            {
                if (_probe[i] == null && IsProbed(i, current) && nowMs >= _nextProbeAt[i]) SendProbe(i, current, nowMs);
            }
            long next = long.MaxValue;
            current = _registration.TargetIndex;
            for (int i = 0; i < _targets.Length; i++)
            {
                long at = _probe[i] != null ? _probeDeadline[i] : (IsProbed(i, current) ? _nextProbeAt[i] : long.MaxValue);
                if (at < next) next = at;
            }
            return next;
        }

        /// <summary>A response to one of our OPTIONS.</summary>
        public void OnResponse(ClientTransaction tx, SipMessage response, long nowMs)
        {
            int i = ProbeIndex(tx);
            if (i < 0 || response.StatusCode < 200) return;
            _probe[i] = null;
            // Any final answer shows the server's SIP stack is alive (405/404 included); 503 says it will not serve
            // us (RFC 3263 §4.3 moves on as for a timeout).
            if (response.StatusCode == 503) Miss(i, nowMs);
            else Good(i, nowMs);
        }

        /// <summary>Timer F fired for one of our OPTIONS (only when the probe timeout is longer than 64·T1).</summary>
        public void OnTimeout(ClientTransaction tx, long nowMs)
        {
            int i = ProbeIndex(tx);
            if (i < 0) return;
            _probe[i] = null;
            Miss(i, nowMs);
        }

        /// <summary>The transport could not send one of our OPTIONS.</summary>
        public void OnTransportError(ClientTransaction tx, long nowMs)
        {
            OnTimeout(tx, nowMs);
        }

        private int ProbeIndex(ClientTransaction tx)
        {
            if (tx.Owner != this) return -1;
            for (int i = 0; i < _targets.Length; i++)
            {
                if (_probe[i] == tx && _probeCSeq[i] == tx.CSeq) return i;
            }
            return -1;
        }

        private bool IsProbed(int i, int current)
        {
            // The target in use always; better ones for fail-back; every one while the one in use is dead.
            return i <= current || IsAllDown || _health[current] == TargetHealth.Dead;
        }

        private long IntervalFor(int i, int current)
        {
            return i == current && !IsAllDown ? _config.KeepAliveIntervalMs : _config.RecoveryProbeIntervalMs;
        }

        private void SendProbe(int i, int current, long nowMs)
        {
            _nextProbeAt[i] = nowMs + IntervalFor(i, current);
            _cseq++;
            byte[] buffer = _scratch.Transmit;
            SipWriter w = _scratch.Writer;
            w.Reset(buffer, 0, buffer.Length);
            w.WriteRequestLine(SipMethod.Options, _requestUris[i]);
            int bl = _ids.WriteBranch(_branch, 0);
            w.WriteVia("UDP", _localHost, _localPort, _branch, 0, bl, true);
            w.WriteMaxForwards(70);
            w.WriteNameAddr(SipHeaderId.From, null, _from, _tag, 0, _tag.Length);
            w.WriteNameAddr(SipHeaderId.To, null, _requestUris[i], null, 0, 0);
            w.WriteCallId(_callId, 0, _callIdLength);
            w.WriteCSeq(_cseq, SipMethod.Options);
            w.EndWithoutBody();
            if (w.Overflow) return;
            // The transaction may fail synchronously (OnTransportError runs inside SendRequest): set the probe first.
            _probeCSeq[i] = _cseq;
            _probeDeadline[i] = nowMs + _config.ProbeTimeoutMs;
            _probe[i] = null;
            ClientTransaction tx = _layer.SendRequest(buffer, 0, w.Length, _targets[i], this, nowMs);
            if (tx == null) return; // table full: a local shortage, not the server's fault; try at the next interval
            ProbesSent++;
            if (tx.State != TransactionState.Terminated && tx.State != TransactionState.Free) _probe[i] = tx;
            else if (_probeCSeq[i] == tx.CSeq && tx.Owner == this) Miss(i, nowMs);
        }

        private void DropProbe(int i)
        {
            ClientTransaction tx = _probe[i];
            _probe[i] = null;
            if (tx != null && tx.Owner == this && tx.CSeq == _probeCSeq[i]) tx.Abandon();
        }

        private void Miss(int i, long nowMs)
        {
            ProbesMissed++;
            _goods[i] = 0;
            _misses[i]++;
            // Probe again at once: one lost answer must not cost a whole keep-alive interval of detection time.
            _nextProbeAt[i] = nowMs;
            if (_misses[i] >= _config.DeadAfterMisses && _health[i] != TargetHealth.Dead)
            {
                _health[i] = TargetHealth.Dead;
                Raise(TargetDead, i, nowMs);
            }
            Evaluate(nowMs);
        }

        private void Good(int i, long nowMs)
        {
            ProbesAnswered++;
            _misses[i] = 0;
            _goods[i]++;
            _health[i] = TargetHealth.Alive;
            Evaluate(nowMs);
        }

        private void OnRegistered(RegistrationClient sender, int statusCode, long nowMs)
        {
            if (!_running) return;
            int i = sender.TargetIndex;
            _misses[i] = 0;
            _health[i] = TargetHealth.Alive;
            if (IsAllDown)
            {
                IsAllDown = false;
                Raise(Recovered, i, nowMs);
            }
        }

        private void Evaluate(long nowMs)
        {
            int current = _registration.TargetIndex;
            if (IsAllDown)
            {
                // Leave local survivability with the best target that answers: register there now, not after the back-off.
                for (int i = 0; i < _targets.Length; i++)
                {
                    if (_health[i] != TargetHealth.Alive) continue;
                    IsAllDown = false;
                    Move(i, nowMs);
                    Raise(Recovered, i, nowMs);
                    return;
                }
                return;
            }
            if (_health[current] == TargetHealth.Dead)
            {
                // RFC 3263 §4.3: the next server in order; one not probed yet is worth trying.
                for (int i = 0; i < _targets.Length; i++)
                {
                    if (i == current || _health[i] == TargetHealth.Dead) continue;
                    Move(i, nowMs);
                    Raise(FailedOver, i, nowMs);
                    return;
                }
                IsAllDown = true;
                for (int i = 0; i < _targets.Length; i++) _nextProbeAt[i] = nowMs + _config.RecoveryProbeIntervalMs;
                Raise(AllDown, current, nowMs);
                return;
            }
            for (int i = 0; i < current; i++)
            {
                // Hysteresis: a better target must answer several probes in a row before the binding moves back.
                if (_health[i] != TargetHealth.Alive || _goods[i] < _config.FailbackGoodProbes) continue;
                Move(i, nowMs);
                Raise(FailedBack, i, nowMs);
                return;
            }
        }

        private void Move(int i, long nowMs)
        {
            _registration.UseTarget(i, nowMs);
            // The REGISTER is the first probe of the new target; keep-alives follow after one interval.
            _nextProbeAt[i] = nowMs + _config.KeepAliveIntervalMs;
            _misses[i] = 0;
        }

        private void Raise(RegistrarMonitorHandler handler, int index, long nowMs)
        {
            if (handler != null) handler(this, index, nowMs);
        }
    }
}
