// Packet loss concealer against a reference that keeps the whole played signal: the history ring is big enough.
namespace Phone.Core.Tests.Media
{
    using System;
    using System.Collections.Generic;
    using CsCheck;
    using Phone.Core.Media.Jitter;

    public class PacketLossConcealerTests
    {
        private const int MinPitch = 40;
        private const int MaxPitch = 120;
        private const int Window = 80;

        // The pitch search of G.711 Appendix I as the concealer documents it, over the whole signal played so far:
        // the lag in [40, 120] maximising corr·|corr| / energy between the last 10 ms and the span one lag earlier.
        private static int ReferencePitch(List<short> played)
        {
            int end = played.Count;
            int best = MaxPitch;
            double bestScore = 0;
            for (int lag = MinPitch; lag <= MaxPitch; lag++)
            {
                long corr = 0, energy = 0;
                for (int i = 0; i < Window; i++)
                {
                    int a = played[end - Window + i];
                    int b = played[end - Window + i - lag];
                    corr += a * b;
                    energy += b * b;
                }
                if (corr <= 0 || energy == 0) continue;
                double score = (double)corr * corr / energy;
                if (score > bestScore)
                {
                    bestScore = score;
                    best = lag;
                }
            }
            return best;
        }

        [Fact]
        public void ConcealmentDependsOnlyOnTheRecentPastTheRingKeeps()
        {
            // Voiced-like signals (a periodic pulse train plus noise) of any length, remembered in frames of any size
            // up to the jitter buffer's 240: the chosen pitch and the first 10 ms of concealment (full level, one period
            // repeated) equal what a concealer with the whole signal would produce, across two losses.
            Gen.Select(Gen.Int[MaxPitch + Window, 3000], Gen.Int[30, 200], Gen.Int[1, 240], Gen.Int[0, int.MaxValue]).Sample((length, period, chunk, seed) =>
            {
                var random = new Random(seed);
                var played = new List<short>();
                var plc = new PacketLossConcealer();
                var frame = new short[240];
                for (int loss = 0; loss < 2; loss++)
                {
                    int remembered = 0;
                    while (remembered < length)
                    {
                        int n = Math.Min(chunk, length - remembered);
                        for (int i = 0; i < n; i++)
                        {
                            int t = played.Count + i;
                            int pulse = t % period < 4 ? 12000 : -1500;
                            frame[i] = (short)(pulse + random.Next(-2500, 2500));
                        }
                        if (plc.InLoss) plc.Recover(frame, 0, n);
                        plc.Remember(frame, 0, n);
                        for (int i = 0; i < n; i++) played.Add(frame[i]);
                        remembered += n;
                    }
                    int pitch = ReferencePitch(played);
                    var concealed = new short[80];
                    plc.Conceal(concealed, 0, 80);
                    Assert.Equal(pitch, plc.Pitch);
                    for (int i = 0; i < 80; i++) Assert.Equal(played[played.Count - pitch + i % pitch], concealed[i]);
                    plc.Remember(concealed, 0, 80);
                    played.AddRange(concealed);
                }
            }, iter: 200);
        }
    }
}
