// baresip 1.0 behind Kamailio: it registers with digest, answers a SIPp call relayed by the proxy, and every message
// of the call (Kamailio's and baresip's, as relayed) is read by our SIP parser and its SDP answer by our SDP parser.
namespace Phone.Interop.Tests.Baresip
{
    using System.IO;
    using System.Linq;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sdp;
    using Phone.Core.Sip;
    using Phone.Interop.Tests.Harness;
    using Phone.Interop.Tests.Kamailio;

    public sealed class BaresipCallTests : IClassFixture<KamailioFixture>
    {
        private readonly KamailioProcess _kamailio;

        public BaresipCallTests(KamailioFixture fixture) => _kamailio = fixture.Kamailio;

        [Fact]
        public void Baresip_registers_to_Kamailio_with_MD5_digest()
        {
            using var bob = new BaresipProcess("carol", KamailioProcess.CarolPassword, _kamailio.Port, "PCMA", Wav.Tone(1000, 500, 8000));
            Assert.True(bob.WaitRegistered(5000), bob.Process.Output);
        }

        [Theory]
        [InlineData("PCMU", 0)]
        [InlineData("PCMA", 8)]
        public void SIPp_calls_baresip_through_Kamailio_baresip_answers_and_our_parsers_read_the_whole_call(string codec, int payloadType)
        {
            using var bob = new BaresipProcess("bob", KamailioProcess.BobPassword, _kamailio.Port, codec, Wav.Tone(1000, 2000, 8000));
            Assert.True(bob.WaitRegistered(5000), bob.Process.Output);

            var run = SippProcess.Run("call.xml", _kamailio.Port,
                "-s bob -key caller alice -key codec " + codec + " -key pt " + payloadType + " -au alice -ap " + KamailioProcess.AlicePassword, 10);
            Assert.True(run.ExitCode == 0, "SIPp exit " + run.ExitCode + "\n" + run.Output + "\n" + bob.Process.Output);

            // Every datagram of the call, both directions, is valid for our parser.
            var parsed = run.Messages.Messages.Select(m => Parse(m.Bytes)).ToArray();
            Assert.True(parsed.Length >= 9, "messages: " + parsed.Length);
            var ok = parsed.Single(m => !m.IsRequest && m.StatusCode == 200 && m.CSeqMethod == SipMethod.Invite);
            // The proxy challenged the INVITE once; the ACK with the INVITE's branch ended that transaction (§17.1.1.3),
            // so no 407 retransmission arrived while the authenticated INVITE was in progress.
            Assert.Single(parsed, m => !m.IsRequest && m.StatusCode == 407);

            // RFC 3261 §16.6 step 4: the proxy record-routed, so the dialog's Route set goes through Kamailio.
            Assert.True(ok.TryGetHeader(SipHeaderId.RecordRoute, out SipSlice rr));
            Assert.Contains("127.0.0.1:" + _kamailio.Port, Encoding.ASCII.GetString(ok.Buffer, rr.Start, rr.Length));

            // baresip's SDP answer (RFC 3264 §6), read by our SDP parser: audio on a real port, the offered codec only.
            var sdp = new SdpSession();
            Assert.True(sdp.TryParse(ok.Buffer, ok.Body.Start, ok.Body.Length, new SdpStats()), Encoding.ASCII.GetString(ok.Buffer, ok.Body.Start, ok.Body.Length));
            Assert.Equal(1, sdp.MediaCount);
            SdpMedia audio = sdp.Media[0];
            Assert.Equal(SdpMediaType.Audio, audio.Type);
            Assert.True(audio.Port > 0);
            int index = audio.IndexOf(payloadType);
            Assert.True(index >= 0);
            Assert.True(audio.EncodingIs(index, codec));
            Assert.Equal(NetEndPoint.MakeAddress(127, 0, 0, 1), sdp.EffectiveConnection(0).Ipv4);

            // baresip sent our WAV into the call: its encoder-side recording is the 1 kHz tone.
            Assert.True(bob.Process.WaitForOutput("terminated", 3000), bob.Process.Output);
            string sent = bob.Recording("enc.wav");
            Assert.NotNull(sent);
            short[] samples = Wav.Read(sent);
            Assert.True(samples.Length >= 8000 * 5 / 10, "recorded samples: " + samples.Length);
            Assert.True(Wav.ToneRatio(samples, 1000) > 0.9, "1 kHz energy ratio " + Wav.ToneRatio(samples, 1000));
        }

        [Fact]
        public void A_stopped_baresip_leaves_no_binding_so_the_next_call_gets_404_not_a_fork_to_a_dead_contact()
        {
            var bob = new BaresipProcess("bob", KamailioProcess.BobPassword, _kamailio.Port, "PCMU", Wav.Tone(1000, 500, 8000));
            try
            {
                Assert.True(bob.WaitRegistered(5000), bob.Process.Output);
            }
            finally
            {
                bob.Dispose(); // SIGTERM: baresip sends REGISTER Expires: 0 before it exits
            }

            var run = SippProcess.Run("call.xml", _kamailio.Port,
                "-s bob -key caller alice -key codec PCMU -key pt 0 -au alice -ap " + KamailioProcess.AlicePassword, 3);

            Assert.NotEqual(0, run.ExitCode);
            var statuses = run.Messages.Messages.Where(m => !m.Sent).Select(m => Parse(m.Bytes).StatusCode).ToArray();
            Assert.Contains(404, statuses);
            Assert.DoesNotContain(200, statuses);
            Assert.DoesNotContain(408, statuses);
        }

        private static SipMessage Parse(byte[] bytes)
        {
            var message = new SipMessage();
            Assert.True(message.TryParse(bytes, 0, bytes.Length), "our parser refused (" + message.Error + "):\n" + Encoding.ASCII.GetString(bytes));
            return message;
        }
    }
}
