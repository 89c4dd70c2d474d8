// Provisioning client against a scripted HTTPS port: first provisioning, 304 resync, changed resync with change
// flags, check-sync, every kind of bad answer (each keeps last-known-good, logs one clear line and backs off),
// URL sources, status report, and a power cut at every write step of an update.
namespace Phone.Core.Tests.Provisioning
{
    using System;
    using System.Collections.Generic;
    using System.Linq;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;

    public class ProvisioningClientTests
    {
        internal const string Base = "https://pbx.example.com/prov/";
        internal const string Mac = "00:11:22:33:44:55";
        internal const string DeviceUrl = Base + "001122334455.cfg";
        internal const string CommonUrl = Base + "common.cfg";

        internal const string CommonText =
            "config.version = 1\n" +
            "# shared by the whole office\n" +
            "tones.country = de\n" +
            "media.codecs = pcma,pcmu\n" +
            "prov.resync_s = 3600\n" +
            "prov.resync_jitter_s = 60\n" +
            "prov.retry_min_s = 10\n" +
            "prov.retry_max_s = 300\n";

        internal const string DeviceText =
            "config.version = 1\n" +
            "account.1.user = 201\n" +
            "account.1.password = Acc1-Secret-Pw\n" +
            "account.1.registrar = pbx.example.com\n" +
            "account.2.user = 202\n" +
            "account.2.password = Acc2-Secret-Pw\n" +
            "account.2.registrar = pbx.example.com\n" +
            "directory.201 = Reception, 192.168.1.21\n" +
            "tones.country = uk\n";

        private readonly FakeHttpsFetcher _fetcher = new FakeHttpsFetcher();
        private readonly FaultInjectingStore _store = new FaultInjectingStore();
        private readonly CapturingLog _log = new CapturingLog();
        private long _now = 1000;

        private ProvisioningClient NewClient(string factory = Base)
            => Boot(_fetcher, _store, _log, 12345, Mac, factory);

        /// <summary>Every client of these tests; a subclass runs them all with the device's settings.</summary>
        protected virtual ProvisioningClient Boot(IHttpsFetcher fetcher, ISettingsStore store, ILog log, int seed, string mac, string factory)
            => new ProvisioningClient(fetcher, store, log, seed, mac, factory);

        private long Run(ProvisioningClient client)
        {
            long next = client.Poll(_now);
            for (int i = 0; i < 50 && client.IsBusy; i++) next = client.Poll(_now);
            Assert.False(client.IsBusy);
            return next;
        }

        private ProvisioningClient Provisioned()
        {
            _fetcher.Put(CommonUrl, CommonText);
            _fetcher.Put(DeviceUrl, DeviceText);
            ProvisioningClient client = NewClient();
            Run(client);
            Assert.Equal(ProvisioningState.Idle, client.State);
            return client;
        }

        [Fact]
        public void FirstProvisioningMergesCommonThenDeviceStoresAndReportsChanges()
        {
            _fetcher.Put(CommonUrl, CommonText);
            _fetcher.Put(DeviceUrl, DeviceText);
            ProvisioningClient client = NewClient();
            Assert.False(client.HasStoredConfiguration);
            var applied = new List<ConfigChanges>();
            client.ConfigApplied += (prev, cur, changes) => applied.Add(changes);

            long next = Run(client);

            Assert.Equal(ProvisioningState.Idle, client.State);
            Assert.Equal(new[] { CommonUrl, DeviceUrl }, _fetcher.Requests.Select(r => r.Url));
            Assert.All(_fetcher.Requests, r => Assert.Null(r.IfNoneMatch));
            Assert.Equal("uk", client.Current.GetString("tones.country"));   // device file wins over common
            Assert.Equal("pcma,pcmu", client.Current.GetString("media.codecs"));
            Assert.Equal("201", client.Current.GetString("account.1.user"));
            Assert.Single(applied);
            Assert.True(applied[0].HasFlag(ConfigChanges.Account | ConfigChanges.Media | ConfigChanges.Directory | ConfigChanges.Tones));
            Assert.True(client.HasStoredConfiguration);
            // Next periodic resync: 3600 s plus 0..60 s of jitter.
            Assert.InRange(next - _now, 3600_000, 3660_000);
            Assert.True(_log.Contains("provisioning: https://pbx.example.com/prov/: applied configuration #1 (changed: account, media, directory, tones"), _log.All);

            // A reboot comes back with the same configuration from the store.
            var rebooted = Boot(_fetcher, _store, new CapturingLog(), 1, Mac, Base);
            Assert.True(rebooted.HasStoredConfiguration);
            Assert.True(rebooted.Current.SameAs(client.Current));
        }

