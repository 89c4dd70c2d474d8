// SIPp as a registrar that challenges (401, qop=auth) and verifies our digest with its verifyauth action: our
// RegistrationClient's Authorization is well formed (RFC 3261 §22.4, RFC 2617 §3.2.2) and only the right password passes.
namespace Phone.Interop.Tests.Device
{
    using System.Linq;
    using System.Text;
    using System.Text.RegularExpressions;
    using Phone.Core.Sdp;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Registration;
    using Phone.Interop.Tests.Harness;

    public sealed class SippRegistrarTests
    {
        private const string Realm = "sipp.test";
        private const string Password = "s3cret-201";

        [Fact]
        public void SIPp_registrar_verifies_our_digest_for_register_and_unregister()
        {
            using var registrar = new SippProcess("registrar-auth.xml", 0, "-key authuser 201 -key authpass " + Password + " -key realm " + Realm, 10);
            using var phone = new OurPhone("201", new[] { SdpOfferAnswer.Pcmu }, 1000);
            RegistrationClient reg = phone.Register(registrar.LocalPort, Realm, Password);
            Assert.True(phone.WaitFor(() => reg.State == RegistrationState.Registered || phone.Events.Contains("failed"), 5000), phone.Events);
            Assert.Equal(RegistrationState.Registered, phone.Read(() => reg.State));
            phone.Do(now => reg.Unregister(now));
            Assert.True(phone.WaitFor(() => reg.State == RegistrationState.Unregistered, 5000), phone.Events);

            var run = registrar.Wait();
            Assert.True(run.ExitCode == 0, "SIPp exit " + run.ExitCode + "\n" + run.Output);
            var registers = run.Messages.Messages.Where(m => !m.Sent).Select(m => Parse(m.Bytes)).Where(m => m.Method == SipMethod.Register).ToArray();
            Assert.Equal(3, registers.Length);
            var sentStatuses = run.Messages.Messages.Where(m => m.Sent).Select(m => Parse(m.Bytes).StatusCode).ToArray();
            Assert.Equal(new[] { 401, 200, 200 }, sentStatuses);

            // The challenged REGISTER's Authorization, field by field (RFC 2617 §3.2.2 with qop=auth).
            string challenge = Encoding.ASCII.GetString(run.Messages.Messages.First(m => m.Sent).Bytes);
            string nonce = Regex.Match(challenge, "nonce=\"([^\"]+)\"").Groups[1].Value;
            for (int i = 1; i <= 2; i++)
            {
                Assert.True(registers[i].TryGetHeader(SipHeaderId.Authorization, out SipSlice h), "no Authorization in REGISTER " + i);
                string auth = Encoding.ASCII.GetString(registers[i].Buffer, h.Start, h.Length);
                Assert.StartsWith("Digest ", auth);
                Assert.Contains("username=\"201\"", auth);
                Assert.Contains("realm=\"" + Realm + "\"", auth);
                Assert.Contains("nonce=\"" + nonce + "\"", auth);
                Assert.Matches("uri=\"sip:127\\.0\\.0\\.1:" + registrar.LocalPort + "\"", auth);
                Assert.Matches("response=\"[0-9a-f]{32}\"", auth);
                Assert.Matches("qop=\"?auth\"?", auth);
                Assert.Matches("cnonce=\"[^\"]+\"", auth);
                Assert.Contains("nc=0000000" + i, auth); // the nonce is reused: its count goes up (§3.2.2)
            }
            Assert.Equal(0, phone.Transport.Stats.Malformed);
        }

        [Fact]
        public void A_wrong_password_is_refused_by_verifyauth_and_our_client_reports_the_failure()
        {
            using var registrar = new SippProcess("registrar-auth.xml", 0, "-key authuser 201 -key authpass " + Password + " -key realm " + Realm, 10);
            using var phone = new OurPhone("201", new[] { SdpOfferAnswer.Pcmu }, 1000);
            RegistrationClient reg = phone.Register(registrar.LocalPort, Realm, "not-the-password");
            Assert.True(phone.WaitFor(() => phone.Events.Contains("registration failed"), 5000), phone.Events);
            Assert.Contains("registration failed 403", phone.Events);
            Assert.NotEqual(RegistrationState.Registered, phone.Read(() => reg.State));

            var run = registrar.Wait();
            var sentStatuses = run.Messages.Messages.Where(m => m.Sent).Select(m => Parse(m.Bytes).StatusCode).ToArray();
            Assert.Equal(new[] { 401, 403 }, sentStatuses);
        }

        private static SipMessage Parse(byte[] bytes)
        {
            var message = new SipMessage();
            Assert.True(message.TryParse(bytes, 0, bytes.Length), "our parser refused (" + message.Error + "):\n" + Encoding.ASCII.GetString(bytes));
            return message;
        }
    }
}
