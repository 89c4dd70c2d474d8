// Provisioning client: fetches common + per-device configuration over HTTPS, validates, keeps last-known-good,
// resyncs periodically and on check-sync, reports status. A state machine driven by Poll(nowMs); no timers.
namespace Phone.Core.Provisioning
{
    using System;
    using Phone.Core.Auth;
    using Phone.Core.Crypto;
    using Phone.Core.Ports;

    /// <summary>
    /// Keeps the device configured from the provisioning server without ever leaving it unconfigured: a bad file, a
    /// dead server or a power cut mid-update keeps the last-known-good configuration (or the factory defaults before
    /// the first success) and retries with jittered exponential backoff. Each <see cref="Poll"/> does at most one
    /// HTTPS exchange, so the protocol thread stays responsive between requests.
    /// </summary>
    public sealed class ProvisioningClient
    {
        /// <summary>Redirects followed per file before the attempt fails as a redirect loop.</summary>
        public const int MaxRedirects = 5;

        /// <summary>Whole-request timeout handed to the HTTPS port.</summary>
        public const int RequestTimeoutMs = 15000;

        /// <summary>How often a device without any server URL looks again (DHCP may have answered meanwhile).</summary>
        public const int NoServerRecheckMs = 60000;

        /// <summary>Shortest time between two resyncs asked for from the network (<see cref="TryRequestResync"/>).</summary>
        public const int MinRemoteResyncIntervalMs = 60000;

        private const string LogSource = "provisioning";
        private const string LkgPrefix = "cfg";
        private const string SetupPrefix = "setup";
        private const int SetupBytes = 2048;

        // Names of the ConfigChanges bits in bit order, for the log: a literal (flash on nanoCLR), not a static table.
        private const string ChangeNames = "account media dialplan directory tones time syslog provisioning security fxs keys version";

        // The CA the HTTPS port trusts. Once handed over, the configuration in force keeps only its fingerprint: the
        // port holds the certificate, the stored configuration (last-known-good, read again at boot) its text, and a
        // resync compares the file's CA with the fingerprint to tell whether the port needs a new one.
        private const string CaKey = "security.ca_pem";

        // Every area: what a file applied without the configuration in force to compare it with changes.
        private const ConfigChanges AllAreas = (ConfigChanges)0x0FFF;

        // _flags bits: on nanoCLR every field is a 12-byte heap block, a bool too.
        private const int HasStoredFlag = 1;
        private const int ResyncRequestedFlag = 2;
        private const int ReloadFailedFlag = 4;
        private const int HoldBufferFlag = 8;
        private const int KeepFileLayersFlag = 16;
        private const int HoldConfigurationFlag = 32;

        private readonly IHttpsFetcher _fetcher;
        private readonly ISettingsStore _store;
        private readonly ILog _log;
        private readonly ProvisioningRandom _random;
        private readonly string _mac;
        private readonly string _factoryUrl;
        private readonly int _maxFileBytes;
        private byte[] _buffer; // stored configuration, setup entry and response bodies, one at a time; see HoldBuffer
        private readonly ConfigSlotStore _lkg;
        private readonly ProvisioningStats _stats = new ProvisioningStats();

        private ProvisioningConfig _current; // null while parked (HoldConfiguration false)
        private ProvisioningConfig _setupEntry; // null when none is stored

        // While parked: the keys this client reads itself (prov.*, security.signing_*), so that resyncs, status reports
        // and backoff run without the rest. _storedHash is the SHA-256 of the last-known-good slot's content while that
        // content is the configuration in force (null otherwise: then nothing is parked). ReloadFailedFlag: a read-back
        // failed, so the next file fetched is applied whole, whatever it holds.
        private ProvisioningConfig _resume;
        private byte[] _storedHash;
        private int _flags = HoldBufferFlag | KeepFileLayersFlag | HoldConfigurationFlag;
        private ProvisioningState _state = ProvisioningState.Idle;
        private ProvisioningState _afterReport = ProvisioningState.Idle;
        private long _deadline;
        private long _statusDeadline = long.MaxValue;
        private long _lastRemoteResyncMs = long.MinValue;
        private string _resyncReason;
        private int _failures;
        private string _lastResult = "none";

        // The attempt in progress (null while idle) and what the server sent last time (KeepFileLayers only).
        private ProvisioningAttempt _attempt;
        private ProvisioningFileCache _cache;

        /// <summary>
        /// Creates the client and boots it: loads the last-known-good configuration from <paramref name="store"/>
        /// (factory defaults when none is valid) and schedules a first provisioning attempt at the first Poll.
        /// </summary>
        /// <param name="fetcher">HTTPS port.</param>
        /// <param name="store">Settings store (last-known-good slots "cfg.a"/"cfg.b", setup entry "setup.a"/"setup.b").</param>
        /// <param name="log">Log sink; receives no secrets.</param>
        /// <param name="randomSeed">Seed of the jitter source (use something device-specific, e.g. from the MAC).</param>
        /// <param name="mac">Device MAC, any of "00:11:22:33:44:55", "00-11-…", "001122334455".</param>
        /// <param name="factoryUrl">The board's factory provisioning URL (https), or null/empty.</param>
        /// <exception cref="ArgumentException">The MAC or the factory URL is malformed (a start-up configuration error).</exception>
        public ProvisioningClient(IHttpsFetcher fetcher, ISettingsStore store, ILog log, int randomSeed, string mac, string factoryUrl)
            : this(fetcher, store, log, randomSeed, mac, factoryUrl, ConfigParser.MaxFileBytes)
        {
        }

