namespace Phone.Core.Tests.Dsp
{
    using System;
    using Phone.Core.Dsp;

    public class ToneGeneratorTests
    {
        [Theory]
        [InlineData(0, 0, 0, 0, 0, 0, false)]
        [InlineData(425, 0, 0, 0, -13, 0, false)]
        [InlineData(3999, 4000, 1, 65535, -40, 3, true)]
        [InlineData(65535, 65535, 65535, 65535, 3, 1000000, true)]
        public void ToneSpecKeepsEveryParameterItPacks(int f1, int f2, int a1, int a2, int level, int repeats, bool steady)
        {
            // Frequencies share a field two by two and the repeat count shares one with the end flag.
            var t = new ToneSpec("t", f1, f2, a1, a2, level, new[] { 100, ToneSpec.SetMain }, repeats, steady);
            Assert.Equal((f1, f2, a1, a2, level, repeats, steady), (t.Freq1Hz, t.Freq2Hz, t.AltFreq1Hz, t.AltFreq2Hz, t.LevelDbm0, t.Repeats, t.SteadyAfterRepeats));
            Assert.Equal("t", t.Name);
            Assert.Equal(1, t.SegmentCount);
        }

        [Fact]
        public void SineTableMatchesMathSinWithinTwoLsb()
        {
            double worst = 0;
            for (long p = 0; p < 0x100000000L; p += 0x10001)
            {
                double expect = 32767 * Math.Sin(2 * Math.PI * p / 4294967296.0);
                worst = Math.Max(worst, Math.Abs(SineTable.Sin((uint)p) - expect));
            }

            Assert.True(worst <= 2.0, $"worst error {worst}");
        }

        public static TheoryData<string, int> AllTones()
        {
            var d = new TheoryData<string, int>();
            foreach (string c in new[] { "US", "GB", "DE", "FR", "RU", "ITU" })
            {
                for (int t = 1; t <= 7; t++)
                {
                    d.Add(c, t);
                }
            }

            return d;
        }

        [Theory]
        [MemberData(nameof(AllTones))]
        public void ToneHasSpecifiedFrequenciesLevelAndCadence(string country, int toneIndex)
        {
            CountryProfile profile = CountryProfile.Find(country);
            ToneSpec spec = profile.GetTone((CallProgressTone)toneIndex);
            Assert.NotNull(spec);
            int cycleMs = 0;
            for (int i = 0; i < spec.SegmentCount; i++)
            {
                cycleMs += spec.SegmentMs(i);
            }

            int seconds = Math.Max(4, ((2 * cycleMs) / 1000) + 2);
            short[] pcm = Render(spec, seconds * 8000, 160);

            // Frequencies and level over the first 100 ms (every tone starts with an "on" segment).
            int n = 800;
            double expectPeak = TestSignals.PeakForDbm0(spec.LevelDbm0);
            double a1 = TestSignals.Amplitude(pcm, 0, n, spec.Freq1Hz);
            Assert.InRange(TestSignals.Db(a1 / expectPeak), -0.3, 0.3);
            if (spec.Freq2Hz != 0)
            {
                double a2 = TestSignals.Amplitude(pcm, 0, n, spec.Freq2Hz);
                Assert.InRange(TestSignals.Db(a2 / expectPeak), -0.3, 0.3);
            }

            // Nothing else: the residual after the wanted components is > 50 dB down.
            double rms = TestSignals.Rms(pcm, 0, n);
            double wanted = (a1 * a1 / 2) + (spec.Freq2Hz != 0 ? Math.Pow(TestSignals.Amplitude(pcm, 0, n, spec.Freq2Hz), 2) / 2 : 0);
            double residual = Math.Sqrt(Math.Max(0, (rms * rms) - wanted));
            Assert.True(residual < expectPeak * 0.01, $"residual {residual}");

            // Cadence: on/off run lengths equal the segment list (±1 ms for the 1 ms envelope resolution).
            int[] runs = TestSignals.OnOffRunsMs(pcm, (int)(expectPeak / 50));
            if (spec.SegmentCount == 0)
            {
                Assert.Single(runs);
                Assert.Equal(seconds * 1000, runs[0]);
                return;
            }

            int seg = 0;
            int played = 0;
            for (int r = 0; r < runs.Length - 1; r++)
            {
                // Merge consecutive segments of the same on/off state into one expected run.
                bool on = spec.SegmentSet(seg) != ToneSpec.SetSilence;
                int expectMs = 0;
                while (spec.SegmentSet(seg) != ToneSpec.SetSilence == on)
                {
                    expectMs += spec.SegmentMs(seg);
                    seg = (seg + 1) % spec.SegmentCount;
                    if (seg == 0)
                    {
                        played++;
                    }

                    if (spec.Repeats > 0 && played >= spec.Repeats)
                    {
                        break;
                    }
                }

                Assert.Equal(on, runs[r] > 0);
                Assert.InRange(Math.Abs(runs[r]), expectMs - 1, expectMs + 1);
                if (spec.Repeats > 0 && played >= spec.Repeats)
                {
                    // Stutter: the last run is the steady tone after the bursts.
                    Assert.True(spec.SteadyAfterRepeats);
                    Assert.True(runs[runs.Length - 1] > 1000);
                    Assert.Equal(r + 2, runs.Length);
                    return;
                }
            }
        }

        [Fact]
        public void StutterDialIsTenBurstsThenSteady()
        {
            short[] pcm = Render(CountryProfile.Us.StutterDial, 8000 * 5, 160);
            int[] runs = TestSignals.OnOffRunsMs(pcm, 200);
            Assert.Equal(21, runs.Length);
            Assert.True(runs[20] >= 2900);
        }

