// How the `phone` command gets its configuration: provisioned over HTTPS (then registering at a PBX), or from a file.
namespace Phone.Emulator.Tests
{
    using System;
    using System.IO;
    using System.Threading.Tasks;
    using Phone.ProvisioningServer;

    public sealed class PhoneBootTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "phone-boot-" + Guid.NewGuid().ToString("N"));

        public PhoneBootTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, true);

        [Fact]
        public async Task ProvisionsItselfOverHttpsRegistersAtThePbxAndUnregistersOnQuit()
        {
            using var pbx = new LoopbackRegistrar("desk-pw");
            string data = Path.Combine(_dir, "prov");
            var office = OfficeData.Write(data, 2, new[] { 30901, 30902 }, "127.0.0.1:" + pbx.EndPoint.Port, "desk-pw", 401);
            await using var server = await ProvisioningServerHost.StartAsync(new ProvisioningServerOptions { DataDir = data, Port = 0, WriteSamples = false });
            string ca = Path.Combine(_dir, "ca.pem");
            File.WriteAllText(ca, server.CaPem);
            OfficeDevice desk = office[1];
            PhoneOptions options = PhoneOptions.Parse(new[] { "--mac", desk.Mac, "--provision", server.BaseUrl + "/prov/", "--token", desk.Token, "--ca", ca,
                "--sip-port", "0", "--data", Path.Combine(_dir, "dev"), "--mic", "silence" }, 0, out string error);
            Assert.True(options != null, error);
            var output = new StringWriter();
            var run = new PhoneRun(options, new PlainStatusView(TextWriter.Synchronized(output)), output);
            int exit = await Task.Run(() => run.Run(new StringReader("wait registered 8000\nstatus\nquit\n")));
            string text = output.ToString();
            Assert.True(exit == 0, text);
            Assert.Contains("provisioning " + desk.Mac + " from " + server.BaseUrl, text);
            Assert.Contains("extension 402", text);
            Assert.Contains("registering at 127.0.0.1:" + pbx.EndPoint.Port, text);
            Assert.Contains("> wait registered: after", text);
            Assert.Contains("402 (" + desk.Mac + "): Registered at 127.0.0.1:" + pbx.EndPoint.Port + " | line OnHook", text);
            Assert.Equal(1, pbx.Unbound);   // quit removed the binding
            Assert.Contains("Unregistered", run.Final.Registration);
        }

        /// <summary>stdin of a person who never types: ReadLine blocks.</summary>
        private sealed class SilentReader : TextReader
        {
            public override string ReadLine()
            {
                System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);
                return null;
            }
        }

        [Fact]
        public void AnInterruptHangsUpUnregistersAndEnds()
        {
            using var pbx = new LoopbackRegistrar("pw");
            PhoneOptions options = PhoneOptions.Parse(new[] { "--mac", "020000000002", "--user", "1002", "--password", "pw", "--pbx", "127.0.0.1:" + pbx.EndPoint.Port,
                "--sip-port", "0", "--mic", "silence", "--data", Path.Combine(_dir, "int") }, 0, out string error);
            Assert.True(options != null, error);
            var output = new StringWriter();
            var run = new PhoneRun(options, new PlainStatusView(TextWriter.Synchronized(output)), output);
            int exit = -1;
            var thread = new System.Threading.Thread(() => exit = run.Run(new SilentReader())) { IsBackground = true };
            thread.Start();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            while (pbx.Bindings.IsEmpty && sw.ElapsedMilliseconds < 10000) System.Threading.Thread.Sleep(20);
            Assert.False(pbx.Bindings.IsEmpty, "registered: " + output);
            run.Interrupt();   // what Ctrl+C does
            Assert.True(thread.Join(10000), "the console ended: " + output);
            Assert.Equal(0, exit);
            Assert.Equal(1, pbx.Unbound);
            Assert.Contains("quit", output.ToString());
        }

        [Fact]
        public void AConfigurationFileGivesTheAccountAndTheOfficeDirectory()
        {
            string cfg = Path.Combine(_dir, "desk.cfg");
            File.WriteAllText(cfg, "config.version = 1\naccount.1.user = 150\naccount.1.display_name = \"Lab\"\ndirectory.151 = Stores, 127.0.0.1:30951\n");
            PhoneOptions options = PhoneOptions.Parse(new[] { "--mac", "02:00:5e:00:01:50", "--config", cfg, "--sip-port", "0", "--data", Path.Combine(_dir, "d") }, 0, out string error);
            Assert.True(options != null, error);
            var output = new StringWriter();
            int exit = new PhoneRun(options, new PlainStatusView(TextWriter.Synchronized(output)), output).Run(new StringReader("status\n"));
            string text = output.ToString();
            Assert.True(exit == 0, text);
            Assert.Contains("phone 150 (02005e000150): SIP 127.0.0.1:", text);
            Assert.Contains("direct mode, directory 151", text);
        }

        [Fact]
        public void ABrokenConfigurationFileExitsTwoSayingWhy()
        {
            string cfg = Path.Combine(_dir, "bad.cfg");
            File.WriteAllText(cfg, "config.version = 1\naccount.1.user = 150\nmedia.codecs = opus, speex\nthis line has no equals sign\n");
            PhoneOptions options = PhoneOptions.Parse(new[] { "--mac", "020000000001", "--config", cfg, "--data", Path.Combine(_dir, "d") }, 0, out _);
            var error = new StringWriter();
            int exit = new PhoneRun(options, new PlainStatusView(TextWriter.Null), error).Run(new StringReader("quit\n"));
            Assert.Equal(2, exit);
            Assert.Contains("--config " + cfg + ":", error.ToString());
        }
    }
}