        /// <summary>
        /// As above, with the largest configuration file (and stored configuration) this device takes: one buffer of
        /// that size (+ a slot header) holds the stored configuration, the setup entry and each HTTPS response body
        /// in turn, since the body is parsed before anything is stored. A larger file ends as
        /// <see cref="HttpsOutcome.TooLarge"/>. The device passes MemoryBudget.ConfigFileBytes.
        /// </summary>
        /// <exception cref="ArgumentException">The MAC or the factory URL is malformed, or the size is out of range.</exception>
        public ProvisioningClient(IHttpsFetcher fetcher, ISettingsStore store, ILog log, int randomSeed, string mac, string factoryUrl, int maxFileBytes)
        {
            if (maxFileBytes < SetupBytes || maxFileBytes > ConfigParser.MaxFileBytes) throw new ArgumentException("maxFileBytes");
            _maxFileBytes = maxFileBytes;
            if (fetcher == null || store == null || log == null) throw new ArgumentNullException();
            _fetcher = fetcher;
            _store = store;
            _log = log;
            _random = new ProvisioningRandom(randomSeed);
            _mac = NormalizeMac(mac);
            _factoryUrl = null;
            if (factoryUrl != null && factoryUrl.Length > 0)
            {
                string normalized, reason;
                if (!ConfigValues.TryNormalize(ConfigSchema.Find("prov.url"), factoryUrl, out normalized, out reason)) throw new ArgumentException("factoryUrl: " + reason);
                _factoryUrl = normalized;
            }
            _buffer = new byte[ConfigSlotStore.HeaderLength + maxFileBytes];
            _lkg = new ConfigSlotStore(store, LkgPrefix, maxFileBytes, _buffer);
            int storedLength;
            bool hasStored;
            _current = LoadStored(_lkg, "stored configuration", out hasStored, out storedLength);
            SetFlag(HasStoredFlag, hasStored);
            if (hasStored) _storedHash = HashOf(_buffer, storedLength);
            // The setup entry's slots are read here and written by EnterSetup; no store object is kept between.
            bool hasSetup;
            ProvisioningConfig setup = LoadStored(new ConfigSlotStore(store, SetupPrefix, SetupBytes, _buffer), "setup entry", out hasSetup, out storedLength);
            _setupEntry = setup.Count > 0 ? setup : null;
            string pem = _current.GetString(CaKey);
            if (pem.Length > 0) _fetcher.SetTrustedCa(pem);
            _current.KeepPemFingerprint(CaKey);
            _log.Write(LogLevel.Info, LogSource, hasStored
                ? "booted with last-known-good configuration #" + _lkg.Sequence.ToString() + " (" + _current.Count.ToString() + " keys)"
                : "booted with factory defaults (no stored configuration)");
            SetFlag(ResyncRequestedFlag, true);
            _resyncReason = "boot";
        }

        /// <summary>Raised after a configuration that differs from the running one was applied.</summary>
        public event ConfigAppliedHandler ConfigApplied;

        /// <summary>DHCP option source (options 66/43), or null where the network stack does not expose them (ESP32).</summary>
        public IDhcpOptionSource Dhcp { get; set; }

        /// <summary>Supplier of firmware version, registration state and call quality for status reports, or null.</summary>
        public IStatusProvider StatusProvider { get; set; }

        /// <summary>
        /// The configuration in force (last-known-good, or factory defaults when nothing is stored). Its
        /// security.ca_pem reads as the CA's fingerprint (<see cref="ProvisioningConfig.FingerprintPrefix"/>): the
        /// HTTPS port was given the certificate, and the stored configuration keeps its text.
        /// </summary>
        /// <remarks>
        /// With <see cref="HoldConfiguration"/> false the configuration in force is parked whenever Poll returns idle, and
        /// each read of this property while parked is a new copy read back from the last-known-good slot (its content is
        /// checked against the SHA-256 kept of it); null when that read fails (logged and counted in
        /// <see cref="ProvisioningStats.ReloadFailures"/>; the next file fetched is then applied whole).
        /// </remarks>
        public ProvisioningConfig Current => _current != null ? _current : Reload();

        /// <summary>
        /// True (the default): the configuration in force stays in memory. False (the device): whenever <see cref="Poll"/>
        /// returns idle and the last-known-good slot holds exactly it, only the keys this client reads itself are kept
        /// (server, credentials, timing, signing) and the rest is read back from the slot when next needed: by
        /// <see cref="Current"/>, or by a resync whose file differs from the stored one. The device polls provisioning
        /// only on hook and builds its agent from the configuration beforehand, so a call holds only those keys.
        /// </summary>
        public bool HoldConfiguration
        {
            get => (_flags & HoldConfigurationFlag) != 0;
            set => SetFlag(HoldConfigurationFlag, value);
        }

        /// <summary>
        /// True (the default): the configuration buffer (maxFileBytes + slot header) is kept from start-up on. False
        /// (the device): it is dropped whenever <see cref="Poll"/> returns idle and allocated again when an attempt, a
        /// status report or a setup entry needs it; the device polls provisioning only on hook, so a call never holds it.
        /// </summary>
        public bool HoldBuffer
        {
            get => (_flags & HoldBufferFlag) != 0;
            set => SetFlag(HoldBufferFlag, value);
        }

