// Two PhoneAgents in memory: a whole call through the composition (dial, ring, answer, audio both ways, DTMF, hold, hang-up).
namespace Phone.Core.Tests.Agent
{
    using System;
    using Phone.Core.Agent;
    using Phone.Core.Dsp;
    using Phone.Core.Net;
    using Phone.Core.Provisioning;
    using Phone.Core.Sdp;
    using Phone.Core.Sip.Calls;
    using Phone.Core.Sip.Registration;
    using Phone.Core.Tests.Sip.Registration;

    public class PhoneAgentTests
    {
        private const double Heard = 3000;   // a sine of peak 8000 through G.711 comes back near 8000
        private const double NotHeard = 400;

        private static void Connect(AgentRig rig)
        {
            rig.Start();
            rig.Run(100);
            Assert.True(rig.A.Dial("202", rig.Now));
            rig.Run(300);
            Assert.Equal(PhoneState.Ringing, rig.B.State);
            Assert.True(rig.B.Answer(rig.Now));
            rig.Run(1000);
            Assert.Equal(PhoneState.Talking, rig.A.State);
            Assert.Equal(PhoneState.Talking, rig.B.State);
        }

        private static void AssertTwoWayAudio(AgentRig rig)
        {
            Assert.True(rig.AudioB.Level(AgentRig.ToneA, 400) > Heard, "B hears A: " + rig.AudioB.Level(AgentRig.ToneA, 400));
            Assert.True(rig.AudioB.Level(AgentRig.ToneB, 400) < NotHeard, "B does not hear itself");
            Assert.True(rig.AudioA.Level(AgentRig.ToneB, 400) > Heard, "A hears B: " + rig.AudioA.Level(AgentRig.ToneB, 400));
            Assert.True(rig.AudioA.Level(AgentRig.ToneA, 400) < NotHeard, "A does not hear itself");
        }

        [Fact]
        public void A_new_call_lets_the_previous_calls_media_session_go()
        {
            // On the device a media session is ~7 KB: the next call's must not run beside the last one's.
            var rig = new AgentRig();
            Connect(rig);
            WeakReference first = StopCallAndWatchSession(rig);
            Assert.True(first.IsAlive, "the ended call's session stays readable until the next call");
            Assert.True(rig.A.Dial("202", rig.Now));
            rig.Run(300);
            Assert.True(rig.B.Answer(rig.Now));
            rig.Run(1000);
            Assert.True(rig.A.MediaActive);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Assert.False(first.IsAlive, "the first call's media session is still held during the second call");
            Assert.Equal(2, rig.A.Stats.MediaStarts);
        }

        // Not inlined, so that no local of the test's own frame keeps the session alive.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static WeakReference StopCallAndWatchSession(AgentRig rig)
        {
            var watch = new WeakReference(rig.A.Media);
            rig.A.Hangup(rig.Now);
            rig.Run(500);
            rig.B.Hangup(rig.Now);
            rig.Run(200);
            Assert.False(rig.A.MediaActive);
            Assert.Same(watch.Target, rig.A.Media);
            return watch;
        }

        [Fact]
        public void The_configured_countrys_tones_are_played_and_an_unknown_country_plays_the_us_plan()
        {
            // The agent builds each tone when it starts it (it holds the country's index, not its profile).
            var de = new AgentRig(configureA: c => c.Country = "de");
            de.Start();
            de.Run(100);
            de.A.OffHook(de.Now);
            de.Run(400);
            double dial425 = de.AudioA.Level(425, 300), dial350 = de.AudioA.Level(350, 300);
            Assert.True(dial425 > 200, "German dial tone 425 Hz: " + dial425);
            Assert.True(dial350 < dial425 / 10, "no US dial tone: " + dial350 + " against " + dial425);
            foreach (char k in "99#") de.A.Digit(k, de.Now);   // not in the directory, direct mode: reorder
            de.Run(600);
            Assert.Equal(LineTone.Reorder, de.A.Tone);
            // German congestion: 425 Hz, 240 ms on, 240 ms off.
            Assert.True(de.AudioA.Level(425, 200) > 100 || de.AudioA.Level(425, 480) > 100, "German congestion 425 Hz");

            var unknown = new AgentRig(configureA: c => c.Country = "zz");
            unknown.Start();
            unknown.Run(100);
            unknown.A.OffHook(unknown.Now);
            unknown.Run(400);
            Assert.True(unknown.AudioA.Level(350, 300) > 200, "US dial tone 350 Hz: " + unknown.AudioA.Level(350, 300));
        }

