namespace Phone.Core.Tests.Quality
{
    using Phone.Core.Quality;

    public class EModelTests
    {
        [Fact]
        public void DefaultConnectionIsR93Point2AndMos4Point41()
        {
            // G.107: with all default values R = 93.2, which G.107 Annex B maps to MOS 4.41.
            Assert.Equal(93.2, EModel.RFactor(0, 0, 1, true), 6);
            Assert.Equal(4.41, EModel.Mos(93.2), 2);
        }

        [Theory]
        [InlineData(150, 3.6)]     // 0.024 × 150
        [InlineData(177.3, 4.2552)]
        [InlineData(300, 20.697)]  // 0.024 × 300 + 0.11 × 122.7
        public void DelayImpairment(double delayMs, double expectedId)
            => Assert.Equal(DefaultMinus(expectedId), EModel.RFactor(delayMs, 0, 1, true), 3);

        [Theory]
        [InlineData(1, true, 95 * 1 / (1 + 25.1))]
        [InlineData(5, true, 95 * 5 / (5 + 25.1))]
        [InlineData(1, false, 95 * 1 / (1 + 4.3))]
        public void RandomLossImpairment(double lossPercent, bool plc, double expectedIeEff)
            => Assert.Equal(DefaultMinus(expectedIeEff), EModel.RFactor(0, lossPercent, 1, plc), 6);

        [Fact]
        public void BurstyLossHurtsMoreThanRandomLoss()
            => Assert.True(EModel.RFactor(0, 5, 3, true) < EModel.RFactor(0, 5, 1, true));

        [Theory]
        [InlineData(-5, 1.0)]
        [InlineData(0, 1.0)]
        [InlineData(50, 2.58)]   // 1 + 1.75 + 50·(−10)·50·7e-6
        [InlineData(80, 4.02)]   // 1 + 2.8 + 80·20·20·7e-6
        [InlineData(120, 4.5)]
        public void MosMapping(double r, double mos) => Assert.Equal(mos, EModel.Mos(r), 2);

        private static double DefaultMinus(double x) => 93.2 - x;
    }
}
