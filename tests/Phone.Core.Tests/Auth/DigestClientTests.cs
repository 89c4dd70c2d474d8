// Digest UAC flows: REGISTER 401 → Authorization, algorithm choice, stale nonces, rejections, several realms (RFC 3261 §22, RFC 8760).
namespace Phone.Core.Tests.Auth
{
    using Phone.Core.Auth;

    public class DigestClientTests
    {
        private const string Nonce1 = "ea9c8e88df84f1cec4341ae6cbe5a359";
        private const string RegistrarChallenge =
            "Digest realm=\"atlanta.example.com\", qop=\"auth\", nonce=\"" + Nonce1 + "\", opaque=\"5ccc069c\", stale=FALSE, algorithm=MD5";

        private static (DigestClient Client, DigestCredentialStore Store) NewClient(int maxRejections = 1)
        {
            var store = new DigestCredentialStore(4);
            Assert.True(store.Set("atlanta.example.com", "alice", "s3cr3t pw"));
            Assert.True(store.Set("proxy.example.net", "alice-p", "proxy-pw"));
            return (new DigestClient(store, new CountingRandom(), 3, maxRejections), store);
        }

        private static DigestAuthorization Parse(string value)
        {
            var a = new DigestAuthorization();
            Assert.True(DigestAuthorization.TryParse(value, a), value);
            return a;
        }

        [Fact]
        public void RegisterChallengeProducesVerifiableAuthorization()
        {
            var (client, _) = NewClient();
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge(RegistrarChallenge, false));
            Assert.Equal(1, client.Count);
            Assert.False(client.IsProxy(0));
            string h = client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com");
            Assert.Equal(
                "Digest username=\"alice\", realm=\"atlanta.example.com\", nonce=\"" + Nonce1 + "\", uri=\"sip:atlanta.example.com\", response=\""
                + DigestCalculatorTests.Reference(DigestAlgorithm.Md5, "alice", "atlanta.example.com", "s3cr3t pw", "REGISTER", "sip:atlanta.example.com",
                    Nonce1, 1, "0102030405060708090a0b0c", "auth", "")
                + "\", algorithm=MD5, cnonce=\"0102030405060708090a0b0c\", opaque=\"5ccc069c\", qop=auth, nc=00000001", h);
            var verifier = new DigestVerifier();
            Assert.Equal(DigestVerification.Valid, verifier.Verify("REGISTER", "sip:atlanta.example.com", "alice", "atlanta.example.com", "s3cr3t pw", h, Nonce1));
            Assert.Equal(DigestVerification.BadResponse, verifier.Verify("REGISTER", "sip:atlanta.example.com", "alice", "atlanta.example.com", "wrong", h, Nonce1));
            Assert.Equal(DigestVerification.BadResponse, verifier.Verify("INVITE", "sip:atlanta.example.com", "alice", "atlanta.example.com", "s3cr3t pw", h, Nonce1));
        }

