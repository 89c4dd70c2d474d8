// The device's provisioning client parks the configuration in force when idle (HoldConfiguration false): it keeps its own
// keys and reads the rest back from the last-known-good slot; resyncs, agent rebuilds and flash faults behave as before.
namespace Phone.Core.Tests.Provisioning
{
    using System.Collections.Generic;
    using System.Linq;
    using System.Reflection;
    using System.Text;
    using Phone.Core.Agent;
    using Phone.Core.Device;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using Phone.Core.Tests.Device;

    /// <summary>Every test of <see cref="ProvisioningClientTests"/> again, with the device's HoldConfiguration and HoldBuffer.</summary>
    public sealed class ProvisioningClientParkedTests : ProvisioningClientTests
    {
        protected override ProvisioningClient Boot(IHttpsFetcher fetcher, ISettingsStore store, ILog log, int seed, string mac, string factory)
            => new ProvisioningClient(fetcher, store, log, seed, mac, factory) { HoldConfiguration = false, HoldBuffer = false };
    }

    public class ProvisioningParkedTests
    {
        private const string Base = FirmwareImage.Base;
        private const string CommonUrl = Base + "common.cfg";
        private const string DeviceUrl = Base + "240ac4123456.cfg";
        private const string PemB = "-----BEGIN CERTIFICATE-----\nMIIBBB==\n-----END CERTIFICATE-----";

        private readonly FakeHttpsFetcher _fetcher = new FakeHttpsFetcher();
        private readonly CountingStore _store = new CountingStore();
        private readonly CapturingLog _log = new CapturingLog();
        private long _now = 1000;

        private ProvisioningClient Parked(ISettingsStore store = null, IHttpsFetcher fetcher = null, ILog log = null)
            => new ProvisioningClient(fetcher ?? _fetcher, store ?? _store, log ?? _log, 17, FirmwareImage.Mac, Base, MemoryBudget.ConfigFileBytes)
            {
                KeepFileLayers = MemoryBudget.KeepConfigFileLayers,
                HoldBuffer = MemoryBudget.HoldConfigBuffer,
                HoldConfiguration = MemoryBudget.HoldConfiguration,
            };

        private ProvisioningClient Holding(ISettingsStore store, IHttpsFetcher fetcher)
            => new ProvisioningClient(fetcher, store, new CapturingLog(), 17, FirmwareImage.Mac, Base, MemoryBudget.ConfigFileBytes)
            {
                KeepFileLayers = MemoryBudget.KeepConfigFileLayers,
                HoldBuffer = MemoryBudget.HoldConfigBuffer,
            };

        private void Serve(string common, string device)
        {
            _fetcher.Put(CommonUrl, common);
            _fetcher.Put(DeviceUrl, device);
        }

        private void Resync(ProvisioningClient client)
        {
            client.RequestResync("test");
            client.Poll(_now);
            for (int i = 0; i < 50 && client.IsBusy; i++) client.Poll(_now);
            Assert.Equal(ProvisioningState.Idle, client.State);
            _now += 1000;
        }

        private static object Field(ProvisioningClient client, string name)
            => typeof(ProvisioningClient).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance).GetValue(client);

        [Fact]
        public void An_idle_parked_client_keeps_only_its_own_keys_and_current_reads_the_rest_back()
        {
            Serve(OfficeConfig.Common, OfficeConfig.Device);
            ProvisioningClient client = Parked();
            Resync(client);

            Assert.Null(Field(client, "_current"));
            var kept = (ProvisioningConfig)Field(client, "_resume");
            var keys = Enumerable.Range(0, kept.Count).Select(kept.KeyAt).OrderBy(k => k).ToArray();
            Assert.Equal(new[] { "prov.password", "prov.resync_jitter_s", "prov.resync_s", "prov.status_url", "prov.user", "security.signing_secret" }, keys);
            Assert.True(kept.ByteLength < 300, kept.ByteLength.ToString());

            // What Current gives is the whole configuration in force (the CA as its fingerprint), and the client stays parked.
            ProvisioningConfig current = client.Current;
            Assert.Equal("201", current.GetString("account.1.user"));
            Assert.Equal(24, Enumerable.Range(0, current.Count).Count(i => current.KeyAt(i).StartsWith("directory.")));
            Assert.StartsWith(ProvisioningConfig.FingerprintPrefix, current.GetString("security.ca_pem"));
            Assert.Null(Field(client, "_current"));
            Assert.Null(Field(client, "_buffer"));
            Assert.True(Parked(store: _store).Current.SameAs(current));   // what a reboot loads
            Assert.Equal(0, client.Stats.ReloadFailures);
        }