        [Fact]
        public void Keypad_call_through_the_directory_rings_connects_carries_audio_dtmf_hold_and_hangs_up()
        {
            var rig = new AgentRig();
            rig.Start();
            rig.Run(100);

            // Off hook: dial tone from the country profile (US: 350 + 440 Hz) on the speaker, no media.
            rig.A.OffHook(rig.Now);
            rig.Run(400);
            Assert.Equal(LineTone.Dial, rig.A.Tone);
            Assert.False(rig.A.MediaActive);
            Assert.True(rig.AudioA.Level(350, 300) > 200, "dial tone 350 Hz: " + rig.AudioA.Level(350, 300));

            // Keys through the default dial plan; '#' sends at once; 202 is in the directory: called at its desk.
            foreach (char k in "202#") rig.A.Digit(k, rig.Now);
            rig.Run(600);
            Assert.Equal(1, rig.A.Stats.DirectoryCalls);
            Assert.Equal(PhoneState.Calling, rig.A.State);
            Assert.Equal(PhoneState.Ringing, rig.B.State);
            Assert.True(rig.B.Ringing);
            Assert.Equal(LineTone.Ringback, rig.A.Tone);
            Assert.True(rig.AudioA.Level(440, 300) > 200, "ringback 440 Hz: " + rig.AudioA.Level(440, 300));
            Assert.StartsWith("sip:202@10.0.0.2:5060", rig.A.ActiveCall.RemoteUri);

            Assert.True(rig.B.Answer(rig.Now));
            rig.Run(1500);
            Assert.Equal(PhoneState.Talking, rig.A.State);
            Assert.Equal(PhoneState.Talking, rig.B.State);
            Assert.False(rig.B.Ringing);
            Assert.True(rig.A.MediaActive && rig.B.MediaActive);
            AssertTwoWayAudio(rig);

            // DTMF A → B as RFC 4733 events (commands), and B → A from B's keypad while talking.
            Assert.True(rig.A.SendDtmf('1', rig.Now));
            Assert.True(rig.A.SendDtmf('2', rig.Now));
            Assert.True(rig.A.SendDtmf('#', rig.Now));
            rig.B.Digit('5', rig.Now);
            rig.Run(1500);
            Assert.Equal("12#", rig.ReadDtmf(rig.B));
            Assert.Equal("5", rig.ReadDtmf(rig.A));
            Assert.Equal(3, rig.A.Stats.DtmfSent);
            Assert.Equal(3, rig.B.Stats.DtmfReceived);
            Assert.False(rig.A.SendDtmf('x', rig.Now));

            // Hold: re-INVITE sendonly, answer recvonly; neither side sends, so both hear nothing.
            Assert.True(rig.A.Hold(true, rig.Now));
            rig.Run(1000);
            Assert.True(rig.A.ActiveCall.LocalHold);
            Assert.Equal(SdpDirection.SendOnly, rig.A.ActiveCall.Media.LocalDirection);
            Assert.Equal(SdpDirection.RecvOnly, rig.B.ActiveCall.Media.LocalDirection);
            Assert.False(rig.A.Media.SendEnabled);
            Assert.False(rig.B.Media.SendEnabled);
            Assert.True(rig.AudioA.Rms(400) < 50, "A silent on hold: " + rig.AudioA.Rms(400));
            Assert.True(rig.AudioB.Rms(400) < 50, "B silent on hold: " + rig.AudioB.Rms(400));
            Assert.Equal(1, rig.A.Stats.MediaStarts);   // the same session carries on (same SSRC, clocks)

            // Resume: sendrecv again, audio returns both ways.
            Assert.True(rig.A.Hold(false, rig.Now));
            rig.Run(1000);
            Assert.Equal(SdpDirection.SendRecv, rig.B.ActiveCall.Media.LocalDirection);
            AssertTwoWayAudio(rig);

            // A hangs up (BYE); B hears reorder until it hangs up too; both end idle.
            rig.A.Hangup(rig.Now);
            rig.Run(500);
            Assert.Equal(PhoneState.OnHook, rig.A.State);
            Assert.Equal(PhoneState.Finished, rig.B.State);
            Assert.Equal(LineTone.Reorder, rig.B.Tone);
            Assert.False(rig.B.MediaActive);
            rig.B.Hangup(rig.Now);
            rig.Run(200);
            Assert.Equal(PhoneState.OnHook, rig.B.State);
            Assert.Equal(0, rig.A.Calls.ActiveCalls);
            Assert.Equal(0, rig.B.Calls.ActiveCalls);
            Assert.Null(rig.A.ActiveCall);
            Assert.Null(rig.B.ActiveCall);
            Assert.Equal(1, rig.A.Calls.Stats.Placed);
            Assert.True(rig.A.MediaStats.PacketsReceived > 150, "A's report survives the call: " + rig.A.MediaStats.PacketsReceived);
        }