        /// <summary>
        /// True (the default): the two parsed files are kept after a resync, so an unchanged file costs one 304
        /// (If-None-Match). False frees them (the device: a few KB of heap) and every resync fetches both files whole;
        /// an unchanged result is still recognised and not applied again.
        /// </summary>
        public bool KeepFileLayers
        {
            get => (_flags & KeepFileLayersFlag) != 0;
            set => SetFlag(KeepFileLayersFlag, value);
        }

        /// <summary>True when a valid configuration was loaded from or saved to the store.</summary>
        public bool HasStoredConfiguration => (_flags & HasStoredFlag) != 0;

        /// <summary>Current state.</summary>
        public ProvisioningState State => _state;

        /// <summary>Counters since boot.</summary>
        public ProvisioningStats Stats => _stats;

        /// <summary>Name of the per-device file: lower-case MAC without separators + ".cfg".</summary>
        public string DeviceFileName => _mac + ".cfg";

        /// <summary>True while an attempt or a status report is in progress (Poll again at once).</summary>
        public bool IsBusy => _state == ProvisioningState.FetchingCommon || _state == ProvisioningState.FetchingDevice
            || _state == ProvisioningState.Reporting;

        /// <summary>
        /// Asks for a provisioning attempt at the next Poll: SIP NOTIFY Event: check-sync, a key press, a console
        /// command. Also cuts a backoff short.
        /// </summary>
        public void RequestResync(string reason)
        {
            SetFlag(ResyncRequestedFlag, true);
            _resyncReason = reason;
            _log.Write(LogLevel.Info, LogSource, "resync requested (" + reason + ")");
        }

        /// <summary>
        /// A resync asked for from the network (SIP NOTIFY Event: check-sync from the PBX): like <see cref="RequestResync"/>
        /// but at most once per <see cref="MinRemoteResyncIntervalMs"/>, so a PBX (or someone spoofing it) repeating the
        /// NOTIFY cannot keep the phone fetching. False when refused by the rate limit (counted in Stats).
        /// </summary>
        public bool TryRequestResync(string reason, long nowMs)
        {
            if (_lastRemoteResyncMs != long.MinValue && nowMs - _lastRemoteResyncMs < MinRemoteResyncIntervalMs)
            {
                _stats.ResyncsRateLimited++;
                return false;
            }
            _lastRemoteResyncMs = nowMs;
            RequestResync(reason);
            return true;
        }

        /// <summary>
        /// Stores a one-time setup entry typed on the console or keypad (server URL and optional credentials), used
        /// when the stored configuration has no prov.url, and starts an attempt. False with a reason when invalid.
        /// </summary>
        public bool EnterSetup(string url, string user, string password, string token, out string error)
        {
            var entry = new ProvisioningConfig();
            entry.Set(ConfigSchema.VersionKey, ConfigSchema.SupportedMajor.ToString());
            if (!SetChecked(entry, "prov.url", url, out error) || !SetChecked(entry, "prov.user", user, out error)
                || !SetChecked(entry, "prov.password", password, out error) || !SetChecked(entry, "prov.token", token, out error))
            {
                return false;
            }
            if (entry.GetString("prov.url").Length == 0) { error = "prov.url: required"; return false; }
            // The store picks its slot (reading both through the buffer) before the entry is written there.
            var setup = new ConfigSlotStore(_store, SetupPrefix, SetupBytes, Buffer());
            setup.Load(null, 0);
            int n = entry.Serialize(_buffer, ConfigSlotStore.HeaderLength);
            if (n < 0 || !setup.SaveBuffer(n))
            {
                error = "could not save the setup entry";
                return false;
            }
            _setupEntry = entry;
            _log.Write(LogLevel.Info, LogSource, "setup entry stored: " + ProvisioningUrl.ForLog(entry.GetString("prov.url")));
            RequestResync("setup entry");
            return true;
        }

        /// <summary>
        /// Advances the client. Returns the time (ms, same clock as <paramref name="nowMs"/>) by which Poll must be
        /// called again; it equals nowMs while an attempt is in progress.
        /// </summary>
        public long Poll(long nowMs)
        {
            switch (_state)
            {
                case ProvisioningState.FetchingCommon:
                case ProvisioningState.FetchingDevice:
                    StepFetch(nowMs);
                    break;
                case ProvisioningState.Reporting:
                    SendStatus(nowMs);
                    SetState(_afterReport, "status report done");
                    break;
                default:
                    if ((_flags & ResyncRequestedFlag) != 0 || nowMs >= _deadline)
                    {
                        StartAttempt(nowMs);
                    }
                    else if (nowMs >= _statusDeadline)
                    {
                        _afterReport = _state;
                        SetState(ProvisioningState.Reporting, "periodic status report");
                    }
                    break;
            }
            if (IsBusy) return nowMs;
            // Nothing of the attempt is read before the next one starts: its URLs, tags, credentials, request and last body.
            _attempt = null;
            Park();
            if (!HoldBuffer) DropBuffer();
            return _deadline < _statusDeadline ? _deadline : _statusDeadline;
        }