        [Fact]
        public void Side_by_side_a_parked_and_a_holding_client_apply_the_same_changes_the_same_ca_and_the_same_configuration()
        {
            var heldStore = new FaultInjectingStore();
            var heldFetcher = new FakeHttpsFetcher();
            ProvisioningClient parked = Parked();
            ProvisioningClient held = Holding(heldStore, heldFetcher);
            var parkedChanges = new List<ConfigChanges>();
            var heldChanges = new List<ConfigChanges>();
            parked.ConfigApplied += (p, c, ch) => parkedChanges.Add(ch);
            held.ConfigApplied += (p, c, ch) => heldChanges.Add(ch);
            string common = OfficeConfig.Common, device = OfficeConfig.Device;
            string[][] steps =
            {
                new[] { common, device },                                                       // first provisioning
                new[] { common, device },                                                       // unchanged
                new[] { common.Replace("tones.country = de", "tones.country = fr"), device },   // tones
                new[] { common.Replace("tones.country = de", "tones.country = fr"), device.Replace("Anna Weber", "Anna Weber-Lutz") },
                new[] { "# reordered, same values\n" + common.Replace("tones.country = de", "tones.country = fr"), device.Replace("Anna Weber", "Anna Weber-Lutz") },
                new[] { common.Substring(0, common.IndexOf("security.ca_pem")) + "security.ca_pem = " + PemB + "\n", device },   // another CA
                new[] { common.Substring(0, common.IndexOf("security.ca_pem")), device },     // no CA
            };
            foreach (string[] files in steps)
            {
                Serve(files[0], files[1]);
                heldFetcher.Put(CommonUrl, files[0]);
                heldFetcher.Put(DeviceUrl, files[1]);
                Resync(parked);
                Resync(held);
                Assert.Equal(heldChanges, parkedChanges);
                Assert.Equal(heldFetcher.TrustedCas, _fetcher.TrustedCas);
                Assert.True(parked.Current.SameAs(held.Current));
                Assert.Equal(held.Stats.Applied, parked.Stats.Applied);
            }
            Assert.Equal(5, parkedChanges.Count);
            Assert.Equal(0, parked.Stats.ReloadFailures);
        }

        [Fact]
        public void An_idle_device_client_holds_no_attempt_no_request_no_file_layers_and_no_empty_setup_entry()
        {
            Serve(OfficeConfig.Common, OfficeConfig.Device);
            ProvisioningClient client = Parked();
            client.Poll(_now);
            Assert.True(client.IsBusy);
            Assert.NotNull(Field(client, "_attempt"));   // built for the attempt ...
            for (int i = 0; i < 50 && client.IsBusy; i++) client.Poll(_now);
            Assert.Null(Field(client, "_attempt"));      // ... and let go with its request once idle
            Assert.Null(Field(client, "_cache"));
            Assert.Null(Field(client, "_setupEntry"));
            Assert.Equal(ProvisioningState.Idle, client.State);

            // A setup entry typed later is stored and used as before (its slot store is made for the save).
            Assert.True(client.EnterSetup("https://other.example.com/p/", "u", "p", null, out string error), error);
            Assert.NotNull(Field(client, "_setupEntry"));
            var rebooted = Parked();
            Assert.Equal("https://other.example.com/p/", ((ProvisioningConfig)Field(rebooted, "_setupEntry")).GetString("prov.url"));
        }

