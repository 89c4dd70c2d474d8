// Transfer from the handset: flash → dial tone → consultation call → on-hook (attended, RFC 5589 §7), flash back to
// the held call, the blind-transfer key (RFC 5589 §6), and what the transferee's and the target's lines do.
namespace Phone.Core.Tests.Sip.Calls
{
    using System.Collections.Generic;
    using Phone.Core.DialPlan;
    using Phone.Core.Line;
    using Phone.Core.Net;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;

    public class PhoneLineTransferTests
    {
        private sealed class Output : IPhoneOutput
        {
            public readonly List<string> Log = new List<string>();
            public bool Ringing;
            public Call Media;

            public void PlayTone(LineTone tone) => Log.Add("tone " + tone);

            public void SetRinging(bool on) => Ringing = on;

            public void StartMedia(Call call) => Media = call;

            public void StopMedia(Call call)
            {
                if (Media == call) Media = null;
            }
        }

        private sealed class Phone
        {
            public PhoneLine Line;
            public readonly Output Out = new Output();
            public TwoPhoneNet.Ua Ua;
        }

        private readonly TwoPhoneNet _net = new TwoPhoneNet();
        private readonly Phone _a, _b, _c;

        public PhoneLineTransferTests()
        {
            _a = Add(1, "201");
            _b = Add(2, "202");
            _c = Add(3, "203");
            // The dialled domain is a "PBX" at 10.0.0.9 that routes sip:20N@… to 10.0.0.N (only dialled INVITEs and
            // their CANCELs go there; everything else follows Contact and Via).
            _net.Drop = (text, from, to) =>
            {
                if (to.Address != Pbx) return false;
                int n = text[text.IndexOf("sip:20") + 6] - '0';
                _net.Enqueue(System.Text.Encoding.ASCII.GetBytes(text), from, new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, n), 5060));
                return true;
            };
        }

        private static readonly uint Pbx = NetEndPoint.MakeAddress(10, 0, 0, 9);

        private Phone Add(int octet, string user)
        {
            var dm = new DigitMap();
            Assert.True(DigitMap.TryCompile("(2xx)", dm, out _));
            var p = new Phone();
            p.Line = new PhoneLine(dm, "10.0.0.9", p.Out);
            p.Ua = _net.Add(octet, c => c.User = user);
            p.Ua.Forward = p.Line;
            p.Line.Attach(p.Ua.Manager);
            return p;
        }

        private void Event(Phone p, LineEvent kind, char key = '\0')
        {
            p.Line.OnLineEvent(kind, key, _net.Now);
            _net.Pump();
        }

        private void Dial(Phone p, string digits)
        {
            foreach (char d in digits) p.Line.OnLineEvent(LineEvent.Digit, d, _net.Now);
            _net.Pump();
        }

        /// <summary>A (201) calls B (202), B answers.</summary>
        private void AtalksToB()
        {
            Event(_a, LineEvent.OffHook);
            Dial(_a, "202");
            Event(_b, LineEvent.OffHook);
            Assert.Equal(PhoneState.Talking, _a.Line.State);
            Assert.Equal(PhoneState.Talking, _b.Line.State);
        }

        [Fact]
        public void Flash_consult_then_hang_up_transfers_attended_and_the_other_two_talk()
        {
            AtalksToB();
            Call bOriginal = _b.Line.Active;
            Event(_a, LineEvent.Flash);
            Assert.Equal((PhoneState.DialTone, LineTone.Dial), (_a.Line.State, _a.Line.Tone));
            Assert.Equal(SdpDirection.RecvOnly, bOriginal.Media.LocalDirection);       // B is held
            Assert.Null(_a.Out.Media);

            Dial(_a, "203");
            Assert.Equal(PhoneState.Ringing, _c.Line.State);
            Event(_c, LineEvent.OffHook);
            Assert.Equal(PhoneState.Talking, _a.Line.State);
            Assert.Same(_a.Line.Active, _a.Out.Media);

            Event(_a, LineEvent.OnHook);
            Assert.Equal(PhoneState.OnHook, _a.Line.State);
            Assert.Null(_a.Line.Active);
            Assert.Null(_a.Line.Other);
            Assert.Equal(0, _a.Ua.Manager.ActiveCalls);                                 // held leg BYE'd, consultation replaced

            // B's handset now carries the call to C, with media to C's port; C's the replacement from B.
            Assert.Equal(PhoneState.Talking, _b.Line.State);
            Assert.NotSame(bOriginal, _b.Line.Active);
            Assert.Equal(CallState.Terminated, bOriginal.State);
            Assert.Same(_b.Line.Active, _b.Out.Media);
            Assert.Equal(PhoneState.Talking, _c.Line.State);
            Assert.Same(_c.Line.Active, _c.Out.Media);
            Assert.Equal(CallState.Connected, _c.Line.Active.State);
            Assert.Equal(_c.Line.Active.LocalRtpPort, _b.Out.Media.Media.RemotePort);
            Assert.Equal(_b.Line.Active.LocalRtpPort, _c.Out.Media.Media.RemotePort);
            Assert.Equal(1, _c.Ua.Manager.TransferStats.Replaced);
        }

        [Fact]
        public void Hanging_up_while_the_consulted_party_still_rings_transfers_blind()
        {
            AtalksToB();
            Event(_a, LineEvent.Flash);
            Dial(_a, "203");
            Assert.Equal(PhoneState.Ringing, _c.Line.State);
            Event(_a, LineEvent.OnHook);                    // consultation cancelled, B REFERred to 203
            Assert.Equal(PhoneState.Ringing, _c.Line.State);   // now rung by B
            Event(_c, LineEvent.OffHook);
            Assert.Equal(PhoneState.Talking, _b.Line.State);
            Assert.Equal(_c.Line.Active.LocalRtpPort, _b.Out.Media.Media.RemotePort);
            Assert.Equal(0, _a.Ua.Manager.ActiveCalls);
            Assert.Equal(1, _c.Ua.Manager.ActiveCalls);
        }

        [Fact]
        public void Flash_during_the_consultation_drops_it_and_resumes_the_held_call()
        {
            AtalksToB();
            Call held = _a.Line.Active;
            Event(_a, LineEvent.Flash);
            Dial(_a, "203");
            Event(_c, LineEvent.OffHook);
            Event(_a, LineEvent.Flash);
            Assert.Equal(PhoneState.Talking, _a.Line.State);
            Assert.Same(held, _a.Line.Active);
            Assert.Null(_a.Line.Other);
            Assert.Equal(SdpDirection.SendRecv, _b.Line.Active.Media.LocalDirection);
            Assert.Same(held, _a.Out.Media);
            Assert.Equal(PhoneState.Finished, _c.Line.State);                           // C heard the consultation end
        }

        [Fact]
        public void Blind_transfer_key_refers_the_call_to_the_number_dialled()
        {
            AtalksToB();
            Event(_a, LineEvent.Key, PhoneLine.BlindTransferKey);
            Assert.Equal(PhoneState.DialTone, _a.Line.State);
            Dial(_a, "203");
            Assert.Equal(PhoneState.Transferring, _a.Line.State);
            Assert.Equal(PhoneState.Ringing, _c.Line.State);                            // B calls C, not A
            Event(_c, LineEvent.OffHook);
            Assert.Equal(PhoneState.Finished, _a.Line.State);                           // B's leg ended by our BYE
            Assert.Equal(LineTone.None, _a.Line.Tone);
            Assert.Equal(0, _a.Ua.Manager.ActiveCalls);
            Assert.Equal(PhoneState.Talking, _b.Line.State);
            Assert.Equal(_c.Line.Active.LocalRtpPort, _b.Out.Media.Media.RemotePort);
        }

        [Fact]
        public void Blind_transfer_command_holds_refers_and_the_line_finishes_when_the_target_answers()
        {
            AtalksToB();
            Call held = _a.Line.Active;
            Assert.False(_a.Line.BlindTransfer("", _net.Now));
            Assert.True(_a.Line.BlindTransfer("sip:203@10.0.0.9", _net.Now));
            _net.Pump();
            Assert.Equal(PhoneState.Transferring, _a.Line.State);
            Assert.Null(_a.Out.Media);
            Assert.Equal(SdpDirection.RecvOnly, _b.Line.Active.Media.LocalDirection);   // held while the REFER runs
            Event(_c, LineEvent.OffHook);
            Assert.Equal(PhoneState.Finished, _a.Line.State);
            Assert.Equal(CallState.Terminated, held.State);
            Assert.Equal(PhoneState.Talking, _b.Line.State);
            Assert.Equal(PhoneState.Talking, _c.Line.State);
        }

        [Fact]
        public void A_failed_blind_transfer_brings_the_held_call_back()
        {
            AtalksToB();
            Event(_c, LineEvent.OffHook);                                               // C is busy (off hook, dial tone)
            Event(_a, LineEvent.Key, PhoneLine.BlindTransferKey);
            Dial(_a, "203");
            Assert.Equal(PhoneState.Talking, _a.Line.State);                            // 486 in the NOTIFY: back to B
            Assert.Equal(486, _a.Line.Active.Transfer.Status);
            Assert.Equal(SdpDirection.SendRecv, _b.Line.Active.Media.LocalDirection);
            Assert.Same(_a.Line.Active, _a.Out.Media);
        }

        [Fact]
        public void A_held_call_left_by_hanging_up_rings_back_and_off_hook_resumes_it()
        {
            AtalksToB();
            Event(_a, LineEvent.Flash);                                                 // consult: B held, dial tone
            Event(_a, LineEvent.OnHook);                                                // nothing dialled: recall
            Assert.Equal(PhoneState.Ringing, _a.Line.State);
            Assert.True(_a.Out.Ringing);
            Event(_a, LineEvent.OffHook);
            Assert.Equal(PhoneState.Talking, _a.Line.State);
            Assert.Equal(SdpDirection.SendRecv, _b.Line.Active.Media.LocalDirection);
        }
    }
}