        [Fact]
        public void UnchangedResyncCostsTwo304sAndNoFlashWrite()
        {
            ProvisioningClient client = Provisioned();
            int applied = 0;
            client.ConfigApplied += (p, c, ch) => applied++;
            _store.ResetSteps();
            _fetcher.Requests.Clear();
            long next = client.Poll(_now);
            Assert.Equal(ProvisioningState.Idle, client.State);
            _now = next;
            Run(client);
            Assert.Equal(2, _fetcher.Requests.Count);
            Assert.All(_fetcher.Requests, r => Assert.NotNull(r.IfNoneMatch));
            Assert.Equal(2, client.Stats.NotModified);
            Assert.Equal(0, applied);
            Assert.Equal(0, _store.Steps);
            Assert.True(_log.Contains("unchanged (304), next resync in"), _log.All);
        }

        [Fact]
        public void WithoutFileLayersAnUnchangedResyncFetchesBothFilesWholeAndAppliesNothing()
        {
            _fetcher.Put(CommonUrl, CommonText);
            _fetcher.Put(DeviceUrl, DeviceText);
            ProvisioningClient client = NewClient();
            client.KeepFileLayers = false;   // as the device runs it (MemoryBudget.KeepConfigFileLayers)
            Run(client);
            Assert.Equal(ProvisioningState.Idle, client.State);
            Assert.Equal("uk", client.Current.GetString("tones.country"));
            int applied = 0;
            client.ConfigApplied += (p, c, ch) => applied++;
            _store.ResetSteps();
            _fetcher.Requests.Clear();
            _now = client.Poll(_now);
            Run(client);
            Assert.Equal(new[] { CommonUrl, DeviceUrl }, _fetcher.Requests.Select(r => r.Url));
            Assert.All(_fetcher.Requests, r => Assert.Null(r.IfNoneMatch));
            Assert.Equal(0, client.Stats.NotModified);
            Assert.Equal(0, applied);
            Assert.Equal(0, _store.Steps);
            Assert.True(_log.Contains("configuration unchanged, next resync in"), _log.All);
            Assert.Equal("uk", client.Current.GetString("tones.country"));
        }

        [Fact]
        public void WithoutHoldingTheBufferAnIdleClientHoldsNoneAndResyncsAndStoresAsBefore()
        {
            _fetcher.Put(CommonUrl, CommonText);
            _fetcher.Put(DeviceUrl, DeviceText);
            ProvisioningClient client = NewClient();
            client.HoldBuffer = false;   // as the device runs it (MemoryBudget.HoldConfigBuffer)
            Run(client);
            Assert.Equal(ProvisioningState.Idle, client.State);
            Assert.Null(typeof(ProvisioningClient).GetField("_buffer", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance).GetValue(client));
            Assert.True(client.HasStoredConfiguration);

            // A changed file later: fetched, applied and stored through a new buffer.
            _fetcher.Put(DeviceUrl, DeviceText.Replace("tones.country = uk", "tones.country = fr"));
            client.RequestResync("test");
            Run(client);
            Assert.Equal("fr", client.Current.GetString("tones.country"));
            var rebooted = Boot(_fetcher, _store, new CapturingLog(), 1, Mac, Base);
            Assert.Equal("fr", rebooted.Current.GetString("tones.country"));
        }