        private void StartAttempt(long nowMs)
        {
            string reason = (_flags & ResyncRequestedFlag) != 0 ? _resyncReason : "periodic";
            SetFlag(ResyncRequestedFlag, false);
            string source;
            string url = ResolveServer(out source);
            if (url == null)
            {
                if (_state != ProvisioningState.WaitingForServer)
                {
                    _log.Write(LogLevel.Warning, LogSource, "no provisioning server: no prov.url stored or entered at setup, no factory URL, "
                        + "no DHCP option 66/43; keeping " + Kept() + ", waiting for a setup entry");
                }
                _deadline = nowMs + NoServerRecheckMs;
                SetState(ProvisioningState.WaitingForServer, "no server URL");
                return;
            }
            _stats.Attempts++;
            _attempt = new ProvisioningAttempt();
            _attempt.BaseUrl = url;
            _log.Write(LogLevel.Info, LogSource, "resync (" + reason + ") from " + ProvisioningUrl.ForLog(url) + " (" + source + ")");
            _attempt.AllNotModified = true;
            string common = Own().GetString("prov.common_file");
            _attempt.CommonFetched = common.Length > 0;
            if (_attempt.CommonFetched) BeginFile(ProvisioningState.FetchingCommon, common);
            else BeginFile(ProvisioningState.FetchingDevice, DeviceFileName);
        }

        private void BeginFile(ProvisioningState state, string name)
        {
            _attempt.FileName = name;
            _attempt.Url = ProvisioningUrl.FileUrl(_attempt.BaseUrl, name);
            _attempt.Hops = 0;
            _attempt.AuthTried = false;
            _attempt.StaleRetried = false;
            string token = Setting("prov.token");
            _attempt.Authorization = token.Length > 0 ? "Bearer " + token : null;
            SetState(state, name);
        }

        private void StepFetch(long nowMs)
        {
            bool common = _state == ProvisioningState.FetchingCommon;
            string fileUrl = ProvisioningUrl.FileUrl(_attempt.BaseUrl, _attempt.FileName);
            ProvisioningFileCache cache = _cache;
            string cachedTag = cache == null ? null
                : common ? (cache.CommonUrl == fileUrl ? cache.CommonTag : null) : (cache.DeviceUrl == fileUrl ? cache.DeviceTag : null);
            _attempt.Request.Method = "GET";
            _attempt.Request.Url = _attempt.Url;
            _attempt.Request.Authorization = _attempt.Authorization;
            _attempt.Request.IfNoneMatch = cachedTag;
            _attempt.Request.ContentType = null;
            _attempt.Request.Body = null;
            _attempt.Request.BodyLength = 0;
            _attempt.Request.TimeoutMs = RequestTimeoutMs;
            _attempt.Request.MaxResponseBytes = _maxFileBytes;
            _attempt.Request.ResponseBuffer = Buffer();
            _stats.Requests++;
            HttpsResponse r = _fetcher.Send(_attempt.Request);
            if (r == null) { Fail(nowMs, "no response from the HTTPS port"); return; }
            if (r.Outcome != HttpsOutcome.Completed) { Fail(nowMs, OutcomeText(r)); return; }

            int code = r.StatusCode;
            if (code == 304)
            {
                if (cachedTag == null) { Fail(nowMs, "304 Not Modified to a request without If-None-Match"); return; }
                _stats.NotModified++;
                FileDone(nowMs, common, common ? cache.Common : cache.Device, cachedTag);
                return;
            }
            if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308)
            {
                // RFC 9110 §15.4: follow Location, but only to https and only a few times (a loop must end).
                string next = ProvisioningUrl.ResolveRedirect(_attempt.Url, r.Location);
                if (next == null) { Fail(nowMs, code.ToString() + " redirect to a missing or non-https Location refused"); return; }
                if (++_attempt.Hops > MaxRedirects) { Fail(nowMs, "redirect loop (more than " + MaxRedirects.ToString() + " redirects)"); return; }
                _log.Write(LogLevel.Debug, LogSource, ProvisioningUrl.ForLog(_attempt.Url) + ": " + code.ToString() + " to " + ProvisioningUrl.ForLog(next));
                // Credentials are for the provisioning server: a redirect to another origin does not carry them.
                if (ProvisioningUrl.Origin(next) != ProvisioningUrl.Origin(_attempt.Url)) _attempt.Authorization = null;
                _attempt.Url = next;
                _attempt.AuthTried = false;
                return;
            }
            if (code == 401)
            {
                // RFC 7616 §3.3: answer one challenge; a second 401 means the credentials are wrong.
                // RFC 7616 §3.3: stale=true means the password was right and only the nonce expired: answer once more.
                bool stale = _attempt.AuthTried && !_attempt.StaleRetried && IsStale(r.WwwAuthenticate);
                if (stale) _attempt.StaleRetried = true;
                if (!_attempt.AuthTried || stale)
                {
                    string authorization;
                    if (TryAuthorize(r.WwwAuthenticate, "GET", _attempt.Url, out authorization))
                    {
                        _attempt.AuthTried = true;
                        _attempt.Authorization = authorization;
                        return;
                    }
                    Fail(nowMs, "401 Unauthorized (no usable credentials for this challenge)");
                    return;
                }
                Fail(nowMs, "401 Unauthorized (credentials rejected)");
                return;
            }
            if (code == 404 && common)
            {
                _attempt.AllNotModified = false;
                FileDone(nowMs, true, new ProvisioningConfig(), null);
                return;
            }
            if (code != 200) { Fail(nowMs, code.ToString() + " " + Reason(code)); return; }