        [Fact]
        public void Three_digits_without_hash_dial_after_the_short_timer()
        {
            var rig = new AgentRig();
            rig.Start();
            rig.A.OffHook(rig.Now);
            foreach (char k in "202") rig.A.Digit(k, rig.Now);
            rig.Run(1000);
            Assert.Equal(PhoneState.Dialing, rig.A.State);
            rig.Run(3000);
            Assert.Equal(PhoneState.Ringing, rig.B.State);
        }

        [Fact]
        public void A_number_outside_the_directory_in_direct_mode_gets_reorder()
        {
            var rig = new AgentRig();
            rig.Start();
            Assert.False(rig.A.Dial("305", rig.Now));
            Assert.Equal(LineTone.Reorder, rig.A.Tone);
            Assert.Equal(1, rig.A.Stats.DialFailures);
        }

        [Fact]
        public void Audio_tick_allocates_nothing_during_a_connected_call()
        {
            var rig = new AgentRig();
            Connect(rig);
            long now = rig.Now;
            Ticks(rig, ref now, 1000);   // warm-up: every path (DTMF, RTCP) runs and is compiled
            long before = GC.GetAllocatedBytesForCurrentThread();
            Ticks(rig, ref now, 1000);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            // SendDtmf is a command (not the tick) but allocates nothing either.
            Assert.Equal(0, allocated);
            Assert.True(rig.B.MediaStats.PacketsReceived > 1800);
            Assert.Equal(4, rig.A.Stats.DtmfSent);
            Assert.Equal("7878", rig.ReadDtmf(rig.B));
        }

        private static void Ticks(AgentRig rig, ref long now, int frames)
        {
            for (int i = 0; i < frames; i++)
            {
                if (i == 100) rig.A.SendDtmf('7', now);
                if (i == 500) rig.A.SendDtmf('8', now);   // queued digits start inside the tick
                rig.A.AudioTick(now);
                rig.B.AudioTick(now);
                now += 20;
            }
        }

