// Blind transfer through the PhoneAgent composition (RFC 3515): the transferee places the INVITE, reports the
// outcome by NOTIFY, and a failed transfer gives the held call back to the transferor's handset with audio.
namespace Phone.Core.Tests.Agent
{
    using Phone.Core.Sip.Calls;

    public class AgentTransferTests
    {
        [Fact]
        public void Blind_transfer_to_a_target_that_never_answers_returns_to_the_call_with_audio()
        {
            var rig = new AgentRig();
            rig.Start();
            rig.Run(100);
            Assert.True(rig.A.Dial("202", rig.Now));
            rig.Run(300);
            Assert.True(rig.B.Answer(rig.Now));
            rig.Run(1000);
            Assert.Equal(PhoneState.Talking, rig.A.State);
            Call call = rig.A.ActiveCall;

            Assert.False(rig.A.Transfer("", rig.Now));
            Assert.True(rig.A.Transfer("sip:203@10.0.0.3:5060", rig.Now));           // nobody at 10.0.0.3
            Assert.Equal(PhoneState.Transferring, rig.A.State);
            Assert.False(rig.A.MediaActive);
            rig.Run(1000);
            Assert.Equal(TransferState.Trying, call.Transfer.State);                   // 202 and NOTIFY 100 came
            Assert.Equal(PhoneState.Talking, rig.B.State);                             // B still on the (held) call
            Assert.Equal(1, rig.B.Calls.TransferStats.RefersAccepted);

            rig.Run(33000);                                                            // B's INVITE times out (Timer B)
            Assert.Equal(TransferState.Failed, call.Transfer.State);
            Assert.Equal(408, call.Transfer.Status);
            Assert.Equal(PhoneState.Talking, rig.A.State);
            Assert.Same(call, rig.A.ActiveCall);
            Assert.Equal(CallState.Connected, call.State);
            rig.Run(1500);
            Assert.True(rig.A.MediaActive);
            Assert.True(rig.AudioA.Level(AgentRig.ToneB, 400) > 3000, "A hears B again: " + rig.AudioA.Level(AgentRig.ToneB, 400));
            Assert.True(rig.AudioB.Level(AgentRig.ToneA, 400) > 3000, "B hears A again: " + rig.AudioB.Level(AgentRig.ToneA, 400));
        }
    }
}
