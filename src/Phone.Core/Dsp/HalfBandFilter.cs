// 47-tap half-band low-pass FIR for 2:1 rate change between 16 kHz and 8 kHz (Kaiser-windowed sinc, beta 5, Q15).
namespace Phone.Core.Dsp
{
    /// <summary>
    /// Coefficients of the half-band filter used by <see cref="HalfBandDecimator"/> and
    /// <see cref="HalfBandInterpolator"/>. At 16 kHz: passband ripple 0.02 dB up to 3.4 kHz, at least 54 dB
    /// attenuation from 4.6 kHz. Every even tap except the centre is zero, so a 47-tap filter costs 13
    /// multiplies per 8 kHz output. Taps h[23 ± (2j+1)] = <see cref="OddTap"/>(j); h[23] = 0.5.
    /// Quantised to Q15 with the odd taps summing to exactly 16384, so DC gain is exactly 1.
    /// </summary>
    public static class HalfBandFilter
    {
        /// <summary>Filter length at 16 kHz.</summary>
        public const int Taps = 47;

        /// <summary>Number of distinct non-zero odd taps (one side).</summary>
        public const int OddTaps = 12;

        /// <summary>The centre tap, 0.5 in Q15.</summary>
        public const int CentreQ15 = 16384;

        private static readonly short[] Odd = new short[]
        {
            10390, -3347, 1875, -1206, 813, -553, 371, -241, 149, -85, 43, -17,
        };

        /// <summary>Odd tap j (0 = nearest the centre) in Q15.</summary>
        public static int OddTap(int j) => Odd[j];
    }
}