            _attempt.AllNotModified = false;
            if (!IsConfigContentType(r.ContentType))
            {
                Fail(nowMs, "content type " + r.ContentType + " is not a configuration file (captive portal?)");
                return;
            }
            if (r.Body == null || r.BodyLength < 0 || r.BodyLength > r.Body.Length) { Fail(nowMs, "truncated body"); return; }
            string error;
            int length;
            if (!CheckSignature(r.Body, r.BodyLength, out length, out error)) { Fail(nowMs, error); return; }
            var layer = new ProvisioningConfig();
            if (!ConfigParser.TryParse(r.Body, 0, length, layer, _log, _attempt.FileName, out error)) { Fail(nowMs, "rejected: " + error); return; }
            FileDone(nowMs, common, layer, r.ETag);
        }

        private void FileDone(long nowMs, bool common, ProvisioningConfig layer, string etag)
        {
            if (common)
            {
                _attempt.Common = layer;
                _attempt.CommonTag = etag;
                BeginFile(ProvisioningState.FetchingDevice, DeviceFileName);
                return;
            }
            _attempt.Device = layer;
            _attempt.DeviceTag = etag;
            Finish(nowMs);
        }

        private void Finish(long nowMs)
        {
            var merged = new ProvisioningConfig();
            if (_attempt.Common != null && !merged.MergeFrom(_attempt.Common)) { Fail(nowMs, "rejected: too many keys"); return; }
            if (!merged.MergeFrom(_attempt.Device)) { Fail(nowMs, "rejected: too many keys"); return; }
            string error;
            if (!ConfigParser.CheckConsistency(merged, out error)) { Fail(nowMs, "rejected: " + error); return; }

            if (KeepFileLayers)
            {
                ProvisioningFileCache cache = _cache != null ? _cache : new ProvisioningFileCache();
                cache.Common = _attempt.Common;
                cache.CommonTag = _attempt.CommonTag;
                cache.CommonUrl = _attempt.CommonFetched ? ProvisioningUrl.FileUrl(_attempt.BaseUrl, Own().GetString("prov.common_file")) : null;
                cache.Device = _attempt.Device;
                cache.DeviceTag = _attempt.DeviceTag;
                cache.DeviceUrl = ProvisioningUrl.FileUrl(_attempt.BaseUrl, DeviceFileName);
                _cache = cache;
            }
            else
            {
                // Without the layers no request is conditional: the next resync fetches both files whole.
                _cache = null;
                _attempt.Common = _attempt.Device = null;
            }

            _failures = 0;
            _stats.Successes++;
            _stats.LastError = null;
            _lastResult = "ok";
            string outcome = _attempt.AllNotModified ? "unchanged (304)" : Apply(merged);
            ProvisioningConfig own = Own();
            long resync = (long)own.GetInt("prov.resync_s") * 1000 + _random.Next((long)own.GetInt("prov.resync_jitter_s") * 1000 + 1);
            _deadline = nowMs + resync;
            _log.Write(LogLevel.Info, LogSource, ProvisioningUrl.ForLog(_attempt.BaseUrl) + ": " + outcome + ", next resync in "
                + ((resync + 999) / 1000).ToString() + " s");
            AfterAttempt(nowMs, ProvisioningState.Idle);
        }

        // Makes `merged` the configuration in force; persists it first so a reboot comes back to it.
        private string Apply(ProvisioningConfig merged)
        {
            ProvisioningConfig previous = _current;
            ConfigChanges changes;
            if ((_flags & ReloadFailedFlag) != 0)
            {
                // The configuration in force could not be read back: this file is applied whole (every area changed).
                changes = AllAreas;
                previous = _resume;
            }
            else
            {
                if (previous == null)
                {
                    // Parked: a file that serialises to exactly the stored content is the configuration in force.
                    int length = merged.Serialize(Buffer(), ConfigSlotStore.HeaderLength);
                    if (length >= 0 && SameHash(HashOf(_buffer, length), _storedHash)) return "configuration unchanged";
                    previous = Reload();
                }
                changes = previous != null ? previous.Compare(merged) : AllAreas;
                if (previous == null) previous = _resume;
            }
            if (changes == ConfigChanges.None) return "configuration unchanged";
            int n = merged.Serialize(Buffer(), ConfigSlotStore.HeaderLength);
            if (n >= 0 && _lkg.SaveBuffer(n))
            {
                SetFlag(HasStoredFlag, true);
                _storedHash = HashOf(_buffer, n);
            }
            else
            {
                _stats.SaveFailures++;
                _storedHash = null;   // what runs is only in memory now: it is never parked
                _log.Write(LogLevel.Error, LogSource, "could not save the new configuration; running it from memory, the stored one stays last-known-good");
            }
            SetFlag(ReloadFailedFlag, false);
            _current = merged;
            _resume = null;
            _stats.Applied++;
            if (!merged.SameValue(CaKey, previous) || changes == AllAreas)
            {
                string pem = merged.GetString(CaKey);
                _fetcher.SetTrustedCa(pem.Length > 0 ? pem : null);
            }
            merged.KeepPemFingerprint(CaKey);
            ConfigAppliedHandler handler = ConfigApplied;
            if (handler != null)
            {
                try
                {
                    handler(previous, merged, changes);
                }
                catch (Exception)
                {
                    _log.Write(LogLevel.Error, LogSource, "a configuration listener failed; configuration stays applied");
                }
            }
            return "applied configuration #" + _lkg.Sequence.ToString() + " (changed: " + NamesOf(changes) + ")";
        }

