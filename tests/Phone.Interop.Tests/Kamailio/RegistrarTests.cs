// Kamailio's registrar with MD5 digest (RFC 3261 §10, §22.4) driven by SIPp, and every message read by our SIP parser.
namespace Phone.Interop.Tests.Kamailio
{
    using System.Linq;
    using Phone.Core.Sip;
    using Phone.Interop.Tests.Harness;

    public sealed class RegistrarTests : IClassFixture<KamailioFixture>
    {
        private readonly KamailioProcess _kamailio;

        public RegistrarTests(KamailioFixture fixture) => _kamailio = fixture.Kamailio;

        [Fact]
        public void Kamailio_answers_OPTIONS_with_a_200_our_parser_reads()
        {
            Assert.Equal(200, _kamailio.ReadyStatus);
            Assert.Equal(200, SipProbe.Options(_kamailio.Port, 2000));
        }

        [Fact]
        public void SIPp_registers_with_MD5_digest_gets_200_with_the_binding_then_unregisters()
        {
            var run = SippProcess.Run("register.xml", _kamailio.Port,
                "-s alice -au alice -ap " + KamailioProcess.AlicePassword, 5);

            Assert.True(run.ExitCode == 0, "SIPp exit " + run.ExitCode + "\n" + run.Output + "\n" + _kamailio.Process.Output);
            Assert.Equal(6, run.Messages.Messages.Count(m => Parse(m.Bytes).IsValid));
            var received = run.Messages.Messages.Where(m => !m.Sent).Select(m => Parse(m.Bytes)).ToArray();
            Assert.Equal(new[] { 401, 200, 200 }, received.Select(m => m.StatusCode).ToArray());

            // §22.4: the challenge carries our realm; the 200 to the first credentialed REGISTER lists the new binding.
            string challenge = received[0].GetHeaderString(SipHeaderId.WwwAuthenticate);
            Assert.Contains("realm=\"" + KamailioProcess.Realm + "\"", challenge);
            Assert.Equal(1, received[1].ContactCount);
            Assert.Equal("alice", Text(received[1], received[1].Contact.Uri.User));
            // §10.2.2: Expires: 0 removes the binding, so the last 200 lists none (no stale contact for later tests).
            Assert.Equal(0, received[2].ContactCount);
        }

        [Fact]
        public void A_wrong_password_is_challenged_again_and_never_accepted()
        {
            var run = SippProcess.Run("register.xml", _kamailio.Port, "-s bob -au bob -ap not-bobs-password", 3);

            Assert.NotEqual(0, run.ExitCode);
            var statuses = run.Messages.Messages.Where(m => !m.Sent).Select(m => Parse(m.Bytes).StatusCode).ToArray();
            Assert.NotEmpty(statuses);
            Assert.All(statuses, s => Assert.Equal(401, s));
        }

        [Fact]
        public void Credentials_of_another_user_are_refused()
        {
            // check flag 1 of pv_auth_check: alice's valid credentials must not register bob's address of record.
            var run = SippProcess.Run("register.xml", _kamailio.Port, "-s bob -au alice -ap " + KamailioProcess.AlicePassword, 3);

            Assert.NotEqual(0, run.ExitCode);
            Assert.DoesNotContain(run.Messages.Messages.Where(m => !m.Sent), m => Parse(m.Bytes).StatusCode == 200);
        }

        private static string Text(SipMessage m, SipSlice s) => System.Text.Encoding.ASCII.GetString(m.Buffer, s.Start, s.Length);

        private static SipMessage Parse(byte[] bytes)
        {
            var message = new SipMessage();
            Assert.True(message.TryParse(bytes, 0, bytes.Length), "our parser refused (" + message.Error + "):\n" + System.Text.Encoding.ASCII.GetString(bytes));
            return message;
        }
    }
}
