// Jitter buffer scenarios: reorder, duplicates, loss bursts, jitter ramps, ±100 ppm drift over 10 minutes,
// and CsCheck properties (no frame played twice or out of order).
namespace Phone.Core.Tests.Media
{
    using System;
    using System.Collections.Generic;
    using CsCheck;
    using Phone.Core.Media.Codecs;
    using Phone.Core.Media.Jitter;

    public class JitterBufferTests
    {
        // Each 20 ms frame k is one constant µ-law code 0x80 + (k mod 64): large, distinct decoded values, so every
        // played sample tells which frame it came from.
        private static byte CodeOf(int frame) => (byte)(0x80 + (frame & 63));

        private struct Arrival
        {
            public long AtMs;
            public int Frame;
        }

        private sealed class Run
        {
            public JitterBuffer Buffer = new JitterBuffer(32, 240);
            public List<int> PlayedFrames = new List<int>();   // source frame of each played sample, -1 = concealed frame
            public int LastFrameSeen = -1;
            public bool OrderViolated;
            public bool RepeatViolated;
            public int MaxTargetMs;
            // Seen from outside: samples added or dropped while a frame with speech in it (any |sample| >= 1024,
            // about −30 dBFS) was played, and the most in one such frame.
            public int ScaledInSpeechFrames;
            public int MaxScaledInOneSpeechFrame;
        }

        // Delivers the arrivals (sorted by time) and plays a frame every 20 ms of local time from 0 to endMs.
        private static Run Play(List<Arrival> arrivals, long endMs, Func<int, byte> payloadOf = null)
        {
            payloadOf ??= CodeOf;
            arrivals.Sort((a, b) => a.AtMs.CompareTo(b.AtMs));
            var run = new Run();
            var payload = new byte[160];
            var frame = new short[160];
            var decode = new Dictionary<short, int>();
            for (int code = 0x80; code < 0xC0; code++) decode[G711.UlawToLinear((byte)code)] = code - 0x80;
            int next = 0;
            var finished = new HashSet<int>();
            bool previousConcealed = false;
            for (long now = 0; now < endMs; now += 20)
            {
                while (next < arrivals.Count && arrivals[next].AtMs <= now)
                {
                    int f = arrivals[next].Frame;
                    for (int i = 0; i < 160; i++) payload[i] = payloadOf(f);
                    run.Buffer.Put((uint)(f * 160), 0, payload, 0, 160, arrivals[next].AtMs);
                    next++;
                }
                int concealedBefore = run.Buffer.Stats.ConcealedFrames;
                int scaledBefore = run.Buffer.Stats.SamplesInserted + run.Buffer.Stats.SamplesDropped;
                run.Buffer.Get(now, frame, 0);
                int scaled = run.Buffer.Stats.SamplesInserted + run.Buffer.Stats.SamplesDropped - scaledBefore;
                bool speech = false;
                for (int i = 0; i < 160; i++) if (frame[i] >= 1024 || frame[i] <= -1024) speech = true;
                if (speech && scaled > 0)
                {
                    run.ScaledInSpeechFrames += scaled;
                    if (scaled > run.MaxScaledInOneSpeechFrame) run.MaxScaledInOneSpeechFrame = scaled;
                }
                if (run.Buffer.Stats.TargetDelayMs > run.MaxTargetMs) run.MaxTargetMs = run.Buffer.Stats.TargetDelayMs;
                bool concealed = run.Buffer.Stats.ConcealedFrames != concealedBefore;
                // A concealed frame repeats earlier audio, and the 5 ms after one cross-fade out of it.
                int first = previousConcealed ? 40 : 0;
                previousConcealed = concealed;
                if (concealed) continue;
                for (int i = first; i < 160; i++)
                {
                    if (frame[i] == 0 || !decode.TryGetValue(frame[i], out int mod)) continue;
                    // Unwrap the 6-bit frame number against the last one seen.
                    int last = run.LastFrameSeen < 0 ? 0 : run.LastFrameSeen;
                    int f = last + (((mod - last) % 64) + 64) % 64;
                    if (f - last > 32) f -= 64;
                    if (run.LastFrameSeen >= 0 && f < run.LastFrameSeen) run.OrderViolated = true;
                    if (f != run.LastFrameSeen)
                    {
                        if (finished.Contains(f)) run.RepeatViolated = true;
                        if (run.LastFrameSeen >= 0) finished.Add(run.LastFrameSeen);
                        run.LastFrameSeen = f;
                    }
                    run.PlayedFrames.Add(f);
                }
            }
            return run;
        }

