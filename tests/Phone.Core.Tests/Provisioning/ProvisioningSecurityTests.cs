// Security of provisioning: HTTP digest device authentication, signed files (missing, bad, truncated, rotated key),
// credentials not carried across origins, and no secret in any log line of full runs.
namespace Phone.Core.Tests.Provisioning
{
    using System;
    using System.Linq;
    using System.Text;
    using Phone.Core.Auth;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using static ProvisioningClientTests;

    public class ProvisioningSecurityTests
    {
        private const string Secret1 = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        private const string Secret2 = "f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f";
        private const string Challenge = "Digest realm=\"prov\", nonce=\"n-4711\", qop=\"auth\", algorithm=SHA-256";

        private readonly FakeHttpsFetcher _fetcher = new FakeHttpsFetcher();
        private readonly FaultInjectingStore _store = new FaultInjectingStore();
        private readonly CapturingLog _log = new CapturingLog();
        private long _now = 1000;

        private void Run(ProvisioningClient client)
        {
            client.Poll(_now);
            for (int i = 0; i < 50 && client.IsBusy; i++) client.Poll(_now);
            Assert.False(client.IsBusy);
        }

        private static string Signed(string text, string hexKey)
        {
            byte[] content = Encoding.UTF8.GetBytes(text);
            return text + ConfigSignature.Line(ConfigSignature.KeyFromHex(hexKey), content, 0, content.Length);
        }

        private void RequireDigest(string user, string password)
        {
            var verifier = new DigestVerifier();
            _fetcher.Gate = r =>
            {
                string path = ProvisioningUrl.RequestTarget(r.Url);
                if (r.Authorization != null && verifier.Verify(r.Method, path, user, "prov", password, r.Authorization, "n-4711") == DigestVerification.Valid) return null;
                return FakeHttpsFetcher.Status(401, challenge: Challenge);
            };
        }

        [Fact]
        public void DigestChallengeIsAnsweredOnceWithTheRequestTargetAsUri()
        {
            RequireDigest("dev-0011", "Prov-Pw-31337");
            _fetcher.Put(CommonUrl, CommonText);
            _fetcher.Put(DeviceUrl, DeviceText);
            var client = new ProvisioningClient(_fetcher, _store, _log, 9, Mac, null);
            Assert.True(client.EnterSetup(Base, "dev-0011", "Prov-Pw-31337", null, out string error), error);
            Run(client);
            Assert.Equal(ProvisioningState.Idle, client.State);
            Assert.Equal(4, _fetcher.Requests.Count);   // 401 + 200 for each file
            Assert.Null(_fetcher.Requests[0].Authorization);
            Assert.StartsWith("Digest username=\"dev-0011\", realm=\"prov\", nonce=\"n-4711\", uri=\"/prov/common.cfg\"", _fetcher.Requests[1].Authorization);
            Assert.Contains("uri=\"/prov/001122334455.cfg\"", _fetcher.Requests[3].Authorization);
            Assert.Equal("201", client.Current.GetString("account.1.user"));
        }