        [Fact]
        public void ChangedResyncAppliesWithChangeFlagsAndOnlyTheChangedAccount()
        {
            ProvisioningClient client = Provisioned();
            ProvisioningConfig before = client.Current;
            ConfigChanges seen = ConfigChanges.None;
            bool account1 = true, account2 = false;
            client.ConfigApplied += (prev, cur, changes) =>
            {
                seen = changes;
                account1 = prev.AccountDiffers(cur, 1);
                account2 = prev.AccountDiffers(cur, 2);
            };
            _fetcher.Put(DeviceUrl, DeviceText + "account.2.expires = 600\nmedia.dtmf_mode = info\n");
            client.RequestResync("check-sync");
            Run(client);
            Assert.Equal(ConfigChanges.Account | ConfigChanges.Media, seen);
            Assert.False(account1);
            Assert.True(account2);
            Assert.Equal(1, client.Stats.NotModified);   // common.cfg unchanged: 304, its cached copy merged
            Assert.Equal("uk", client.Current.GetString("tones.country"));
            Assert.Equal("pcma,pcmu", client.Current.GetString("media.codecs"));
            Assert.NotSame(before, client.Current);
        }

        [Fact]
        public void CheckSyncStartsAnAttemptAtTheNextPollBeforeTheResyncDeadline()
        {
            ProvisioningClient client = Provisioned();
            _fetcher.Requests.Clear();
            _now += 1000;
            Assert.True(client.Poll(_now) > _now + 1000_000);
            Assert.Empty(_fetcher.Requests);
            client.RequestResync("check-sync");
            Assert.Equal(_now, client.Poll(_now));
            Assert.True(client.IsBusy);
            Run(client);
            Assert.Equal(2, _fetcher.Requests.Count);
            Assert.True(_log.Contains("INFO provisioning: resync requested (check-sync)"), _log.All);
            Assert.True(_log.Contains("resync (check-sync) from https://pbx.example.com/prov/ (stored settings)")
                || _log.Contains("resync (check-sync) from https://pbx.example.com/prov/ (factory default)"), _log.All);
        }

        public static IEnumerable<object[]> BadAnswers()
        {
            object[] Row(string name, Func<HttpsRequest, HttpsResponse> answer, string logged) => new object[] { name, answer, logged };
            yield return Row("malformed line", r => FakeHttpsFetcher.Body("config.version = 1\njust words\n"), "rejected: line 2: expected \"key = value\"");
            yield return Row("wrong type", r => FakeHttpsFetcher.Body("config.version = 1\naccount.1.expires = soon\n"), "rejected: line 2: account.1.expires: \"soon\" is not an integer");
            yield return Row("out of range", r => FakeHttpsFetcher.Body("config.version = 1\nmedia.rtp_port_min = 80\n"), "rejected: line 2: media.rtp_port_min: 80 out of range 1024..65534");
            yield return Row("newer major version", r => FakeHttpsFetcher.Body("config.version = 2.0\n"), "rejected: line 1: config.version: major version 2 is newer than supported 1");
            yield return Row("missing version", r => FakeHttpsFetcher.Body("tones.country = de\n"), "rejected: missing config.version line");
            yield return Row("oversized body", r => FakeHttpsFetcher.Body("config.version = 1\n" + new string('#', 40000) + "\n"), "rejected: file too large (40020 bytes, limit 32768)");
            yield return Row("oversized (port)", r => FakeHttpsFetcher.Failed(HttpsOutcome.TooLarge), "file too large (limit 32768 bytes)");
            yield return Row("truncated mid-line", r => FakeHttpsFetcher.Body("config.version = 1\naccount.1.expires = 36"), "rejected: last line has no line end (truncated download?)");
            yield return Row("body shorter than claimed", r => FakeHttpsFetcher.Body("config.version = 1\n", claimedLength: 500), "truncated body");
            yield return Row("captive portal", r => FakeHttpsFetcher.Body("<html><body>Log in to the hotel Wi-Fi</body></html>\n", "text/html; charset=utf-8"), "content type text/html; charset=utf-8 is not a configuration file (captive portal?)");
            yield return Row("json", r => FakeHttpsFetcher.Body("{}\n", "application/json"), "content type application/json is not a configuration file");
            yield return Row("401 without credentials", r => FakeHttpsFetcher.Status(401, challenge: "Digest realm=\"prov\", nonce=\"abc\", qop=\"auth\""), "401 Unauthorized (no usable credentials for this challenge)");
            yield return Row("403", r => FakeHttpsFetcher.Status(403), "403 Forbidden");
            yield return Row("404", r => FakeHttpsFetcher.Status(404), "404 Not Found");
            yield return Row("500", r => FakeHttpsFetcher.Status(500), "500 Internal Server Error");
            yield return Row("timeout", r => FakeHttpsFetcher.Failed(HttpsOutcome.Timeout), "timeout");
            yield return Row("network", r => FakeHttpsFetcher.Failed(HttpsOutcome.NetworkError, "connection refused"), "network error (connection refused)");
            yield return Row("TLS name mismatch", r => FakeHttpsFetcher.Failed(HttpsOutcome.TlsNameMismatch), "TLS: certificate does not name the server");
            yield return Row("TLS untrusted", r => FakeHttpsFetcher.Failed(HttpsOutcome.TlsUntrusted), "TLS: certificate not trusted");
            yield return Row("TLS expired", r => FakeHttpsFetcher.Failed(HttpsOutcome.TlsExpired), "TLS: certificate expired or not yet valid");
            yield return Row("redirect loop", r => FakeHttpsFetcher.Status(302, location: DeviceUrl), "redirect loop (more than 5 redirects)");
            yield return Row("redirect to http", r => FakeHttpsFetcher.Status(301, location: "http://pbx.example.com/x.cfg"), "301 redirect to a missing or non-https Location refused");
            yield return Row("304 without cache", r => FakeHttpsFetcher.Status(304), "304 Not Modified to a request without If-None-Match");
        }