        private static List<Arrival> Steady(int frames, int delayMs)
        {
            var list = new List<Arrival>();
            for (int k = 0; k < frames; k++) list.Add(new Arrival { AtMs = k * 20 + delayMs, Frame = k });
            return list;
        }

        [Fact]
        public void SteadyStreamPlaysEverySampleOnceAfterMinimumDelay()
        {
            var run = Play(Steady(500, 7), 500 * 20);
            var s = run.Buffer.Stats;
            Assert.Equal(0, s.ConcealedFrames);
            Assert.Equal(0, s.SamplesDropped + s.SamplesInserted);
            Assert.Equal(JitterBuffer.MinDelayMs, s.TargetDelayMs);
            Assert.False(run.OrderViolated);
            Assert.False(run.RepeatViolated);
            // Every frame played whole, 160 samples each.
            var counts = new Dictionary<int, int>();
            foreach (int f in run.PlayedFrames) counts[f] = counts.TryGetValue(f, out int c) ? c + 1 : 1;
            for (int k = 0; k < 400; k++) Assert.Equal(160, counts[k]);
        }

        [Fact]
        public void ReorderedAndDuplicatedPacketsPlayInOrderOnce()
        {
            var list = new List<Arrival>();
            for (int k = 0; k < 500; k += 2)
            {
                list.Add(new Arrival { AtMs = k * 20 + 5, Frame = k + 1 });   // pairs swapped
                list.Add(new Arrival { AtMs = k * 20 + 25, Frame = k });
                if (k % 10 == 0) list.Add(new Arrival { AtMs = k * 20 + 30, Frame = k });   // duplicates
            }
            var run = Play(list, 500 * 20);
            var s = run.Buffer.Stats;
            Assert.False(run.OrderViolated);
            Assert.False(run.RepeatViolated);
            // A duplicate arriving after its frame was played counts as late; one frame is late while the target
            // is still growing from 20 ms to cover the 20 ms reordering.
            Assert.True(s.Duplicates >= 48 && s.Late <= 2, $"dup {s.Duplicates} late {s.Late} stored {s.PacketsStored}");
            Assert.True(s.ConcealedFrames <= 2, "concealed " + s.ConcealedFrames);
            Assert.InRange(s.TargetDelayMs, 30, 60);
        }

        [Fact]
        public void LossBurstsAreConcealedAndFadeToSilence()
        {
            var list = Steady(1000, 5);
            list.RemoveAll(a => a.Frame % 100 >= 50 && a.Frame % 100 < 56);   // 6-packet (120 ms) bursts
            var jb = new JitterBuffer(32, 240);
            var payload = new byte[160];
            var frame = new short[160];
            int next = 0;
            int silentConcealed = 0;
            for (long now = 0; now < 20000; now += 20)
            {
                while (next < list.Count && list[next].AtMs <= now)
                {
                    // A 250 Hz square-ish wave (period 32 samples) so the concealer has a pitch to repeat.
                    int f = list[next].Frame;
                    for (int i = 0; i < 160; i++) payload[i] = ((f * 160 + i) % 32) < 16 ? (byte)0x90 : (byte)0x10;
                    jb.Put((uint)(f * 160), 0, payload, 0, 160, list[next].AtMs);
                    next++;
                }
                jb.Get(now, frame, 0);
                bool allZero = true;
                for (int i = 0; i < 160; i++) if (frame[i] != 0) allZero = false;
                if (jb.Concealer.InLoss && allZero) silentConcealed++;
            }
            var s = jb.Stats;
            // 10 bursts of 6 frames; the underrun rule may hold a frame at a burst's start.
            Assert.InRange(s.ConcealedFrames, 60, 72);
            Assert.Equal(0, s.Late);
            Assert.Equal(0, jb.Concealer.Pitch % 32);      // a whole number of the wave's 32-sample periods
            Assert.True(silentConcealed >= 20, "after 60 ms of loss the output is silent: " + silentConcealed);
        }

