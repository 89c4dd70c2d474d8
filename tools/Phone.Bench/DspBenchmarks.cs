// Per-frame cost of the DSP blocks on the 20 ms media path (160 samples at 8 kHz, 320 at 16 kHz).
namespace Phone.Bench
{
    using BenchmarkDotNet.Attributes;
    using Phone.Core.Dsp;

    [MemoryDiagnoser]
    public class DspBenchmarks
    {
        private readonly short[] _frame = new short[160];
        private readonly short[] _speechish = new short[160 * 50];
        private readonly short[] _dtmf = new short[160 * 50];
        private readonly short[] _wide = new short[320];
        private readonly ToneGenerator _dual = new ToneGenerator();
        private readonly ToneGenerator _single = new ToneGenerator();
        private readonly DtmfDetector _detector = new DtmfDetector();
        private readonly HalfBandDecimator _decimator = new HalfBandDecimator();
        private readonly HalfBandInterpolator _interpolator = new HalfBandInterpolator();
        private readonly CallerIdGenerator _callerId = new CallerIdGenerator();
        private readonly byte[] _message = new byte[CallerIdMessage.MaxBytes];
        private int _messageLength;
        private int _frameIndex;

        [GlobalSetup]
        public void Setup()
        {
            _dual.Start(CountryProfile.Us.Dial);
            _single.Start(CountryProfile.De.Busy);
            var gen = new DtmfGenerator();
            for (int i = 0; i < 50; i += 5)
            {
                gen.Start(DtmfDigits.At(i % 16), 80);
                gen.Fill(_dtmf, i * 160, 5 * 160);
            }

            var rng = new System.Random(1);
            for (int i = 0; i < _speechish.Length; i++)
            {
                _speechish[i] = (short)(rng.Next(-6000, 6000) + (3000 * SineTable.Sin((uint)(i * 0x0E38E38E)) / 32767));
            }

            _messageLength = CallerIdMessage.BuildMdmf(_message, 0, 11, 25, 18, 30, "6145551212", 'O', "DOE JOHN", 'O');
        }

        [Benchmark(Description = "Tone Fill 350+440 Hz, 160 samples")]
        public short ToneFillDual()
        {
            _dual.Fill(_frame, 0, 160);
            return _frame[17];
        }

        [Benchmark(Description = "Tone Mix 425 Hz cadenced, 160 samples")]
        public short ToneMixSingle()
        {
            _single.Mix(_frame, 0, 160);
            return _frame[17];
        }

        [Benchmark(Description = "DTMF detect, speech-like frame")]
        public int DtmfDetectNoise()
        {
            _frameIndex = (_frameIndex + 1) % 50;
            return _detector.Process(_speechish, _frameIndex * 160, 160);
        }

        [Benchmark(Description = "DTMF detect, digits frame")]
        public int DtmfDetectDigits()
        {
            _frameIndex = (_frameIndex + 1) % 50;
            int n = _detector.Process(_dtmf, _frameIndex * 160, 160);
            while (_detector.TryReadDigit(out _))
            {
            }

            return n;
        }

        [Benchmark(Description = "Decimate 16->8 kHz, 320 samples")]
        public int Decimate() => _decimator.Process(_wide, 0, 320, _frame, 0);

        [Benchmark(Description = "Interpolate 8->16 kHz, 160 samples")]
        public int Interpolate() => _interpolator.Process(_frame, 0, 160, _wide, 0);

        [Benchmark(Description = "Caller ID FSK, 160 samples")]
        public int CallerIdFrame()
        {
            if (!_callerId.IsActive)
            {
                _callerId.Start(FskModem.Bell202, _message, 0, _messageLength, false);
            }

            return _callerId.Fill(_frame, 0, 160);
        }
    }
}
