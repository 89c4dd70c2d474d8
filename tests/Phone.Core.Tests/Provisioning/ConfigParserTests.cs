// Configuration format and validation: good files parse to the right values; each kind of bad file is rejected
// with "line N: key: reason" and leaves the target configuration untouched.
namespace Phone.Core.Tests.Provisioning
{
    using System.Text;
    using Phone.Core.Provisioning;

    public class ConfigParserTests
    {
        internal const string Sample =
            "# office phone 201\n" +
            "config.version = 1.3\n" +
            "\n" +
            "account.1.user = 201\n" +
            "account.1.password = \"p#ss \\\"word\\\\\"   # quoted: keeps # and quotes\n" +
            "account.1.display_name = Front Desk   # bare value with inner space\n" +
            "account.1.registrar = PBX.example.com:5061\n" +
            "account.1.transport = TLS\n" +
            "account.1.expires = 600\n" +
            "account.2.user = 202\r\n" +
            "account.2.registrar = 10.0.0.1\n" +
            "media.codecs = pcma , pcmu\n" +
            "dialplan.map = (*xx|#xx|[2-4]xx|0x.T)\n" +
            "security.signing_required = yes\n" +
            "security.signing_secret = 00112233445566778899AABBCCDDEEFF\n" +
            "directory.201 = Anna Müller, 192.168.1.21\n" +
            "key.3 = BLF, 202, Anna\n" +
            "fxs.ring_cadence = 400, 200, 400, 2000\n" +
            "security.ca_pem = -----BEGIN CERTIFICATE-----\n" +
            "  MIIBszCCAVmgAwIBAgIUQ==\n" +
            "-----END CERTIFICATE-----\n" +
            "-----BEGIN CERTIFICATE-----\n" +
            "MIIBAA==\n" +
            "-----END CERTIFICATE-----\n" +
            "tones.country = de\n";

        private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

        private static ProvisioningConfig Parse(string text, CapturingLog log = null)
        {
            var config = new ProvisioningConfig();
            byte[] data = B(text);
            bool ok = ConfigParser.TryParse(data, 0, data.Length, config, log ?? new CapturingLog(), "test.cfg", out string error);
            Assert.True(ok, error);
            return config;
        }

        private static string Reject(string text)
        {
            var config = new ProvisioningConfig();
            config.Set("tones.country", "uk");
            byte[] data = B(text);
            bool ok = ConfigParser.TryParse(data, 0, data.Length, config, new CapturingLog(), "test.cfg", out string error);
            Assert.False(ok);
            Assert.NotNull(error);
            Assert.Equal(1, config.Count);
            Assert.Equal("uk", config.Get("tones.country"));
            return error;
        }

        [Fact]
        public void ParsesEveryValueFormOfTheSample()
        {
            ProvisioningConfig c = Parse(Sample);
            Assert.Equal("1.3", c.Get("config.version"));
            Assert.Equal("p#ss \"word\\", c.Get("account.1.password"));
            Assert.Equal("Front Desk", c.Get("account.1.display_name"));
            Assert.Equal("pbx.example.com:5061", c.Get("account.1.registrar"));
            Assert.Equal("tls", c.Get("account.1.transport"));
            Assert.Equal(600, c.GetInt("account.1.expires"));
            Assert.Equal("202", c.Get("account.2.user"));
            Assert.Equal("pcma,pcmu", c.Get("media.codecs"));
            Assert.Equal("(*xx|#xx|[2-4]xx|0x.T)", c.Get("dialplan.map"));
            Assert.True(c.GetBool("security.signing_required"));
            Assert.Equal("00112233445566778899aabbccddeeff", c.Get("security.signing_secret"));
            Assert.Equal("Anna Müller, 192.168.1.21", c.Get("directory.201"));
            Assert.Equal("blf, 202, Anna", c.Get("key.3"));
            Assert.Equal("400,200,400,2000", c.Get("fxs.ring_cadence"));
            Assert.Equal("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ==\n-----END CERTIFICATE-----\n"
                + "-----BEGIN CERTIFICATE-----\nMIIBAA==\n-----END CERTIFICATE-----", c.Get("security.ca_pem"));
            Assert.Equal("de", c.Get("tones.country"));
        }

        [Fact]
        public void AbsentKeysReadAsSchemaDefaults()
        {
            ProvisioningConfig c = Parse("config.version = 1\n");
            Assert.Equal(3600, c.GetInt("account.1.expires"));
            Assert.Equal("udp", c.GetString("account.2.transport"));
            Assert.Equal("pcmu,pcma", c.GetString("media.codecs"));
            Assert.True(c.GetBool("security.accept_calls_only_from_pbx"));
            Assert.Null(c.Get("account.1.user"));
        }

        [Fact]
        public void SerialisedFormParsesBackToTheSameConfiguration()
        {
            ProvisioningConfig c = Parse(Sample);
            byte[] buffer = new byte[8192];
            int n = c.Serialize(buffer, 0);
            Assert.True(n > 0);
            var again = new ProvisioningConfig();
            Assert.True(ConfigParser.TryParse(buffer, 0, n, again, new CapturingLog(), "lkg", out string error), error);
            Assert.True(c.SameAs(again));
            Assert.Equal(c.Count, again.Count);
            for (int i = 0; i < c.Count; i++) Assert.Equal(c.ValueAt(i), again.Get(c.KeyAt(i)));
        }