        [Fact]
        public void SurvivabilityDialDiffersFromDialAndFromBusyInEveryProfile()
        {
            for (int i = 0; i < CountryProfile.Count; i++)
            {
                CountryProfile p = CountryProfile.At(i);
                ToneSpec s = p.SurvivabilityDial;
                Assert.Equal(p.Dial.Freq1Hz, s.Freq1Hz);
                Assert.Equal(p.Dial.Freq2Hz, s.Freq2Hz);
                Assert.Equal(2, s.SegmentCount);
                Assert.Equal(900, s.SegmentMs(0));
                Assert.Equal(100, s.SegmentMs(1));
                Assert.NotEqual(s.SegmentMs(0), p.Busy.SegmentMs(0));
                Assert.NotEqual(s.SegmentMs(0), p.Congestion.SegmentMs(0));
            }
        }

        [Fact]
        public void UsAndUkFrequenciesAreThePublishedOnes()
        {
            Assert.Equal(350, CountryProfile.Us.Dial.Freq1Hz);
            Assert.Equal(440, CountryProfile.Us.Dial.Freq2Hz);
            Assert.Equal(new[] { 2000, 1, 4000, 0 }, CountryProfile.Us.Ringback.Segments);
            Assert.Equal(480, CountryProfile.Us.Busy.Freq1Hz);
            Assert.Equal(620, CountryProfile.Us.Busy.Freq2Hz);
            Assert.Equal(450, CountryProfile.Uk.Dial.Freq2Hz);
            Assert.Equal(new[] { 400, 1, 200, 0, 400, 1, 2000, 0 }, CountryProfile.Uk.Ringback.Segments);
            Assert.Equal(425, CountryProfile.De.Dial.Freq1Hz);
            Assert.Equal("GB", CountryProfile.Find("uk").Code);
            Assert.Null(CountryProfile.Find("XX"));
        }

        [Fact]
        public void ATone_built_alone_is_the_profiles_tone()
        {
            // The agent keeps its country's index and builds only the tone it starts (CountryProfile.Tone).
            var tones = new[]
            {
                CallProgressTone.Dial, CallProgressTone.StutterDial, CallProgressTone.Ringback, CallProgressTone.Busy,
                CallProgressTone.Congestion, CallProgressTone.CallWaiting, CallProgressTone.SurvivabilityDial,
            };
            for (int i = 0; i < CountryProfile.Count; i++)
            {
                CountryProfile p = CountryProfile.At(i);
                Assert.Equal(i, CountryProfile.IndexOf(p.Code.ToLowerInvariant()));
                Assert.Null(CountryProfile.Tone(i, CallProgressTone.None));
                foreach (CallProgressTone t in tones)
                {
                    ToneSpec a = CountryProfile.Tone(i, t), b = p.GetTone(t);
                    Assert.Equal((b.Name, b.Freq1Hz, b.Freq2Hz, b.AltFreq1Hz, b.AltFreq2Hz, b.LevelDbm0, b.Repeats, b.SteadyAfterRepeats),
                        (a.Name, a.Freq1Hz, a.Freq2Hz, a.AltFreq1Hz, a.AltFreq2Hz, a.LevelDbm0, a.Repeats, a.SteadyAfterRepeats));
                    Assert.Equal(b.Segments, a.Segments);
                }
            }
            Assert.Equal(1, CountryProfile.IndexOf("uk"));
            Assert.Equal(-1, CountryProfile.IndexOf("XX"));
            Assert.Equal(-1, CountryProfile.IndexOf(null));
        }

        [Fact]
        public void ZeroLengthCadencePlaysSteadyInsteadOfHanging()
        {
            var spec = new ToneSpec("odd", 400, 0, 0, 0, -10, new[] { 0, 1, 0, 0 }, 0, false);
            short[] pcm = Render(spec, 1600, 160);
            Assert.Single(TestSignals.OnOffRunsMs(pcm, 100));
        }

        [Fact]
        public void FrameSizeDoesNotChangeTheOutput()
        {
            short[] a = Render(CountryProfile.Uk.Ringback, 8000 * 4, 160);
            short[] b = Render(CountryProfile.Uk.Ringback, 8000 * 4, 37);
            Assert.Equal(a, b);
        }

        [Fact]
        public void MixAddsWithSaturationAndFillOverwrites()
        {
            var gen = new ToneGenerator();
            gen.Start(ToneSpec.Continuous("t", 1000, 0, 0));
            var frame = new short[160];
            for (int i = 0; i < frame.Length; i++)
            {
                frame[i] = 30000;
            }

            gen.Mix(frame, 0, 160);
            Assert.Contains(frame, s => s == short.MaxValue);
            Assert.DoesNotContain(frame, s => s < 30000 - 22400 - 2);

            var silent = new short[160];
            gen.Stop();
            gen.Fill(silent, 0, 160);
            Assert.All(silent, s => Assert.Equal(0, s));
            for (int i = 0; i < frame.Length; i++)
            {
                frame[i] = 123;
            }

            gen.Mix(frame, 0, 160);
            Assert.All(frame, s => Assert.Equal(123, s));
        }

        [Fact]
        public void FillAllocatesNothing()
        {
            var gen = new ToneGenerator();
            gen.Start(CountryProfile.Uk.Congestion);
            var frame = new short[160];
            gen.Fill(frame, 0, 160);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                gen.Fill(frame, 0, 160);
                gen.Mix(frame, 0, 160);
            }

            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }

        internal static short[] Render(ToneSpec spec, int samples, int frame)
        {
            var gen = new ToneGenerator();
            gen.Start(spec);
            var pcm = new short[samples];
            for (int i = 0; i < samples; i += frame)
            {
                gen.Fill(pcm, i, Math.Min(frame, samples - i));
            }

            return pcm;
        }
    }
}