        [Fact]
        public void AStaleNonceIsAnsweredOnceMoreButNotForever()
        {
            var verifier = new DigestVerifier();
            int served = 0;
            _fetcher.Gate = r =>
            {
                if (r.Authorization == null) return FakeHttpsFetcher.Status(401, challenge: Challenge);
                string nonce = served == 0 ? "n-4711" : "n-4712";
                if (verifier.Verify(r.Method, ProvisioningUrl.RequestTarget(r.Url), "dev-0011", "prov", "Prov-Pw-31337", r.Authorization, nonce) == DigestVerification.Valid)
                {
                    served++;
                    return null;
                }
                return FakeHttpsFetcher.Status(401, challenge: "Digest realm=\"prov\", nonce=\"n-4712\", qop=\"auth\", stale=true");
            };
            _fetcher.Put(CommonUrl, CommonText);
            _fetcher.Put(DeviceUrl, DeviceText);
            var client = new ProvisioningClient(_fetcher, _store, _log, 9, Mac, null);
            Assert.True(client.EnterSetup(Base, "dev-0011", "Prov-Pw-31337", null, out _));
            Run(client);
            // common: 401, 200 (nonce n-4711); device: 401, answer with n-4711 -> 401 stale, answer with n-4712 -> 200.
            Assert.Equal(ProvisioningState.Idle, client.State);
            Assert.Equal(5, _fetcher.Requests.Count);
            Assert.Contains("nonce=\"n-4712\"", _fetcher.Requests[4].Authorization);

            // A server that keeps answering stale is not retried forever.
            _fetcher.Gate = r => FakeHttpsFetcher.Status(401, challenge: "Digest realm=\"prov\", nonce=\"n-9\", qop=\"auth\", stale=true");
            _fetcher.Requests.Clear();
            client.RequestResync("test");
            Run(client);
            Assert.Equal(ProvisioningState.Backoff, client.State);
            Assert.Equal(3, _fetcher.Requests.Count);
        }

        [Fact]
        public void WrongDigestPasswordFailsAfterOneRetry()
        {
            RequireDigest("dev-0011", "Prov-Pw-31337");
            var client = new ProvisioningClient(_fetcher, _store, _log, 9, Mac, null);
            Assert.True(client.EnterSetup(Base, "dev-0011", "Wrong-Pw-000", null, out _));
            Run(client);
            Assert.Equal(ProvisioningState.Backoff, client.State);
            Assert.Equal(2, _fetcher.Requests.Count);
            Assert.True(_log.Contains("WARN provisioning: https://pbx.example.com/prov/common.cfg: 401 Unauthorized (credentials rejected), keeping factory defaults, retry in"), _log.All);
        }

        private ProvisioningClient SignedDevice()
        {
            // First provisioning over HTTPS (trusted CA) turns signing on and installs the per-device secret.
            _fetcher.Put(CommonUrl, CommonText);
            _fetcher.Put(DeviceUrl, DeviceText + "security.signing_required = true\nsecurity.signing_secret = " + Secret1 + "\n");
            var client = new ProvisioningClient(_fetcher, _store, _log, 5, Mac, Base);
            Run(client);
            Assert.True(client.Current.GetBool("security.signing_required"));
            return client;
        }

        [Theory]
        [InlineData("unsigned", "missing signature (security.signing_required)")]
        [InlineData("other key", "bad signature")]
        [InlineData("content altered", "bad signature")]
        [InlineData("content cut", "bad signature")]
        [InlineData("signature cut", "malformed or truncated signature line")]
        [InlineData("signature line garbled", "malformed or truncated signature line")]
        public void BadlySignedFilesAreRejectedAndLastKnownGoodKept(string kind, string logged)
        {
            ProvisioningClient client = SignedDevice();
            ProvisioningConfig good = client.Current;
            string common = Signed(CommonText, Secret1);
            string device = DeviceText + "security.signing_required = true\nsecurity.signing_secret = " + Secret1 + "\nmedia.dtmf_mode = info\n";
            string body = kind switch
            {
                "unsigned" => device,
                "other key" => Signed(device, Secret2),
                "content altered" => Signed(device, Secret1).Replace("media.dtmf_mode = info", "media.dtmf_mode = inband"),
                "content cut" => Signed(device, Secret1).Remove(device.IndexOf("directory.201"), "directory.201 = Reception, 192.168.1.21\n".Length),
                "signature cut" => Signed(device, Secret1).Substring(0, Signed(device, Secret1).Length - 20),
                _ => Signed(device, Secret1).Replace("# signature = ", "# signature: "),
            };
            _fetcher.Put(CommonUrl, common);
            _fetcher.Put(DeviceUrl, body);
            client.RequestResync("test");
            Run(client);
            Assert.Equal(ProvisioningState.Backoff, client.State);
            Assert.True(client.Current.SameAs(good));
            Assert.True(_log.Contains("001122334455.cfg: " + logged + ", keeping last-known-good, retry in"), _log.All);
        }

