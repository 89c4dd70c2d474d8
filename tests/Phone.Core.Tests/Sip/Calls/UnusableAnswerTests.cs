// A 2xx to our INVITE that cannot make a dialog ends the call and frees its slot (fuzz finding
// 2xx-without-usable-dialog-then-hangup, tools/fuzz/crashes/siptx).
namespace Phone.Core.Tests.Sip.Calls
{
    using Phone.Core.Net;
    using Phone.Core.Sip.Calls;

    public class UnusableAnswerTests
    {
        [Fact]
        public void A_200_without_a_To_tag_ends_the_call_502_and_frees_the_slot()
        {
            var net = new TwoPhoneNet();
            var wire = new SessionWire(net);
            var a = net.Add(1);
            var peer = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 5), 5060);
            Call call = a.Manager.PlaceCall("sip:505@10.0.0.5", net.Now);
            net.Pump();
            string invite = wire.Last("INVITE");
            wire.Deliver(SessionWire.Response(invite, 200, "OK", "", "Contact: <sip:505@10.0.0.5:5060>\r\n", SessionWire.Sdp), peer, a.EndPoint);
            Assert.Equal(CallState.Terminated, call.State);
            Assert.Equal(502, call.EndCode);
            Assert.Equal(1, a.Manager.Stats.UnusableAnswers);
            Assert.Equal(0, a.Manager.ActiveCalls);

            // Hanging up afterwards changes nothing, and the slot takes a new call.
            a.Manager.Hangup(call, net.Now);
            Assert.NotNull(a.Manager.PlaceCall("sip:506@10.0.0.5", net.Now));
        }
    }
}
