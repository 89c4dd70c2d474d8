// baresip as caller, commanded over ctrl_tcp, dialling a SIPp UAS directly (no proxy): its INVITE and SDP offer read by
// our parsers, and RTP both ways checked by signal analysis of baresip's own recording of what came back (SIPp echoes).
namespace Phone.Interop.Tests.Baresip
{
    using System.Linq;
    using System.Text;
    using Phone.Core.Sdp;
    using Phone.Core.Sip;
    using Phone.Interop.Tests.Harness;

    public sealed class BaresipDialTests
    {
        [Fact]
        public void Baresip_dials_SIPp_over_ctrl_tcp_offers_PCMU_and_hears_its_tone_echoed_back()
        {
            using var uas = new SippProcess("uas.xml", 0, "-rtp_echo", 10);
            using var alice = new BaresipProcess("alice", "unused", 9, "PCMU", Wav.Tone(1000, 1500, 8000), register: false);

            string reply = alice.Command("dial", "sip:uas@127.0.0.1:" + uas.LocalPort);
            Assert.True(reply.Contains("\"ok\":true"), reply);

            // baresip hangs up when its WAV ends (1.5 s): SIPp's scenario then completes with the BYE.
            var run = uas.Wait();
            Assert.True(run.ExitCode == 0, "SIPp exit " + run.ExitCode + "\n" + run.Output + "\n" + alice.Process.Output);

            var invite = run.Messages.Messages.Where(m => !m.Sent).Select(m => Parse(m.Bytes)).First(m => m.IsRequest && m.Method == SipMethod.Invite);
            Assert.Equal("alice", Encoding.ASCII.GetString(invite.Buffer, invite.From.Uri.User.Start, invite.From.Uri.User.Length));
            var offer = new SdpSession();
            Assert.True(offer.TryParse(invite.Buffer, invite.Body.Start, invite.Body.Length, new SdpStats()));
            SdpMedia audio = offer.Media[0];
            Assert.Equal(SdpMediaType.Audio, audio.Type);
            int pcmu = audio.IndexOf(0);
            Assert.True(pcmu >= 0 && audio.EncodingIs(pcmu, "PCMU"));
            Assert.True(audio.IndexOf(8) < 0, "audio_codecs=PCMU must leave PCMA out of the offer");

            // What baresip decoded from the RTP SIPp echoed is its own 1 kHz tone, after a G.711 round trip each way.
            Assert.True(alice.Process.WaitForOutput("terminated", 3000), alice.Process.Output);
            short[] heard = Wav.Read(alice.Recording("dec.wav"));
            Assert.True(heard.Length >= 8000 / 2, "decoded samples: " + heard.Length);
            double ratio = Wav.ToneRatio(heard, 1000);
            Assert.True(ratio > 0.9, "1 kHz energy ratio of the echoed audio " + ratio);
        }

        private static SipMessage Parse(byte[] bytes)
        {
            var message = new SipMessage();
            Assert.True(message.TryParse(bytes, 0, bytes.Length), "our parser refused (" + message.Error + "):\n" + Encoding.ASCII.GetString(bytes));
            return message;
        }
    }
}
