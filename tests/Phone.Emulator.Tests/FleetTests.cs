// Fleet mode against an in-process digest registrar on loopback: every device registers, the time is reported, all unregister.
namespace Phone.Emulator.Tests
{
    using System.IO;

    public sealed class FleetTests
    {
        [Fact]
        public void TwentyDevicesRegisterWithDigestAndUnregister()
        {
            using var registrar = new LoopbackRegistrar("s3cret");
            string ep = "127.0.0.1:" + registrar.EndPoint.Port;
            FleetOptions options = FleetOptions.Parse(new[] { "--registrar", ep, "--devices", "20", "--password", "s3cret", "--spread-ms", "500", "--timeout", "20" }, 0, out string error);
            Assert.Null(error);
            var output = new StringWriter();
            var run = new FleetRun(options, output);
            int exit = run.Run();
            string text = output.ToString();
            Assert.True(exit == 0, text);
            Assert.Contains("fleet: all 20 devices registered", text);
            Assert.InRange(run.AllRegisteredMs, 0, 20000);
            Assert.True(registrar.Challenges >= 20, "every device was challenged first: " + registrar.Challenges);
            Assert.Equal(0, registrar.Rejected);
            Assert.Equal(20, registrar.Unbound);
            Assert.Empty(registrar.Bindings);
            Assert.Contains("fleet: unregistered 20/20", text);
        }

        [Fact]
        public void OnATerminalRegisteringIsAProgressBarCountingDevices()
        {
            using var registrar = new LoopbackRegistrar("s3cret");
            FleetOptions options = FleetOptions.Parse(new[] { "--registrar", "127.0.0.1:" + registrar.EndPoint.Port, "--devices", "5", "--password", "s3cret",
                "--spread-ms", "200", "--timeout", "20" }, 0, out string error);
            Assert.Null(error);
            var console = new Spectre.Console.Testing.TestConsole();
            console.Profile.Capabilities.Interactive = true;
            console.Profile.Capabilities.Ansi = true;
            console.Profile.Width = 160;
            var output = new StringWriter();
            int exit = new FleetRun(options, output, new LiveStatusView(console)).Run();
            string text = output.ToString();
            Assert.True(exit == 0, text + console.Output);
            Assert.Contains("fleet: registering at 127.0.0.1:" + registrar.EndPoint.Port + ": registered (5/5)", console.Output);
            Assert.DoesNotContain("registered after", text);        // no once-a-second lines under the bar
            Assert.Contains("fleet: all 5 devices registered", text);
            Assert.Equal(5, registrar.Unbound);
        }

        [Fact]
        public void AWrongPasswordIsReportedAndExitsOne()
        {
            using var registrar = new LoopbackRegistrar("right");
            FleetOptions options = FleetOptions.Parse(new[] { "--registrar", "127.0.0.1:" + registrar.EndPoint.Port, "--devices", "2", "--password", "wrong", "--spread-ms", "0", "--timeout", "3" }, 0, out string error);
            Assert.Null(error);
            var output = new StringWriter();
            int exit = new FleetRun(options, output).Run();
            Assert.Equal(1, exit);
            Assert.Contains("only 0 of 2 devices registered", output.ToString());
            Assert.True(registrar.Rejected >= 2);
        }

        [Theory]
        [InlineData("--devices", "5")]
        [InlineData("--registrar", "pbx.example.com")]
        public void BadUsageIsRefused(string option, string value)
        {
            Assert.Null(FleetOptions.Parse(new[] { option, value }, 0, out string error));
            Assert.False(string.IsNullOrEmpty(error));
        }
    }
}
