// Level conversion for G.711 digital levels: dBm0 to 16-bit peak amplitude (ITU-T G.711 §4, G.168 level conventions).
namespace Phone.Core.Dsp
{
    /// <summary>
    /// A sine at 0 dBm0 has a peak of about 22400 in 16-bit linear PCM: the largest sine G.711 can code is
    /// +3.17 dBm0 (µ-law, full scale 32124) or +3.14 dBm0 (A-law, 32256). Levels are whole dB, 0 to -63 dBm0.
    /// </summary>
    public static class Dbm0
    {
        /// <summary>Peak amplitude of a 0 dBm0 sine.</summary>
        public const int ZeroDbm0Peak = 22400;

        // round(22400 * 10^(-n/20)), n = 0..63.
        private static readonly short[] Peaks = new short[]
        {
            22400, 19964, 17793, 15858, 14133, 12596, 11227, 10006, 8918, 7948, 7084, 6313, 5627, 5015, 4469, 3983,
            3550, 3164, 2820, 2513, 2240, 1996, 1779, 1586, 1413, 1260, 1123, 1001, 892, 795, 708, 631,
            563, 501, 447, 398, 355, 316, 282, 251, 224, 200, 178, 159, 141, 126, 112, 100,
            89, 79, 71, 63, 56, 50, 45, 40, 36, 32, 28, 25, 22, 20, 18, 16,
        };

        /// <summary>Peak amplitude of a sine at <paramref name="dbm0"/> (clamped to 0..-63 dBm0).</summary>
        public static int ToPeak(int dbm0)
        {
            int n = -dbm0;
            if (n < 0)
            {
                n = 0;
            }

            if (n >= Peaks.Length)
            {
                n = Peaks.Length - 1;
            }

            return Peaks[n];
        }
    }
}