        [Theory]
        [MemberData(nameof(BadAnswers))]
        public void BadAnswerKeepsLastKnownGoodLogsOneClearLineAndBacksOff(string name, Func<HttpsRequest, HttpsResponse> answer, string logged)
        {
            ProvisioningClient client = Provisioned();
            ProvisioningConfig good = client.Current;
            byte[] storedA = _store.Raw("cfg.a");
            int applied = 0;
            client.ConfigApplied += (p, c, ch) => applied++;
            _log.Lines.Clear();

            // The failing answer is served to the device file; on a fresh boot (no cache) so no 304 shortcut is taken.
            var fresh = Boot(_fetcher, _store, _log, 777, Mac, Base);
            fresh.ConfigApplied += (p, c, ch) => applied++;
            _fetcher.ScriptAlways(DeviceUrl, answer);
            long next = Run(fresh);

            Assert.Equal(ProvisioningState.Backoff, fresh.State);
            Assert.True(fresh.Current.SameAs(good), name);
            Assert.Equal(0, applied);
            Assert.Equal(storedA, _store.Raw("cfg.a"));
            Assert.Null(_store.Raw("cfg.b"));
            string line = _log.Lines.Single(l => l.StartsWith("WARN provisioning: https://"));
            Assert.Contains(logged, line);
            Assert.Matches(@"^WARN provisioning: https://pbx\.example\.com/prov/001122334455\.cfg: .+, keeping last-known-good, retry in \d+ s$", line);
            // First retry: retry_min 10 s halved..full (jitter).
            Assert.InRange(next - _now, 5_000, 10_000);

            // Still failing: the backoff doubles (capped at 300 s), and the configuration still stands.
            _now = next;
            long second = Run(fresh);
            Assert.InRange(second - _now, 10_000, 20_000);
            Assert.True(fresh.Current.SameAs(good));
            Assert.Equal(2, fresh.Stats.Failures);
        }

        [Fact]
        public void BackoffDoublesWithJitterAndIsCapped()
        {
            ProvisioningClient client = Provisioned();
            _fetcher.ScriptAlways(CommonUrl, r => FakeHttpsFetcher.Failed(HttpsOutcome.Timeout));
            client.RequestResync("test");
            var delays = new List<long>();
            for (int i = 0; i < 8; i++)
            {
                long next = Run(client);
                delays.Add(next - _now);
                _now = next;
            }
            long[] caps = { 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000 };
            for (int i = 0; i < caps.Length; i++) Assert.InRange(delays[i], caps[i] / 2, caps[i]);
            Assert.True(delays.Distinct().Count() > 4, "jitter spreads the delays");
            Assert.True(_log.Contains("common.cfg: timeout, keeping last-known-good, retry in"), _log.All);
        }

