// The line state machine over real calls: hook/digits/flash in, tones/ringer/media out (dial plan timers, busy, call waiting).
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Collections.Generic;
    using Phone.Core.DialPlan;
    using Phone.Core.Line;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;

    public class PhoneLineTests
    {
        private sealed class Output : IPhoneOutput
        {
            public readonly List<string> Log = new List<string>();
            public bool Ringing;
            public Call Media;

            public void PlayTone(LineTone tone) => Log.Add("tone " + tone);

            public void SetRinging(bool on)
            {
                Ringing = on;
                Log.Add("ring " + on);
            }

            public void StartMedia(Call call)
            {
                Media = call;
                Log.Add("media " + call.Media.RemotePort);
            }

            public void StopMedia(Call call)
            {
                if (Media == call) Media = null;
            }
        }

        private sealed class Phone
        {
            public PhoneLine Line;
            public Output Out = new Output();
            public TwoPhoneNet.Ua Ua;
        }

        private static Phone Add(TwoPhoneNet net, int octet, string user, string map = "(xxx)", System.Action<CallConfig> cfg = null)
        {
            var dm = new DigitMap();
            Assert.True(DigitMap.TryCompile(map, dm, out _));
            var p = new Phone();
            p.Line = new PhoneLine(dm, "10.0.0.2", p.Out);
            p.Ua = net.Add(octet, c => { c.User = user; cfg?.Invoke(c); });
            p.Ua.Forward = p.Line;
            p.Line.Attach(p.Ua.Manager);
            return p;
        }

        private static void Dial(TwoPhoneNet net, Phone p, string digits)
        {
            foreach (char d in digits) p.Line.OnLineEvent(LineEvent.Digit, d, net.Now);
            net.Pump();
        }

        [Fact]
        public void Off_hook_dial_ringback_answer_talk_and_far_end_hangup_gives_reorder()
        {
            var net = new TwoPhoneNet();
            Phone a = Add(net, 1, "201"), b = Add(net, 2, "202");
            a.Line.OnLineEvent(LineEvent.OffHook, '\0', net.Now);
            Assert.Equal((PhoneState.DialTone, LineTone.Dial), (a.Line.State, a.Line.Tone));
            Dial(net, a, "202");                                             // xxx: full match, dials at once
            Assert.Equal((PhoneState.Calling, LineTone.Ringback), (a.Line.State, a.Line.Tone));
            Assert.Equal(PhoneState.Ringing, b.Line.State);
            Assert.True(b.Out.Ringing);

            b.Line.OnLineEvent(LineEvent.OffHook, '\0', net.Now);
            net.Pump();
            Assert.False(b.Out.Ringing);
            Assert.Equal((PhoneState.Talking, LineTone.None), (a.Line.State, a.Line.Tone));
            Assert.Equal(PhoneState.Talking, b.Line.State);
            Assert.Equal(b.Line.Active.LocalRtpPort, a.Out.Media.Media.RemotePort);   // media started with the negotiated ports
            Assert.Equal(a.Line.Active.LocalRtpPort, b.Out.Media.Media.RemotePort);

            b.Line.OnLineEvent(LineEvent.OnHook, '\0', net.Now);
            net.Pump();
            Assert.Equal((PhoneState.Finished, LineTone.Reorder), (a.Line.State, a.Line.Tone));
            Assert.Null(a.Out.Media);
            a.Line.OnLineEvent(LineEvent.OnHook, '\0', net.Now);
            Assert.Equal((PhoneState.OnHook, LineTone.None), (a.Line.State, a.Line.Tone));
        }

        [Theory]
        [InlineData("(2xx|2xxx)", "202", 2999, PhoneState.Dialing, 3000, PhoneState.Calling)]   // partial match: short timer
        [InlineData("(2xxx)", "202", 9999, PhoneState.Dialing, 10000, PhoneState.Finished)]     // incomplete: long timer → reorder
        [InlineData("(3xx)", "2", 0, PhoneState.Finished, 0, PhoneState.Finished)]             // no match at once
        public void Dial_plan_timers_decide_when_to_dial(string map, string digits, long t1, PhoneState s1, long t2, PhoneState s2)
        {
            var net = new TwoPhoneNet();
            Phone a = Add(net, 1, "201", map);
            Add(net, 2, "202");
            a.Line.OnLineEvent(LineEvent.OffHook, '\0', net.Now);
            Dial(net, a, digits);
            a.Line.Poll(t1);
            Assert.Equal(s1, a.Line.State);
            net.Now = t2;
            a.Line.Poll(t2);
            net.Pump();
            Assert.Equal(s2, a.Line.State);
        }

        [Fact]
        public void Calling_a_phone_that_is_off_hook_gives_busy_tone()
        {
            var net = new TwoPhoneNet();
            Phone a = Add(net, 1, "201"), b = Add(net, 2, "202");
            b.Line.OnLineEvent(LineEvent.OffHook, '\0', net.Now);
            a.Line.OnLineEvent(LineEvent.OffHook, '\0', net.Now);
            Dial(net, a, "202");
            Assert.Equal((PhoneState.Finished, LineTone.Busy), (a.Line.State, a.Line.Tone));
            Assert.Equal(PhoneState.DialTone, b.Line.State);
        }

        [Fact]
        public void Call_waiting_tone_then_flash_holds_the_first_and_answers_the_second()
        {
            var net = new TwoPhoneNet();
            Phone a = Add(net, 1, "201"), b = Add(net, 2, "202"), c = Add(net, 3, "203");
            a.Line.OnLineEvent(LineEvent.OffHook, '\0', net.Now);
            Dial(net, a, "202");
            b.Line.OnLineEvent(LineEvent.OffHook, '\0', net.Now);
            net.Pump();
            c.Line.OnLineEvent(LineEvent.OffHook, '\0', net.Now);
            Dial(net, c, "202");
            Assert.NotNull(b.Line.Other);
            Assert.Equal("tone CallWaiting", b.Out.Log[b.Out.Log.Count - 1]);
            Assert.Equal(PhoneState.Calling, c.Line.State);

            b.Line.OnLineEvent(LineEvent.Flash, '\0', net.Now);
            net.Pump();
            Assert.Equal(PhoneState.Talking, c.Line.State);
            Assert.Equal(SdpDirection.RecvOnly, a.Line.Active.Media.LocalDirection);     // A was put on hold
            Assert.Equal(c.Line.Active.LocalRtpPort, b.Out.Media.Media.RemotePort);

            b.Line.OnLineEvent(LineEvent.Flash, '\0', net.Now);                           // back to A
            net.Pump();
            Assert.Equal(SdpDirection.SendRecv, a.Line.Active.Media.LocalDirection);
            Assert.Equal(SdpDirection.RecvOnly, c.Line.Active.Media.LocalDirection);
            Assert.Equal(a.Line.Active.LocalRtpPort, b.Out.Media.Media.RemotePort);
        }
    }
}
