// Packet loss concealment by pitch repetition with fade-out, after ITU-T G.711 Appendix I (simplified).
namespace Phone.Core.Media.Jitter
{
    /// <summary>
    /// Fills missing audio by repeating the last pitch period of what was played, as G.711 Appendix I does, with
    /// these simplifications: the pitch (40..120 samples, 200..66 Hz) is found by normalised cross-correlation of
    /// the last 10 ms at full rate (no 2:1 decimated coarse search); only one period is repeated (Appendix I widens
    /// to two and three periods for longer losses); no overlap-add at the start of the loss. As in Appendix I the
    /// first 10 ms are at full level, then the level falls by 20 % per 10 ms, reaching silence after 60 ms; when
    /// audio returns, the first 5 ms cross-fade from the concealment into it. All buffers are allocated here.
    /// </summary>
    public sealed class PacketLossConcealer
    {
        // Ring of 256 samples (32 ms) of output: FindPitch reads the last Window + MaxPitch = 200 samples and
        // BeginLoss the last MaxPitch, so older samples were never read (the ring was 512 before, 512 B more).
        private const int HistoryMask = 255;
        private const int MinPitch = 40;
        private const int MaxPitch = 120;
        private const int Window = 80;             // 10 ms correlation window
        private const int FullLevelSamples = 80;   // first 10 ms unattenuated
        private const int FadeSamples = 400;       // then 20 %/10 ms: silent 50 ms later
        private const int RecoverSamples = 40;     // 5 ms cross-fade back into real audio

        private readonly short[] _history = new short[HistoryMask + 1];
        private readonly short[] _period = new short[MaxPitch];
        private int _write;
        private int _pitch = MinPitch;
        private int _pos;
        private int _lossSamples;

        // InLoss as a field: the jitter buffer tests it for every slot it decodes, and a property read is a call on
        // the interpreter.
        internal bool InLossFlag;

        /// <summary>True while the output is concealment (until <see cref="Recover"/>).</summary>
        public bool InLoss => InLossFlag;

        /// <summary>Pitch period chosen for the current/last loss, in samples.</summary>
        public int Pitch => _pitch;

        /// <summary>Forgets the history (new call or new source).</summary>
        public void Reset()
        {
            for (int i = 0; i <= HistoryMask; i++) _history[i] = 0;
            InLossFlag = false;
            _lossSamples = 0;
        }

        /// <summary>Appends played samples (real or concealed) to the history.</summary>
        [HotPath]
        public void Remember(short[] samples, int offset, int count)
        {
            // Runs on every played frame, loss or not, so it is at most two block copies into the ring (the
            // interpreter pays per IL instruction: a per-sample loop cost ~20 µs a frame).
            short[] history = _history;
            int write = _write;
            if (count > HistoryMask + 1)
            {
                offset += count - (HistoryMask + 1);
                count = HistoryMask + 1;
            }
            int first = HistoryMask + 1 - write;
            if (first >= count)
            {
                System.Array.Copy(samples, offset, history, write, count);
            }
            else
            {
                System.Array.Copy(samples, offset, history, write, first);
                System.Array.Copy(samples, offset + first, history, 0, count - first);
            }
            _write = (write + count) & HistoryMask;
        }

        /// <summary>Writes <paramref name="count"/> concealment samples.</summary>
        [HotPath]
        public void Conceal(short[] output, int offset, int count)
        {
            if (!InLossFlag) BeginLoss();
            for (int i = 0; i < count; i++) output[offset + i] = NextConcealed();
        }

        /// <summary>
        /// Called with the first real samples after a loss: cross-fades them from the concealment and ends the loss.
        /// </summary>
        [HotPath]
        public void Recover(short[] output, int offset, int count)
        {
            if (!InLossFlag) return;
            int m = count < RecoverSamples ? count : RecoverSamples;
            for (int i = 0; i < m; i++)
            {
                int c = NextConcealed();
                output[offset + i] = (short)((c * (m - i) + output[offset + i] * i) / m);
            }
            InLossFlag = false;
        }

        [HotPath]
        private short NextConcealed()
        {
            int s = _period[_pos];
            if (++_pos >= _pitch) _pos = 0;
            int gain;   // Q15
            if (_lossSamples < FullLevelSamples) gain = 32768;
            else if (_lossSamples >= FullLevelSamples + FadeSamples) gain = 0;
            else gain = 32768 - ((_lossSamples - FullLevelSamples) * 32768) / FadeSamples;
            _lossSamples++;
            return (short)((s * gain) >> 15);
        }

        [HotPath]
        private void BeginLoss()
        {
            _pitch = FindPitch();
            int start = _write - _pitch;
            for (int i = 0; i < _pitch; i++) _period[i] = _history[(start + i) & HistoryMask];
            _pos = 0;
            _lossSamples = 0;
            InLossFlag = true;
        }

        // Lag in [MinPitch, MaxPitch] maximising corr·|corr| / energy between the last 10 ms and the same span
        // one lag earlier (a normalised cross-correlation without a square root).
        [HotPath]
        private int FindPitch()
        {
            int end = _write;
            int best = MaxPitch;
            double bestScore = 0;
            for (int lag = MinPitch; lag <= MaxPitch; lag++)
            {
                long corr = 0, energy = 0;
                for (int i = 0; i < Window; i++)
                {
                    int a = _history[(end - Window + i) & HistoryMask];
                    int b = _history[(end - Window + i - lag) & HistoryMask];
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
    }
}
