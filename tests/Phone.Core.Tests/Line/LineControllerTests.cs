namespace Phone.Core.Tests.Line
{
    using System;
    using System.Collections.Generic;
    using System.Linq;
    using Phone.Core.Dsp;
    using Phone.Core.Line;

    public class LineControllerTests
    {
        [Fact]
        public void PackedTimingSettingsAreIndependentAndClampedTo16Bits()
        {
            var line = new LineController(new FakeLineHardware());
            Assert.Equal(new[] { 10, 20, 100, 800, 300, 500, 1500, 150, 300 }, Timings(line));
            Assert.True(line.ReverseOnRemoteAnswer);
            Assert.Equal(LineState.Idle, line.State);

            line.DebounceMs = 65535; line.PulseBreakMinMs = 1; line.FlashMinMs = 2; line.FlashMaxMs = 65534;
            line.InterDigitMs = 7; line.CallerIdDelayAfterRingMs = 40000; line.CallerIdMinGapMs = 9;
            line.ReversalToCallerIdMs = 33333; line.CallerIdToRingMs = 65535;
            line.ReverseOnRemoteAnswer = false;
            Assert.Equal(new[] { 65535, 1, 2, 65534, 7, 40000, 9, 33333, 65535 }, Timings(line));
            Assert.False(line.ReverseOnRemoteAnswer);
            Assert.Equal(LineState.Idle, line.State);
            Assert.False(line.IsOffHook);

            line.CallerIdToRingMs = 70000; line.DebounceMs = -5;
            Assert.Equal(65535, line.CallerIdToRingMs);
            Assert.Equal(0, line.DebounceMs);
            Assert.Equal(1, line.PulseBreakMinMs);
        }

        private static int[] Timings(LineController l) => new[]
        {
            l.DebounceMs, l.PulseBreakMinMs, l.FlashMinMs, l.FlashMaxMs, l.InterDigitMs,
            l.CallerIdDelayAfterRingMs, l.CallerIdMinGapMs, l.ReversalToCallerIdMs, l.CallerIdToRingMs,
        };

        [Fact]
        public void OffHookIsReportedOnceThroughContactBounce()
        {
            var rig = new LineRig();
            rig.Edge(100, true, bounceMs: 4);
            rig.RunTo(1000);
            Assert.Equal(new[] { "off-hook@104" }, rig.Events);
            Assert.Equal(LineState.OffHook, rig.Controller.State);
        }

        [Theory]
        [InlineData(5, new string[0])]                        // shorter than the debounce: never seen
        [InlineData(15, new string[0])]                       // past the debounce but a glitch
        [InlineData(60, new[] { "digit:1@1360" })]            // a dial pulse
        [InlineData(99, new[] { "digit:1@1399" })]
        [InlineData(100, new[] { "flash@1100" })]
        [InlineData(500, new[] { "flash@1500" })]
        [InlineData(800, new[] { "flash@1800" })]
        [InlineData(801, new[] { "on-hook@1801", "off-hook@1801" })]
        [InlineData(2000, new[] { "on-hook@1801", "off-hook@3000" })]
        public void BreakLengthDecidesPulseFlashOrHangUp(int breakMs, string[] expected)
        {
            var rig = new LineRig();
            rig.Edge(0, true);
            rig.Edge(1000, false);
            rig.Edge(1000 + breakMs, true);
            rig.RunTo(5000);
            Assert.Equal(new[] { "off-hook@0" }.Concat(expected).ToArray(), rig.Events);
        }

        [Fact]
        public void FlashEndsAPendingPulseDigitFirst()
        {
            var rig = new LineRig();
            rig.Edge(0, true);
            long last = rig.DialPulses('2', 1000, 10, 0.6);
            rig.Edge(last + 100, false);
            rig.Edge(last + 400, true);
            rig.RunTo(4000);
            Assert.Equal(new[] { "off-hook@0", $"digit:2@{last + 400}", $"flash@{last + 400}" }, rig.Events);
        }

        public static TheoryData<char, double, double> PulseCases()
        {
            var d = new TheoryData<char, double, double>();
            foreach (char digit in "1234567890")
            {
                foreach (double pps in new[] { 8.0, 10.0, 12.0 })
                {
                    foreach (double ratio in new[] { 0.6, 2.0 / 3.0 })
                    {
                        d.Add(digit, pps, ratio);
                    }
                }
            }

            return d;
        }

        [Theory]
        [MemberData(nameof(PulseCases))]
        public void DecodesPulseDigitsAt8To12PpsAndBothRatios(char digit, double pps, double breakRatio)
        {
            foreach (int bounce in new[] { 0, 4 })
            {
                var rig = new LineRig();
                rig.Edge(0, true);
                long last = rig.DialPulses(digit, 1000, pps, breakRatio, bounce);
                rig.RunTo(last + 2000);
                Assert.Equal(new[] { "off-hook@0", $"digit:{digit}@{last + bounce + 300}" }, rig.Events);
            }
        }

        [Theory]
        [InlineData(20)]
        [InlineData(5)]
        public void DecodesANumberWithInterDigitPauses(int pollMs)
        {
            foreach (bool edgeCapture in new[] { true, false })
            {
                var rig = new LineRig(pollMs);
                rig.Hw.EdgeCapture = edgeCapture;
                if (!edgeCapture && pollMs > 5)
                {
                    continue; // sampling the raw pin needs a poll faster than the 28 ms makes
                }

                rig.Edge(0, true);
                long t = 1000;
                foreach (char c in "5550123")
                {
                    t = rig.DialPulses(c, t, 10, 0.6) + 700;
                }

                rig.RunTo(t + 1000);
                string digits = string.Concat(rig.Events.Where(e => e.StartsWith("digit:")).Select(e => e[6]));
                Assert.Equal("5550123", digits);
            }
        }

        [Fact]
        public void ElevenPulsesAreDropped()
        {
            var rig = new LineRig();
            rig.Edge(0, true);
            long t = 1000;
            for (int i = 0; i < 11; i++)
            {
                rig.Edge(t, false);
                rig.Edge(t + 60, true);
                t += 100;
            }

            rig.RunTo(t + 1000);
            Assert.Equal(new[] { "off-hook@0" }, rig.Events);
            Assert.Equal(1, rig.Controller.InvalidDigits);
        }

        public static TheoryData<string> Countries() => new TheoryData<string> { "US", "GB", "DE", "FR", "RU", "ITU" };

        [Theory]
        [MemberData(nameof(Countries))]
        public void RingCadenceFollowsTheCountryProfile(string country)
        {
            CountryProfile p = CountryProfile.Find(country);
            var rig = new LineRig();
            rig.RunTo(1000);
            Assert.True(rig.Controller.StartRinging(1000, p.RingCadenceMs, CallerIdMethod.None, 0));
            rig.RunTo(1000 + (3 * p.RingCadenceMs.Sum()));

            // Expected switching times: on at 1000, then at each cadence boundary, for three cycles.
            var expected = new List<(long, bool)>();
            long t = 1000;
            for (int cycle = 0; cycle < 3; cycle++)
            {
                for (int i = 0; i < p.RingCadenceMs.Length; i++)
                {
                    expected.Add((t, (i & 1) == 0));
                    t += p.RingCadenceMs[i];
                }
            }

            expected.Add((t, true));
            Assert.Equal(expected, rig.Hw.Ringing);
        }

        [Fact]
        public void BellCallerIdGoesBetweenTheFirstAndSecondRing()
        {
            var rig = new LineRig();
            rig.Controller.StartRinging(0, CountryProfile.Us, 1200);
            rig.RunTo(13000);
            Assert.Equal(new[] { "caller-id-start@2500" }, rig.Events);
            Assert.Equal(new[] { (0L, true), (2000L, false), (6000L, true), (8000L, false), (12000L, true) }, rig.Hw.Ringing);
            Assert.Empty(rig.Hw.Polarity);
        }

        [Theory]
        [InlineData("DE", 1500)]   // 1 s ring, then caller ID 500 ms into the 4 s pause
        [InlineData("RU", 1300)]
        [InlineData("ITU", 1500)]
        public void EtsiAfterRingCallerIdGoesIntoTheFirstPause(string country, long expectedAt)
        {
            var rig = new LineRig();
            rig.Controller.StartRinging(0, CountryProfile.Find(country), 1000);
            rig.RunTo(10000);
            Assert.Equal(new[] { $"caller-id-start@{expectedAt}" }, rig.Events);
        }

        [Theory]
        [MemberData(nameof(Countries))]
        public void LongestCallerIdBurstEndsBeforeTheNextRing(string country)
        {
            // Largest MDMF message (20-digit number, 50-character name) rendered by the real generator.
            CountryProfile p = CountryProfile.Find(country);
            var msg = new byte[CallerIdMessage.MaxBytes];
            int len = CallerIdMessage.BuildMdmf(msg, 0, 12, 31, 23, 59, new string('9', 20), 'O', new string('N', 50), 'O');
            var gen = new CallerIdGenerator();
            Assert.True(gen.Start(p.CallerId, msg, 0, len));
            int burstMs = (gen.TotalSamples + 7) / 8;

            var rig = new LineRig();
            long cidAt = -1;
            rig.Controller.EventRaised += (kind, digit, at) =>
            {
                if (kind == LineEvent.CallerIdStart)
                {
                    cidAt = at;
                }
            };
            rig.Controller.StartRinging(0, p, burstMs);
            rig.RunTo(15000);
            Assert.True(cidAt >= 0);
            long ringAfterCid = rig.Hw.Ringing.First(r => r.On && r.At > cidAt).At;
            Assert.True(cidAt + burstMs + 200 <= ringAfterCid, $"{country}: caller ID {cidAt}+{burstMs} ms, next ring {ringAfterCid}");
            Assert.DoesNotContain(rig.Hw.Ringing, r => r.On && r.At > cidAt && r.At < cidAt + burstMs);
        }

        [Fact]
        public void AfterRingCallerIdSkipsTheShortGapOfADoubleRing()
        {
            var rig = new LineRig();
            rig.Controller.StartRinging(0, CountryProfile.Uk.RingCadenceMs, CallerIdMethod.V23AfterFirstRing, 1000);
            rig.RunTo(4000);
            Assert.Equal(new[] { "caller-id-start@1500" }, rig.Events);
        }

        [Theory]
        [InlineData("GB")]
        [InlineData("FR")]
        public void BeforeRingCallerIdFollowsALineReversalAndPrecedesRinging(string country)
        {
            var rig = new LineRig();
            rig.RunTo(100);
            rig.Controller.StartRinging(100, CountryProfile.Find(country), 900);
            rig.RunTo(4000);
            Assert.Equal(new[] { "caller-id-start@250" }, rig.Events);
            Assert.Equal((100L, true), rig.Hw.Polarity[0]);
            Assert.Equal((1450L, false), rig.Hw.Polarity[1]);    // 250 + 900 + 300
            Assert.Equal((1450L, true), rig.Hw.Ringing[0]);
            Assert.Equal(LineState.Ringing, rig.Controller.State);
        }

        [Fact]
        public void AnsweringStopsRingingAndCallerId()
        {
            var rig = new LineRig();
            rig.Controller.StartRinging(0, CountryProfile.Us, 1200);
            rig.Edge(1500, true);
            rig.RunTo(9000);
            Assert.Equal(new[] { "off-hook@1500" }, rig.Events);
            Assert.Equal(new[] { (0L, true), (1510L, false) }, rig.Hw.Ringing);
            Assert.Equal(LineState.OffHook, rig.Controller.State);
        }

        [Fact]
        public void PolarityReversesOnRemoteAnswerAndRestoresOnHangUp()
        {
            var rig = new LineRig();
            rig.Edge(0, true);
            rig.RunTo(2000);
            rig.Controller.RemoteAnswered(2000);
            rig.Edge(5000, false);
            rig.RunTo(7000);
            Assert.Equal(2, rig.Hw.Polarity.Count);
            Assert.Equal((2000L, true), rig.Hw.Polarity[0]);
            Assert.False(rig.Hw.Polarity[1].Reversed);
            Assert.InRange(rig.Hw.Polarity[1].At, 5801, 5821); // restored at the poll that recognises the hang-up
            Assert.Equal(new[] { "off-hook@0", "on-hook@5801" }, rig.Events);
            Assert.Equal(LineState.Idle, rig.Controller.State);
        }

        [Fact]
        public void StopRingingReturnsToIdle()
        {
            var rig = new LineRig();
            rig.Controller.StartRinging(0, CountryProfile.De, 1000);
            rig.RunTo(500);
            rig.Controller.StopRinging(500);
            rig.RunTo(10000);
            Assert.Equal(new[] { (0L, true), (500L, false) }, rig.Hw.Ringing);
            Assert.Equal(LineState.Idle, rig.Controller.State);
            Assert.False(rig.Controller.StartRinging(10000, null, CallerIdMethod.None, 0));
        }

        [Fact]
        public void KeypadKeysAndIndicatorPassThrough()
        {
            var rig = new LineRig();
            rig.Hw.Keys.Enqueue('4');
            rig.Hw.Keys.Enqueue('#');
            rig.RunTo(40);
            Assert.Equal(new[] { "key:4@0", "key:#@0" }, rig.Events);
            rig.Controller.SetMessageWaiting(true);
            Assert.Equal(Phone.Core.Ports.IndicatorPattern.SlowBlink, rig.Hw.Indicator);
        }

        [Fact]
        public void PollReturnsTheNextDeadline()
        {
            var rig = new LineRig();
            Assert.Equal(long.MaxValue, rig.Controller.Poll(0));
            rig.Controller.StartRinging(0, CountryProfile.Us, 1000);
            Assert.Equal(2000, rig.Controller.Poll(10));
            Assert.Equal(2500, rig.Controller.Poll(2000));
        }
    }
}
