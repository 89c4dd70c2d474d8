// Command-line conventions: --help for every command, --version, usage errors exit 64 with a message, keypad keys.
namespace Phone.Emulator.Tests
{
    using System;
    using System.IO;

    public sealed class CliTests
    {
        private static (int Exit, string Out, string Err) Run(params string[] args)
        {
            var o = new StringWriter();
            var e = new StringWriter();
            var t = new Terminal { Out = o, Error = e, In = new StringReader(""), InputRedirected = true, OutputRedirected = true };
            int exit = Cli.Run(args, t);
            return (exit, o.ToString(), e.ToString());
        }

        [Theory]
        [InlineData("office", "usage: Phone.Emulator office")]
        [InlineData("fleet", "usage: Phone.Emulator fleet")]
        [InlineData("phone", "usage: Phone.Emulator phone")]
        public void EveryCommandHasHelp(string command, string usage)
        {
            var (exit, output, _) = Run(command, "--help");
            Assert.Equal(0, exit);
            Assert.StartsWith(usage, output);
            Assert.Contains("Exit status", output);
        }

        [Fact]
        public void TopLevelHelpListsTheCommandsAndThePhoneKeypad()
        {
            var (exit, output, _) = Run("--help");
            Assert.Equal(0, exit);
            foreach (string s in new[] { "office ", "phone ", "fleet ", "--version", "64 bad usage", "transfer NUMBER", "Enter or Space = hook" }) Assert.Contains(s, output);
        }

        [Fact]
        public void VersionPrintsOneLine()
        {
            var (exit, output, _) = Run("--version");
            Assert.Equal(0, exit);
            Assert.StartsWith("Phone.Emulator ", output);
            Assert.Single(output.TrimEnd().Split('\n'));
        }

        [Theory]
        [InlineData("office", "--bogus")]
        [InlineData("fleet", "--registrar", "127.0.0.1:5060", "--bogus")]
        [InlineData("phone", "--mac", "001122334455", "--bogus")]
        [InlineData("phone")]                                         // --mac is required
        [InlineData("phone", "--mac", "xyz")]
        [InlineData("phone", "--mac", "001122334455", "--mic", "tone:9000")]
        [InlineData("phone", "--mac", "001122334455", "--dir", "102")]
        [InlineData("phone", "--mac", "001122334455", "--provision", "https://127.0.0.1/prov/")]   // needs --token and --ca
        [InlineData("phone", "--mac", "001122334455", "--pbx", "pbx.office.test")]                // a name needs --dns
        [InlineData("phone", "--mac", "001122334455", "--pbx", "pbx.office.test", "--dns", "ns.office.test")]
        [InlineData("dance")]
        public void UsageErrorsExit64WithAMessage(params string[] args)
        {
            var (exit, _, err) = Run(args);
            Assert.Equal(64, exit);
            Assert.StartsWith("Phone.Emulator", err);
            Assert.Contains("usage: Phone.Emulator", err);
        }

        [Fact]
        public void APbxGivenAsANameIsAcceptedWithADnsServer()
        {
            PhoneOptions o = PhoneOptions.Parse(new[] { "--mac", "001122334455", "--pbx", "pbx.office.test", "--dns", "127.0.0.1" }, 0, out string error);
            Assert.True(o != null, error);
            Assert.Equal("pbx.office.test", o.Pbx);
            Assert.Equal("127.0.0.1", o.Dns);
            PhoneOptions.Parse(new[] { "--mac", "001122334455", "--pbx", "pbx.office.test" }, 0, out error);
            Assert.Contains("a name needs --dns", error);
        }

