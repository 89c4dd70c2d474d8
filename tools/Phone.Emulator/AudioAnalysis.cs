// Signal checks for the call report: did each side really hear the other?
namespace Phone.Emulator
{
    using System;
    using System.Collections.Generic;

    internal static class AudioAnalysis
    {
        /// <summary>
        /// Best normalised cross-correlation between what was sent and what was heard, over lags 0..maxLag samples,
        /// on a window of the heard signal (skipping the start-up). 1 = the same waveform, delayed.
        /// </summary>
        public static double BestCorrelation(IReadOnlyList<short> sent, IReadOnlyList<short> heard, int skip, int window, int maxLag, out int bestLag)
        {
            bestLag = -1;
            double best = 0;
            if (heard.Count < skip + window) return 0;
            for (int lag = 0; lag <= maxLag; lag++)
            {
                int sentStart = skip - lag;
                if (sentStart < 0 || sentStart + window > sent.Count) continue;
                double xy = 0, xx = 0, yy = 0;
                for (int i = 0; i < window; i++)
                {
                    double x = sent[sentStart + i], y = heard[skip + i];
                    xy += x * y;
                    xx += x * x;
                    yy += y * y;
                }
                if (xx == 0 || yy == 0) continue;
                double c = xy / Math.Sqrt(xx * yy);
                if (c > best)
                {
                    best = c;
                    bestLag = lag;
                }
            }
            return best;
        }

        /// <summary>
        /// Median over consecutive windows of <paramref name="window"/> samples of each window's best correlation, so
        /// that the jitter buffer's clock-drift corrections (a few samples added or dropped) do not hide a good signal.
        /// </summary>
        public static double MedianWindowCorrelation(IReadOnlyList<short> sent, IReadOnlyList<short> heard, int skip, int length, int window, int maxLag, out int typicalLag)
        {
            var scores = new List<(double Score, int Lag)>();
            for (int start = skip; start + window <= skip + length; start += window)
            {
                double c = BestCorrelation(sent, heard, start, window, maxLag, out int lag);
                scores.Add((c, lag));
            }
            typicalLag = -1;
            if (scores.Count == 0) return 0;
            scores.Sort((a, b) => a.Score.CompareTo(b.Score));
            var median = scores[scores.Count / 2];
            typicalLag = median.Lag;
            return median.Score;
        }

        /// <summary>
        /// Like <see cref="MedianWindowCorrelation(IReadOnlyList{short}, IReadOnlyList{short}, int, int, int, int, out int)"/> for
        /// recordings of two clocks that may be offset either way: heard[i] is compared with
        /// sent[i + <paramref name="sentOffset"/> - lag] for lag in [<paramref name="minLag"/>, <paramref name="maxLag"/>]
        /// (a negative lag: the host ran one desk's ticks late and in a burst).
        /// </summary>
        public static double MedianWindowCorrelation(IReadOnlyList<short> sent, int sentOffset, IReadOnlyList<short> heard, int window,
            int minLag, int maxLag, out int typicalLag)
        {
            var scores = new List<(double Score, int Lag)>();
            for (int start = 0; start + window <= heard.Count; start += window)
            {
                double best = 0;
                int bestLag = 0;
                for (int lag = minLag; lag <= maxLag; lag += 1)
                {
                    int s0 = start + sentOffset - lag;
                    if (s0 < 0 || s0 + window > sent.Count) continue;
                    double xy = 0, xx = 0, yy = 0;
                    for (int i = 0; i < window; i++)
                    {
                        double x = sent[s0 + i], y = heard[start + i];
                        xy += x * y;
                        xx += x * x;
                        yy += y * y;
                    }
                    if (xx == 0 || yy == 0) continue;
                    double c = xy / Math.Sqrt(xx * yy);
                    if (c > best)
                    {
                        best = c;
                        bestLag = lag;
                    }
                }
                scores.Add((best, bestLag));
            }
            typicalLag = 0;
            if (scores.Count == 0) return 0;
            scores.Sort((a, b) => a.Score.CompareTo(b.Score));
            typicalLag = scores[scores.Count / 2].Lag;
            return scores[scores.Count / 2].Score;
        }

        /// <summary>RMS level of a range, in dBFS.</summary>
        public static double LevelDbfs(IReadOnlyList<short> samples, int start, int count)
        {
            double sum = 0;
            int n = 0;
            for (int i = start; i < start + count && i < samples.Count; i++, n++) sum += (double)samples[i] * samples[i];
            if (n == 0 || sum == 0) return -120;
            return 20 * Math.Log10(Math.Sqrt(sum / n) / 32768.0);
        }
    }
}
