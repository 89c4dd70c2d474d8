// G.711 encode/decode throughput: Phone.Core (G.191-exact) against NAudio on the same 160-sample frame.
namespace Phone.Bench
{
    using BenchmarkDotNet.Attributes;
    using NAudio.Codecs;
    using Phone.Core.Media.Codecs;

    [MemoryDiagnoser]
    public class MediaG711Benchmarks
    {
        private const int N = 160;
        private readonly short[] _pcm = new short[N];
        private readonly short[] _out = new short[N];
        private readonly byte[] _ulaw = new byte[N];
        private readonly byte[] _alaw = new byte[N];

        [GlobalSetup]
        public void Setup()
        {
            var rng = new System.Random(42);
            for (int i = 0; i < N; i++) _pcm[i] = (short)rng.Next(-32768, 32768);
            G711.EncodeUlaw(_pcm, 0, _ulaw, 0, N);
            G711.EncodeAlaw(_pcm, 0, _alaw, 0, N);
        }

        [Benchmark(Baseline = true)]
        public void UlawEncode_NAudio()
        {
            for (int i = 0; i < N; i++) _ulaw[i] = MuLawEncoder.LinearToMuLawSample(_pcm[i]);
        }

        [Benchmark]
        public void UlawEncode_Phone() => G711.EncodeUlaw(_pcm, 0, _ulaw, 0, N);

        [Benchmark]
        public void AlawEncode_NAudio()
        {
            for (int i = 0; i < N; i++) _alaw[i] = ALawEncoder.LinearToALawSample(_pcm[i]);
        }

        [Benchmark]
        public void AlawEncode_Phone() => G711.EncodeAlaw(_pcm, 0, _alaw, 0, N);

        [Benchmark]
        public void UlawDecode_NAudio()
        {
            for (int i = 0; i < N; i++) _out[i] = MuLawDecoder.MuLawToLinearSample(_ulaw[i]);
        }

        [Benchmark]
        public void UlawDecode_Phone() => G711.DecodeUlaw(_ulaw, 0, _out, 0, N);

        [Benchmark]
        public void AlawDecode_NAudio()
        {
            for (int i = 0; i < N; i++) _out[i] = ALawDecoder.ALawToLinearSample(_alaw[i]);
        }

        [Benchmark]
        public void AlawDecode_Phone() => G711.DecodeAlaw(_alaw, 0, _out, 0, N);
    }
}