        [Fact]
        public void AcceptsTheChallengeAsAByteRangeOfTheMessage()
        {
            var (client, _) = NewClient();
            byte[] msg = System.Text.Encoding.ASCII.GetBytes("WWW-Authenticate: " + RegistrarChallenge + "\r\n");
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge(msg, 18, msg.Length - 20, false));
            var c = new DigestChallenge();
            Assert.True(DigestChallenge.TryParse(msg, 18, msg.Length - 20, c));
            Assert.Equal("5ccc069c", c.Opaque);
        }

        [Fact]
        public void NonceCountIncrementsPerRequestWithSameNonceAndCnonceIsFresh()
        {
            var (client, _) = NewClient();
            client.OnChallenge(RegistrarChallenge, false);
            var a1 = Parse(client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com"));
            var a2 = Parse(client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com"));
            Assert.Equal("00000001", a1.NonceCountText);
            Assert.Equal("00000002", a2.NonceCountText);
            Assert.NotEqual(a1.Cnonce, a2.Cnonce);
            Assert.Equal(2u, client.NonceCount(0));
        }

        [Fact]
        public void PrefersSha256OverMd5AmongSeveralChallenges()
        {
            var (client, _) = NewClient();
            string[] values =
            {
                "Digest realm=\"atlanta.example.com\", nonce=\"m\", algorithm=MD5, qop=\"auth\"",
                "Digest realm=\"atlanta.example.com\", nonce=\"x\", algorithm=SHA-512-256, qop=\"auth\"",
                "Digest realm=\"atlanta.example.com\", nonce=\"s\", algorithm=SHA-256, qop=\"auth\"",
            };
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge(values, 3, false));
            Assert.Equal(1, client.Count);
            var a = Parse(client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com"));
            Assert.Equal(DigestAlgorithm.Sha256, a.Algorithm);
            Assert.Equal("s", a.Nonce);
            Assert.Equal(64, a.Response.Length);
            Assert.Equal(DigestVerification.Valid,
                new DigestVerifier().Verify("REGISTER", "sip:atlanta.example.com", "alice", "atlanta.example.com", "s3cr3t pw", client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com"), "s"));
        }

        [Fact]
        public void StaleNonceRetriesWithoutCountingAFailureAndResetsNc()
        {
            var (client, _) = NewClient();
            client.OnChallenge(RegistrarChallenge, false);
            client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com");
            client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com");
            string stale = "Digest realm=\"atlanta.example.com\", qop=\"auth\", nonce=\"fresh\", stale=true";
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge(stale, false));
            Assert.Equal(0, client.Failures);
            Assert.Equal(1, client.Stats.StaleRetries);
            var a = Parse(client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com"));
            Assert.Equal("fresh", a.Nonce);
            Assert.Equal("00000001", a.NonceCountText);
        }

        [Fact]
        public void NonStaleRechallengeAfterAnsweringIsARejection()
        {
            var (client, _) = NewClient(maxRejections: 2);
            client.OnChallenge(RegistrarChallenge, false);
            client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com");
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge(RegistrarChallenge.Replace(Nonce1, "n2"), false));
            Assert.Equal(1, client.Failures);
            client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com");
            Assert.Equal(DigestOutcome.Rejected, client.OnChallenge(RegistrarChallenge.Replace(Nonce1, "n3"), false));
            Assert.Equal(2, client.Failures);
            Assert.Equal(2, client.Stats.Rejections);
            Assert.Equal(0, client.Count);
            Assert.Null(client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com"));
        }

        [Fact]
        public void SuccessResetsFailuresAndRechallengeWithoutAnsweringIsNotARejection()
        {
            var (client, _) = NewClient(maxRejections: 1);
            client.OnChallenge(RegistrarChallenge, false);
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge(RegistrarChallenge.Replace(Nonce1, "n2"), false));
            Assert.Equal(0, client.Failures);
            client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com");
            client.OnSuccess();
            Assert.Equal(0, client.Failures);
            // A later re-challenge after success is first counted, and with maxRejections 1 ends the attempt.
            Assert.Equal(DigestOutcome.Rejected, client.OnChallenge(RegistrarChallenge.Replace(Nonce1, "n3"), false));
        }

        [Fact]
        public void SeveralRealmsRegistrarAndProxyEachGetAHeader()
        {
            var (client, _) = NewClient();
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge(RegistrarChallenge, false));
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge("Digest realm=\"proxy.example.net\", nonce=\"p1\", algorithm=SHA-256, qop=\"auth\"", true));
            Assert.Equal(2, client.Count);
            Assert.False(client.IsProxy(0));
            Assert.True(client.IsProxy(1));
            var a0 = Parse(client.BuildAuthorization(0, "INVITE", "sip:bob@biloxi.example.com"));
            var a1 = Parse(client.BuildAuthorization(1, "INVITE", "sip:bob@biloxi.example.com"));
            Assert.Equal("alice", a0.Username);
            Assert.Equal("alice-p", a1.Username);
            Assert.Equal(DigestVerification.Valid, new DigestVerifier().Verify("INVITE", "sip:bob@biloxi.example.com", "alice-p", "proxy.example.net", "proxy-pw",
                client.BuildAuthorization(1, "INVITE", "sip:bob@biloxi.example.com"), "p1"));
        }

        [Fact]
        public void UnknownRealmAsksForCredentialsUnlessFallbackConfigured()
        {
            var (client, store) = NewClient();
            Assert.Equal(DigestOutcome.NoCredentials, client.OnChallenge("Digest realm=\"other\", nonce=\"n\"", false));
            Assert.Equal(1, client.Stats.NoCredentials);
            Assert.True(store.Set(null, "anyuser", "anypw"));
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge("Digest realm=\"other\", nonce=\"n\"", false));
            // No qop: RFC 2069 form without cnonce/nc.
            string h = client.BuildAuthorization(0, "REGISTER", "sip:other");
            Assert.DoesNotContain("cnonce", h);
            Assert.DoesNotContain("nc=", h);
            Assert.Equal(DigestVerification.Valid, new DigestVerifier().Verify("REGISTER", "sip:other", "anyuser", "other", "anypw", h, "n"));
        }

        [Theory]
        [InlineData("Digest realm=\"atlanta.example.com\", nonce=\"n\", algorithm=SHA-512-256", DigestOutcome.Unsupported)]
        [InlineData("Digest realm=\"atlanta.example.com\", nonce=\"n\", qop=\"future\"", DigestOutcome.Unsupported)]
        [InlineData("Digest realm=\"atlanta.example.com\", nonce=", DigestOutcome.Malformed)]
        [InlineData("Basic realm=\"atlanta.example.com\"", DigestOutcome.Malformed)]
        public void UnusableChallenges(string value, DigestOutcome expected)
        {
            var (client, _) = NewClient();
            Assert.Equal(expected, client.OnChallenge(value, false));
            Assert.Equal(0, client.Count);
        }

        [Fact]
        public void TableFullWhenMoreRealmsThanSlots()
        {
            var store = new DigestCredentialStore(1);
            store.Set(null, "u", "p");
            var client = new DigestClient(store, new CountingRandom(), 1, 1);
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge("Digest realm=\"a\", nonce=\"n\"", false));
            Assert.Equal(DigestOutcome.TableFull, client.OnChallenge("Digest realm=\"b\", nonce=\"n\"", true));
        }

        [Fact]
        public void AuthIntAndSessVariantsVerify()
        {
            var (client, _) = NewClient();
            client.OnChallenge("Digest realm=\"atlanta.example.com\", nonce=\"q\", algorithm=SHA-256-sess, qop=\"auth-int\"", false);
            byte[] body = System.Text.Encoding.ASCII.GetBytes("v=0\r\n");
            var w = new Phone.Core.Text.ByteWriter(new byte[1024], 0, 1024);
            Assert.True(client.WriteAuthorization(0, "INVITE", "sip:bob@b", body, 0, body.Length, w));
            string h = w.ToString();
            Assert.Contains("qop=auth-int", h);
            Assert.Contains("algorithm=SHA-256-sess", h);
            var v = new DigestVerifier();
            Assert.Equal(DigestVerification.Valid, v.Verify("INVITE", "sip:bob@b", "alice", "atlanta.example.com", "s3cr3t pw", h, "q", body, 0, body.Length));
            Assert.Equal(DigestVerification.BadResponse, v.Verify("INVITE", "sip:bob@b", "alice", "atlanta.example.com", "s3cr3t pw", h, "q", body, 0, body.Length - 1));
        }

        [Fact]
        public void OverflowLeavesWriterUnchangedAndReportsFalse()
        {
            var (client, _) = NewClient();
            client.OnChallenge(RegistrarChallenge, false);
            var w = new Phone.Core.Text.ByteWriter(new byte[40], 0, 40);
            Assert.False(client.WriteAuthorization(0, "REGISTER", "sip:atlanta.example.com", null, 0, 0, w));
            Assert.Equal(0, w.Length);
            Assert.Equal(0u, client.NonceCount(0));
        }

        [Fact]
        public void ClientsOnTwoThreadsParseTheirChallengesWithoutMixingThem()
        {
            // Each 401/407 is parsed into a table of its own (no table shared between clients): a registration on the
            // protocol thread and a provisioning fetch elsewhere never see each other's realms or nonces.
            var (a, _) = NewClient();
            var (b, _) = NewClient();
            string[] forA = { RegistrarChallenge };
            string[] forB = { "Digest realm=\"proxy.example.net\", nonce=\"bbbb\", algorithm=SHA-256, qop=\"auth\"",
                "Digest realm=\"proxy.example.net\", nonce=\"bbbb-md5\", algorithm=MD5, qop=\"auth\"" };
            bool mixed = false;
            void Run(DigestClient client, string[] values, bool proxy, string realm, string nonce)
            {
                for (int i = 0; i < 2000; i++)
                {
                    DigestOutcome o = client.OnChallenge(values, values.Length, proxy);
                    if (o != DigestOutcome.Retry || client.Count != 1 || client.Challenge(0).Realm != realm
                        || client.Challenge(0).Nonce != nonce || client.IsProxy(0) != proxy) mixed = true;
                    client.Clear();
                }
            }
            var t = new System.Threading.Thread(() => Run(b, forB, true, "proxy.example.net", "bbbb"));
            t.Start();
            Run(a, forA, false, "atlanta.example.com", Nonce1);
            t.Join();
            Assert.False(mixed);
        }

        [Fact]
        public void ClientsSharingTheCalculatorOnTwoThreadsWriteVerifiableResponses()
        {
            // The clients share one calculator under a lock: MD5 answers on one thread and SHA-256 auth-int answers on
            // another, interleaved, each still verify with their own nonce, algorithm and body.
            var (a, _) = NewClient();
            var (b, _) = NewClient();
            Assert.Equal(DigestOutcome.Retry, a.OnChallenge(RegistrarChallenge, false));
            Assert.Equal(DigestOutcome.Retry, b.OnChallenge("Digest realm=\"proxy.example.net\", nonce=\"n-b\", algorithm=SHA-256, qop=\"auth-int\"", true));
            byte[] body = System.Text.Encoding.ASCII.GetBytes("v=0\r\n");
            string bad = null;
            void Run(DigestClient client, string method, string user, string realm, string pw, string nonce, byte[] data)
            {
                var verifier = new DigestVerifier();
                var buffer = new byte[1024];
                for (int i = 0; i < 300; i++)
                {
                    var w = new Phone.Core.Text.ByteWriter(buffer, 0, buffer.Length);
                    if (!client.WriteAuthorization(0, method, "sip:x@" + realm, data, 0, data == null ? 0 : data.Length, w)) { bad = "write"; return; }
                    string h = w.ToString();
                    if (verifier.Verify(method, "sip:x@" + realm, user, realm, pw, h, nonce, data, 0, data == null ? 0 : data.Length) != DigestVerification.Valid) { bad = h; return; }
                }
            }
            var t = new System.Threading.Thread(() => Run(b, "INVITE", "alice-p", "proxy.example.net", "proxy-pw", "n-b", body));
            t.Start();
            Run(a, "REGISTER", "alice", "atlanta.example.com", "s3cr3t pw", Nonce1, null);
            t.Join();
            Assert.Null(bad);
        }

        [Fact]
        public void AClientNeverChallengedHoldsNoChallengeAndAnswersOnceChallenged()
        {
            var (client, _) = NewClient();
            Assert.Equal(0, client.Count);
            Assert.False(client.IsProxy(0));
            Assert.Null(client.Challenge(0));
            client.Clear();
            Assert.Null(client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com"));
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge(RegistrarChallenge, false));
            Assert.Equal(Nonce1, client.Challenge(0).Nonce);
            Assert.NotNull(client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com"));
            client.Clear();
            Assert.Equal(0, client.Count);
            Assert.Null(client.Challenge(0).Realm);
        }

        [Fact]
        public void OnlyTheFirstEightChallengesOfAResponseAreConsidered()
        {
            // Nine challenges for nine realms with credentials for the ninth only: as with the table of eight held
            // before, the ninth is not read, so the response asks for credentials we do not have.
            var store = new DigestCredentialStore(2);
            Assert.True(store.Set("r8", "alice", "pw"));
            var client = new DigestClient(store, new CountingRandom(), 3, 1);
            var values = new string[9];
            for (int i = 0; i < 9; i++) values[i] = "Digest realm=\"r" + i + "\", nonce=\"n" + i + "\"";
            Assert.Equal(DigestOutcome.NoCredentials, client.OnChallenge(values, 9, false));
            Assert.Equal(0, client.Count);
            Assert.Equal(DigestOutcome.Retry, client.OnChallenge(new[] { values[8] }, 1, false));
            Assert.Equal("r8", client.Challenge(0).Realm);
        }

        [Fact]
        public void SecretsNeverAppearInToString()
        {
            var (client, store) = NewClient();
            client.OnChallenge(RegistrarChallenge, false);
            string h = client.BuildAuthorization(0, "REGISTER", "sip:atlanta.example.com");
            string ha1 = System.Convert.ToHexString(System.Security.Cryptography.MD5.HashData(
                System.Text.Encoding.UTF8.GetBytes("alice:atlanta.example.com:s3cr3t pw"))).ToLowerInvariant();
            foreach (string s in new[] { store.ToString(), client.ToString(), client.Stats.ToString(), Parse(h).ToString(), h })
            {
                Assert.DoesNotContain("s3cr3t", s);
                Assert.DoesNotContain("proxy-pw", s);
                Assert.DoesNotContain(ha1, s);
            }
            Assert.Contains("alice", store.ToString());
        }
    }
}
