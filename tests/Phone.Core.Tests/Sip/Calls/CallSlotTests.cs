// Call slots beyond the first exist only while a second call does (call waiting, consultation, transfer), issue 6.
namespace Phone.Core.Tests.Sip.Calls
{
    using Phone.Core.Device;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Tests.Device;
    using Xunit.Abstractions;

    public class CallSlotTests
    {
        private readonly ITestOutputHelper _out;

        public CallSlotTests(ITestOutputHelper output) => _out = output;

        private static Call Connect(TwoPhoneNet net, TwoPhoneNet.Ua a, TwoPhoneNet.Ua b)
        {
            Call call = a.Manager.PlaceCall(b.Uri, net.Now);
            Assert.NotNull(call);
            net.Pump();
            Assert.True(b.Manager.Answer(b.Incoming, net.Now));
            net.Pump();
            Assert.Equal(CallState.Connected, call.State);
            return call;
        }

        private static long Bytes(object root) => new NanoHeapModel(typeof(MemoryBudget).Assembly).Add(root);

        [Fact]
        public void The_second_slot_is_built_by_a_second_call_and_let_go_64_T1_after_it_ended()
        {
            var net = new TwoPhoneNet();
            var a = net.Add(1);
            var b = net.Add(2);
            Assert.Equal(2, b.Manager.Capacity);
            Assert.NotNull(b.Manager.GetCall(0));
            Assert.Null(b.Manager.GetCall(1));
            Call first = Connect(net, a, b);
            Assert.Null(b.Manager.GetCall(1));
            long oneCall = Bytes(b.Manager);

            Call second = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Call ringing = b.Manager.GetCall(1);
            Assert.NotNull(ringing);
            Assert.Same(b.Incoming, ringing);
            Assert.Equal(CallState.Ringing, ringing.State);
            Assert.Equal(CallState.Connected, first.State);
            Assert.Equal(b.Manager.GetCall(0).LocalRtpPort + 2, ringing.LocalRtpPort);
            long twoCalls = Bytes(b.Manager);
            _out.WriteLine($"callee with one call {oneCall} B, with a second call ringing {twoCalls} B: call waiting adds {twoCalls - oneCall} B (nanoCLR model)");

            Assert.True(b.Manager.Reject(ringing, 486, "Busy Here", net.Now));
            net.Pump();
            Assert.Equal(CallState.Terminated, second.State);
            // The ended call stays readable for 64·T1 (a late 2xx still finds it), then the slot is let go.
            net.RunUntil(net.Now + b.Manager.SlotLingerMs - 1000);
            Assert.Same(ringing, b.Manager.GetCall(1));
            net.RunUntil(net.Now + 2000);
            Assert.Null(b.Manager.GetCall(1));
            Assert.Null(a.Manager.GetCall(1));
            Assert.Equal(CallState.Connected, first.State);

            // A third call builds the slot again, on the same RTP port, and it works as before.
            Call third = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.NotNull(b.Manager.GetCall(1));
            Assert.NotSame(ringing, b.Manager.GetCall(1));
            Assert.Equal(ringing.LocalRtpPort, b.Manager.GetCall(1).LocalRtpPort);
            Assert.True(b.Manager.Answer(b.Manager.GetCall(1), net.Now));
            net.Pump();
            Assert.Equal(CallState.Connected, third.State);
            Assert.Equal(CallState.Connected, first.State);
        }

        [Fact]
        public void An_idle_manager_with_the_second_slot_let_go_is_as_small_as_before_the_second_call()
        {
            var net = new TwoPhoneNet();
            var a = net.Add(1);
            var b = net.Add(2);
            Call first = Connect(net, a, b);
            Assert.True(a.Manager.Hangup(first, net.Now));
            net.RunUntil(net.Now + 40_000);
            b.Incoming = null;                        // the test's listener keeps the last incoming call
            long before = Bytes(b.Manager);
            Call second = Connect(net, a, b);
            Call third = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.NotNull(b.Manager.GetCall(1));
            Assert.True(a.Manager.Hangup(third, net.Now));
            Assert.True(a.Manager.Hangup(second, net.Now));
            net.Pump();
            net.RunUntil(net.Now + 40_000);
            Assert.Null(b.Manager.GetCall(1));
            Assert.Null(a.Manager.GetCall(1));
            b.Incoming = null;
            Assert.Equal(before, Bytes(b.Manager));
        }

        [Fact]
        public void A_second_slot_that_cannot_be_built_gets_the_second_invite_486_like_a_full_table()
        {
            var net = new TwoPhoneNet();
            var a = net.Add(1);
            var b = net.Add(2);
            Call first = Connect(net, a, b);
            b.Manager.FailSlotBuild = true;
            int busy = b.Manager.Stats.Busy;
            Call second = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.Equal(CallState.Terminated, second.State);
            Assert.Equal(486, second.EndCode);
            Assert.Equal(busy + 1, b.Manager.Stats.Busy);
            Assert.Null(b.Manager.GetCall(1));
            Assert.Equal(CallState.Connected, first.State);
            Assert.Equal(1, b.Manager.ActiveCalls);

            // Placing a call without a slot fails at once; the first call goes on.
            Assert.Null(b.Manager.PlaceCall(a.Uri, net.Now));
            Assert.Equal(CallState.Connected, first.State);
            b.Manager.FailSlotBuild = false;
            Call later = a.Manager.PlaceCall(b.Uri, net.Now);
            net.Pump();
            Assert.Equal(CallState.Ringing, b.Manager.GetCall(1).State);
            Assert.Equal(CallState.Proceeding, later.State);
        }
    }
}
