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
    /// deadline it returns. The OPTIONS branch is written in the shared scratch's credential buffer (an OPTIONS carries no
    /// credential), copied into the Via before anything else uses it.
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
        // The probes' Call-ID, then their From tag (constant for the monitor's lifetime), in one array of their size.
        private readonly byte[] _dialogIds;

        // Per target i, packed (on nanoCLR each array costs a header and each field a 12-byte block):
        // _counts[4i] misses, [4i+1] good probes in a row, [4i+2] TargetHealth, [4i+3] CSeq of the probe in flight;
        // _times[2i] when the next probe is due, [2i+1] when the probe in flight counts as a miss.
        private readonly int[] _counts;
        private readonly long[] _times;
        private readonly ClientTransaction[] _probe;

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
            : this(config, registration, layer, targets, addressOfRecord, localAddress, localPort, random, new SipScratch(768, SipIdGenerator.BranchLength))
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
            int callIdLength = SipIdGenerator.CallIdRandomLength + 1 + _localHost.Length;
            _dialogIds = new byte[callIdLength + SipIdGenerator.TagLength];
            _ids.WriteCallId(_dialogIds, 0, _localHost);
            _ids.WriteTag(_dialogIds, callIdLength);
            _counts = new int[4 * n];
            _times = new long[2 * n];
            _probe = new ClientTransaction[n];
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
        public TargetHealth Health(int index) => (TargetHealth)_counts[4 * index + 2];

        /// <summary>Consecutive misses of target <paramref name="index"/>.</summary>
        public int Misses(int index) => _counts[4 * index];

        /// <summary>Starts probing: the target in use after one keep-alive interval, nothing else until needed.</summary>
        public void Start(long nowMs)
        {
            _running = true;
            IsAllDown = false;
            for (int i = 0; i < _targets.Length; i++)
            {
                SetHealth(i, TargetHealth.Unknown);
                SetMisses(i, 0);
                SetGoods(i, 0);
                SetNextProbeAt(i, nowMs + _config.KeepAliveIntervalMs);
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
                SetHealth(i, TargetHealth.Unknown);
                SetMisses(i, 0);
                SetGoods(i, 0);
                SetNextProbeAt(i, nowMs);
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
                if (_probe[i] != null && nowMs >= ProbeDeadline(i))
                {
                    DropProbe(i);
                    Miss(i, nowMs);
                }
            }
            int current = _registration.TargetIndex;
            for (int i = 0; i < _targets.Length; i++)
            {
                if (_probe[i] == null && IsProbed(i, current) && nowMs >= NextProbeAt(i)) SendProbe(i, current, nowMs);
            }
            long next = long.MaxValue;
            current = _registration.TargetIndex;
            for (int i = 0; i < _targets.Length; i++)
            {
                long at = _probe[i] != null ? ProbeDeadline(i) : (IsProbed(i, current) ? NextProbeAt(i) : long.MaxValue);
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

        // Packed per-target state (see _counts / _times).
        private int MissCount(int i) => _counts[4 * i];

        private void SetMisses(int i, int n) => _counts[4 * i] = n;

        private int GoodCount(int i) => _counts[4 * i + 1];

        private void SetGoods(int i, int n) => _counts[4 * i + 1] = n;

        private TargetHealth HealthOf(int i) => (TargetHealth)_counts[4 * i + 2];

        private void SetHealth(int i, TargetHealth h) => _counts[4 * i + 2] = (int)h;

        private uint ProbeCSeq(int i) => (uint)_counts[4 * i + 3];

        private long NextProbeAt(int i) => _times[2 * i];

        private void SetNextProbeAt(int i, long at) => _times[2 * i] = at;

        private long ProbeDeadline(int i) => _times[2 * i + 1];

        private int ProbeIndex(ClientTransaction tx)
        {
            if (tx.Owner != this) return -1;
            for (int i = 0; i < _targets.Length; i++)
            {
                if (_probe[i] == tx && ProbeCSeq(i) == tx.CSeq) return i;
            }
            return -1;
        }

        private bool IsProbed(int i, int current)
        {
            // The target in use always; better ones for fail-back; every one while the one in use is dead.
            return i <= current || IsAllDown || HealthOf(current) == TargetHealth.Dead;
        }

        private long IntervalFor(int i, int current)
        {
            return i == current && !IsAllDown ? _config.KeepAliveIntervalMs : _config.RecoveryProbeIntervalMs;
        }

        private void SendProbe(int i, int current, long nowMs)
        {
            SetNextProbeAt(i, nowMs + IntervalFor(i, current));
            _cseq++;
            byte[] buffer = _scratch.Transmit;
            SipWriter w = _scratch.Writer;
            w.Reset(buffer, 0, buffer.Length);
            w.WriteRequestLine(SipMethod.Options, _requestUris[i]);
            byte[] branch = _scratch.Auth;
            int bl = _ids.WriteBranch(branch, 0);
            w.WriteVia("UDP", _localHost, _localPort, branch, 0, bl, true);
            w.WriteMaxForwards(70);
            int callIdLength = _dialogIds.Length - SipIdGenerator.TagLength;
            w.WriteNameAddr(SipHeaderId.From, null, _from, _dialogIds, callIdLength, SipIdGenerator.TagLength);
            w.WriteNameAddr(SipHeaderId.To, null, _requestUris[i], null, 0, 0);
            w.WriteCallId(_dialogIds, 0, callIdLength);
            w.WriteCSeq(_cseq, SipMethod.Options);
            w.EndWithoutBody();
            if (w.Overflow) return;
            // The transaction may fail synchronously (OnTransportError runs inside SendRequest): set the probe first.
            _counts[4 * i + 3] = (int)_cseq;
            _times[2 * i + 1] = nowMs + _config.ProbeTimeoutMs;
            _probe[i] = null;
            ClientTransaction tx = _layer.SendRequest(buffer, 0, w.Length, _targets[i], this, nowMs);
            if (tx == null) return; // table full: a local shortage, not the server's fault; try at the next interval
            ProbesSent++;
            if (tx.State != TransactionState.Terminated && tx.State != TransactionState.Free) _probe[i] = tx;
            else if (ProbeCSeq(i) == tx.CSeq && tx.Owner == this) Miss(i, nowMs);
        }

        private void DropProbe(int i)
        {
            ClientTransaction tx = _probe[i];
            _probe[i] = null;
            if (tx != null && tx.Owner == this && tx.CSeq == ProbeCSeq(i)) tx.Abandon();
        }

        private void Miss(int i, long nowMs)
        {
            ProbesMissed++;
            SetGoods(i, 0);
            _counts[4 * i]++;
            // Probe again at once: one lost answer must not cost a whole keep-alive interval of detection time.
            SetNextProbeAt(i, nowMs);
            if (MissCount(i) >= _config.DeadAfterMisses && HealthOf(i) != TargetHealth.Dead)
            {
                SetHealth(i, TargetHealth.Dead);
                Raise(TargetDead, i, nowMs);
            }
            Evaluate(nowMs);
        }

        private void Good(int i, long nowMs)
        {
            ProbesAnswered++;
            SetMisses(i, 0);
            _counts[4 * i + 1]++;
            SetHealth(i, TargetHealth.Alive);
            Evaluate(nowMs);
        }

        private void OnRegistered(RegistrationClient sender, int statusCode, long nowMs)
        {
            if (!_running) return;
            int i = sender.TargetIndex;
            SetMisses(i, 0);
            SetHealth(i, TargetHealth.Alive);
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
                    if (HealthOf(i) != TargetHealth.Alive) continue;
                    IsAllDown = false;
                    Move(i, nowMs);
                    Raise(Recovered, i, nowMs);
                    return;
                }
                return;
            }
            if (HealthOf(current) == TargetHealth.Dead)
            {
                // RFC 3263 §4.3: the next server in order; one not probed yet is worth trying.
                for (int i = 0; i < _targets.Length; i++)
                {
                    if (i == current || HealthOf(i) == TargetHealth.Dead) continue;
                    Move(i, nowMs);
                    Raise(FailedOver, i, nowMs);
                    return;
                }
                IsAllDown = true;
                for (int i = 0; i < _targets.Length; i++) SetNextProbeAt(i, nowMs + _config.RecoveryProbeIntervalMs);
                Raise(AllDown, current, nowMs);
                return;
            }
            for (int i = 0; i < current; i++)
            {
                // Hysteresis: a better target must answer several probes in a row before the binding moves back.
                if (HealthOf(i) != TargetHealth.Alive || GoodCount(i) < _config.FailbackGoodProbes) continue;
                Move(i, nowMs);
                Raise(FailedBack, i, nowMs);
                return;
            }
        }

        private void Move(int i, long nowMs)
        {
            _registration.UseTarget(i, nowMs);
            // The REGISTER is the first probe of the new target; keep-alives follow after one interval.
            SetNextProbeAt(i, nowMs + _config.KeepAliveIntervalMs);
            SetMisses(i, 0);
        }

        private void Raise(RegistrarMonitorHandler handler, int index, long nowMs)
        {
            if (handler != null) handler(this, index, nowMs);
        }
    }
}
