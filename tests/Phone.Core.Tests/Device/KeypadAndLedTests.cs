// Keypad debounce/decoding and LED pattern timing, driven by hand like the device's 10 ms loop.
namespace Phone.Core.Tests.Device
{
    using Phone.Core.Device;

    public class KeypadAndLedTests
    {
        private static void FullScan(KeypadMatrix m, params int[] rowMasks)
        {
            for (int r = 0; r < m.Rows; r++) m.ScanRow(r, r < rowMasks.Length ? rowMasks[r] : 0);
        }

        [Fact]
        public void A_press_counts_after_two_identical_scans_and_once_only()
        {
            var m = new KeypadMatrix(4, 3, "123456789*0#");
            FullScan(m, 0, 0b010);            // row 1, column 1 = '5'
            Assert.False(m.TryReadKey(out _));
            FullScan(m, 0, 0b010);
            Assert.True(m.TryReadKey(out char key));
            Assert.Equal('5', key);
            FullScan(m, 0, 0b010);            // still held: no repeat
            Assert.False(m.TryReadKey(out _));
            Assert.True(m.IsDown(1, 1));
        }

        [Fact]
        public void A_one_scan_bounce_is_ignored()
        {
            var m = new KeypadMatrix(4, 3, "123456789*0#");
            FullScan(m, 0, 0, 0, 0b100);      // '#' closes for one scan only
            FullScan(m);
            FullScan(m);
            Assert.False(m.TryReadKey(out _));
        }

        [Fact]
        public void Release_then_press_again_gives_a_second_key_and_presses_queue_in_order()
        {
            var m = new KeypadMatrix(4, 3, "123456789*0#");
            FullScan(m, 0b001); FullScan(m, 0b001);          // '1'
            FullScan(m); FullScan(m);                        // released
            FullScan(m, 0, 0, 0, 0b010); FullScan(m, 0, 0, 0, 0b010); // '0'
            FullScan(m, 0b001, 0, 0, 0b010); FullScan(m, 0b001, 0, 0, 0b010); // '1' again, '0' held
            Assert.True(m.TryReadKey(out char a));
            Assert.True(m.TryReadKey(out char b));
            Assert.True(m.TryReadKey(out char c));
            Assert.False(m.TryReadKey(out _));
            Assert.Equal("101", new string(new[] { a, b, c }));
        }

        [Fact]
        public void A_full_queue_drops_and_counts()
        {
            var m = new KeypadMatrix(1, 1, "x");
            for (int i = 0; i < 20; i++)
            {
                FullScan(m, 1); FullScan(m, 1);
                FullScan(m, 0); FullScan(m, 0);
            }
            Assert.Equal(4, m.Dropped);
        }

        [Theory]
        [InlineData(LedPatternId.Off, 0, false)]
        [InlineData(LedPatternId.On, 123456, true)]
        [InlineData(LedPatternId.Booting, 0, true)]
        [InlineData(LedPatternId.Booting, 499, true)]
        [InlineData(LedPatternId.Booting, 500, false)]
        [InlineData(LedPatternId.Booting, 1000, true)]
        [InlineData(LedPatternId.ServiceFault, 100, true)]
        [InlineData(LedPatternId.ServiceFault, 200, false)]
        [InlineData(LedPatternId.ServiceFault, 350, true)]
        [InlineData(LedPatternId.ServiceFault, 1000, false)]
        [InlineData(LedPatternId.ServiceFault, 2050, true)]
        [InlineData(LedPatternId.FactoryReset, 150, false)]
        [InlineData(LedPatternId.Ringing, 600, true)]
        [InlineData(LedPatternId.Ringing, 800, false)]
        public void Led_patterns_follow_their_table(LedPatternId pattern, long ms, bool lit)
        {
            Assert.Equal(lit, LedPattern.IsOn(pattern, ms));
        }

        [Fact]
        public void Every_led_pattern_lights_exactly_as_its_on_off_durations_say_over_two_periods()
        {
            // The durations as the table they were (on, off, on, off … repeating); the pattern code must agree at
            // every millisecond, the first and second period and a negative time (treated as the start).
            int[][] table =
            {
                new[] { 0, 1000 }, new[] { 1000, 0 }, new[] { 500, 500 }, new[] { 150, 150, 150, 1550 },
                new[] { 100, 100 }, new[] { 250, 250, 250, 1250 }, new[] { 500, 500 }, new[] { 100, 100 },
            };
            Assert.Equal(table.Length, System.Enum.GetValues(typeof(LedPatternId)).Length);
            for (int id = 0; id < table.Length; id++)
            {
                int period = 0;
                foreach (int d in table[id]) period += d;
                for (long ms = -5; ms < 2 * period; ms++)
                {
                    long t = ms < 0 ? 0 : ms % period;
                    int step = 0;
                    while (t >= table[id][step]) t -= table[id][step++];
                    Assert.True((step % 2 == 0) == LedPattern.IsOn((LedPatternId)id, ms), $"pattern {id} at {ms} ms");
                }
            }
            Assert.False(LedPattern.IsOn((LedPatternId)8, 0));
        }

        [Fact]
        public void Line_indicator_patterns_map_to_led_patterns_with_their_timing()
        {
            Assert.Equal(LedPatternId.Off, LedPattern.ForIndicator(Phone.Core.Ports.IndicatorPattern.Off));
            Assert.Equal(LedPatternId.On, LedPattern.ForIndicator(Phone.Core.Ports.IndicatorPattern.On));
            var slow = LedPattern.ForIndicator(Phone.Core.Ports.IndicatorPattern.SlowBlink);
            Assert.True(LedPattern.IsOn(slow, 499));
            Assert.False(LedPattern.IsOn(slow, 500));
            var fast = LedPattern.ForIndicator(Phone.Core.Ports.IndicatorPattern.FastBlink);
            Assert.True(LedPattern.IsOn(fast, 99));
            Assert.False(LedPattern.IsOn(fast, 100));
        }

        [Fact]
        public void Led_pattern_names_cover_every_pattern()
        {
            Assert.Equal("service-fault", LedPattern.NameOf(LedPatternId.ServiceFault));
            Assert.Equal("ringing", LedPattern.NameOf(LedPatternId.Ringing));
            Assert.Equal("line-fast-blink", LedPattern.NameOf(LedPatternId.LineFastBlink));
            Assert.Equal("?", LedPattern.NameOf((LedPatternId)99));
        }
    }
}
