// Our user agent and baresip calling each other directly (no proxy): both directions of call set-up, PCMU and PCMA,
// audio both ways proven by signal analysis of both recordings, RFC 4733 DTMF both ways, hold and resume.
namespace Phone.Interop.Tests.Baresip
{
    using System.Threading;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;
    using Phone.Interop.Tests.Harness;
    using Xunit.Abstractions;

    public sealed class OurPhoneBaresipDirectTests
    {
        // We send 1 kHz, baresip sends 400 Hz: each recording must carry the other side's tone, not its own.
        private const int OurHz = 1000;
        private const int BaresipHz = 400;
        private readonly ITestOutputHelper _out;

        public OurPhoneBaresipDirectTests(ITestOutputHelper output) => _out = output;

        [Theory]
        [InlineData("PCMU", SdpOfferAnswer.Pcmu)]
        [InlineData("PCMA", SdpOfferAnswer.Pcma)]
        public void We_call_baresip_audio_flows_both_ways_and_DTMF_goes_both_ways(string codec, int payloadType)
        {
            using var bob = new BaresipProcess("bob", "unused", 9, codec, Wav.Tone(BaresipHz, 8000, 8000), register: false);
            using var phone = new OurPhone("201", new[] { SdpOfferAnswer.Pcmu, SdpOfferAnswer.Pcma }, OurHz);

            Assert.True(phone.Dial("sip:bob@127.0.0.1:" + bob.SipPort));
            Assert.True(phone.WaitFor(() => phone.Call.State == CallState.Connected, 5000), phone.Events + "\n" + bob.Process.Output);
            Assert.Equal(payloadType, phone.Read(() => phone.Call.Media.PayloadType));
            Thread.Sleep(1500);

            // RFC 4733 both ways: we press 7, baresip presses 5 (events, not in-band tones).
            Assert.True(phone.SendDtmf('7', 160));
            bob.SendDtmf('5');
            Assert.True(phone.WaitFor(() => phone.ReceivedDtmf.Length > 0, 2000), "we detected no digit from baresip\n" + phone.Events);
            Assert.True(bob.Process.WaitForOutput("(end=1)", 2000), bob.Process.Output);
            Thread.Sleep(500);
            Assert.True(phone.Hangup());
            Assert.True(phone.WaitFor(() => phone.Call.State == CallState.Terminated, 3000), phone.Events);
            Assert.True(bob.Process.WaitForOutput("terminated", 3000), bob.Process.Output);

            Assert.Equal("5", phone.ReceivedDtmf);
            Assert.Equal("7", bob.ReceivedDtmf);
            _out.WriteLine(AudioCheck.BothWays(phone, bob, OurHz, BaresipHz));
        }

        [Fact]
        public void Baresip_calls_us_we_answer_and_audio_flows_both_ways()
        {
            using var phone = new OurPhone("201", new[] { SdpOfferAnswer.Pcma, SdpOfferAnswer.Pcmu }, OurHz);
            using var bob = new BaresipProcess("bob", "unused", 9, "PCMA", Wav.Tone(BaresipHz, 8000, 8000), register: false);

            bob.Dial(phone.Uri);
            Assert.True(phone.WaitFor(() => phone.Call.State == CallState.Connected, 5000), phone.Events + "\n" + bob.Process.Output);
            Assert.Equal(1, phone.IncomingCalls);
            Assert.Equal(SdpOfferAnswer.Pcma, phone.Read(() => phone.Call.Media.PayloadType));
            Thread.Sleep(2000);
            bob.Hangup();
            Assert.True(phone.WaitFor(() => phone.Call.State == CallState.Terminated, 3000), phone.Events);
            Assert.True(bob.Process.WaitForOutput("terminated", 3000), bob.Process.Output);

            _out.WriteLine(AudioCheck.BothWays(phone, bob, OurHz, BaresipHz));
        }

        [Fact]
        public void We_hold_baresip_its_audio_stops_and_returns_on_resume()
        {
            using var bob = new BaresipProcess("bob", "unused", 9, "PCMU", Wav.Tone(BaresipHz, 8000, 8000), register: false);
            using var phone = new OurPhone("201", new[] { SdpOfferAnswer.Pcmu }, OurHz);

            Assert.True(phone.Dial("sip:bob@127.0.0.1:" + bob.SipPort));
            Assert.True(phone.WaitFor(() => phone.Call.State == CallState.Connected, 5000), phone.Events + "\n" + bob.Process.Output);
            Thread.Sleep(2000);
            int beforeHold = phone.HeardSamples;

            // RFC 3264 §8.4: our re-INVITE says sendonly, baresip answers recvonly and stops sending.
            Assert.True(phone.Hold(true));
            Assert.True(phone.WaitFor(() => phone.Call.LocalHold && phone.Call.Media.RemoteDirection == SdpDirection.RecvOnly, 3000), phone.Events);
            int holdAt = phone.HeardSamples;
            Thread.Sleep(1500);
            int resumeAt = phone.HeardSamples;
            Assert.True(phone.Hold(false));
            Assert.True(phone.WaitFor(() => !phone.Call.LocalHold && phone.Call.Media.RemoteDirection == SdpDirection.SendRecv, 3000), phone.Events);
            int resumedAt = phone.HeardSamples;
            Thread.Sleep(1000);
            Assert.True(phone.Hangup());
            Assert.True(phone.WaitFor(() => phone.Call.State == CallState.Terminated, 3000), phone.Events);

            short[] heard = phone.Heard();
            double before = Wav.MedianSnrDb(heard, BaresipHz, 8000, beforeHold - 8000); // after the first second (jitter buffer settling)
            double during = Wav.RmsDbfs(heard, holdAt + 2400, resumeAt - holdAt - 2400); // 300 ms for packets in flight and concealment
            double after = Wav.MedianSnrDb(heard, BaresipHz, resumedAt + 1600, heard.Length - resumedAt - 1600);
            string report = "before hold " + before.ToString("F1") + " dB median block SNR, on hold " + during.ToString("F1") + " dBFS, after resume " + after.ToString("F1") + " dB median block SNR\n" + phone.MediaReport + "\n" + phone.Events;
            _out.WriteLine(report.Substring(0, report.IndexOf('\n')));
            Assert.True(before > AudioCheck.MinMedianSnrDb, report);
            Assert.True(during < -50, report);
            Assert.True(after > AudioCheck.MinMedianSnrDb, report);
        }
    }
}
