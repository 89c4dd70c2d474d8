// RegistrationClient against a scripted registrar over the in-memory UDP network (RFC 3261 §10, §22; RFC 3581;
// RFC 5626 §4.5 back-off), with a manual clock.
namespace Phone.Core.Tests.Sip.Registration
{
    using System.Linq;
    using Phone.Core.Auth;
    using Phone.Core.Net;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Sip.Transport;
    using R = RegistrationRig;

    public class RegistrationClientTests
    {
        [Fact]
        public void RegistersThroughADigestChallengeVerifiedByTheRegistrar()
        {
            var r = new R();
            r.Client.Filter = new SipSourceFilter(4, 10, 5);
            r.Start();
            Assert.Equal(RegistrationState.Registered, r.Client.State);
            Assert.Equal(new[] { 401, 200 }, r.Registrar.Answers);
            Assert.Equal(new[] { DigestVerification.Valid }, r.Registrar.Verdicts);
            var q = r.Registrar.Requests;
            Assert.Null(q[0].Authorization);
            Assert.Contains("username=\"201\"", q[1].Authorization);
            Assert.Equal(new uint[] { 1, 2 }, q.Select(x => x.CSeq));
            Assert.Equal(q[0].CallId, q[1].CallId);
            Assert.Equal(600, q[1].Expires);
            Assert.Equal("<sip:201@192.168.1.20:5060>;expires=600", Assert.Single(q[1].Contacts));
            Assert.Equal(600, r.Client.GrantedExpires);
            Assert.Equal(new[] { "registered 200 @0" }, r.Events);
            Assert.True(r.Client.Filter.IsAllowed(R.Primary), "the registrar in use is allowed to send requests");
        }

        [Fact]
        public void RefreshesBetweenHalfAndNinetyPercentOfTheGrantedExpiryKeepingCallIdAndRaisingCSeq()
        {
            for (int seed = 1; seed <= 5; seed++)
            {
                var r = new R(seed: seed);
                r.Registrar.MaxExpires = 300;   // the registrar grants less than asked; the client follows the grant
                r.Start();
                Assert.Equal(300, r.Client.GrantedExpires);
                r.RunUntil(300_000);
                var q = r.Registrar.Requests;
                Assert.Equal(3, q.Count);   // 401, 200, refresh (nonce reused: no new challenge)
                Assert.InRange(q[2].At, 150_000, 270_000);
                Assert.Equal(q[0].CallId, q[2].CallId);
                Assert.Equal(3u, q[2].CSeq);
                Assert.Contains("nc=00000002", q[2].Authorization);
                Assert.Equal(RegistrationState.Registered, r.Client.State);
                Assert.Equal(2, r.Events.Count(e => e.StartsWith("registered")));
            }
        }

        [Fact]
        public void StaleNonceIsAnsweredOnceWithoutCountingAsRejection()
        {
            var r = new R();
            r.Start();
            r.Registrar.RotateNonce();   // the next refresh carries the old nonce: 401 stale=true
            r.RunUntil(600_000);
            Assert.Equal(new[] { 401, 200, 401, 200 }, r.Registrar.Answers.Take(4));
            Assert.Equal(new[] { DigestVerification.Valid, DigestVerification.Valid, DigestVerification.Valid }, r.Registrar.Verdicts.Take(3));
            Assert.Contains("nonce=\"n1\"", r.Registrar.Requests[2].Authorization);   // right password, old nonce
            Assert.Contains("nonce=\"n2\"", r.Registrar.Requests[3].Authorization);   // retried at once with the new one
            Assert.Equal(RegistrationState.Registered, r.Client.State);
            Assert.DoesNotContain(r.Events, e => e.StartsWith("failed"));
        }

        [Fact]
        public void WrongPasswordFailsAfterOneRetryAndBacksOff()
        {
            var r = new R(password: "wrong");
            r.Start();
            Assert.Equal(new[] { 401, 401 }, r.Registrar.Answers);
            Assert.Equal(new[] { DigestVerification.BadResponse }, r.Registrar.Verdicts);
            Assert.Equal(RegistrationState.WaitingRetry, r.Client.State);
            Assert.Equal(new[] { "failed 401 @0" }, r.Events);
        }