        private void Fail(long nowMs, string reason)
        {
            _failures++;
            _stats.Failures++;
            _stats.LastError = reason;
            _lastResult = reason;
            long delay = BackoffMs();
            _deadline = nowMs + delay;
            _log.Write(LogLevel.Warning, LogSource, ProvisioningUrl.ForLog(_attempt.Url) + ": " + reason + ", keeping " + Kept() + ", retry in "
                + ((delay + 999) / 1000).ToString() + " s");
            AfterAttempt(nowMs, ProvisioningState.Backoff);
        }

        // After every attempt the server hears how it went, when a status URL is configured.
        // The shared buffer, allocated again (and lent to both slot stores) after Poll dropped it (HoldBuffer false).
        private byte[] Buffer()
        {
            if (_buffer == null)
            {
                _buffer = new byte[ConfigSlotStore.HeaderLength + _maxFileBytes];
                _lkg.Lend(_buffer);
            }
            return _buffer;
        }

        // Nothing may keep the old buffer alive: the stores and the request get a new one through Buffer().
        private void DropBuffer()
        {
            if (_buffer == null) return;
            _buffer = null;
            _lkg.Lend(null);
            if (_attempt != null) _attempt.Request.ResponseBuffer = null;
        }

        private void AfterAttempt(long nowMs, ProvisioningState next)
        {
            if (Own().GetString("prov.status_url").Length > 0)
            {
                _afterReport = next;
                SetState(ProvisioningState.Reporting, "report after provisioning");
            }
            else
            {
                SetState(next, "attempt done");
            }
        }

        // Jittered exponential backoff: d = min·2^(failures-1) capped at max, then uniform in [d/2, d].
        private long BackoffMs()
        {
            ProvisioningConfig own = Own();
            long min = (long)own.GetInt("prov.retry_min_s") * 1000;
            long max = (long)own.GetInt("prov.retry_max_s") * 1000;
            if (max < min) max = min;
            long d = min;
            for (int i = 1; i < _failures && d < max; i++) d *= 2;
            if (d > max) d = max;
            return d / 2 + _random.Next(d / 2 + 1);
        }

        private void SendStatus(long nowMs)
        {
            ProvisioningConfig own = Own();
            string url = own.GetString("prov.status_url");
            long interval = (long)own.GetInt("prov.status_interval_s") * 1000;
            _statusDeadline = url.Length > 0 ? nowMs + interval : long.MaxValue;
            if (url.Length == 0) return;
            var report = new StatusReport();
            IStatusProvider provider = StatusProvider;
            if (provider != null) provider.Fill(report);
            string body = "mac = " + _mac + "\n"
                + "firmware = " + ConfigValues.Quote(report.FirmwareVersion) + "\n"
                + "config.sequence = " + _lkg.Sequence.ToString() + "\n"
                + "provisioning.result = " + ConfigValues.Quote(_lastResult) + "\n"
                + "provisioning.failures = " + _failures.ToString() + "\n"
                + "registration = " + ConfigValues.Quote(report.Registration) + "\n"
                + "call.mos_x100 = " + report.LastCallMosX100.ToString() + "\n"
                + "call.jitter_ms = " + report.LastCallJitterMs.ToString() + "\n"
                + "call.loss_permille = " + report.LastCallLossPermille.ToString() + "\n";
            byte[] data = new byte[ConfigUtf8.ByteCount(body)];
            ConfigUtf8.Encode(body, data, 0);
            string token = Setting("prov.token");
            string authorization = token.Length > 0 ? "Bearer " + token : null;
            HttpsResponse r = PostStatus(url, data, authorization);
            if (r != null && r.Outcome == HttpsOutcome.Completed && r.StatusCode == 401)
            {
                string digest;
                if (TryAuthorize(r.WwwAuthenticate, "POST", url, out digest)) r = PostStatus(url, data, digest);
            }
            if (r != null && r.Outcome == HttpsOutcome.Completed && r.StatusCode >= 200 && r.StatusCode < 300)
            {
                _stats.StatusReportsSent++;
                _log.Write(LogLevel.Debug, LogSource, "status report sent to " + ProvisioningUrl.ForLog(url));
                return;
            }
            _stats.StatusReportsFailed++;
            string why = r == null ? "no response" : r.Outcome != HttpsOutcome.Completed ? OutcomeText(r) : r.StatusCode.ToString() + " " + Reason(r.StatusCode);
            _log.Write(LogLevel.Warning, LogSource, "status report to " + ProvisioningUrl.ForLog(url) + ": " + why + ", next in "
                + (interval / 1000).ToString() + " s");
        }

        private HttpsResponse PostStatus(string url, byte[] data, string authorization)
        {
            var request = new HttpsRequest();
            request.Method = "POST";
            request.Url = url;
            request.Authorization = authorization;
            request.ContentType = "text/plain; charset=utf-8";
            request.Body = data;
            request.BodyLength = data.Length;
            request.TimeoutMs = RequestTimeoutMs;
            request.MaxResponseBytes = 4096;
            request.ResponseBuffer = Buffer();
            _stats.Requests++;
            return _fetcher.Send(request);
        }