        [Fact]
        public void Registered_agent_registers_with_digest_calls_desks_directly_and_others_through_the_registrar()
        {
            var rig = new AgentRig(withRegistrar: true);
            rig.Start();
            rig.Run(500);
            Assert.True(rig.A.IsRegistered, RegistrationStateNames.Name(rig.A.RegistrationState));
            Assert.Contains(Phone.Core.Auth.DigestVerification.Valid, rig.Registrar.Verdicts);
            Assert.Null(rig.B.Registration);

            // The directory call goes straight to B's desk, not through the registrar/proxy.
            Assert.True(rig.A.Dial("202", rig.Now));
            rig.Run(300);
            Assert.Equal(PhoneState.Ringing, rig.B.State);
            rig.B.Answer(rig.Now);
            rig.Run(1200);
            AssertTwoWayAudio(rig);
            rig.A.Hangup(rig.Now);
            rig.B.Hangup(rig.Now);
            rig.Run(300);
            Assert.DoesNotContain(rig.Registrar.Requests, r => r.Text.StartsWith("INVITE"));

            // Any other number goes to the proxy (here the registrar, which only registers: the call fails there).
            Assert.True(rig.A.Dial("305", rig.Now));
            rig.Run(500);
            Assert.Contains(rig.Registrar.Requests, r => r.Text.StartsWith("INVITE sip:305@office"));
            rig.A.Hangup(rig.Now);
            rig.Run(200);

            rig.A.Unregister(rig.Now);
            rig.Run(300);
            Assert.Equal(RegistrationState.Unregistered, rig.A.RegistrationState);
            Assert.Equal(0, rig.Registrar.Requests[rig.Registrar.Requests.Count - 1].Expires);
        }

        [Fact]
        public void Registered_agent_takes_requests_only_from_the_pbx_and_the_directory_desks()
        {
            var rig = new AgentRig(withRegistrar: true);
            rig.Start();
            rig.Run(500);
            Assert.True(rig.A.IsRegistered);

            // A scanner on another address sends an INVITE and an OPTIONS: no ring, no answer of any kind.
            var scannerEp = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 66), 5060);
            var scanner = rig.Net.Bind(scannerEp);
            foreach (string method in new[] { "INVITE", "OPTIONS" })
            {
                string msg = method + " sip:201@10.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.66:5060;branch=z9hG4bK-scan-" + method
                    + "\r\nFrom: <sip:100@10.0.0.66>;tag=s1\r\nTo: <sip:201@10.0.0.1>\r\nCall-ID: scan-" + method
                    + "\r\nCSeq: 1 " + method + "\r\nContact: <sip:100@10.0.0.66>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
                byte[] b = System.Text.Encoding.ASCII.GetBytes(msg);
                scanner.SendTo(b, 0, b.Length, new NetEndPoint(AgentRig.AddressA, 5060));
            }
            rig.Run(600);
            Assert.Equal(PhoneState.OnHook, rig.A.State);
            Assert.False(rig.A.Ringing);
            var buf = new byte[2048];
            Assert.Equal(0, scanner.ReceiveFrom(buf, 0, buf.Length, out _));   // not even a 4xx: silence
            Assert.Equal(2, rig.A.Transport.Stats.Filtered);

