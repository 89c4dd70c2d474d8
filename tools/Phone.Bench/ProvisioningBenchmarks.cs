// Cost of accepting a configuration on the protocol thread: parse + validate, signature check, power-cut-safe save.
namespace Phone.Bench
{
    using System;
    using System.Collections.Generic;
    using System.Text;
    using BenchmarkDotNet.Attributes;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;

    [MemoryDiagnoser]
    public class ProvisioningBenchmarks
    {
        private const string SecretHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        private readonly MemoryStore _store = new MemoryStore();
        private byte[] _file;
        private byte[] _key;
        private ConfigSlotStore _slots;
        private int _serialized;

        [GlobalSetup]
        public void Setup()
        {
            var sb = new StringBuilder();
            sb.Append("# office device file\nconfig.version = 1\n");
            for (int n = 1; n <= 2; n++)
            {
                sb.Append("account.").Append(n).Append(".user = 20").Append(n).Append('\n');
                sb.Append("account.").Append(n).Append(".password = \"pw with # and spaces\"\n");
                sb.Append("account.").Append(n).Append(".display_name = Desk ").Append(n).Append('\n');
                sb.Append("account.").Append(n).Append(".registrar = pbx.example.com:5061\n");
                sb.Append("account.").Append(n).Append(".transport = tls\n");
            }
            sb.Append("media.codecs = pcma, pcmu\ndialplan.map = \"(*xx|#xx|[2-4]xx|0[1-9]x.T|00x.T)\"\n");
            for (int i = 0; i < 20; i++) sb.Append("directory.3").Append(i.ToString("D2")).Append(" = Person ").Append(i).Append(", 192.168.1.").Append(20 + i).Append('\n');
            for (int i = 1; i <= 12; i++) sb.Append("key.").Append(i).Append(" = blf, 3").Append(i.ToString("D2")).Append(", Person ").Append(i).Append('\n');
            sb.Append("fxs.ring_cadence = 400,200,400,2000\nsecurity.signing_required = true\nsecurity.signing_secret = ").Append(SecretHex).Append('\n');
            byte[] content = Encoding.UTF8.GetBytes(sb.ToString());
            _key = ConfigSignature.KeyFromHex(SecretHex);
            _file = Encoding.UTF8.GetBytes(sb + ConfigSignature.Line(_key, content, 0, content.Length));
            _slots = new ConfigSlotStore(_store, "cfg", ConfigParser.MaxFileBytes);
            var config = new ProvisioningConfig();
            ConfigParser.TryParse(_file, 0, _file.Length, config, null, "bench", out _);
            _serialized = config.Serialize(_slots.Buffer, ConfigSlotStore.HeaderLength);
        }

        [Benchmark(Description = "parse+validate device file")]
        public int Parse()
        {
            var config = new ProvisioningConfig();
            ConfigParser.TryParse(_file, 0, _file.Length, config, null, "bench", out _);
            return config.Count;
        }

        [Benchmark(Description = "HMAC-SHA-256 signature check")]
        public int Signature() => (int)ConfigSignature.Check(_file, _file.Length, _key, true, out _);

        [Benchmark(Description = "A/B slot save + read-back")]
        public bool Save() => _slots.SaveBuffer(_serialized);

        private sealed class MemoryStore : ISettingsStore
        {
            private readonly Dictionary<string, byte[]> _records = new Dictionary<string, byte[]>();

            public int Read(string name, byte[] buffer, int offset, int max)
            {
                if (!_records.TryGetValue(name, out byte[] r)) return -1;
                Array.Copy(r, 0, buffer, offset, Math.Min(max, r.Length));
                return r.Length;
            }

            public bool Write(string name, byte[] data, int offset, int count)
            {
                if (!_records.TryGetValue(name, out byte[] r) || r.Length != count) _records[name] = r = new byte[count];
                Array.Copy(data, offset, r, 0, count);
                return true;
            }

            public bool Delete(string name) => _records.Remove(name);
        }
    }
}