        [Fact]
        public void CorrectlySignedFilesApplyAndCanRotateTheSecret()
        {
            ProvisioningClient client = SignedDevice();
            string device = DeviceText + "security.signing_required = true\nsecurity.signing_secret = " + Secret2 + "\nmedia.dtmf_mode = info\n";
            _fetcher.Put(CommonUrl, Signed(CommonText, Secret1));
            _fetcher.Put(DeviceUrl, Signed(device, Secret1));   // the new secret arrives signed with the current one
            client.RequestResync("rotate");
            Run(client);
            Assert.Equal(ProvisioningState.Idle, client.State);
            Assert.Equal("info", client.Current.GetString("media.dtmf_mode"));
            Assert.Equal(Secret2, client.Current.GetString("security.signing_secret"));

            // From now on only the new secret is accepted.
            _fetcher.Put(CommonUrl, Signed(CommonText + "tones.country = fr\n", Secret1));
            client.RequestResync("old key");
            Run(client);
            Assert.Equal(ProvisioningState.Backoff, client.State);
            Assert.True(_log.Contains("common.cfg: bad signature"), _log.All);
            _fetcher.Put(CommonUrl, Signed(CommonText + "tones.country = fr\n", Secret2));
            _fetcher.Put(DeviceUrl, Signed(device, Secret2));
            client.RequestResync("new key");
            Run(client);
            Assert.Equal(ProvisioningState.Idle, client.State);
        }

        [Fact]
        public void BearerTokenIsNotCarriedToAnotherOrigin()
        {
            _fetcher.Put(CommonUrl, CommonText);
            _fetcher.Put(DeviceUrl, DeviceText + "prov.token = Tok-Abc-987\n");
            var client = new ProvisioningClient(_fetcher, _store, _log, 5, Mac, Base);
            Run(client);
            _fetcher.Requests.Clear();
            _fetcher.Script(CommonUrl, r => FakeHttpsFetcher.Status(302, location: "https://cdn.example.net/common.cfg"));
            _fetcher.Put("https://cdn.example.net/common.cfg", CommonText);
            client.RequestResync("test");
            Run(client);
            Assert.Equal("Bearer Tok-Abc-987", _fetcher.Requests[0].Authorization);
            Assert.Equal("https://cdn.example.net/common.cfg", _fetcher.Requests[1].Url);
            Assert.Null(_fetcher.Requests[1].Authorization);
            Assert.Equal("Bearer Tok-Abc-987", _fetcher.Requests[2].Authorization);
        }

