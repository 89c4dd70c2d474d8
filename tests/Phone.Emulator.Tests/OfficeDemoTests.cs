namespace Phone.Emulator.Tests
{
    using System;
    using System.IO;
    using System.Net;
    using System.Net.Sockets;
    using Phone.Host.Audio;

    /// <summary>The main job, run in-process: devices provision over real HTTPS on 127.0.0.1 and call each other.</summary>
    public sealed class OfficeDemoTests : IDisposable
    {
        private readonly string _out = Path.Combine(Path.GetTempPath(), "office-test-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_out)) Directory.Delete(_out, true);
        }

        [Fact]
        public void OfficeProvisionsCallsAndReports()
        {
            var output = new StringWriter();
            OfficeOptions options = OfficeOptions.Parse(new[] { "--devices", "2", "--seconds", "3", "--out", _out }, 0, out string error);
            Assert.Null(error);
            int exit = new OfficeDemo(options, output).Run();
            string text = output.ToString();
            Assert.True(exit == 0, text);
            Assert.Contains("=== Call report ===", text);
            Assert.Contains("callee received \"2580#\"", text);
            Assert.Contains("office demo: all checks passed", text);
            foreach (string f in new[] { "caller-heard.wav", "callee-heard.wav", "call-jitter-loss.svg" })
                Assert.True(File.Exists(Path.Combine(_out, f)), f);
            short[] heard = WavFile.Read(Path.Combine(_out, "callee-heard.wav"), out int rate);
            Assert.Equal(8000, rate);
            Assert.InRange(heard.Length, 3 * 8000 - 800, 3 * 8000 + 1600);
        }

        [Fact]
        public void TakenProvisioningPortFailsWithAClearMessage()
        {
            using var blocker = new TcpListener(IPAddress.Loopback, 0);
            blocker.Start();
            int port = ((IPEndPoint)blocker.LocalEndpoint).Port;
            OfficeOptions options = OfficeOptions.Parse(new[] { "--devices", "2", "--out", _out, "--prov-port", port.ToString() }, 0, out _);
            var error = new StringWriter();
            TextWriter original = Console.Error;
            Console.SetError(error);
            int exit;
            try { exit = new OfficeDemo(options, TextWriter.Null).Run(); }
            finally { Console.SetError(original); }
            Assert.Equal(1, exit);
            Assert.Contains("port is taken", error.ToString());
        }

        [Theory]
        [InlineData("--devices", "1")]
        [InlineData("--seconds", "x")]
        [InlineData("--bogus", "1")]
        public void BadUsageIsRefused(string option, string value)
        {
            Assert.Null(OfficeOptions.Parse(new[] { option, value }, 0, out string error));
            Assert.False(string.IsNullOrEmpty(error));
        }
    }
}
