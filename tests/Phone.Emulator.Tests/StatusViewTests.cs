// Which status display is chosen (redirected → plain lines), what the plain one prints, and the live table's content.
namespace Phone.Emulator.Tests
{
    using System;
    using System.IO;
    using Spectre.Console.Testing;

    public sealed class StatusViewTests
    {
        private static DeviceStatus Talking(int sent, int received) => new DeviceStatus
        {
            Name = "101 (001122334455)", Registration = "Registered at 127.0.0.1:5060", Line = "Talking", Call = "Connected to sip:102@127.0.0.1",
            RtpSent = sent, RtpReceived = received, RtpLost = 2, JitterMs = 3, RoundTripMs = 1,
        };

        [Fact]
        public void RedirectedOutputOrPlainOrAConsoleThatCannotDrawGetsPlainLines()
        {
            var interactive = new TestConsole().Interactive().EmitAnsiSequences();
            Assert.IsType<PlainStatusView>(StatusViews.Create(plain: false, outputRedirected: true, interactive, TextWriter.Null));
            Assert.IsType<PlainStatusView>(StatusViews.Create(plain: true, outputRedirected: false, interactive, TextWriter.Null));
            Assert.IsType<PlainStatusView>(StatusViews.Create(plain: false, outputRedirected: false, null, TextWriter.Null));
            Assert.IsType<PlainStatusView>(StatusViews.Create(plain: false, outputRedirected: false, new TestConsole(), TextWriter.Null));   // not interactive
            Assert.IsType<LiveStatusView>(StatusViews.Create(plain: false, outputRedirected: false, interactive, TextWriter.Null));
        }

        [Fact]
        public void PlainViewWritesATimestampedLineOnAStateChangeAndThrottlesCounterLines()
        {
            var output = new StringWriter();
            var view = new PlainStatusView(output, () => new DateTime(2026, 11, 26, 1, 2, 3, 456)) { CountersEveryMs = 60000 };
            view.Update(new[] { Talking(10, 9) });
            view.Update(new[] { Talking(60, 59) });   // only counters moved, within the interval: no line
            DeviceStatus held = Talking(70, 69);
            held.Call += ", on hold";
            view.Update(new[] { held });
            view.Event("101 > hold");
            string[] lines = output.ToString().TrimEnd().Split('\n');
            Assert.Equal(3, lines.Length);
            Assert.Equal("01:02:03.456 101 (001122334455): Registered at 127.0.0.1:5060 | line Talking | Connected to sip:102@127.0.0.1 | RTP tx 10 rx 9 lost 2 (18.2 %) jitter 3 ms rtt 1 ms", lines[0].TrimEnd());
            Assert.Contains("on hold | RTP tx 70 rx 69", lines[1]);
            Assert.Equal("01:02:03.456 101 > hold", lines[2].TrimEnd());
        }

        [Fact]
        public void PlainProgressWritesTheTitleAndEachNewStep()
        {
            var output = new StringWriter();
            var view = new PlainStatusView(output, () => new DateTime(2026, 11, 26));
            int r = view.Progress("registering at 127.0.0.1:5060", report =>
            {
                report("Registering", 0, 0);
                report("Registering", 0, 0);
                report("Registered", 0, 0);
                return 7;
            });
            Assert.Equal(7, r);
            Assert.Equal(new[] { "00:00:00.000 registering at 127.0.0.1:5060", "00:00:00.000 registering at 127.0.0.1:5060: Registering",
                "00:00:00.000 registering at 127.0.0.1:5060: Registered" }, output.ToString().TrimEnd().Replace("\r", "").Split('\n'));
        }

        [Fact]
        public void LiveViewShowsRegistrationCallStateRtpLossAndJitterPerDevice()
        {
            var console = new TestConsole().Interactive().EmitAnsiSequences();
            console.Profile.Width = 200;
            var view = new LiveStatusView(console);
            view.Update(new[] { Talking(250, 248), new DeviceStatus { Name = "102", Registration = "direct mode (no registrar)", Line = "Ringing (ringer on)", Call = "Ringing from sip:101@127.0.0.1" } });
            int ticks = 0;
            view.Run(() =>
            {
                if (ticks == 0) view.Event("101 > dial 102");
                return ++ticks < 3;
            });
            string text = console.Output;
            foreach (string s in new[] { "registration", "RTP tx", "loss", "jitter", "Registered at 127.0.0.1:5060", "Talking", "Connected to sip:102@127.0.0.1",
                "250", "248", "2 (0.8 %)", "3 ms", "Ringing (ringer on)", "101 > dial 102" })
            {
                Assert.Contains(s, text);
            }
            Assert.Equal(3, ticks);
        }

        [Fact]
        public void LiveProgressCountsDoneOfTotal()
        {
            var console = new TestConsole().Interactive().EmitAnsiSequences();
            console.Profile.Width = 160;
            var view = new LiveStatusView(console);
            bool ok = view.Progress("fleet: registering", report =>
            {
                for (int i = 0; i <= 4; i++) report("registered", i, 4);
                return true;
            });
            Assert.True(ok);
            Assert.Contains("fleet: registering: registered (4/4)", console.Output);
        }
    }
}