        [Fact]
        public void EveryCommandSaysWhichOptionIsUnknownLacksItsValueOrIsNotANumber()
        {
            Assert.Null(PhoneOptions.Parse(new[] { "--mac", "001122334455", "--frobnicate" }, 0, out string error));
            Assert.Equal("unknown option --frobnicate", error);
            Assert.Null(PhoneOptions.Parse(new[] { "--mac" }, 0, out error));
            Assert.Equal("--mac needs a value", error);
            Assert.Null(PhoneOptions.Parse(new[] { "--mac", "001122334455", "--sip-port", "five" }, 0, out error));
            Assert.Equal("--sip-port: not a number", error);
            Assert.Null(FleetOptions.Parse(new[] { "--registrar", "127.0.0.1:5060", "--devices", "x" }, 0, out error));
            Assert.Equal("--devices: not a number", error);
            Assert.Null(FleetOptions.Parse(new[] { "--quiet", "--bogus" }, 0, out error));
            Assert.Equal("unknown option --bogus", error);
            Assert.Null(OfficeOptions.Parse(new[] { "--devices" }, 0, out error));
            Assert.Equal("--devices needs a value", error);
            Assert.NotNull(OfficeOptions.Parse(new[] { "--devices", "3" }, 0, out error));
            Assert.Null(error);
        }

        [Fact]
        public void AMissingScriptOrMicrophoneFileExitsTwo()
        {
            string dir = Path.Combine(Path.GetTempPath(), "cli-" + Guid.NewGuid().ToString("N"));
            try
            {
                var (exit, _, err) = Run("phone", "--mac", "001122334455", "--script", Path.Combine(dir, "none.txt"));
                Assert.Equal(2, exit);
                Assert.Contains("no such file", err);
                (exit, _, err) = Run("phone", "--mac", "001122334455", "--sip-port", "0", "--data", dir, "--mic", Path.Combine(dir, "none.wav"));
                Assert.Equal(2, exit);
                Assert.Contains("--mic", err);
            }
            finally
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void KeypadKeysMapToCommandsLikeADeskPhone()
        {
            var map = new KeypadMap();
            Assert.Equal("hook", map.OnKey(ConsoleKey.Spacebar, ' '));
            Assert.Equal("hook", map.OnKey(ConsoleKey.Enter, '\r'));
            Assert.Equal("5", map.OnKey(ConsoleKey.D5, '5'));
            Assert.Equal("#", map.OnKey(ConsoleKey.D3, '#'));
            Assert.Equal("answer", map.OnKey(ConsoleKey.A, 'a'));
            Assert.Equal("hold-toggle", map.OnKey(ConsoleKey.H, 'h'));
            Assert.Equal("flash", map.OnKey(ConsoleKey.F, 'f'));
            // t starts a number entry: keys edit it (no DTMF), Backspace corrects, Enter sends the transfer.
            Assert.Null(map.OnKey(ConsoleKey.T, 't'));
            Assert.Null(map.OnKey(ConsoleKey.D1, '1'));
            Assert.Null(map.OnKey(ConsoleKey.D0, '0'));
            Assert.Null(map.OnKey(ConsoleKey.D9, '9'));
            Assert.Null(map.OnKey(ConsoleKey.Backspace, '\b'));
            Assert.Null(map.OnKey(ConsoleKey.D3, '3'));
            Assert.Equal("transfer to 103_", map.Entry);
            Assert.Equal("transfer 103", map.OnKey(ConsoleKey.Enter, '\r'));
            Assert.Equal("", map.Entry);
            // d dials; Esc abandons an entry.
            Assert.Null(map.OnKey(ConsoleKey.D, 'd'));
            Assert.Null(map.OnKey(ConsoleKey.D2, '2'));
            Assert.Null(map.OnKey(ConsoleKey.Escape, '\u001b'));
            Assert.Equal("7", map.OnKey(ConsoleKey.D7, '7'));
            Assert.Null(map.OnKey(ConsoleKey.D, 'd'));
            Assert.Null(map.OnKey(ConsoleKey.D2, '2'));
            Assert.Equal("dial 2", map.OnKey(ConsoleKey.Enter, '\r'));
            Assert.Equal("quit", map.OnKey(ConsoleKey.Q, 'q'));
            Assert.Equal("hook", map.OnKey(ConsoleKey.Enter, '\r'));
        }
    }
}
