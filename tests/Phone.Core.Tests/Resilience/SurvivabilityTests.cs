// Local survivability with a manual clock: entered when no registrar answers, distinct tone and LED, directory and
// emergency routing, bounded call log reported by MESSAGE (RFC 3428) when a registrar is back, left on its own.
namespace Phone.Core.Tests.Resilience
{
    using System.Linq;
    using System.Text;
    using Phone.Core.Dsp;
    using Phone.Core.Net;
    using Phone.Core.Ports;
    using Phone.Core.Resilience;
    using Phone.Core.Sip.Registration;

    public class SurvivabilityTests
    {
        [Fact]
        public void NormalModeRoutesEverythingThroughThePbxWithTheNormalToneAndNoLed()
        {
            var r = new ResilienceRig();
            r.Start();
            Assert.Equal(SurvivabilityState.Normal, r.Survival.State);
            Assert.Equal(CallProgressTone.Dial, r.Survival.DialTone);
            Assert.Equal(IndicatorPattern.Off, r.Survival.Indicator);
            Assert.Equal(LocalRoute.ViaPbx, r.Survival.Route("202", out string uri));
            Assert.Null(uri);
            Assert.Equal(LocalRoute.ViaPbx, r.Survival.Route("112", out uri));
        }

        [Fact]
        public void BothRegistrarsDownEntersLocalModeRoutesDirectlyAndLeavesOnItsOwnWhenOneReturns()
        {
            var r = new ResilienceRig(new RegistrarMonitorConfig { RecoveryProbeIntervalMs = 2000 });
            r.Start();
            r.RunUntil(30_000);
            r.PrimaryUp = false;
            r.BackupUp = false;
            r.RunUntil(80_000);

            Assert.Equal(SurvivabilityState.Local, r.Survival.State);
            long entered = r.Survival.EnteredAtMs;
            Assert.InRange(entered - 30_000, 1000, 25_000);
            Assert.Equal(CallProgressTone.SurvivabilityDial, r.Survival.DialTone);
            Assert.Equal(IndicatorPattern.On, r.Survival.Indicator);

            Assert.Equal(LocalRoute.Direct, r.Survival.Route("202", out string uri));
            Assert.Equal("sip:202@192.168.1.22:5060", uri);
            Assert.Equal(LocalRoute.Direct, r.Survival.Route("203", out uri));
            Assert.Equal("sip:203@192.168.1.23:5070", uri);
            Assert.Equal(LocalRoute.Emergency, r.Survival.Route("112", out uri));
            Assert.Equal("sip:112@192.168.1.2:5060", uri);
            Assert.Equal(LocalRoute.Unreachable, r.Survival.Route("0044201234567", out uri));
            Assert.Null(uri);
            Assert.Equal("202", r.Survival.ExtensionAt(NetEndPoint.MakeAddress(192, 168, 1, 22)));

            r.Survival.RecordCall(81_000, "202", incoming: false, answered: true, durationMs: 65_000);
            r.Survival.RecordCall(150_000, "203", incoming: true, answered: false, durationMs: 0);
            r.Survival.RecordCall(160_000, "112", incoming: false, answered: true, durationMs: 30_000);
            r.RunUntil(200_000);
            Assert.Empty(r.Messages);   // nobody to report to yet

            r.PrimaryUp = true;
            r.RunUntil(210_000);
            Assert.Equal(SurvivabilityState.Normal, r.Survival.State);
            Assert.InRange(r.Survival.LeftAtMs - 200_000, 0, 2500);
            Assert.Equal(0, r.Client.TargetIndex);
            Assert.Equal(RegistrationState.Registered, r.Client.State);
            Assert.Equal(CallProgressTone.Dial, r.Survival.DialTone);

            // The log went to the PBX as one MESSAGE and was cleared on its 200.
            string message = Assert.Single(r.Messages);
            Assert.StartsWith("MESSAGE sip:calllog@pbx.example.com SIP/2.0\r\n", message);
            Assert.Contains("Content-Type: text/plain\r\n", message);
            string body = message.Substring(message.IndexOf("\r\n\r\n") + 4);
            Assert.StartsWith("local-calls 3 missed 1 overwritten 0 now=", body);
            Assert.Contains("out 202 at=81 dur=65\r\n", body);
            Assert.Contains("missed 203 at=150 dur=0\r\n", body);
            Assert.Contains("emergency 112 at=160 dur=30\r\n", body);
            Assert.Equal(0, r.Survival.Log.Count);
            Assert.Equal(1, r.Reporter.Reported);
        }

