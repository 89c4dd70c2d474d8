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

        /// <summary>Peak amplitude of a sine at <paramref name="dbm0"/> (clamped to 0..-63 dBm0).</summary>
        public static int ToPeak(int dbm0)
        {
            // round(22400 * 10^(-n/20)), n = 0..63, as code: a static short[] would be 156 B of heap on nanoCLR for the
            // uptime, and a level is looked up when a tone starts, not per sample.
            int n = -dbm0;
            if (n < 0) n = 0;
            if (n > 63) n = 63;
            switch (n)
            {
                case 0: return 22400; case 1: return 19964; case 2: return 17793; case 3: return 15858;
                case 4: return 14133; case 5: return 12596; case 6: return 11227; case 7: return 10006;
                case 8: return 8918; case 9: return 7948; case 10: return 7084; case 11: return 6313;
                case 12: return 5627; case 13: return 5015; case 14: return 4469; case 15: return 3983;
                case 16: return 3550; case 17: return 3164; case 18: return 2820; case 19: return 2513;
                case 20: return 2240; case 21: return 1996; case 22: return 1779; case 23: return 1586;
                case 24: return 1413; case 25: return 1260; case 26: return 1123; case 27: return 1001;
                case 28: return 892; case 29: return 795; case 30: return 708; case 31: return 631;
                case 32: return 563; case 33: return 501; case 34: return 447; case 35: return 398;
                case 36: return 355; case 37: return 316; case 38: return 282; case 39: return 251;
                case 40: return 224; case 41: return 200; case 42: return 178; case 43: return 159;
                case 44: return 141; case 45: return 126; case 46: return 112; case 47: return 100;
                case 48: return 89; case 49: return 79; case 50: return 71; case 51: return 63;
                case 52: return 56; case 53: return 50; case 54: return 45; case 55: return 40;
                case 56: return 36; case 57: return 32; case 58: return 28; case 59: return 25;
                case 60: return 22; case 61: return 20; case 62: return 18; case 63: return 16;
                default: return 16;
            }
        }
    }
}