        [Fact]
        public void FactoryDefaultsAreKeptWhenTheVeryFirstAttemptFails()
        {
            _fetcher.ScriptAlways(CommonUrl, r => FakeHttpsFetcher.Status(500));
            ProvisioningClient client = NewClient();
            long next = Run(client);
            Assert.Equal(ProvisioningState.Backoff, client.State);
            Assert.False(client.HasStoredConfiguration);
            Assert.Equal(0, client.Current.Count);
            Assert.InRange(next - _now, 15_000, 30_000);   // factory retry_min_s = 30
            Assert.True(_log.Contains("WARN provisioning: https://pbx.example.com/prov/common.cfg: 500 Internal Server Error, keeping factory defaults, retry in"), _log.All);
        }

        [Fact]
        public void MissingCommonFileIsFineAndRedirectsAreFollowed()
        {
            _fetcher.Script(DeviceUrl, r => FakeHttpsFetcher.Status(302, location: "/v2/001122334455.cfg"));
            _fetcher.Put("https://pbx.example.com/v2/001122334455.cfg", DeviceText);
            ProvisioningClient client = NewClient();
            Run(client);
            Assert.Equal(ProvisioningState.Idle, client.State);
            Assert.Equal("201", client.Current.GetString("account.1.user"));
            Assert.Equal(new[] { CommonUrl, DeviceUrl, "https://pbx.example.com/v2/001122334455.cfg" }, _fetcher.Requests.Select(r => r.Url));
        }

        [Fact]
        public void CaFromTheConfigurationIsHandedToTheHttpsPortAndRestoredAtBoot()
        {
            const string pem = "-----BEGIN CERTIFICATE-----\nMIIBAA==\n-----END CERTIFICATE-----";
            _fetcher.Put(CommonUrl, CommonText + "security.ca_pem = " + pem + "\n");
            _fetcher.Put(DeviceUrl, DeviceText);
            Run(NewClient());
            Assert.Equal(new[] { pem }, _fetcher.TrustedCas);
            Boot(_fetcher, _store, _log, 1, Mac, Base);
            Assert.Equal(new[] { pem, pem }, _fetcher.TrustedCas);
        }

        [Fact]
        public void UrlSourcesInOrderStoredSetupFactoryDhcp()
        {
            // Nothing at all: waits for a setup entry, says so once.
            ProvisioningClient client = NewClient(factory: null);
            long next = Run(client);
            Assert.Equal(ProvisioningState.WaitingForServer, client.State);
            Assert.Equal(_now + ProvisioningClient.NoServerRecheckMs, next);
            Assert.Empty(_fetcher.Requests);
            Assert.True(_log.Contains("no provisioning server: no prov.url stored or entered at setup, no factory URL, no DHCP option 66/43; keeping factory defaults, waiting for a setup entry"), _log.All);

            // DHCP option 43 (sub-option 1), then 66 ahead of it.
            var dhcp = new FakeDhcp { Option43 = Tlv(1, "https://dhcp43.example.com/p/") };
            client.Dhcp = dhcp;
            _now = next;
            Run(client);
            Assert.Equal("https://dhcp43.example.com/p/common.cfg", _fetcher.Requests[0].Url);
            Assert.True(_log.Contains("(DHCP option 43)"), _log.All);
            dhcp.Option66 = "dhcp66.example.com";
            _fetcher.Requests.Clear();
            client.RequestResync("test");
            Run(client);
            Assert.Equal("https://dhcp66.example.com/common.cfg", _fetcher.Requests[0].Url);

            // A setup entry beats DHCP; invalid entries are refused with a reason.
            Assert.False(client.EnterSetup("http://insecure.example.com/", null, null, null, out string error));
            Assert.StartsWith("prov.url: ", error);
            Assert.True(client.EnterSetup("https://setup.example.com/prov", "dev1", "Setup-Pw-9", null, out error), error);
            _fetcher.Requests.Clear();
            Run(client);
            Assert.Equal("https://setup.example.com/prov/common.cfg", _fetcher.Requests[0].Url);
            Assert.True(_log.Contains("(setup entry)"), _log.All);

            // The setup entry survives a reboot; a factory URL does not beat it.
            var rebooted = Boot(_fetcher, _store, _log, 1, Mac, "https://factory.example.com/");
            _fetcher.Requests.Clear();
            Run(rebooted);
            Assert.Equal("https://setup.example.com/prov/common.cfg", _fetcher.Requests[0].Url);

            // Once a configuration with prov.url is stored, that wins.
            _fetcher.Put("https://setup.example.com/prov/001122334455.cfg", DeviceText + "prov.url = https://final.example.com/cfg/\n");
            rebooted.RequestResync("test");
            Run(rebooted);
            Assert.Equal(ProvisioningState.Idle, rebooted.State);
            rebooted.RequestResync("test");
            Run(rebooted);
            Assert.Equal("https://final.example.com/cfg/001122334455.cfg", _fetcher.Requests.Last().Url);
        }