        // HTTP Digest (RFC 7616 §3.4) with prov.user/prov.password for the realm the server names. The digest-uri
        // is the request-target (path and query), not the absolute URL. Each challenge is answered afresh (nothing of
        // the digest state carries over to the next 401), so the client and the password copy exist only for this
        // answer: the device does not hold some 3 KB of digest state between resyncs (issue 6).
        private bool TryAuthorize(string challenge, string method, string url, out string authorization)
        {
            authorization = null;
            string user = Setting("prov.user");
            if (challenge == null || user.Length == 0) return false;
            var credentials = new DigestCredentialStore(1);
            credentials.Set(null, user, Setting("prov.password"));
            var digest = new DigestClient(credentials, _random, 1, 1);
            if (digest.OnChallenge(challenge, false) == DigestOutcome.Retry)
            {
                authorization = digest.BuildAuthorization(0, method, ProvisioningUrl.RequestTarget(url));
            }
            credentials.Clear();
            return authorization != null;
        }

        // The stale parameter of a challenge (RFC 7616 §3.3), parsed into a short-lived challenge object.
        private static bool IsStale(string wwwAuthenticate)
        {
            var challenge = new DigestChallenge();
            return DigestChallenge.TryParse(wwwAuthenticate, challenge) && challenge.Stale;
        }

        // Signed files (docs/CONFIGURATION.md, "Signed configuration"): the key and the requirement come from the
        // configuration in force, so a new file can change the secret only when signed with the current one.
        private bool CheckSignature(byte[] body, int count, out int length, out string error)
        {
            error = null;
            byte[] key = ConfigSignature.KeyFromHex(Setting("security.signing_secret"));
            bool required = Own().GetBool("security.signing_required");
            SignatureCheck check = ConfigSignature.Check(body, count, key, required, out length);
            if (key != null) CryptoBytes.Wipe(key, 0, key.Length);
            if (check == SignatureCheck.Valid || check == SignatureCheck.Unsigned) return true;
            if (check == SignatureCheck.Unchecked)
            {
                _log.Write(LogLevel.Debug, LogSource, _attempt.FileName + ": " + ConfigSignature.Describe(check));
                return true;
            }
            error = ConfigSignature.Describe(check);
            return false;
        }

        // Order: stored settings (last-known-good prov.url, then the setup entry), factory default, DHCP 66, DHCP 43.
        private string ResolveServer(out string source)
        {
            string url = Own().GetString("prov.url");
            if (url.Length > 0) { source = "stored settings"; return url; }
            url = _setupEntry != null ? _setupEntry.GetString("prov.url") : "";
            if (url.Length > 0) { source = "setup entry"; return url; }
            if (_factoryUrl != null) { source = "factory default"; return _factoryUrl; }
            IDhcpOptionSource dhcp = Dhcp;
            if (dhcp != null)
            {
                url = ProvisioningUrl.FromOption66(dhcp.GetOption66());
                if (url != null) { source = "DHCP option 66"; return url; }
                url = ProvisioningUrl.FromOption43(dhcp.GetOption43());
                if (url != null) { source = "DHCP option 43"; return url; }
            }
            source = null;
            return null;
        }

        // A credential from the configuration in force, else from the setup entry.
        private string Setting(string key)
        {
            string v = Own().GetString(key);
            return v.Length > 0 || _setupEntry == null ? v : _setupEntry.GetString(key);
        }

        private string Kept() => HasStoredConfiguration ? "last-known-good" : "factory defaults";

        private void SetFlag(int flag, bool on) => _flags = on ? _flags | flag : _flags & ~flag;

        private void SetState(ProvisioningState next, string reason)
        {
            if (next == _state) return;
            _log.Write(LogLevel.Debug, LogSource, ProvisioningStateNames.Of(_state) + " -> " + ProvisioningStateNames.Of(next) + " (" + reason + ")");
            _state = next;
        }

        private ProvisioningConfig LoadStored(ConfigSlotStore slots, string what, out bool found, out int length)
        {
            found = false;
            var config = new ProvisioningConfig();
            int n = slots.LoadBuffer();
            length = n;
            if (n < 0) return config;
            string error;
            if (ConfigParser.TryParse(slots.Buffer, ConfigSlotStore.HeaderLength, n, config, _log, what, out error))
            {
                found = true;
                return config;
            }
            // Intact but not understood (e.g. written by a newer firmware before a downgrade): the older copy may be.
            config = new ProvisioningConfig();
            n = slots.LoadOlderBuffer();
            length = n;
            if (n >= 0 && ConfigParser.TryParse(slots.Buffer, ConfigSlotStore.HeaderLength, n, config, _log, what, out string olderError))
            {
                _log.Write(LogLevel.Error, LogSource, what + " #" + slots.Sequence.ToString() + " unreadable (" + error + "); using the previous copy");
                found = true;
                return config;
            }
            _log.Write(LogLevel.Error, LogSource, what + " unreadable (" + error + "); using factory defaults");
            return new ProvisioningConfig();
        }

        // The configuration this client reads its own keys from: the one in force, or while parked what was kept of it.
        private ProvisioningConfig Own() => _current != null ? _current : _resume;

