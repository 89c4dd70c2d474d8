// MD5 and SHA-256 throughput of the portable core against .NET's System.Security.Cryptography (baseline).
namespace Phone.Bench
{
    using System.Security.Cryptography;
    using BenchmarkDotNet.Attributes;
    using BenchmarkDotNet.Configs;
    using Phone.Core.Crypto;

    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
    [CategoriesColumn]
    public class CryptoBenchmarks
    {
        private readonly Md5 _md5 = new Md5();
        private readonly Phone.Core.Crypto.Sha256 _sha = new Phone.Core.Crypto.Sha256();
        private readonly byte[] _digest = new byte[32];
        private byte[] _data;

        [Params(64, 1024)]
        public int Size;

        [GlobalSetup]
        public void Setup()
        {
            _data = new byte[Size];
            new System.Random(42).NextBytes(_data);
        }

        [Benchmark(Baseline = true, Description = "MD5 .NET")]
        [BenchmarkCategory("MD5")]
        public int Md5DotNet() => MD5.HashData(_data, _digest);

        [Benchmark(Description = "MD5 Phone.Core")]
        [BenchmarkCategory("MD5")]
        public int Md5Core()
        {
            _md5.Update(_data, 0, _data.Length);
            _md5.Final(_digest, 0);
            return _digest[0];
        }

        [Benchmark(Baseline = true, Description = "SHA-256 .NET")]
        [BenchmarkCategory("SHA256")]
        public int Sha256DotNet() => SHA256.HashData(_data, _digest);

        [Benchmark(Description = "SHA-256 Phone.Core")]
        [BenchmarkCategory("SHA256")]
        public int Sha256Core()
        {
            _sha.Update(_data, 0, _data.Length);
            _sha.Final(_digest, 0);
            return _digest[0];
        }
    }
}