        [Fact]
        public void UnknownKeysAreLoggedAndIgnored()
        {
            var log = new CapturingLog();
            ProvisioningConfig c = Parse("config.version = 1\nfoo.bar = 3\naccount.3.user = 9\naccount.01.user = 9\ntones.country = fr\n", log);
            Assert.Equal("fr", c.Get("tones.country"));
            Assert.Null(c.Get("foo.bar"));
            Assert.True(log.Contains("test.cfg line 2: unknown key foo.bar ignored"), log.All);
            Assert.True(log.Contains("line 3: unknown key account.3.user"), log.All);
            Assert.True(log.Contains("line 4: unknown key account.01.user"), log.All);
        }

        [Theory]
        [InlineData("config.version = 1\nthis line has no equals\n", "line 2: expected \"key = value\"")]
        [InlineData("config.version = 1\n= 5\n", "line 2: expected \"key = value\"")]
        [InlineData("config.version = 1\nbad key = 5\n", "line 2: \"bad key\" is not a key name")]
        [InlineData("config.version = 1\naccount.1.user = \"201\n", "line 2: account.1.user: unterminated quoted value")]
        [InlineData("config.version = 1\naccount.1.user = \"201\" x\n", "line 2: account.1.user: text after the closing quote")]
        [InlineData("config.version = 1\naccount.1.user = \"a\\nb\"\n", "line 2: account.1.user: unknown escape \\n")]
        [InlineData("config.version = 1\naccount.1.expires = abc\n", "line 2: account.1.expires: \"abc\" is not an integer")]
        [InlineData("config.version = 1\naccount.1.expires = 30\n", "line 2: account.1.expires: 30 out of range 60..86400")]
        [InlineData("config.version = 1\naccount.1.expires = 99999999999\n", "line 2: account.1.expires: \"99999999999\" is not an integer")]
        [InlineData("config.version = 1\naccount.2.transport = sctp\n", "line 2: account.2.transport: \"sctp\" is not one of udp|tcp|tls")]
        [InlineData("config.version = 1\nsecurity.signing_required = maybe\n", "line 2: security.signing_required: \"maybe\" is not a boolean")]
        [InlineData("config.version = 1\nmedia.codecs = pcmu,g729\n", "line 2: media.codecs: \"g729\" is not one of pcmu|pcma")]
        [InlineData("config.version = 1\nmedia.codecs = pcmu,pcmu\n", "line 2: media.codecs: \"pcmu\" listed twice")]
        [InlineData("config.version = 1\naccount.1.registrar = pbx..example\n", "line 2: account.1.registrar: \"pbx..example\" is not host[:port]")]
        [InlineData("config.version = 1\naccount.1.registrar = pbx:70000\n", "line 2: account.1.registrar: \"pbx:70000\" is not host[:port]")]
        [InlineData("config.version = 1\nprov.url = http://pbx.example.com/\n", "line 2: prov.url: \"http://pbx.example.com/\" is not an https:// URL")]
        [InlineData("config.version = 1\nprov.url = https://u:p@pbx/\n", "line 2: prov.url: credentials in the URL are not allowed")]
        [InlineData("config.version = 1\ndirectory.201 = Anna\n", "line 2: directory.201: \"Anna\" is not \"name, a.b.c.d[:port]\"")]
        [InlineData("config.version = 1\ndirectory.201 = Anna, 300.1.1.1\n", "line 2: directory.201: \"300.1.1.1\" is not a LAN address")]
        [InlineData("config.version = 1\nkey.1 = macro, 5\n", "line 2: key.1: \"macro\" is not one of speed|blf|line|none")]
        [InlineData("config.version = 1\nkey.1 = line, 3\n", "line 2: key.1: line key needs an account number 1..2")]
        [InlineData("config.version = 1\nkey.1 = speed, 12a\n", "line 2: key.1: \"12a\" is not a dialable number")]
        [InlineData("config.version = 1\nfxs.ring_cadence = 2000,4000,1000\n", "line 2: fxs.ring_cadence: needs an even number")]
        [InlineData("config.version = 1\nfxs.ring_cadence = 2000,20\n", "line 2: fxs.ring_cadence: \"20\" is not a time of 50..10000 ms")]
        [InlineData("config.version = 1\ndialplan.map = (2xx|(3xx))\n", "line 2: dialplan.map: nested '(' at 6")]
        [InlineData("config.version = 1\ndialplan.map = (2xx|[3-4xx)\n", "line 2: dialplan.map: unbalanced ')' at 12")]
        [InlineData("config.version = 1\ndialplan.map = (2xx|3xx\n", "line 2: dialplan.map: unclosed '(' or '['")]
        [InlineData("config.version = 1\ndialplan.map = (2xx|a)\n", "line 2: dialplan.map: character 'a' at 6")]
        [InlineData("config.version = 1\nsecurity.signing_secret = 0011zz\n", "line 2: security.signing_secret: needs an even number of hex digits")]
        [InlineData("config.version = 1\nsecurity.ca_pem = -----BEGIN CERTIFICATE-----\nMIIB\n", "line 2: security.ca_pem: PEM block not closed")]
        [InlineData("config.version = 1\nsecurity.ca_pem = -----BEGIN CERTIFICATE-----\nMI!B\n-----END CERTIFICATE-----\n", "line 2: security.ca_pem: PEM line 2: not base64")]
        [InlineData("config.version = 1\naccount.1.display_name = \"a\tb\"\n", "line 2: account.1.display_name: control character")]
        [InlineData("config.version = 2\n", "line 1: config.version: major version 2 is newer than supported 1")]
        [InlineData("config.version = one\n", "line 1: config.version: \"one\" is not a version")]
        [InlineData("tones.country = de\n", "missing config.version line")]
        [InlineData("", "missing config.version line")]
        [InlineData("config.version = 1\ntones.country = de", "last line has no line end (truncated download?)")]
        public void BadFilesAreRejectedWithLineKeyAndReason(string text, string expected)
        {
            string error = Reject(text);
            Assert.StartsWith(expected, error);
        }

