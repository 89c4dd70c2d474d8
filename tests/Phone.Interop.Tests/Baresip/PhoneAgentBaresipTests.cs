// The product's PhoneAgent (run by Phone.Host's HostPhone) against baresip: direct calls both ways with audio verified
// on both recordings and RFC 4733 both ways, calls through Kamailio while registered, and a blind transfer by baresip.
namespace Phone.Interop.Tests.Baresip
{
    using System.Linq;
    using System.Threading;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;
    using Phone.Interop.Tests.Harness;
    using Phone.Interop.Tests.Kamailio;
    using Xunit.Abstractions;

    public sealed class PhoneAgentBaresipTests : IClassFixture<KamailioFixture>
    {
        private const int OurHz = 1000;
        private const int BobHz = 400;
        private const int CarolHz = 200;
        private readonly KamailioProcess _kamailio;
        private readonly ITestOutputHelper _out;

        public PhoneAgentBaresipTests(KamailioFixture fixture, ITestOutputHelper output)
        {
            _kamailio = fixture.Kamailio;
            _out = output;
        }

        [Theory]
        [InlineData("PCMU", SdpOfferAnswer.Pcmu)]
        [InlineData("PCMA", SdpOfferAnswer.Pcma)]
        public void Agent_dials_baresip_directly_audio_both_ways_and_DTMF_both_ways(string codec, int payloadType)
        {
            using var bob = new BaresipProcess("bob", "unused", 9, codec, Wav.Tone(BobHz, 8000, 8000), register: false);
            using var phone = new AgentPhone("201", OurHz);

            phone.Do((a, now) => Assert.True(a.Dial("sip:bob@127.0.0.1:" + bob.SipPort, now)));
            phone.Wait(a => a.State == PhoneState.Talking && a.MediaActive, 5000, "talking");
            Assert.Equal(payloadType, phone.Host.Get(a => a.ActiveCall.Media.PayloadType));
            Thread.Sleep(1500);
            phone.Do((a, now) => Assert.True(a.SendDtmf('3', now)));
            bob.SendDtmf('9');
            Assert.True(bob.Process.WaitForOutput("(end=1)", 2000), bob.Process.Output);
            Assert.True(SpinWait.SpinUntil(() => phone.ReceivedDtmf.Length > 0, 2000), phone.Log);
            Thread.Sleep(500);
            phone.Do((a, now) => a.Hangup(now));
            Assert.True(bob.Process.WaitForOutput("terminated", 3000), bob.Process.Output);

            Assert.Equal("9", phone.ReceivedDtmf);
            Assert.Equal("3", bob.ReceivedDtmf);
            _out.WriteLine(AudioCheck.BothWays(phone, bob, OurHz, BobHz));
        }

        [Fact]
        public void Baresip_dials_the_agent_directly_it_rings_answers_and_audio_flows_both_ways()
        {
            using var phone = new AgentPhone("201", OurHz);
            using var bob = new BaresipProcess("bob", "unused", 9, "PCMA", Wav.Tone(BobHz, 8000, 8000), register: false);

            bob.Dial(phone.Uri);
            phone.Wait(a => a.State == PhoneState.Ringing && a.Ringing, 5000, "ringing");
            phone.Do((a, now) => Assert.True(a.Answer(now)));
            phone.Wait(a => a.State == PhoneState.Talking && a.MediaActive, 3000, "talking");
            Thread.Sleep(2000);
            bob.Hangup();
            phone.Wait(a => a.State == PhoneState.Finished || a.State == PhoneState.OnHook, 3000, "far-end hang-up");
            phone.Do((a, now) => a.Hangup(now));

            _out.WriteLine(AudioCheck.BothWays(phone, bob, OurHz, BobHz));
        }

