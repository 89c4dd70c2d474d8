// E-model call quality estimate (ITU-T G.107) for G.711 calls: R-factor and MOS from delay, loss and burstiness.
namespace Phone.Core.Quality
{
    /// <summary>
    /// ITU-T G.107 with its default parameters (Ro − Is = 93.2, A = 0), the delay impairment Id in the usual
    /// simplified form for default echo settings (Cole and Rosenbluth, 2001), and the packet-loss term of G.107 §7.6
    /// with G.711's Ie = 0 and Bpl from ITU-T G.113 Appendix I (4.3 without, 25.1 with packet loss concealment).
    /// Used for the call report and the status report; no Math needed (polynomials only).
    /// </summary>
    public static class EModel
    {
        /// <summary>R for a clear G.711 call with default parameters (G.107: Ro − Is = 93.2).</summary>
        public const double DefaultR = 93.2;

        /// <summary>G.711 packet-loss robustness with concealment (G.113 Appendix I).</summary>
        public const double BplG711WithPlc = 25.1;

        /// <summary>G.711 packet-loss robustness without concealment (G.113 Appendix I).</summary>
        public const double BplG711WithoutPlc = 4.3;

        /// <summary>
        /// R-factor for a one-way mouth-to-ear delay of <paramref name="oneWayDelayMs"/>, packet loss of
        /// <paramref name="lossPercent"/> (0..100) and burst ratio <paramref name="burstRatio"/> (1 = random loss).
        /// </summary>
        public static double RFactor(double oneWayDelayMs, double lossPercent, double burstRatio, bool concealment)
        {
            if (oneWayDelayMs < 0) oneWayDelayMs = 0;
            if (lossPercent < 0) lossPercent = 0;
            if (lossPercent > 100) lossPercent = 100;
            if (burstRatio < 1) burstRatio = 1;

            double id = 0.024 * oneWayDelayMs;
            if (oneWayDelayMs > 177.3) id += 0.11 * (oneWayDelayMs - 177.3);

            const double ie = 0; // G.711 (G.113 Appendix I)
            double bpl = concealment ? BplG711WithPlc : BplG711WithoutPlc;
            double ieEff = ie + (95 - ie) * lossPercent / (lossPercent / burstRatio + bpl); // G.107 eq. 7-29

            return DefaultR - id - ieEff;
        }

        /// <summary>Estimated mean opinion score (conversational quality) for an R-factor (G.107 Annex B, eq. B-4).</summary>
        public static double Mos(double r)
        {
            if (r <= 0) return 1.0;
            if (r >= 100) return 4.5;
            return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
        }
    }
}