        [Fact]
        public void ARegistrarThatIsAlwaysStaleDoesNotCauseAnEndlessLoop()
        {
            var r = new R();
            r.Registrar.Script = q => q.Authorization == null ? null
                : (401, "Unauthorized", "WWW-Authenticate: Digest realm=\"office\", nonce=\"x" + q.CSeq + "\", qop=\"auth\", stale=true\r\n");
            r.Start();
            Assert.Equal(1 + RegistrationClient.MaxAuthRetries, r.Registrar.Requests.Count);
            Assert.Equal(RegistrationState.WaitingRetry, r.Client.State);
            Assert.Single(r.Events);
        }

        [Fact]
        public void IntervalTooBriefIsRetriedWithMinExpires()
        {
            var r = new R();
            r.Registrar.MinExpires = 1800;
            r.Start();
            Assert.Equal(new[] { 401, 423, 200 }, r.Registrar.Answers);
            Assert.Equal(1800, r.Registrar.Requests[2].Expires);
            Assert.Contains(";expires=1800", r.Registrar.Requests[2].Contacts[0]);
            Assert.Equal(1800, r.Client.GrantedExpires);
            Assert.Equal(RegistrationState.Registered, r.Client.State);
        }

        [Fact]
        public void ForbiddenBacksOffExponentiallyWithJitterUpToTheCap()
        {
            var r = new R();
            r.Config.BackoffBaseSeconds = 30;
            r.Config.BackoffMaxSeconds = 240;
            r.Registrar.Script = q => (403, "Forbidden", null);
            r.Start();
            r.RunUntil(2_000_000);
            long[] at = r.Registrar.Requests.Select(q => q.At).ToArray();
            Assert.True(at.Length >= 7);
            long[] nominal = { 30, 60, 120, 240, 240, 240 };
            for (int i = 0; i < 6; i++)
            {
                long gap = at[i + 1] - at[i];
                Assert.InRange(gap, nominal[i] * 500, nominal[i] * 1000);   // RFC 5626 §4.5: 50-100 % of min(max, base·2^n)
            }
            Assert.All(r.Events, e => Assert.StartsWith("failed 403", e));
            Assert.Equal(RegistrationState.WaitingRetry, r.Client.State);
        }

        [Fact]
        public void ServiceUnavailableWithRetryAfterIsHonouredExactly()
        {
            var r = new R();
            int n = 0;
            r.Registrar.Script = q => ++n == 1 ? (503, "Service Unavailable", "Retry-After: 120\r\n") : null;
            r.Start();
            Assert.Equal(RegistrationState.WaitingRetry, r.Client.State);
            r.RunUntil(119_999);
            Assert.Single(r.Registrar.Requests);
            r.RunUntil(120_000);
            Assert.Equal(new[] { 503, 401, 200 }, r.Registrar.Answers);
            Assert.Equal(120_000, r.Registrar.Requests[1].At);
            Assert.Equal(RegistrationState.Registered, r.Client.State);
        }

        [Fact]
        public void TimeoutFailsOverToTheBackupRegistrarAtOnce()
        {
            var r = new R(withBackup: true, primaryUp: false);
            r.Start();
            r.RunUntil(31_999);
            Assert.Equal(RegistrationState.Registering, r.Client.State);
            r.RunUntil(40_000);
            Assert.Equal(new[] { "failover 408 @32000", "failed 408 @32000", "registered 200 @32000" }, r.Events);
            Assert.Equal(1, r.Client.TargetIndex);
            Assert.True(r.Client.Target.SameAs(R.Backup));
            Assert.Equal(new[] { 401, 200 }, r.BackupRegistrar.Answers);
        }