            // The directory desk still calls in (local mode's path).
            Assert.True(rig.B.Dial("201", rig.Now));
            rig.Run(300);
            Assert.Equal(PhoneState.Ringing, rig.A.State);
        }

        [Fact]
        public void A_refresh_sent_from_Poll_is_in_the_deadline_Poll_returns()
        {
            // A loop that sleeps until Poll's deadline must wake for Timer E of a REGISTER that Poll itself sent.
            var rig = new AgentRig(withRegistrar: true);
            rig.Start();
            rig.Run(500);
            Assert.True(rig.A.IsRegistered);
            uint cseq = rig.A.Registration.CSeq;
            for (int i = 0; i < 1000; i++)
            {
                long next = rig.A.Poll(rig.Now);
                if (rig.A.Registration.CSeq != cseq)
                {
                    Assert.True(next <= rig.Now + 500, "refresh sent at " + rig.Now + ", next deadline " + next);
                    return;
                }
                Assert.True(next >= rig.Now, "Poll at " + rig.Now + " returned " + next);   // == now: poll again at once
                rig.Now = next;
            }
            Assert.Fail("no refresh was sent");
        }

        [Fact]
        public void The_filter_follows_the_security_key()
        {
            var p = new ProvisioningConfig();
            p.Set("account.1.user", "201");
            p.Set("account.1.registrar", "10.0.0.9");
            Assert.True(AgentConfig.FromConfig(p, 1, AgentRig.AddressA, 5060, 16384).AcceptCallsOnlyFromPbx);   // the default
            p.Set("security.accept_calls_only_from_pbx", "false");
            Assert.False(AgentConfig.FromConfig(p, 1, AgentRig.AddressA, 5060, 16384).AcceptCallsOnlyFromPbx);
        }

        [Fact]
        public void Config_is_read_from_the_provisioned_keys()
        {
            var p = new ProvisioningConfig();
            p.Set("account.1.user", "201");
            p.Set("account.1.auth_user", "a201");
            p.Set("account.1.password", "pw");
            p.Set("account.1.display_name", "Front Desk");
            p.Set("account.1.registrar", "10.0.0.9:5070");
            p.Set("account.1.backup_registrar", "10.0.0.10");
            p.Set("account.1.expires", "600");
            p.Set("media.codecs", "pcma,pcmu");
            p.Set("tones.country", "de");
            p.Set("dialplan.map", "(xxx)");
            p.Set("directory.201", "Reception, 10.0.0.1");
            p.Set("directory.202", "Anna, 10.0.0.2:5062");
            p.Set("directory.203", "Bob, 10.0.0.3");
            AgentConfig c = AgentConfig.FromConfig(p, 1, NetEndPoint.MakeAddress(10, 0, 0, 1), 5064, 17000);
            Assert.Equal("201", c.User);
            Assert.Equal("a201", c.AuthUser);
            Assert.Equal("pw", c.Password);
            Assert.Equal("Front Desk", c.DisplayName);
            Assert.Equal("10.0.0.9", c.Domain);
            Assert.True(c.Registrar.SameAs(new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 9), 5070)));
            Assert.True(c.BackupRegistrar.SameAs(new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 10), 5060)));
            Assert.Equal(600, c.Expires);
            Assert.Equal(new[] { SdpOfferAnswer.Pcma, SdpOfferAnswer.Pcmu }, c.Codecs);
            Assert.Equal("de", c.Country);
            Assert.Equal("(xxx)", c.DialPlan);
            Assert.Equal(5064, c.SipPort);
            Assert.Equal(17000, c.RtpPortBase);
            Assert.Equal(new[] { "202", "203" }, c.DirectoryExtensions);   // our own desk left out
            Assert.True(c.DirectoryEndPoints[0].SameAs(new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 2), 5062)));
            Assert.Equal("Bob", c.DirectoryNames[1]);

            // A registrar given by name: the domain, and the name the agent locates by DNS (SRV, then A with the port).
            p.Set("account.1.registrar", "pbx.example.com");
            c = AgentConfig.FromConfig(p, 1, NetEndPoint.MakeAddress(10, 0, 0, 1), 5060, 16384);
            Assert.False(c.UsesRegistrar);   // no address until the agent located it
            Assert.True(c.Registrar.IsEmpty);
            Assert.NotNull(c.KeepAlive);
            Assert.Equal("pbx.example.com", c.RegistrarName);
            Assert.Equal(5060, c.RegistrarPort);
            Assert.Equal("pbx.example.com", c.Domain);
            p.Set("account.1.registrar", "pbx.example.com:5070");
            Assert.Equal(5070, AgentConfig.FromConfig(p, 1, NetEndPoint.MakeAddress(10, 0, 0, 1), 5060, 16384).RegistrarPort);
            Assert.Null(c.DialPlan == "(xxx)" ? null : "dial plan kept");
        }

        [Fact]
        public void Unknown_country_falls_back_to_us_tones_and_a_bad_dial_plan_to_the_default()
        {
            var rig = new AgentRig();
            var cfg = new AgentConfig { User = "209", LocalAddress = AgentRig.AddressA, Country = "zz", DialPlan = "(((" };
            var audio = new SineAudioPort(300, 0);
            var agent = new PhoneAgent(cfg, new AgentPorts { Sip = rig.Net.Bind(new NetEndPoint(AgentRig.AddressA, 5070)), Rtp = new Phone.Core.Ports.IDatagramSocket[2], Audio = audio });
            agent.Start(0);
            agent.OffHook(0);
            for (long t = 0; t < 400; t += 20) agent.AudioTick(t);
            Assert.True(audio.Level(350, 300) > 200);
            Assert.NotNull(CountryProfile.Us.Dial);
        }
    }
}
