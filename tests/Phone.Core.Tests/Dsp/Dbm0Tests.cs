// dBm0 → 16-bit peak: every level against the formula it encodes (G.711 digital levels, 0 dBm0 = 22400 peak).
namespace Phone.Core.Tests.Dsp
{
    using System;
    using Phone.Core.Dsp;
    using Xunit;

    public class Dbm0Tests
    {
        [Fact]
        public void Every_level_from_0_to_minus_63_dBm0_is_the_rounded_peak_and_levels_outside_are_clamped()
        {
            for (int n = 0; n <= 63; n++)
            {
                int expected = (int)Math.Round(22400 * Math.Pow(10, -n / 20.0), MidpointRounding.AwayFromZero);
                Assert.Equal(expected, Dbm0.ToPeak(-n));
            }
            Assert.Equal(22400, Dbm0.ToPeak(3));
            Assert.Equal(16, Dbm0.ToPeak(-64));
            Assert.Equal(16, Dbm0.ToPeak(int.MinValue + 1));
        }
    }
}