        [Fact]
        public void Registered_agent_calls_baresip_through_Kamailio_and_is_called_back_audio_both_ways_each_time()
        {
            using var bob = new BaresipProcess("bob", KamailioProcess.BobPassword, _kamailio.Port, "PCMU", Wav.Tone(BobHz, 8000, 8000));
            Assert.True(bob.WaitRegistered(5000), bob.Process.Output);
            using var alice = new AgentPhone("alice", OurHz, pbxPort: _kamailio.Port, password: KamailioProcess.AlicePassword);
            alice.Wait(a => a.IsRegistered, 5000, "registered");

            alice.Do((a, now) => Assert.True(a.Dial("sip:bob@127.0.0.1:" + _kamailio.Port, now)));
            alice.Wait(a => a.State == PhoneState.Talking && a.MediaActive, 5000, "talking (outgoing)");
            Thread.Sleep(2000);
            alice.Do((a, now) => a.Hangup(now));
            Assert.True(bob.Process.WaitForOutput("terminated", 3000), bob.Process.Output);
            _out.WriteLine("alice -> bob: " + AudioCheck.BothWays(alice, bob, OurHz, BobHz));
            alice.Wait(a => a.State == PhoneState.OnHook, 2000, "on hook");

            // Kamailio forwards bob's INVITE to the contact the agent registered; the agent rings and answers.
            alice.ClearHeard();
            bob.Dial("sip:alice@127.0.0.1:" + _kamailio.Port);
            alice.Wait(a => a.State == PhoneState.Ringing, 5000, "ringing");
            alice.Do((a, now) => Assert.True(a.Answer(now)));
            alice.Wait(a => a.State == PhoneState.Talking && a.MediaActive, 3000, "talking (incoming)");
            Thread.Sleep(2000);
            alice.Do((a, now) => a.Hangup(now));
            Assert.True(SpinWait.SpinUntil(() => bob.Process.Output.Split("terminated").Length >= 3, 3000), bob.Process.Output);
            _out.WriteLine("bob -> alice: " + AudioCheck.BothWays(alice, bob, OurHz, BobHz));
        }

        [Fact]
        public void Agent_holds_baresip_its_audio_stops_and_returns_on_resume()
        {
            using var bob = new BaresipProcess("bob", "unused", 9, "PCMU", Wav.Tone(BobHz, 8000, 8000), register: false);
            using var phone = new AgentPhone("201", OurHz);
            phone.Do((a, now) => Assert.True(a.Dial("sip:bob@127.0.0.1:" + bob.SipPort, now)));
            phone.Wait(a => a.State == PhoneState.Talking && a.MediaActive, 5000, "talking");
            Thread.Sleep(2000);
            int beforeHold = phone.Heard().Length;

            // RFC 3264 §8.4: a=sendonly from us, recvonly from baresip, which stops sending; sendrecv brings it back.
            phone.Do((a, now) => Assert.True(a.Hold(true, now)));
            phone.Wait(a => a.ActiveCall.LocalHold && a.ActiveCall.Media.RemoteDirection == SdpDirection.RecvOnly, 3000, "held");
            int holdAt = phone.Heard().Length;
            Thread.Sleep(1500);
            int resumeAt = phone.Heard().Length;
            phone.Do((a, now) => Assert.True(a.Hold(false, now)));
            phone.Wait(a => !a.ActiveCall.LocalHold && a.ActiveCall.Media.RemoteDirection == SdpDirection.SendRecv, 3000, "resumed");
            int resumedAt = phone.Heard().Length;
            Thread.Sleep(1000);
            phone.Do((a, now) => a.Hangup(now));

            short[] heard = phone.Heard();
            double before = Wav.MedianSnrDb(heard, BobHz, 8000, beforeHold - 8000);
            double during = Wav.RmsDbfs(heard, holdAt + 2400, resumeAt - holdAt - 2400);
            double after = Wav.MedianSnrDb(heard, BobHz, resumedAt + 1600, heard.Length - resumedAt - 1600);
            string report = "before hold " + before.ToString("F1") + " dB median block SNR, on hold " + during.ToString("F1") + " dBFS, after resume " +
                after.ToString("F1") + " dB median block SNR";
            _out.WriteLine(report);
            Assert.True(before > AudioCheck.MinMedianSnrDb, report + "\n" + phone.Log);
            Assert.True(during < -50, report + "\n" + phone.Log);
            Assert.True(after > AudioCheck.MinMedianSnrDb, report + "\n" + phone.Log);
        }

        [Fact]
        public void SIPp_calls_the_agent_which_rings_until_answered_then_SIPp_hangs_up()
        {
            using var phone = new AgentPhone("201", OurHz);
            using var sipp = new SippProcess("uac-device.xml", phone.Host.SipEndPoint.Port, "-s 201 -key codec PCMA -key pt 8 -d 1000", 10);
            phone.Wait(a => a.State == PhoneState.Ringing && a.Ringing, 5000, "ringing");
            phone.Do((a, now) => Assert.True(a.Answer(now)));
            var run = sipp.Wait();
            Assert.True(run.ExitCode == 0, "SIPp exit " + run.ExitCode + "\n" + run.Output + "\n" + phone.Log);
            phone.Wait(a => a.State == PhoneState.Finished || a.State == PhoneState.OnHook, 2000, "far-end hang-up");
            Assert.Equal(SdpOfferAnswer.Pcma, phone.Host.Get(a => a.Calls.GetCall(0).Media.PayloadType));
            Assert.True(phone.Host.Get(a => a.MediaStats.PacketsSent) >= 25, phone.Log);
        }
    }
}
