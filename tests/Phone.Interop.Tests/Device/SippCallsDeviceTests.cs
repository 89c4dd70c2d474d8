// SIPp as a caller dialling our user agent directly (RFC 3261 §13): our 180/200 with an SDP answer, SIPp's ACK and
// BYE; our RTP reaches SIPp's offered address and its echo is recognised as our own (RFC 3550 §8.2 loop).
namespace Phone.Interop.Tests.Device
{
    using System.Linq;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sdp;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Calls;
    using Phone.Interop.Tests.Harness;

    public sealed class SippCallsDeviceTests
    {
        [Theory]
        [InlineData("PCMU", 0)]
        [InlineData("PCMA", 8)]
        public void SIPp_calls_our_phone_which_rings_answers_sends_RTP_and_detects_the_echo_as_a_loop(string codec, int payloadType)
        {
            using var phone = new OurPhone("201", new[] { SdpOfferAnswer.Pcmu, SdpOfferAnswer.Pcma }, 1000);
            var run = SippProcess.Run("uac-device.xml", phone.SipPort, "-s 201 -key codec " + codec + " -key pt " + payloadType + " -d 1500 -rtp_echo", 10);
            Assert.True(run.ExitCode == 0, "SIPp exit " + run.ExitCode + "\n" + run.Output + "\n" + phone.Events);

            // What we sent, as SIPp received it: 180 then 200 with an answer choosing the offered codec (RFC 3264 §6.1).
            var received = run.Messages.Messages.Where(m => !m.Sent).Select(m => Parse(m.Bytes)).ToArray();
            Assert.Contains(received, m => m.StatusCode == 180);
            var ok = received.First(m => m.StatusCode == 200 && m.CSeqMethod == SipMethod.Invite);
            var answer = new SdpSession();
            Assert.True(answer.TryParse(ok.Buffer, ok.Body.Start, ok.Body.Length, new SdpStats()), Encoding.ASCII.GetString(ok.Buffer));
            SdpMedia audio = answer.Media[0];
            Assert.Equal(payloadType, audio.PayloadTypes[0]);
            Assert.Equal(NetEndPoint.MakeAddress(127, 0, 0, 1), answer.EffectiveConnection(0).Ipv4);
            Assert.Contains(received, m => m.StatusCode == 200 && m.CSeqMethod == SipMethod.Bye);

            Assert.True(phone.WaitFor(() => phone.Call.State == CallState.Terminated, 2000), phone.Events);
            Assert.Equal(1, phone.IncomingCalls);
            Assert.Equal(0, phone.Transport.Stats.Malformed);

            // Our RTP went to the address and port of SIPp's offer, and SIPp echoed it back: the core recognised its own
            // packets by their SSRC (RFC 3550 §8.2 loop detection).
            var stats = phone.MediaStats;
            Assert.True(stats.PacketsSent >= 50, "RTP packets sent " + stats.PacketsSent);
            Assert.True(stats.SsrcCollisions > 0, "our echoed RTP was not recognised as a loop; received " + stats.PacketsReceived);
        }

        private static SipMessage Parse(byte[] bytes)
        {
            var message = new SipMessage();
            Assert.True(message.TryParse(bytes, 0, bytes.Length), "our parser refused (" + message.Error + "):\n" + Encoding.ASCII.GetString(bytes));
            return message;
        }
    }
}