        [Theory]
        [InlineData(5)]
        [InlineData(13)]
        public void RandomLossConcealsExactlyTheLostAudio(int transitMs)
        {
            // 10 % of single packets lost at random. Playout frames are offset from packet boundaries by the
            // buffering delay, so a lost packet touches two frames and ConcealedFrames is about twice the loss;
            // the audio actually concealed is exactly the lost packets' 160 samples each (no underruns here).
            var jb = new JitterBuffer(32, 240);
            var payload = new byte[160];
            for (int i = 0; i < 160; i++) payload[i] = (byte)(0x90 + (i & 7));
            var frame = new short[160];
            var random = new Random(7);
            int lost = 0;
            for (int k = 0; k < 3000; k++)
            {
                if (random.Next(10) == 0) lost++;
                else jb.Put((uint)(k * 160), 0, payload, 0, 160, k * 20 + transitMs);
                jb.Get(k * 20 + 20, frame, 0);
            }
            var s = jb.Stats;
            string info = $"lost {lost} frames {s.ConcealedFrames} samples {s.ConcealedSamples} underruns {s.Underruns}";
            Assert.InRange(lost, 250, 350);
            Assert.True(s.Underruns <= 1, info);
            Assert.Equal(lost * 160 + s.Underruns * 160, s.ConcealedSamples);
            Assert.InRange(s.ConcealedFrames, lost, 2 * lost);
        }

        [Fact]
        public void TargetFollowsAJitterRampUpAndBackDown()
        {
            var rng = new Random(5);
            var list = new List<Arrival>();
            int frames = 3000;   // 60 s: jitter amplitude 0 → 150 ms over 30 s, then back to 0
            for (int k = 0; k < frames; k++)
            {
                int amplitude = k < frames / 2 ? k * 150 / (frames / 2) : (frames - k) * 150 / (frames / 2);
                list.Add(new Arrival { AtMs = k * 20 + 5 + rng.Next(amplitude + 1), Frame = k });
            }
            var run = Play(list, frames * 20 + 400, f => (byte)(((f / 50) % 3 == 0) ? 0xFF : 0x80 + (f & 63)));
            var s = run.Buffer.Stats;
            Assert.InRange(run.MaxTargetMs, 140, JitterBuffer.MaxDelayMs);   // followed the 150 ms peak, within the cap
            Assert.True(s.Late < frames / 50, "late " + s.Late);
            Assert.True(s.TargetDelayMs <= 60, "target at the end " + s.TargetDelayMs);
            // The ramp is followed by time-scaling both ways (≈ 140 ms = 1,120 samples each way, a few frames of it by
            // underruns on the way up), and that in the 1 s pauses of every 3 s: speech frames at most a sample each.
            string info = $"ins {s.SamplesInserted} drop {s.SamplesDropped} und {s.Underruns} speech {run.ScaledInSpeechFrames}";
            Assert.True(s.SamplesInserted >= 800 && s.SamplesDropped >= 800, info);
            Assert.True(s.SamplesInserted + s.Underruns * 160 >= 1000, info);
            Assert.True(run.MaxScaledInOneSpeechFrame <= 1, info);
            Assert.True(run.ScaledInSpeechFrames <= (s.SamplesInserted + s.SamplesDropped) / 20, info);
        }

        [Theory]
        [InlineData(100, true)]
        [InlineData(-100, true)]
        [InlineData(100, false)]
        [InlineData(-100, false)]
        public void ClockDriftOfHundredPpmOverTenMinutes(int ppm, bool talkSpurts)
        {
            // The far end's 20 ms is 20 × (1 − ppm·1e-6) ms of our clock: +100 ppm = its clock runs fast.
            int frames = 30000;
            var list = new List<Arrival>(frames);
            for (int k = 0; k < frames; k++)
            {
                double t = k * 20.0 * (1 - ppm * 1e-6) + 3;
                list.Add(new Arrival { AtMs = (long)Math.Floor(t), Frame = k });
            }
            var run = Play(list, (long)(frames * 20 * (1 - ppm * 1e-6)) - 200,
                f => talkSpurts && (f % 75) >= 50 ? (byte)0xFF : (byte)(0x80 + (f & 63)));   // 1 s talk, 0.5 s pause
            var s = run.Buffer.Stats;
            string info = $"ovf {s.Overflows} late {s.Late} conc {s.ConcealedFrames} und {s.Underruns} drop {s.SamplesDropped} ins {s.SamplesInserted} delay {s.CurrentDelayMs} target {s.TargetDelayMs}";
            Assert.True(s.Late == 0 && s.Overflows == 0, info);
            Assert.Equal(0, s.Overflows);
            Assert.Equal(0, s.Late);
            Assert.True(s.ConcealedFrames <= 3, info);
            Assert.True(s.Underruns <= 2, info);
            // 600 s × 8000 × 1e-4 = 480 samples of drift, absorbed by time-scaling.
            int net = s.SamplesDropped - s.SamplesInserted;
            Assert.True(Math.Abs((ppm > 0 ? net : -net) - 480) <= 160, info);
            Assert.InRange(s.CurrentDelayMs, 0, 45);
            Assert.False(run.OrderViolated);
            Assert.False(run.RepeatViolated);
            // Speech frames are changed by one sample at most; with pauses every 1.5 s, none at all.
            Assert.True(run.MaxScaledInOneSpeechFrame <= 1, info);
            Assert.Equal(run.ScaledInSpeechFrames, s.SpeechSamplesScaled);
            if (talkSpurts) Assert.True(run.ScaledInSpeechFrames <= 8, "in speech: " + run.ScaledInSpeechFrames + " " + info);
            else Assert.Equal(s.SamplesInserted + s.SamplesDropped, run.ScaledInSpeechFrames);   // continuous speech: all of it, a sample a frame
        }