        [Fact]
        public void SecretValuesAreNeverEchoedInErrors()
        {
            string error = Reject("config.version = 1\nprov.token = \"Zq9\tXr7\"\n");
            Assert.DoesNotContain("Zq9", error);
            error = Reject("config.version = 1\nsecurity.signing_secret = \"c0ffee99zz\"\n");
            Assert.DoesNotContain("c0ffee", error);
            error = Reject("config.version = 1\naccount.1.password = \"Pw-77" + new string('x', 70) + "\"\n");
            Assert.DoesNotContain("Pw-77", error);
        }

        [Fact]
        public void InvalidUtf8IsRejected()
        {
            byte[] data = { (byte)'c', (byte)'o', (byte)'n', (byte)'f', (byte)'i', (byte)'g', (byte)'.', (byte)'v', (byte)'e', (byte)'r',
                (byte)'s', (byte)'i', (byte)'o', (byte)'n', (byte)'=', (byte)'1', 0xC0, 0x80, (byte)'\n' };
            var c = new ProvisioningConfig();
            Assert.False(ConfigParser.TryParse(data, 0, data.Length, c, null, "t", out string error));
            Assert.Equal("line 1: not valid UTF-8", error);
        }

        [Fact]
        public void OversizedFileAndOverlongLineAreRejected()
        {
            string big = "config.version = 1\n" + new string('#', ConfigParser.MaxFileBytes) + "\n";
            Assert.StartsWith("file too large (", Reject(big));
            string longLine = "config.version = 1\naccount.1.user = " + new string('x', ConfigParser.MaxLineBytes) + "\n";
            Assert.Equal("line 2: longer than 1024 bytes", Reject(longLine));
        }

        [Fact]
        public void TooManyDirectoryEntriesAreRejected()
        {
            string text = "config.version = 1\n";
            for (int i = 0; i <= ConfigSchema.MaxDirectoryEntries; i++) text += "directory.3" + i.ToString("D2") + " = N, 10.0.0.1\n";
            Assert.StartsWith("line 66: directory.364: more than 64 directory entries", Reject(text));
        }

        [Theory]
        [InlineData("fxs.flash_min_ms = 900\n", "fxs.flash_min_ms: must be less than fxs.flash_max_ms")]
        [InlineData("media.rtp_port_min = 20000\nmedia.rtp_port_max = 20000\n", "media.rtp_port_min: must be less than media.rtp_port_max")]
        [InlineData("account.2.user = 202\n", "account.2.registrar: required when account.2.user is set")]
        [InlineData("security.signing_required = true\n", "security.signing_secret: required when security.signing_required is true")]
        public void CrossKeyRulesAreCheckedOnTheMergedConfiguration(string lines, string expected)
        {
            ProvisioningConfig c = Parse("config.version = 1\n" + lines);
            Assert.False(ConfigParser.CheckConsistency(c, out string error));
            Assert.Equal(expected, error);
            Assert.True(ConfigParser.CheckConsistency(Parse(Sample), out error), error);
        }

        [Fact]
        public void CompareReportsOnlyTheAreasThatChanged()
        {
            ProvisioningConfig a = Parse(Sample);
            ProvisioningConfig b = Parse(Sample + "media.dtmf_mode = info\ndirectory.300 = Bob, 10.0.0.3\naccount.1.expires = 3600\n");
            Assert.Equal(ConfigChanges.Media | ConfigChanges.Directory | ConfigChanges.Account, a.Compare(b));
            Assert.True(a.AccountDiffers(b, 1));
            Assert.False(a.AccountDiffers(b, 2));
            // Setting a key to its default is no change.
            ProvisioningConfig c = Parse(Sample + "syslog.level = info\n");
            Assert.Equal(ConfigChanges.None, a.Compare(c));
        }
    }
}