        [Fact]
        public void ReportIsKeptWhenThePbxRefusesItAndSentAgainAtTheNextRegistration()
        {
            var r = new ResilienceRig(new RegistrarMonitorConfig { RecoveryProbeIntervalMs = 2000 });
            bool refuse = true;
            r.Registrar.Script = q => q.Text.StartsWith("OPTIONS ") ? (200, "OK", null)
                : q.Text.StartsWith("MESSAGE ") ? (refuse ? (404, "Not Found", null) : (200, "OK", null)) : null;
            r.Start();
            r.RunUntil(10_000);
            r.Survival.Enter("test", r.Now);
            r.Survival.RecordCall(10_000, "202", incoming: true, answered: false, durationMs: 0);
            r.Survival.Leave("test", r.Now);
            r.Client.UseTarget(0, r.Now);   // a re-registration: the report goes out and is refused
            r.RunUntil(20_000);
            Assert.Equal(404, r.Reporter.LastStatus);
            Assert.Equal(1, r.Survival.Log.Count);
            refuse = false;
            r.Client.UseTarget(0, r.Now);
            r.RunUntil(30_000);
            Assert.Equal(200, r.Reporter.LastStatus);
            Assert.Equal(0, r.Survival.Log.Count);
            Assert.Equal(2, r.Reporter.Sent);
        }

        [Fact]
        public void NoEmergencyRouteMeansReorderNotASilentCall()
        {
            var s = new SurvivabilityController(new OfficeDirectory(2), new[] { "112" }, default, new LocalCallLog(2));
            s.Enter("test", 0);
            Assert.Equal(LocalRoute.Unreachable, s.Route("112", out string uri));
            Assert.Null(uri);
        }

        [Fact]
        public void CallsInNormalModeAreNotLogged()
        {
            var s = new SurvivabilityController(new OfficeDirectory(2), new[] { "112" }, default, new LocalCallLog(2));
            s.RecordCall(0, "202", true, false, 0);
            Assert.Equal(0, s.Log.Count);
        }

        [Fact]
        public void CallLogIsBoundedOldestOverwrittenAndCounted()
        {
            var log = new LocalCallLog(3);
            for (int i = 0; i < 5; i++) log.Add(i * 1000, "20" + i, incoming: i % 2 == 0, answered: i == 4, emergency: false, durationMs: 5000);
            Assert.Equal(3, log.Count);
            Assert.Equal(2, log.Overwritten);
            Assert.Equal(new[] { "202", "203", "204" }, Enumerable.Range(0, 3).Select(i => log.Peer(i)));
            Assert.Equal(1, log.Missed);   // 202 missed; 203 outgoing; 204 answered
            Assert.True(log.Incoming(0) && !log.Answered(0) && log.DurationMs(0) == 0);
            Assert.True(!log.Incoming(1) && log.AtMs(1) == 3000 && !log.Emergency(1));
            Assert.True(log.Incoming(2) && log.Answered(2) && log.DurationMs(2) == 5000);
            var buf = new byte[256];
            int n = log.WriteReport(buf, 0, buf.Length, 9000);
            Assert.Equal("local-calls 3 missed 1 overwritten 2 now=9\r\nmissed 202 at=2 dur=0\r\nout 203 at=3 dur=0\r\nin 204 at=4 dur=5\r\n",
                Encoding.ASCII.GetString(buf, 0, n));
            Assert.Equal(-1, log.WriteReport(buf, 0, 20, 9000));
            log.Clear();
            Assert.Equal(0, log.Count);
            Assert.Equal(0, log.Overwritten);
        }