        [Fact]
        public void An_unchanged_resync_while_parked_reads_nothing_back_and_writes_nothing()
        {
            Serve(OfficeConfig.Common, OfficeConfig.Device);
            ProvisioningClient client = Parked();
            Resync(client);
            int applied = client.Stats.Applied;
            _store.Reads = 0;
            _store.Writes = 0;
            Resync(client);
            Assert.Equal(0, _store.Reads);
            Assert.Equal(0, _store.Writes);
            Assert.Equal(applied, client.Stats.Applied);
            Assert.True(_log.Contains("configuration unchanged, next resync in"), _log.All);

            // After a reboot the stored copy is hashed as loaded, and the server's file is still recognised without a read.
            ProvisioningClient rebooted = Parked();
            _store.Reads = 0;
            Resync(rebooted);
            Assert.Equal(0, _store.Reads);
            Assert.Equal(0, rebooted.Stats.Applied);
        }

        [Fact]
        public void An_address_change_while_parked_builds_the_agent_with_the_same_values()
        {
            Serve(OfficeConfig.Common, OfficeConfig.Device);
            ProvisioningClient parked = Parked();
            var heldFetcher = new FakeHttpsFetcher();
            heldFetcher.Put(CommonUrl, OfficeConfig.Common);
            heldFetcher.Put(DeviceUrl, OfficeConfig.Device);
            ProvisioningClient held = Holding(new FaultInjectingStore(), heldFetcher);
            Resync(parked);
            Resync(held);
            uint before = NetEndPoint.MakeAddress(192, 168, 7, 37), after = NetEndPoint.MakeAddress(10, 0, 0, 9);
            string atBoot = Describe(DeviceAgent.Configure(held.Current, before));
            Assert.Equal(atBoot, Describe(DeviceAgent.Configure(parked.Current, before)));
            // As Program does on an address change: Current (read back) and the new address.
            string rebuilt = Describe(DeviceAgent.Configure(parked.Current, after));
            Assert.Equal(Describe(DeviceAgent.Configure(held.Current, after)), rebuilt);
            Assert.Equal(atBoot.Replace("192.168.7.37", "10.0.0.9").Replace(before.ToString(), after.ToString()), rebuilt);
            Assert.Contains("User=201", rebuilt);
            Assert.Contains("Directory=23:200/Reception/192.168.1.20:5060,", rebuilt);   // every desk but our own
        }

        [Fact]
        public void A_corrupt_slot_fails_the_read_back_the_agent_source_is_null_and_the_next_file_is_applied_whole()
        {
            Serve(OfficeConfig.Common, OfficeConfig.Device);
            ProvisioningClient client = Parked();
            Resync(client);
            string active = ActiveSlot();
            byte[] raw = _store.Inner.Raw(active);
            raw[raw.Length / 2] ^= 0x20;
            _store.Inner.Write(active, raw, 0, raw.Length);

            Assert.Null(client.Current);
            Assert.Equal(1, client.Stats.ReloadFailures);
            Assert.True(_log.Contains("could not be read back (slot unreadable); what runs keeps running, the next file fetched is applied whole"), _log.All);

            // The same files again: applied whole (every area), the CA handed over again, the slot written anew.
            var changes = new List<ConfigChanges>();
            client.ConfigApplied += (p, c, ch) => changes.Add(ch);
            int cas = _fetcher.TrustedCas.Count;
            Resync(client);
            Assert.Single(changes);
            Assert.True(changes[0].HasFlag(ConfigChanges.Account | ConfigChanges.Directory | ConfigChanges.Security));
            Assert.Equal(cas + 1, _fetcher.TrustedCas.Count);
            Assert.Equal("201", client.Current.GetString("account.1.user"));
            Assert.Equal(1, client.Stats.ReloadFailures);
            Assert.True(Parked().Current.SameAs(client.Current));
        }