        [Fact]
        public void StatusReportIsPostedAfterProvisioningAndPeriodically()
        {
            _fetcher.Put(CommonUrl, CommonText + "prov.status_url = https://pbx.example.com/status\nprov.status_interval_s = 900\n");
            _fetcher.Put(DeviceUrl, DeviceText + "prov.token = Bearer-Tok-42\n");
            ProvisioningClient client = NewClient();
            client.StatusProvider = new FakeStatus();
            Run(client);
            SeenRequest post = _fetcher.Requests.Last();
            Assert.Equal("POST", post.Method);
            Assert.Equal("https://pbx.example.com/status", post.Url);
            Assert.StartsWith("text/plain", post.ContentType);
            Assert.Contains("mac = 001122334455\n", post.Body);
            Assert.Contains("firmware = 1.2.3\n", post.Body);
            Assert.Contains("config.sequence = 1\n", post.Body);
            Assert.Contains("provisioning.result = ok\n", post.Body);
            Assert.Contains("registration = 1=registered,2=failed\n", post.Body);
            Assert.Contains("call.mos_x100 = 412\n", post.Body);
            Assert.Contains("call.jitter_ms = 7\n", post.Body);
            Assert.Contains("call.loss_permille = 3\n", post.Body);
            Assert.Equal("Bearer Bearer-Tok-42", post.Authorization);
            Assert.Equal(1, client.Stats.StatusReportsSent);

            // Periodic: the next deadline is the report (900 s) before the resync (3600 s).
            _fetcher.Requests.Clear();
            long next = client.Poll(_now);
            Assert.Equal(_now + 900_000, next);
            _now = next;
            Run(client);
            Assert.Single(_fetcher.Requests);
            Assert.Equal("POST", _fetcher.Requests[0].Method);
            Assert.Equal(2, client.Stats.StatusReportsSent);
        }

        [Fact]
        public void PowerCutAtEveryWriteStepAndByteOfAnUpdateBootsOldOrNewNeverNone()
        {
            string v2 = DeviceText + "media.dtmf_mode = inband\naccount.1.expires = 900\n";
            // Dry run to learn the write steps of one update.
            var dryFetcher = new FakeHttpsFetcher();
            var dryStore = new FaultInjectingStore();
            dryFetcher.Put(CommonUrl, CommonText);
            dryFetcher.Put(DeviceUrl, DeviceText);
            var dry = Boot(dryFetcher, dryStore, new CapturingLog(), 1, Mac, Base);
            Run(dry);
            ProvisioningConfig v1Config = dry.Current;
            dryStore.ResetSteps();
            dryFetcher.Put(DeviceUrl, v2);
            dry.RequestResync("update");
            Run(dry);
            ProvisioningConfig v2Config = dry.Current;
            Assert.False(v1Config.SameAs(v2Config));
            Assert.True(dryStore.Steps >= 1);

            int cases = 0;
            foreach (TornMode mode in new[] { TornMode.Truncate, TornMode.InPlace })
            {
                for (int step = 0; step < dryStore.Steps; step++)
                {
                    for (int bytes = 0; bytes <= dryStore.StepSizes[step]; bytes += 7)
                    {
                        var fetcher = new FakeHttpsFetcher();
                        var store = new FaultInjectingStore { Mode = mode };
                        fetcher.Put(CommonUrl, CommonText);
                        fetcher.Put(DeviceUrl, DeviceText);
                        var device = Boot(fetcher, store, new CapturingLog(), 1, Mac, Base);
                        Run(device);
                        // A second update first so both slots hold data and the torn write lands on an older record.
                        fetcher.Put(DeviceUrl, DeviceText + "tones.country = fr\n");
                        device.RequestResync("update");
                        Run(device);
                        ProvisioningConfig before = device.Current;
                        store.ResetSteps();
                        store.CutAt(step, bytes);
                        fetcher.Put(DeviceUrl, v2);
                        device.RequestResync("update");
                        Run(device);
                        store.Reboot();

                        var booted = Boot(fetcher, store, new CapturingLog(), 1, Mac, Base);
                        Assert.True(booted.HasStoredConfiguration, $"{mode} step {step} byte {bytes}: booted with nothing");
                        Assert.True(booted.Current.SameAs(before) || booted.Current.SameAs(v2Config), $"{mode} step {step} byte {bytes}: mixed configuration");
                        cases++;
                    }
                }
            }
            Assert.True(cases > 100, cases.ToString());
        }