        [Theory]
        [InlineData(100, 1)]
        [InlineData(-100, 1)]
        [InlineData(100, 2)]
        [InlineData(-100, 2)]
        public void DriftIsAbsorbedInSpeechPausesWithIrregularTalkSpurts(int ppm, int seed)
        {
            // Conversation-like: talk spurts of 0.4–3 s and pauses of 0.2–1.5 s (Brady's on/off model has means of
            // about 1.0 s and 1.4 s), ±100 ppm of clock drift over 10 minutes, transit 3 ms ± 2 ms of jitter. Pauses
            // carry background noise about −40 dBFS (µ-law codes 0xE0..0xE7 and 0x60..0x67), not digital silence.
            var rng = new Random(seed);
            int frames = 30000;
            var speech = new bool[frames];
            for (int k = 0; k < frames;)
            {
                int talk = 20 + rng.Next(131), pause = 10 + rng.Next(66);
                for (int i = 0; i < talk && k < frames; i++) speech[k++] = true;
                for (int i = 0; i < pause && k < frames; i++) speech[k++] = false;
            }
            var list = new List<Arrival>(frames);
            for (int k = 0; k < frames; k++)
            {
                double t = k * 20.0 * (1 - ppm * 1e-6) + 3 + rng.Next(5) - 2;
                list.Add(new Arrival { AtMs = (long)Math.Floor(t), Frame = k });
            }
            var run = Play(list, (long)(frames * 20 * (1 - ppm * 1e-6)) - 200,
                f => speech[f] ? (byte)(0x80 + (f & 63)) : (byte)((f & 1) == 0 ? 0xE0 + (f & 7) : 0x60 + (f & 7)));
            var s = run.Buffer.Stats;
            int net = s.SamplesDropped - s.SamplesInserted;
            string info = $"ovf {s.Overflows} late {s.Late} conc {s.ConcealedFrames} und {s.Underruns} drop {s.SamplesDropped} " +
                $"ins {s.SamplesInserted} in speech {run.ScaledInSpeechFrames} (max {run.MaxScaledInOneSpeechFrame}/frame) delay {s.CurrentDelayMs} target {s.TargetDelayMs}";
            // No overflow or underflow beyond the concealment budget (two frames of concealment in 10 minutes).
            Assert.True(s.Overflows == 0 && s.Late == 0, info);
            Assert.True(s.Underruns <= 2 && s.ConcealedFrames <= 2, info);
            // 480 samples of drift absorbed...
            Assert.True(Math.Abs((ppm > 0 ? net : -net) - 480) <= 160, info);
            // ...in the pauses: samples changed in frames with speech stay under 2 % of it, never more than one a frame.
            Assert.True(run.ScaledInSpeechFrames <= 10, info);
            Assert.True(run.MaxScaledInOneSpeechFrame <= 1, info);
            // (No order check here: the harness tells frames apart by a 6-bit number carried only in speech, and a
            // pause can be longer than 32 frames; ClockDriftOfHundredPpmOverTenMinutes checks order under drift.)
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void PlayingIntoTheLentWorkFrameGivesTheSameSamplesAsASeparateFrame(int seed)
        {
            // The media session lends one array as the jitter buffer's work frame and plays out of that same array; the
            // time scaling then runs in place. Two buffers get the same packets (±3000 ppm of drift, changing sign every
            // 30 s, so samples are dropped and inserted; 10 s of speech at full level, long enough for the forced
            // one-sample steps, then 2 s of low noise; jitter; 3 % loss): one plays into a separate frame,
            // the other into its work frame. Every sample must agree, with samples both dropped and inserted, in
            // pauses (whole steps) and in speech (one sample), and with frames concealed.
            var rng = new Random(seed);
            var work = new short[JitterBuffer.WorkSamples];
            var inPlace = new JitterBuffer(10, 240, work);
            var separate = new JitterBuffer(10, 240);
            var frame = new short[160];
            var payload = new byte[160];
            var pcm = new short[160];
            long nextArrival = 0, arrivalUs = 0;
            int k = 0;
            for (long now = 0; now < 120_000; now += 20)
            {
                while (nextArrival <= now)
                {
                    bool speech = k % 600 < 500;
                    for (int i = 0; i < 160; i++)
                        pcm[i] = (short)(speech ? 12000 * Math.Sin(2 * Math.PI * 440 * (k * 160 + i) / 8000.0) : rng.Next(-40, 41));
                    G711.EncodeUlaw(pcm, 0, payload, 0, 160);
                    if (rng.Next(100) >= 3)
                    {
                        uint ts = (uint)(k * 160);
                        long at = nextArrival + rng.Next(0, 30);
                        inPlace.Put(ts, 0, payload, 0, 160, at);
                        separate.Put(ts, 0, payload, 0, 160, at);
                    }
                    k++;
                    // The far end's 20 ms is 20 × (1 ∓ 0.003) ms of our clock, alternating every 1,500 packets.
                    arrivalUs += (k / 1500) % 2 == 0 ? 19_940 : 20_060;
                    nextArrival = arrivalUs / 1000;
                }
                inPlace.Get(now, work, 0);
                separate.Get(now, frame, 0);
                for (int i = 0; i < 160; i++)
                    if (work[i] != frame[i]) Assert.Fail($"sample {i} of the frame at {now} ms: {work[i]} in place, {frame[i]} separate");
            }
            var s = inPlace.Stats;
            string info = $"drop {s.SamplesDropped} ins {s.SamplesInserted} speech {s.SpeechSamplesScaled} conc {s.ConcealedFrames}";
            Assert.True(s.SamplesDropped > 80 && s.SamplesInserted > 80 && s.SpeechSamplesScaled > 0 && s.ConcealedFrames > 0, info);
            Assert.Equal(separate.Stats.SamplesDropped, s.SamplesDropped);
            Assert.Equal(separate.Stats.SamplesInserted, s.SamplesInserted);
        }

        [Fact]
        public void WildTimestampsDroppedThenResyncWhenTheyPersist()
        {
            var jb = new JitterBuffer(8, 240);
            var p = new byte[160];
            var frame = new short[160];
            jb.Put(0, 0, p, 0, 160, 0);
            Assert.False(jb.Put(5_000_000, 0, p, 0, 160, 20));
            Assert.True(jb.Put(160, 0, p, 0, 160, 20));
            Assert.Equal(1, jb.Stats.TimestampJumps);
            Assert.False(jb.Put(9_000_000, 0, p, 0, 160, 40));
            Assert.False(jb.Put(9_000_160, 0, p, 0, 160, 60));
            Assert.True(jb.Put(9_000_320, 0, p, 0, 160, 80));
            Assert.Equal(1, jb.Stats.Resyncs);
            Assert.False(jb.Put(0, 0, p, 0, 300, 80));     // larger than a slot
            Assert.Equal(1, jb.Stats.Oversize);
            for (int i = 0; i < 8; i++) jb.Put((uint)(9_000_480 + 160 * i), 0, p, 0, 160, 80);
            Assert.True(jb.Stats.Overflows > 0);
            jb.Get(100, frame, 0);
        }

        [Fact]
        public void PropertyNeverPlaysAFrameTwiceOrOutOfOrder()
        {
            Gen.Select(Gen.Int[0, 180].Array[150], Gen.Int[0, 9].Array[150]).Sample((delays, fate) =>
            {
                var list = new List<Arrival>();
                for (int k = 0; k < 150; k++)
                {
                    if (fate[k] == 0) continue;                                   // 10 % lost
                    list.Add(new Arrival { AtMs = k * 20 + delays[k], Frame = k });
                    if (fate[k] == 1) list.Add(new Arrival { AtMs = k * 20 + delays[k] + 7, Frame = k });   // duplicate
                }
                var run = Play(list, 150 * 20 + 400);
                Assert.False(run.OrderViolated, "order");
                Assert.False(run.RepeatViolated, "repeat");
            }, iter: 60);
        }
    }
}