        // Idle with HoldConfiguration false: keep only this client's own keys, when the slot can give back the rest.
        private void Park()
        {
            if (HoldConfiguration || _current == null || _storedHash == null) return;
            var kept = new ProvisioningConfig();
            for (int i = 0; i < _current.Count; i++)
            {
                string key = _current.KeyAt(i);
                if (key.StartsWith("prov.") || key.StartsWith("security.signing_")) kept.Set(key, _current.ValueAt(i));
            }
            _resume = kept;
            _current = null;
        }

        // The parked configuration in force, read back from its slot and checked against the hash kept of it; null when
        // it cannot be had (logged, counted; the next file fetched is applied whole). The slot's choice is not made anew:
        // a newer copy gone bad must not let the older one pass for the configuration in force.
        private ProvisioningConfig Reload()
        {
            string error = "slot unreadable";
            ProvisioningConfig config = null;
            Buffer();
            int n = _lkg.LoadActiveBuffer();
            if (n >= 0)
            {
                if (!SameHash(HashOf(_lkg.Buffer, n), _storedHash)) error = "slot content is not the configuration in force";
                else
                {
                    config = new ProvisioningConfig();
                    if (ConfigParser.TryParse(_lkg.Buffer, ConfigSlotStore.HeaderLength, n, config, null, "stored configuration", out error)) config.KeepPemFingerprint(CaKey);
                    else config = null;
                }
            }
            if (!IsBusy && !HoldBuffer) DropBuffer();
            if (config != null) return config;
            SetFlag(ReloadFailedFlag, true);
            _stats.ReloadFailures++;
            _log.Write(LogLevel.Error, LogSource, "configuration #" + _lkg.Sequence.ToString() + " could not be read back (" + error
                + "); what runs keeps running, the next file fetched is applied whole");
            return null;
        }

        private static byte[] HashOf(byte[] buffer, int length)
        {
            var digest = new byte[32];
            Sha256.Hash(buffer, ConfigSlotStore.HeaderLength, length, digest, 0);
            return digest;
        }

        private static bool SameHash(byte[] a, byte[] b)
        {
            if (a == null || b == null) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i]) return false;
            }
            return true;
        }

        private static bool SetChecked(ProvisioningConfig config, string key, string value, out string error)
        {
            error = null;
            if (value == null || value.Length == 0) return true;
            string normalized, reason;
            if (!ConfigValues.TryNormalize(ConfigSchema.Find(key), value, out normalized, out reason))
            {
                error = key + ": " + reason;
                return false;
            }
            config.Set(key, normalized);
            return true;
        }

        private static bool IsConfigContentType(string contentType)
        {
            if (contentType == null) return true;
            string t = contentType;
            int semi = t.IndexOf(';');
            if (semi >= 0) t = t.Substring(0, semi);
            t = t.Trim().ToLower();
            return t == "text/plain" || t == "application/octet-stream";
        }

        private string OutcomeText(HttpsResponse r)
        {
            string text;
            switch (r.Outcome)
            {
                case HttpsOutcome.NetworkError: text = "network error"; break;
                case HttpsOutcome.Timeout: text = "timeout"; break;
                case HttpsOutcome.TlsNameMismatch: text = "TLS: certificate does not name the server"; break;
                case HttpsOutcome.TlsUntrusted: text = "TLS: certificate not trusted"; break;
                case HttpsOutcome.TlsExpired: text = "TLS: certificate expired or not yet valid"; break;
                case HttpsOutcome.TooLarge: text = "file too large (limit " + _maxFileBytes.ToString() + " bytes)"; break;
                case HttpsOutcome.BadUrl: text = "not a fetchable https URL"; break;
                case HttpsOutcome.TlsError: text = "TLS error"; break;
                default: text = "transport failure"; break;
            }
            return r.Detail != null && r.Detail.Length > 0 ? text + " (" + r.Detail + ")" : text;
        }

        private static string Reason(int code)
        {
            switch (code)
            {
                case 400: return "Bad Request";
                case 401: return "Unauthorized";
                case 403: return "Forbidden";
                case 404: return "Not Found";
                case 500: return "Internal Server Error";
                case 502: return "Bad Gateway";
                case 503: return "Service Unavailable";
                default: return "unexpected status";
            }
        }

        private static string NamesOf(ConfigChanges changes)
        {
            string s = "";
            for (int i = 0, start = 0; start < ChangeNames.Length; i++)
            {
                int end = ChangeNames.IndexOf(' ', start);
                if (end < 0) end = ChangeNames.Length;
                if (((int)changes & (1 << i)) != 0)
                {
                    string name = ChangeNames.Substring(start, end - start);
                    s = s.Length == 0 ? name : s + ", " + name;
                }
                start = end + 1;
            }
            return s;
        }

        private static string NormalizeMac(string mac)
        {
            if (mac == null) throw new ArgumentException("mac");
            char[] hex = new char[12];
            int n = 0;
            string lower = mac.ToLower();
            for (int i = 0; i < lower.Length; i++)
            {
                char c = lower[i];
                if (c == ':' || c == '-' || c == '.') continue;
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) || n == 12) throw new ArgumentException("mac");
                hex[n++] = c;
            }
            if (n != 12) throw new ArgumentException("mac");
            return new string(hex);
        }
    }
}