        [Fact]
        public void AnIntactButUnreadableNewestCopyFallsBackToThePreviousOne()
        {
            ProvisioningClient client = Provisioned();
            ProvisioningConfig good = client.Current;
            // A newer record with a valid CRC whose text this firmware rejects (as after a downgrade).
            var slots = new ConfigSlotStore(_store, "cfg", ConfigParser.MaxFileBytes);
            byte[] newer = System.Text.Encoding.UTF8.GetBytes("config.version = 2\n");
            Assert.True(slots.Save(newer, 0, newer.Length));
            var log = new CapturingLog();
            var rebooted = Boot(_fetcher, _store, log, 1, Mac, Base);
            Assert.True(rebooted.HasStoredConfiguration);
            Assert.True(rebooted.Current.SameAs(good));
            Assert.True(log.Contains("stored configuration #2 unreadable (line 1: config.version: major version 2 is newer than supported 1); using the previous copy"), log.All);

            // The next change is saved over the unreadable copy and wins at the following boot.
            _fetcher.Put(DeviceUrl, DeviceText + "media.dtmf_mode = info\n");
            Run(rebooted);
            Assert.Equal("info", Boot(_fetcher, _store, new CapturingLog(), 1, Mac, Base).Current.GetString("media.dtmf_mode"));
        }

        [Fact]
        public void TheMacIsNormalisedAndBadMacsOrFactoryUrlsAreRefusedAtStartUp()
        {
            Assert.Equal("a0b1c2d3e4f5.cfg", Boot(_fetcher, _store, _log, 1, "A0-B1-C2-D3-E4-F5", Base).DeviceFileName);
            Assert.Throws<ArgumentException>(() => Boot(_fetcher, _store, _log, 1, "00:11:22", Base));
            Assert.Throws<ArgumentException>(() => Boot(_fetcher, _store, _log, 1, "00:11:22:33:44:zz", Base));
            Assert.Throws<ArgumentException>(() => Boot(_fetcher, _store, _log, 1, Mac, "http://pbx.example.com/"));
        }

        internal static byte[] Tlv(int code, string value)
        {
            byte[] v = System.Text.Encoding.ASCII.GetBytes(value);
            var b = new byte[v.Length + 4];
            b[0] = 0; // pad
            b[1] = (byte)code;
            b[2] = (byte)v.Length;
            Array.Copy(v, 0, b, 3, v.Length);
            b[b.Length - 1] = 255;
            return b;
        }

        private sealed class FakeDhcp : IDhcpOptionSource
        {
            public string Option66;
            public byte[] Option43;
            public string GetOption66() => Option66;
            public byte[] GetOption43() => Option43;
        }

        internal sealed class FakeStatus : IStatusProvider
        {
            public void Fill(StatusReport report)
            {
                report.FirmwareVersion = "1.2.3";
                report.Registration = "1=registered,2=failed";
                report.LastCallMosX100 = 412;
                report.LastCallJitterMs = 7;
                report.LastCallLossPermille = 3;
            }
        }
    }
}