        [Fact]
        public void TheDirectoryKeepsItsTextAsTwoBlocksAndFindsExtensionsInPlace()
        {
            var d = new OfficeDirectory(3);
            Assert.True(d.TryAdd("202", "Anna, 192.168.1.22"));
            Assert.True(d.TryAdd("20", "Short, 192.168.1.20:5070"));   // a prefix of another extension
            Assert.Equal(0, d.Find("202"));
            Assert.Equal(1, d.Find("20"));
            Assert.Equal(-1, d.Find("2"));
            Assert.Equal(-1, d.Find("2020"));
            Assert.Equal(-1, d.Find(null));
            Assert.Equal("20", d.Extension(1));
            Assert.False(d.TryAdd("2\n3", "X, 192.168.1.9"));   // a line break cannot enter the text
            var s = new SurvivabilityController(d, new[] { "112" }, default, new LocalCallLog(2));
            s.Enter("test", 0);
            Assert.Equal(LocalRoute.Direct, s.Route("20", out string uri));
            Assert.Equal("sip:20@192.168.1.20:5070", uri);
            Assert.Equal("202", s.ExtensionAt(NetEndPoint.MakeAddress(192, 168, 1, 22)));
            Assert.Null(s.ExtensionAt(NetEndPoint.MakeAddress(192, 168, 1, 99)));
            // Replacing the first entry's name leaves the second's in place.
            Assert.True(d.TryAdd("202", "Anna Meyer, 192.168.1.32"));
            Assert.Equal("Anna Meyer", d.Name(0));
            Assert.Equal("Short", d.Name(1));
            Assert.Equal(new NetEndPoint(NetEndPoint.MakeAddress(192, 168, 1, 32), 5060), d.EndPoint(0));
            Assert.Equal(2, d.Count);
            d.Clear();
            Assert.Equal(0, d.Count);
            Assert.Equal(-1, d.Find("202"));
            Assert.True(d.TryAdd("203", "Desk, 192.168.1.23"));
            Assert.Equal(0, d.Find("203"));
            Assert.Equal("Desk", d.Name(0));
        }

        [Fact]
        public void TheAgentConfigViewsItsDirectoryAsArraysForConfigurationsBuiltByHand()
        {
            var b = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 2), 5060);
            var c3 = new NetEndPoint(NetEndPoint.MakeAddress(10, 0, 0, 3), 5062);
            var c = new Phone.Core.Agent.AgentConfig
            {
                DirectoryExtensions = new[] { "202", "203" },
                DirectoryEndPoints = new[] { b, c3 },
            };
            Assert.Equal(2, c.Directory.Count);
            Assert.Equal(new[] { "202", "203" }, c.DirectoryExtensions);
            Assert.Equal(1, c.FindExtension("203"));
            Assert.Equal(c3, c.DirectoryEndPoint(1));
            Assert.Equal(new[] { b, c3 }, c.DirectoryEndPoints);
            Assert.Empty(c.DirectoryNames);
            Assert.Null(c.Directory.Name(0));
            c.DirectoryNames = new[] { "Anna", null };
            Assert.Equal(new[] { "Anna", null }, c.DirectoryNames);
            Assert.Equal("Anna", c.Directory.Name(0));
        }

        [Fact]
        public void DirectoryParsesProvisionedEntriesAndRefusesBadOnesAndOverflow()
        {
            var d = new OfficeDirectory(2);
            Assert.True(d.TryAdd("202", "Anna Meyer, 192.168.1.22"));
            Assert.True(d.TryAdd("203", "Desk, with comma, 192.168.1.23:5062"));
            Assert.False(d.TryAdd("204", "Full, 192.168.1.24"));
            Assert.True(d.TryAdd("202", "Anna, 192.168.1.32"));   // replaces, does not need a slot
            Assert.Equal("Anna", d.Name(d.Find("202")));
            Assert.Equal(new NetEndPoint(NetEndPoint.MakeAddress(192, 168, 1, 32), 5060), d.EndPoint(d.Find("202")));
            Assert.Equal("Desk, with comma", d.Name(d.Find("203")));
            Assert.Equal(5062, d.EndPoint(d.Find("203")).Port);
            var e = new OfficeDirectory(4);
            Assert.False(e.TryAdd("1", "no address"));
            Assert.False(e.TryAdd("1", "x, 300.1.1.1"));
            Assert.False(e.TryAdd("1", "x, 10.0.0.1:0"));
            Assert.False(e.TryAdd("1", "x, 10.0.0.1:99999"));
            Assert.False(e.TryAdd("", "x, 10.0.0.1"));
            Assert.Equal(0, e.Count);
            Assert.Equal(-1, e.Find("1"));
        }
    }
}
