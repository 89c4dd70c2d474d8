// Our user agent registered to Kamailio calling baresip through the proxy and called by it (RFC 3261 §16 record-routed
// dialogs, digest on REGISTER and INVITE), audio both ways proven on both recordings, PCMU and PCMA.
namespace Phone.Interop.Tests.Baresip
{
    using System.Threading;
    using Phone.Core.Net;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Registration;
    using Phone.Interop.Tests.Harness;
    using Phone.Interop.Tests.Kamailio;
    using Xunit.Abstractions;

    public sealed class OurPhoneViaKamailioTests : IClassFixture<KamailioFixture>
    {
        private const int OurHz = 1000;
        private const int BaresipHz = 400;
        private readonly KamailioProcess _kamailio;
        private readonly ITestOutputHelper _out;

        public OurPhoneViaKamailioTests(KamailioFixture fixture, ITestOutputHelper output)
        {
            _kamailio = fixture.Kamailio;
            _out = output;
        }

        [Theory]
        [InlineData("PCMU", SdpOfferAnswer.Pcmu)]
        [InlineData("PCMA", SdpOfferAnswer.Pcma)]
        public void We_call_baresip_through_Kamailio_with_digest_and_audio_flows_both_ways(string codec, int payloadType)
        {
            using var bob = new BaresipProcess("bob", KamailioProcess.BobPassword, _kamailio.Port, codec, Wav.Tone(BaresipHz, 8000, 8000));
            Assert.True(bob.WaitRegistered(5000), bob.Process.Output);
            using var alice = RegisteredAlice(false);

            // Kamailio challenges the INVITE (407): our CallManager answers with Proxy-Authorization (RFC 3261 §22.3).
            Assert.True(alice.Dial("sip:bob@127.0.0.1:" + _kamailio.Port));
            Assert.True(alice.WaitFor(() => alice.Call.State == CallState.Connected, 5000), alice.Events + "\n" + bob.Process.Output);
            Assert.Equal(payloadType, alice.Read(() => alice.Call.Media.PayloadType));
            Thread.Sleep(2000);
            // The BYE follows the Record-Route set through Kamailio (§12.2.1.1); baresip sees it.
            Assert.True(alice.Hangup());
            Assert.True(alice.WaitFor(() => alice.Call.State == CallState.Terminated, 3000), alice.Events);
            Assert.True(bob.Process.WaitForOutput("terminated", 3000), bob.Process.Output);

            _out.WriteLine(AudioCheck.BothWays(alice, bob, OurHz, BaresipHz));
        }

        [Fact]
        public void Baresip_calls_us_through_Kamailio_only_the_proxy_may_call_and_audio_flows_both_ways()
        {
            using var alice = RegisteredAlice(true);
            using var bob = new BaresipProcess("bob", KamailioProcess.BobPassword, _kamailio.Port, "PCMU", Wav.Tone(BaresipHz, 8000, 8000));
            Assert.True(bob.WaitRegistered(5000), bob.Process.Output);

            bob.Dial("sip:alice@127.0.0.1:" + _kamailio.Port);
            Assert.True(alice.WaitFor(() => alice.Call.State == CallState.Connected, 5000), alice.Events + "\n" + bob.Process.Output);
            Assert.Equal(1, alice.IncomingCalls);
            Thread.Sleep(2000);
            bob.Hangup();
            Assert.True(alice.WaitFor(() => alice.Call.State == CallState.Terminated, 3000), alice.Events);

            _out.WriteLine(AudioCheck.BothWays(alice, bob, OurHz, BaresipHz));
            // The filter admitted the proxy (added when the registration succeeded) and nothing had to be dropped.
            Assert.True(alice.Read(() => alice.Transport.Filter.IsAllowed(new NetEndPoint(NetEndPoint.MakeAddress(127, 0, 0, 1), _kamailio.Port))));
            Assert.Equal(0, alice.Transport.Stats.Filtered);
        }

        private OurPhone RegisteredAlice(bool onlyRegistrarMayCall)
        {
            var proxy = new NetEndPoint(NetEndPoint.MakeAddress(127, 0, 0, 1), _kamailio.Port);
            var alice = new OurPhone("alice", new[] { SdpOfferAnswer.Pcmu, SdpOfferAnswer.Pcma }, OurHz, outboundProxy: proxy);
            try
            {
                alice.Credentials.Set(KamailioProcess.Realm, "alice", KamailioProcess.AlicePassword);
                RegistrationClient reg = alice.Register(_kamailio.Port, KamailioProcess.Realm, KamailioProcess.AlicePassword, 60, onlyRegistrarMayCall);
                Assert.True(alice.WaitFor(() => reg.State == RegistrationState.Registered, 5000), alice.Events);
                return alice;
            }
            catch
            {
                alice.Dispose();
                throw;
            }
        }
    }
}
