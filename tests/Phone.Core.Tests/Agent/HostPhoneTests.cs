// Two HostPhones on 127.0.0.1 call each other over real UDP (ephemeral ports): ring, answer, audio both ways, DTMF, hang-up.
namespace Phone.Core.Tests.Agent
{
    using System;
    using System.Linq;
    using Phone.Core.Agent;
    using Phone.Core.Net;
    using Phone.Core.Sip.Calls;
    using Phone.Host.Agent;
    using Phone.Host.Audio;

    public class HostPhoneTests
    {
        private static readonly uint Loopback = NetEndPoint.MakeAddress(127, 0, 0, 1);

        private static AgentConfig Config(string user) => new AgentConfig
        {
            User = user,
            Domain = "127.0.0.1",
            LocalAddress = Loopback,
            SipPort = 0,
            RtpPortBase = 0,
        };

        private static double Level(SignalAudioPort port, HostPhone phone, int hz, int ms)
        {
            short[] played = phone.Get(a => port.Played.ToArray());
            int n = ms * 8;
            int start = Math.Max(0, played.Length - n);
            return SineAudioPort.Goertzel(played, start, played.Length - start, hz);
        }

        [Fact]
        public void Two_host_phones_call_each_other_over_loopback_udp_with_audio_both_ways()
        {
            var audioA = new SignalAudioPort(500, 500, 8000);
            var audioB = new SignalAudioPort(1300, 1300, 8000);
            AgentConfig ca = Config("201"), cb = Config("202");
            using var a = new HostPhone(ca, audioA, null, 11);
            using var b = new HostPhone(cb, audioB, null, 22);
            Assert.NotEqual(0, ca.SipPort);
            Assert.NotEqual(0, ca.RtpPortBase);
            Assert.Equal(0, ca.RtpPortBase % 2);
            // Each desk lists the other at the port it actually got.
            ca.DirectoryExtensions = new[] { "202" };
            ca.DirectoryEndPoints = new[] { b.SipEndPoint };
            cb.DirectoryExtensions = new[] { "201" };
            cb.DirectoryEndPoints = new[] { a.SipEndPoint };
            a.Start();
            b.Start();

            a.Do((p, now) => Assert.True(p.Dial("202", now)));
            Assert.True(b.WaitUntil(p => p.State == PhoneState.Ringing, 5000), "B rings");
            Assert.True(a.WaitUntil(p => p.Tone == LineTone.Ringback, 2000), "A hears ringback");
            b.Do((p, now) => Assert.True(p.Answer(now)));
            Assert.True(a.WaitUntil(p => p.State == PhoneState.Talking && p.MediaActive, 5000), "A talking");
            Assert.True(b.WaitUntil(p => p.State == PhoneState.Talking && p.MediaActive, 5000), "B talking");

            Assert.True(b.WaitUntil(p => p.MediaStats.PacketsReceived > 60, 8000), "B receives RTP");
            // Real time on a shared machine: a stall can leave a gap, so look for a clean half second within 8 s.
            double bHearsA = 0, bHearsB = 0, aHearsB = 0, aHearsA = 0;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            bool heard = false;
            while (!heard && watch.ElapsedMilliseconds < 8000)
            {
                System.Threading.Thread.Sleep(250);
                bHearsA = Level(audioB, b, 500, 500);
                bHearsB = Level(audioB, b, 1300, 500);
                aHearsB = Level(audioA, a, 1300, 500);
                aHearsA = Level(audioA, a, 500, 500);
                heard = bHearsA > 1000 && aHearsB > 1000;
            }
            Assert.True(bHearsA > 1000 && bHearsB < bHearsA / 10, "B: 500 Hz " + bHearsA + ", 1300 Hz " + bHearsB);
            Assert.True(aHearsB > 1000 && aHearsA < aHearsB / 10, "A: 1300 Hz " + aHearsB + ", 500 Hz " + aHearsA);

            a.Do((p, now) => { p.SendDtmf('4', now); p.SendDtmf('2', now); });
            Assert.True(b.WaitUntil(p => p.PendingDtmf >= 2, 5000), "B receives two digits");
            Assert.Equal("42", b.Get(p => { string s = ""; while (p.TryReadDtmf(out char c)) s += c; return s; }));

            a.Do((p, now) => p.Hangup(now));
            Assert.True(b.WaitUntil(p => p.ActiveCall == null && !p.MediaActive, 5000), "B sees the BYE");
            Assert.True(a.WaitUntil(p => p.Calls.ActiveCalls == 0, 5000), "A idle");
            b.Do((p, now) => p.Hangup(now));
            Assert.Equal(PhoneState.OnHook, b.Get(p => p.State));
            Assert.True(a.Get(p => p.MediaStats.RtcpSent) >= 1 || a.Get(p => p.MediaStats.PacketsSent) > 60);
        }

        [Fact]
        public void A_taken_sip_port_is_reported_with_its_number()
        {
            using var first = new HostPhone(Config("201"), new SignalAudioPort(500, 500), null, 1);
            int port = first.SipEndPoint.Port;
            var cfg = Config("202");
            cfg.SipPort = port;
            var e = Assert.Throws<HostPhoneException>(() => new HostPhone(cfg, new SignalAudioPort(500, 500), null, 2));
            Assert.Contains("SIP port " + port, e.Message);
        }
    }
}
