// Malformed and unsolicited traffic at our phone: the RFC 4475 torture messages and a SIPp INVITE flood from sources
// it does not know. The phone stays up, answers only what it should, rings for none of it, and still takes real calls.
namespace Phone.Interop.Tests.Device
{
    using System.Linq;
    using System.Text;
    using Phone.Core.Net;
    using Phone.Core.Sdp;
    using Phone.Core.Sip;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Transport;
    using Phone.Interop.Tests.Harness;

    public sealed class ScannerTests
    {
        private static readonly int[] Codecs = { SdpOfferAnswer.Pcmu, SdpOfferAnswer.Pcma };

        [Fact]
        public void With_the_source_filter_a_scanner_flood_gets_silence_no_ring_and_the_PBX_still_calls_through()
        {
            using var phone = new OurPhone("201", Codecs, 1000);
            int pbxPort = FreePorts.Get();
            // Registered mode: only the PBX (here a SIPp UAC on a known port) may send requests; others are dropped
            // without an answer, and unknown traffic is rate limited (Transport/SipSourceFilter).
            var filter = new SipSourceFilter(4, 20, 50);
            filter.Allow(new NetEndPoint(NetEndPoint.MakeAddress(127, 0, 0, 1), pbxPort));
            phone.Do(now => phone.Transport.Filter = filter);

            // Every RFC 4475 message, valid or not, then junk, from one unknown source.
            using var scanner = new RawSipSender(phone.SipPort);
            int sent = 0, responses = 0;
            foreach (var (_, _, bytes) in RawSipSender.Rfc4475())
            {
                scanner.Send(bytes);
                sent++;
                if (Encoding.ASCII.GetString(bytes, 0, 4) == "SIP/") responses++;
            }
            scanner.Send(Encoding.ASCII.GetBytes("\r\n\r\n"));
            scanner.Send(new byte[] { 0, 1, 2, 3, 0xFF });
            sent += 2;
            // A SIPp INVITE flood (50 INVITEs at 200/s) from another unknown source.
            var flood = SippProcess.Run("scanner.xml", phone.SipPort, "-s 201 -r 200", 5, calls: 50);
            Assert.True(flood.Messages.Messages.Count(m => m.Sent) >= 50, flood.Output);
            scanner.Drain(300);

            Assert.Empty(scanner.Replies);
            Assert.DoesNotContain(flood.Messages.Messages, m => !m.Sent);
            Assert.Equal(0, phone.IncomingCalls);
            var stats = phone.Transport.Stats;
            Assert.True(phone.WaitFor(() => stats.Received >= sent + 50, 2000), "received " + stats.Received);
            // Only the corpus's few responses get past the filter (the layer finds no transaction for them); no request does.
            Assert.InRange(stats.Delivered, 0, responses);
            Assert.True(stats.Filtered + stats.RateLimited + stats.Malformed + stats.KeepAlives + stats.Delivered == stats.Received,
                "filtered " + stats.Filtered + " rate-limited " + stats.RateLimited + " malformed " + stats.Malformed + " of " + stats.Received);
            Assert.True(stats.RateLimited > 0, "the token bucket never ran dry during the flood");

            // The phone is still up: its PBX calls, it rings once and the call completes.
            var call = SippProcess.Run("uac-device.xml", phone.SipPort, "-s 201 -key codec PCMU -key pt 0 -d 300", 5, localPort: pbxPort);
            Assert.True(call.ExitCode == 0, "SIPp exit " + call.ExitCode + "\n" + call.Output + "\n" + phone.Events);
            Assert.Equal(1, phone.IncomingCalls);
            Assert.True(phone.WaitFor(() => phone.Call.State == CallState.Terminated, 2000), phone.Events);
        }

        [Fact]
        public void Without_a_filter_the_invalid_RFC_4475_messages_get_400_or_nothing_no_ring_and_OPTIONS_still_answers()
        {
            using var phone = new OurPhone("201", Codecs, 1000);
            using var scanner = new RawSipSender(phone.SipPort);
            var invalid = RawSipSender.Rfc4475().Where(m => m.Verdict == "invalid").ToArray();
            Assert.True(invalid.Length >= 10, "corpus: " + invalid.Length);
            foreach (var (_, _, bytes) in invalid) scanner.Send(bytes);
            scanner.Drain(500);

            Assert.Equal(0, phone.IncomingCalls);
            Assert.Equal(CallState.Idle, phone.State);
            foreach (byte[] reply in scanner.Replies)
            {
                var m = new SipMessage();
                Assert.True(m.TryParse(reply, 0, reply.Length), Encoding.ASCII.GetString(reply));
                Assert.True(!m.IsRequest && (m.StatusCode == 400 || m.StatusCode == 505 || m.StatusCode == 501 || m.StatusCode == 481),
                    "unexpected answer to a malformed message:\n" + Encoding.ASCII.GetString(reply));
            }
            Assert.True(phone.Transport.Stats.Malformed > 0, "no message counted as malformed");
            Assert.Equal(200, SipProbe.Options(phone.SipPort, 2000));
        }
    }
}