        [Fact]
        public void WhenEveryTargetTimesOutTheClientBacksOff()
        {
            var r = new R(primaryUp: false);
            r.Start();
            r.RunUntil(32_000);
            Assert.Equal(RegistrationState.WaitingRetry, r.Client.State);
            Assert.Equal(new[] { "failed 408 @32000" }, r.Events);
        }

        [Fact]
        public void PublicAddressLearnedFromRportIsRegisteredAndTheOldContactRemoved()
        {
            var r = new R();
            r.PhoneSocket.SeenAs = new NetEndPoint(NetEndPoint.MakeAddress(203, 0, 113, 7), 40123);
            r.Start();
            Assert.Equal(RegistrationState.Registered, r.Client.State);
            Assert.Equal("sip:201@203.0.113.7:40123", r.Client.Contact);
            var last = r.Registrar.Requests[^1];
            Assert.Equal(new[] { "<sip:201@192.168.1.20:5060>;expires=0", "<sip:201@203.0.113.7:40123>;expires=600" }, last.Contacts);
            Assert.Equal(new[] { 401, 200, 200 }, r.Registrar.Answers);
            Assert.Equal(new[] { "registered 200 @0" }, r.Events);
            // The refresh keeps the learned Contact and no longer removes the old one.
            r.RunUntil(600_000);
            Assert.Equal(new[] { "<sip:201@203.0.113.7:40123>;expires=600" }, r.Registrar.Requests[^1].Contacts);
        }

        [Fact]
        public void UnregisterSendsExpiresZeroAndGoesIdle()
        {
            var r = new R();
            r.Start();
            r.Client.Unregister(r.Now);
            r.RunUntil(1000);
            var last = r.Registrar.Requests[^1];
            Assert.Equal(0, last.Expires);
            Assert.Equal(new[] { "<sip:201@192.168.1.20:5060>;expires=0" }, last.Contacts);
            Assert.Equal(RegistrationState.Unregistered, r.Client.State);
            Assert.Equal(new[] { "registered 200 @0", "unregistered 200 @0" }, r.Events);
            r.RunUntil(10_000_000);
            Assert.Equal(3, r.Registrar.Requests.Count);   // no refresh after un-registering
        }

        [Fact]
        public void UnregisterAfterAFailedRefreshStillRemovesTheOldBinding()
        {
            var r = new R();
            r.Start();
            r.Registrar.Script = q => q.Expires == 0 ? null : (403, "Forbidden", null);
            r.RunUntil(600_000);
            Assert.Equal(RegistrationState.WaitingRetry, r.Client.State);
            r.Client.Unregister(r.Now);
            r.RunUntil(r.Now + 1000);
            Assert.Equal(0, r.Registrar.Requests[^1].Expires);
            Assert.Equal(RegistrationState.Unregistered, r.Client.State);
            Assert.EndsWith("unregistered 200 @" + (r.Now - 1000), r.Events[^1]);
        }

        [Fact]
        public void TlsTransportGoesIntoViaAndContact()
        {
            var r = new R();
            r.Config.Transport = "TLS";
            var client = new RegistrationClient(r.Config, r.Layer, new DigestClient(r.Credentials, new FixedRandom(), 2, 1), new System.Random(1));
            Assert.Equal("sip:201@192.168.1.20:5060;transport=tls", client.Contact);
            client.Start(0);
            Assert.Contains("Via: SIP/2.0/TLS 192.168.1.20:5060;rport;branch=", r.Net.Log[0].Text);
        }

        [Fact]
        public void UnregisterWhenNothingIsBoundIsImmediate()
        {
            var r = new R();
            r.Client.Unregister(0);
            Assert.Equal(RegistrationState.Unregistered, r.Client.State);
            Assert.Equal(new[] { "unregistered 0 @0" }, r.Events);
            Assert.Empty(r.Registrar.Requests);
        }

        [Fact]
        public void StateNamesCoverEveryState()
        {
            foreach (RegistrationState s in System.Enum.GetValues(typeof(RegistrationState)))
            {
                Assert.Equal(s.ToString(), RegistrationStateNames.Name(s));
            }
        }
    }
}
