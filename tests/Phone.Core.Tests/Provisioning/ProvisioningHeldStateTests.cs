// What the provisioning client holds between resyncs: the CA as a fingerprint once the HTTPS port has it, no digest state.
namespace Phone.Core.Tests.Provisioning
{
    using System.Linq;
    using System.Security.Cryptography;
    using System.Text;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;

    public class ProvisioningHeldStateTests
    {
        private const string Base = ProvisioningClientTests.Base;
        private const string PemA = "-----BEGIN CERTIFICATE-----\nMIIBAA==\n-----END CERTIFICATE-----";
        private const string PemB = "-----BEGIN CERTIFICATE-----\nMIIBBB==\n-----END CERTIFICATE-----";

        private readonly FakeHttpsFetcher _fetcher = new FakeHttpsFetcher();
        private readonly FaultInjectingStore _store = new FaultInjectingStore();
        private readonly CapturingLog _log = new CapturingLog();
        private long _now = 1000;

        private static string Fingerprint(string pem) =>
            ProvisioningConfig.FingerprintPrefix + System.Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(pem))).ToLowerInvariant();

        // As the device runs it: the file layers are not kept, so every resync fetches both files whole and compares.
        private ProvisioningClient NewClient()
            => new ProvisioningClient(_fetcher, _store, _log, 7, ProvisioningClientTests.Mac, Base) { KeepFileLayers = false, HoldBuffer = false };

        private void Resync(ProvisioningClient client)
        {
            client.RequestResync("test");
            client.Poll(_now);
            for (int i = 0; i < 50 && client.IsBusy; i++) client.Poll(_now);
            Assert.False(client.IsBusy);
            Assert.Equal(ProvisioningState.Idle, client.State);
            _now += 1000;
        }

        private void Serve(string pem)
        {
            string ca = pem == null ? "" : "security.ca_pem = " + pem + "\n";
            _fetcher.Put(ProvisioningClientTests.CommonUrl, ProvisioningClientTests.CommonText + ca);
            _fetcher.Put(ProvisioningClientTests.DeviceUrl, ProvisioningClientTests.DeviceText);
        }

        [Fact]
        public void The_ca_goes_to_the_https_port_once_and_the_configuration_in_force_keeps_its_fingerprint()
        {
            Serve(PemA);
            ProvisioningClient client = NewClient();
            Resync(client);
            Assert.Equal(new[] { PemA }, _fetcher.TrustedCas);
            Assert.Equal(Fingerprint(PemA), client.Current.GetString("security.ca_pem"));
            Assert.Equal("201", client.Current.GetString("account.1.user"));

            // The same CA again: the fingerprint matches, nothing is applied and the port is not asked again.
            int applied = client.Stats.Applied;
            Resync(client);
            Assert.Equal(applied, client.Stats.Applied);
            Assert.Equal(new[] { PemA }, _fetcher.TrustedCas);

            // A new CA: the port gets it; the stored configuration has its text, so a reboot hands it over again.
            Serve(PemB);
            Resync(client);
            Assert.Equal(applied + 1, client.Stats.Applied);
            Assert.Equal(new[] { PemA, PemB }, _fetcher.TrustedCas);
            Assert.Equal(Fingerprint(PemB), client.Current.GetString("security.ca_pem"));
            ProvisioningClient rebooted = NewClient();
            Assert.Equal(new[] { PemA, PemB, PemB }, _fetcher.TrustedCas);
            Assert.True(rebooted.Current.SameAs(client.Current));

            // The CA taken out: the port goes back to its factory trust.
            Serve(null);
            Resync(rebooted);
            Assert.Null(_fetcher.TrustedCas.Last());
            Assert.Equal("", rebooted.Current.GetString("security.ca_pem"));
        }

        [Fact]
        public void A_pem_and_its_fingerprint_are_the_same_value_and_the_fingerprint_is_never_written_as_a_ca()
        {
            var full = new ProvisioningConfig();
            full.Set("config.version", "1");
            full.Set("security.ca_pem", PemA);
            full.Set("tones.country", "fr");
            ProvisioningConfig kept = full.Clone();
            Assert.True(kept.KeepPemFingerprint("security.ca_pem"));
            Assert.False(kept.KeepPemFingerprint("security.ca_pem"));
            Assert.False(kept.KeepPemFingerprint("tones.country"));
            Assert.Equal("fr", kept.Get("tones.country"));
            Assert.Equal(Fingerprint(PemA), kept.Get("security.ca_pem"));
            Assert.True(kept.SameAs(full) && full.SameAs(kept));
            Assert.True(kept.SameValue("security.ca_pem", full));
            ProvisioningConfig other = full.Clone();
            other.Set("security.ca_pem", PemB);
            Assert.Equal(ConfigChanges.Security, kept.Compare(other));
            Assert.Equal(ConfigChanges.Security, other.Compare(kept));

            var buffer = new byte[4096];
            int n = kept.Serialize(buffer, 0);
            string text = Encoding.UTF8.GetString(buffer, 0, n);
            Assert.Contains("# security.ca_pem = " + Fingerprint(PemA) + "\n", text);
            var parsed = new ProvisioningConfig();
            Assert.True(ConfigParser.TryParse(buffer, 0, n, parsed, new CapturingLog(), "kept.cfg", out string error), error);
            Assert.Null(parsed.Get("security.ca_pem"));
            Assert.Equal("fr", parsed.Get("tones.country"));
        }

        [Fact]
        public void Every_resync_behind_digest_auth_answers_its_own_challenge_including_a_stale_one()
        {
            const string Device = ProvisioningClientTests.DeviceText + "prov.user = dev\nprov.password = pw-1\n";
            _fetcher.Put(ProvisioningClientTests.CommonUrl, ProvisioningClientTests.CommonText);
            _fetcher.Put(ProvisioningClientTests.DeviceUrl, Device);
            int nonce = 0;
            bool staleNext = false;
            _fetcher.Gate = r =>
            {
                if (r.Url != ProvisioningClientTests.DeviceUrl || r.Method != "GET") return null;
                const string Challenge = "Digest realm=\"prov\", qop=\"auth\", nonce=\"n";
                if (r.Authorization == null) return FakeHttpsFetcher.Status(401, challenge: Challenge + (++nonce) + "\"");
                if (!staleNext) return null;
                staleNext = false;
                return FakeHttpsFetcher.Status(401, challenge: Challenge + (++nonce) + "\", stale=true");
            };

            // The setup entry's credentials answer the first challenge; then those of the configuration in force.
            ProvisioningClient client = NewClient();
            Assert.True(client.EnterSetup(Base, "dev", "pw-1", null, out string error), error);
            Resync(client);
            Resync(client);
            staleNext = true;
            _fetcher.Requests.Clear();
            Resync(client);
            string[] answers = _fetcher.Requests.Where(r => r.Url == ProvisioningClientTests.DeviceUrl && r.Authorization != null)
                .Select(r => r.Authorization).ToArray();
            Assert.Equal(2, answers.Length);                       // the first answer, then the one to the stale challenge
            Assert.All(answers, a => Assert.StartsWith("Digest username=\"dev\"", a));
            Assert.Contains("nonce=\"n" + (nonce - 1) + "\"", answers[0]);
            Assert.Contains("nonce=\"n" + nonce + "\"", answers[1]);
            Assert.Equal(0, client.Stats.Failures);
        }
    }
}