        [Fact]
        public void NoSecretEverAppearsInAnyLogLineOrStatusReport()
        {
            string[] secrets =
            {
                "Prov-Pw-31337", "Acc1-Secret-Pw", "Acc2-Secret-Pw", "Tok-Xyz-555", Secret1, Secret2, "Setup-Token-77",
            };
            RequireDigest("dev-0011", "Prov-Pw-31337");
            string device = DeviceText + "prov.user = dev-0011\nprov.password = Prov-Pw-31337\nsecurity.signing_required = true\n"
                + "security.signing_secret = " + Secret1 + "\nprov.status_url = https://pbx.example.com/status\n";
            _fetcher.Put(CommonUrl, CommonText);
            _fetcher.Put(DeviceUrl, device);
            var client = new ProvisioningClient(_fetcher, _store, _log, 5, Mac, null);
            client.StatusProvider = new FakeStatus();
            Assert.True(client.EnterSetup(Base, "dev-0011", "Prov-Pw-31337", "Setup-Token-77", out _));
            Run(client);
            Assert.Equal(ProvisioningState.Idle, client.State);

            // A series of failures and successes, each logging its own lines.
            _fetcher.Put(DeviceUrl, Signed(device + "account.1.password = \"bad\tpw Acc1-Secret-Pw\"\n", Secret1));
            client.RequestResync("bad value"); Run(client);
            Assert.True(_log.Contains("rejected: line 15: account.1.password: control character in value"), _log.All);
            _fetcher.Put(CommonUrl, Signed(CommonText, Secret1));
            _fetcher.Put(DeviceUrl, Signed(device.Replace(Secret1, Secret2) + "prov.token = Tok-Xyz-555\n", Secret2));
            client.RequestResync("bad signature"); Run(client);
            _fetcher.Put(DeviceUrl, Signed(device.Replace(Secret1, Secret2) + "prov.token = Tok-Xyz-555\n", Secret1));
            client.RequestResync("rotate"); Run(client);
            Assert.Equal(ProvisioningState.Idle, client.State);
            _fetcher.Gate = r => FakeHttpsFetcher.Status(401, challenge: Challenge);
            client.RequestResync("rejected"); Run(client);
            _fetcher.Gate = null;
            _fetcher.ScriptAlways(CommonUrl, r => FakeHttpsFetcher.Status(302, location: CommonUrl + "?token=Tok-Xyz-555"));
            _fetcher.ScriptAlways(CommonUrl + "?token=Tok-Xyz-555", r => FakeHttpsFetcher.Status(302, location: CommonUrl));
            client.RequestResync("redirect loop"); Run(client);
            Assert.True(_log.Contains("redirect loop (more than 5 redirects)"), _log.All);
            new ProvisioningClient(_fetcher, _store, _log, 5, Mac, null);

            Assert.True(_log.Lines.Count > 20, _log.All);
            foreach (string line in _log.Lines)
            {
                foreach (string secret in secrets) Assert.DoesNotContain(secret, line);
                Assert.DoesNotContain("Digest username", line);
                Assert.DoesNotContain("Bearer", line);
                Assert.DoesNotContain("response=", line);
            }
            foreach (SeenRequest post in _fetcher.Requests.Where(r => r.Method == "POST"))
            {
                foreach (string secret in secrets) Assert.DoesNotContain(secret, post.Body);
            }
            Assert.Contains(_fetcher.Requests, r => r.Method == "POST");
        }

        [Fact]
        public void SignatureLineRoundTripsAndDetectsEveryBitFlip()
        {
            byte[] key = ConfigSignature.KeyFromHex(Secret1);
            string text = Signed("config.version = 1\ntones.country = de\n", Secret1);
            byte[] body = Encoding.UTF8.GetBytes(text);
            Assert.Equal(SignatureCheck.Valid, ConfigSignature.Check(body, body.Length, key, true, out int content));
            Assert.Equal(text.IndexOf("# signature"), content);
            for (int i = 0; i < content; i++)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    byte[] copy = (byte[])body.Clone();
                    copy[i] ^= (byte)(1 << bit);
                    Assert.NotEqual(SignatureCheck.Valid, ConfigSignature.Check(copy, copy.Length, key, true, out _));
                }
            }
            Assert.Equal(SignatureCheck.Unsigned, ConfigSignature.Check(body, content, key, false, out _));
            Assert.Equal(SignatureCheck.Missing, ConfigSignature.Check(body, content, key, true, out _));
            Assert.Equal(SignatureCheck.NoKey, ConfigSignature.Check(body, body.Length, null, true, out _));
            Assert.Equal(SignatureCheck.Unchecked, ConfigSignature.Check(body, body.Length, null, false, out _));
            Assert.Equal(SignatureCheck.Valid, ConfigSignature.Check(body, body.Length - 1, key, true, out _));   // final LF lost: hex complete
            Assert.Equal(SignatureCheck.Malformed, ConfigSignature.Check(body, body.Length - 2, key, true, out _));
        }
    }
}