        [Fact]
        public void A_newer_copy_gone_bad_does_not_let_the_older_one_pass_for_the_configuration_in_force()
        {
            Serve(OfficeConfig.Common, OfficeConfig.Device);
            ProvisioningClient client = Parked();
            Resync(client);
            Serve(OfficeConfig.Common.Replace("tones.country = de", "tones.country = fr"), OfficeConfig.Device);
            Resync(client);
            Assert.Equal("fr", client.Current.GetString("tones.country"));
            // The newest slot unreadable, the older one intact (it holds "de"): the read-back must fail, not give "de".
            string newest = ActiveSlot();
            byte[] older = _store.Inner.Raw(newest == "cfg.a" ? "cfg.b" : "cfg.a");
            _store.Inner.Delete(newest);
            Assert.Null(client.Current);
            Assert.Equal(1, client.Stats.ReloadFailures);
            Resync(client);
            Assert.Equal("fr", client.Current.GetString("tones.country"));
            // A valid record of another configuration put in the active slot is refused too (its hash differs).
            string active = ActiveSlot();
            _store.Inner.Write(active, older, 0, older.Length);
            Assert.Null(client.Current);
            Assert.Equal(2, client.Stats.ReloadFailures);
            Assert.True(_log.Contains("(slot content is not the configuration in force)"), _log.All);
        }

        [Fact]
        public void A_configuration_that_could_not_be_saved_stays_in_memory_and_is_not_parked()
        {
            var store = new FaultInjectingStore();
            Serve(OfficeConfig.Common, OfficeConfig.Device);
            ProvisioningClient client = Parked(store: store);
            store.CutAt(0, 0);   // the first write fails, and the store with it
            Resync(client);
            Assert.Equal(1, client.Stats.SaveFailures);
            Assert.NotNull(Field(client, "_current"));
            Assert.Equal("201", client.Current.GetString("account.1.user"));
            Assert.Equal(0, client.Stats.ReloadFailures);

            // Once a save succeeds the client parks again.
            store.Reboot();
            Serve(OfficeConfig.Common.Replace("tones.country = de", "tones.country = fr"), OfficeConfig.Device);
            Resync(client);
            Assert.Null(Field(client, "_current"));
            Assert.Equal("fr", client.Current.GetString("tones.country"));
        }

        private string ActiveSlot()
        {
            uint Sequence(string name)
            {
                byte[] r = _store.Inner.Raw(name);
                return r == null ? 0 : System.BitConverter.ToUInt32(r, 4);
            }
            return Sequence("cfg.a") > Sequence("cfg.b") ? "cfg.a" : "cfg.b";
        }

        // Every public field of the agent's configuration as text (arrays, end points and the directory spelled out).
        private static string Describe(AgentConfig config)
        {
            var s = new StringBuilder();
            foreach (FieldInfo f in typeof(AgentConfig).GetFields(BindingFlags.Public | BindingFlags.Instance).OrderBy(f => f.Name))
            {
                object v = f.GetValue(config);
                string text = v switch
                {
                    null => "null",
                    System.Array a => string.Join(",", a.Cast<object>()),
                    Phone.Core.Resilience.OfficeDirectory d => d.Count.ToString() + ":" + string.Join(",", Enumerable.Range(0, d.Count)
                        .Select(i => d.Extension(i) + "/" + d.Name(i) + "/" + d.EndPoint(i).ToString())),
                    Phone.Core.Resilience.RegistrarMonitorConfig k => k.KeepAliveIntervalMs + "/" + k.DeadAfterMisses + "/" + k.RecoveryProbeIntervalMs + "/" + k.FailbackGoodProbes,
                    _ => v.ToString(),
                };
                s.Append(f.Name).Append('=').Append(text).Append('\n');
            }
            return s.ToString();
        }

        /// <summary>A store that counts reads and writes (the flash the device reads its parked configuration back from).</summary>
        private sealed class CountingStore : ISettingsStore
        {
            public readonly FaultInjectingStore Inner = new FaultInjectingStore();
            public int Reads, Writes;

            public int Read(string name, byte[] buffer, int offset, int max)
            {
                Reads++;
                return Inner.Read(name, buffer, offset, max);
            }

            public bool Write(string name, byte[] data, int offset, int count)
            {
                Writes++;
                return Inner.Write(name, data, offset, count);
            }

            public bool Delete(string name) => Inner.Delete(name);
        }
    }
}
