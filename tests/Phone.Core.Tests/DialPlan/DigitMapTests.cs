// Cisco SPA style digit maps: office plan table, timers, substitution, blocking, compile errors, zero allocation.
namespace Phone.Core.Tests.DialPlan
{
    using System;
    using Phone.Core.DialPlan;

    public class DigitMapTests
    {
        private const string OfficePlan = "(<9:>xxxxxxxxxx|<9:1>xxxxxxxxxx|[2-7]xxx|911|9911|*xx|1xxx.|00x.|!1900xxxxxxx)";

        private static DigitMapMatcher Matcher(string map)
        {
            var m = new DigitMap();
            Assert.True(DigitMap.TryCompile(map, m, out int err), "error at " + err);
            return new DigitMapMatcher(m);
        }

        /// <summary>Feeds keys 1 s apart; returns the result after the last key and the result after the timer(s).</summary>
        private static (DialResult AfterKeys, DialResult AfterTimeout, string Number) Dial(string map, string keys)
        {
            var m = Matcher(map);
            long now = 0;
            m.Start(now);
            DialResult r = DialResult.Incomplete;
            foreach (char k in keys)
            {
                now += 1000;
                r = m.Feed(k, now);
            }
            DialResult after = r;
            if (m.Deadline >= 0) after = m.Poll(m.Deadline);
            return (r, after, m.Number);
        }

        [Theory]
        // keys, result after the last key, result after the timer, number dialled
        [InlineData("2345", DialResult.FullMatch, DialResult.FullMatch, "2345")]                 // internal extension
        [InlineData("7000", DialResult.FullMatch, DialResult.FullMatch, "7000")]
        [InlineData("96135551234", DialResult.FullMatch, DialResult.FullMatch, "6135551234")]    // outside line: 9 stripped
        [InlineData("911", DialResult.PartialMatch, DialResult.FullMatch, "911")]                // could still become 9+10 digits
        [InlineData("9911", DialResult.PartialMatch, DialResult.FullMatch, "9911")]
        [InlineData("*72", DialResult.FullMatch, DialResult.FullMatch, "*72")]                   // feature code
        [InlineData("1234", DialResult.PartialMatch, DialResult.FullMatch, "1234")]              // 1xxx. open-ended
        [InlineData("18005551234", DialResult.PartialMatch, DialResult.FullMatch, "18005551234")]
        [InlineData("0044207946000", DialResult.PartialMatch, DialResult.FullMatch, "0044207946000")] // international
        [InlineData("19005551234", DialResult.Blocked, DialResult.Blocked, null)]                // premium barred
        [InlineData("8", DialResult.NoMatch, DialResult.NoMatch, null)]
        [InlineData("#", DialResult.NoMatch, DialResult.NoMatch, null)]
        [InlineData("23456", DialResult.FullMatch, DialResult.FullMatch, "2345")]                // keys after the match are ignored
        [InlineData("5", DialResult.Incomplete, DialResult.NoMatch, null)]                       // long timer runs out
        [InlineData("961355", DialResult.Incomplete, DialResult.NoMatch, null)]
        [InlineData("", DialResult.Incomplete, DialResult.NoMatch, null)]
        public void OfficePlan_Table(string keys, DialResult afterKeys, DialResult afterTimeout, string number)
        {
            var (r, t, n) = Dial(OfficePlan, keys);
            Assert.Equal(afterKeys, r);
            Assert.Equal(afterTimeout, t);
            Assert.Equal(number, n);
        }

        [Theory]
        [InlineData("(<:1>[2-9]xxxxxxxxx|<0011:+>x.)", "2125551234", "12125551234")]   // prefix
        [InlineData("(<:1>[2-9]xxxxxxxxx|<0011:+>x.)", "00114420794", "+4420794")]     // replace
        [InlineData("<8:>xxx<:#>", "8123", "123#")]                                     // strip and append
        [InlineData("[135]x", "37", "37")]
        [InlineData("[1-35]xS0", "27", "27")]
        [InlineData("*[67]x|#x", "#5", "#5")]
        [InlineData("<x.:>#", "123#", "#")]                                             // digits deleted, # kept
        public void SubstitutionAndSets(string map, string keys, string expected)
        {
            var (_, t, n) = Dial(map, keys);
            Assert.Equal(DialResult.FullMatch, t);
            Assert.Equal(expected, n);
        }

        [Fact]
        public void TimersFromMapAndPerPattern()
        {
            var m = Matcher("L:8, S:2.5, (911S0|[2-7]xxx|9xxxxxxxxxx|0x.)");
            m.Start(0);
            Assert.Equal(8000, m.Deadline);
            Assert.Equal(DialResult.Incomplete, m.Feed('9', 100));
            Assert.Equal(8100, m.Deadline);                       // long timer while nothing matches
            m.Feed('1', 200);
            Assert.Equal(DialResult.FullMatch, m.Feed('1', 300)); // S0: dial at once although 9xxxxxxxxxx could go on
            Assert.Equal("911", m.Number);
            Assert.Equal(-1, m.Deadline);

            m.Start(1000);
            Assert.Equal(DialResult.PartialMatch, m.Feed('0', 1000)); // "0x." already matches "0"
            Assert.Equal(3500, m.Deadline);
            Assert.Equal(DialResult.PartialMatch, m.Feed('4', 1100));
            Assert.Equal(3600, m.Deadline);                       // short timer 2.5 s
            Assert.Equal(DialResult.PartialMatch, m.Poll(3599));
            Assert.Equal(DialResult.FullMatch, m.Poll(3600));
            Assert.Equal("04", m.Number);
            byte[] buf = new byte[8];
            Assert.Equal(2, m.WriteNumber(buf, 1));
            Assert.Equal((byte)'0', buf[1]);
        }

        [Fact]
        public void BlockedMarkerMayTrailAndWinsOverBroaderMatch()
        {
            var (r, _, _) = Dial("(1xxx.|1976xxxxxxx!)", "19765551234");
            Assert.Equal(DialResult.Blocked, r);
            var (r2, t2, n2) = Dial("(1xxx.|1976xxxxxxx!)", "19775551234");
            Assert.Equal(DialResult.PartialMatch, r2);
            Assert.Equal(DialResult.FullMatch, t2);
            Assert.Equal("19775551234", n2);
        }

        [Fact]
        public void MoreSpecificPatternWinsOverEarlierGeneralOne()
        {
            // "xxxx" and "2xxx" both match 2345: the literal makes 2xxx more specific.
            var m = Matcher("(<:9>xxxx|<:7>2xxx)");
            m.Start(0);
            foreach (char k in "2345") m.Feed(k, 0);
            Assert.Equal(DialResult.FullMatch, m.Result);
            Assert.Equal("72345", m.Number);
            Assert.Equal(1, m.MatchedPattern);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("(")]
        [InlineData("(123")]
        [InlineData("123)")]
        [InlineData("()")]
        [InlineData("1||2")]
        [InlineData("[9-2]")]
        [InlineData("[12")]
        [InlineData("[]")]
        [InlineData(".123")]
        [InlineData("12..")]
        [InlineData("<9:")]
        [InlineData("<9:1")]
        [InlineData("<<9:>:>")]
        [InlineData("<:1>")]          // inserts only, no key
        [InlineData("<:1>.")]
        [InlineData("12a")]
        [InlineData("S")]
        [InlineData("L:x,(1)")]
        [InlineData("<9:a>x")]
        public void CompileErrors(string map)
        {
            Assert.False(DigitMap.TryCompile(map, new DigitMap(), out _));
        }

        [Fact]
        public void TooManyPatternsIsACompileError()
        {
            string map = "1";
            for (int i = 0; i < DigitMap.MaxPatterns; i++) map += "|1";
            Assert.False(DigitMap.TryCompile(map, new DigitMap(), out _));
        }

        [Fact]
        public void FeedingKeysAllocatesNothing()
        {
            var m = Matcher(OfficePlan);
            m.Start(0);
            m.Feed('1', 0); // warm up
            m.Start(0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            foreach (char k in "0044207946000") m.Feed(k, 0);
            m.Poll(m.Deadline);
            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(before, after);
            Assert.Equal(DialResult.FullMatch, m.Result);
        }

        [Fact]
        public void TheMatchersTablesFitTheLongestPatternOfItsMap()
        {
            // The matcher sizes its per-element tables to the map's longest pattern: a short pattern next to one of 32
            // elements (a deleted 9, 30 digits, an inserted '#' after the last) and one of 47 (near the 48 a pattern may take)
            // are both spelled out, from the compact map the agent uses and from a full one.
            string thirty = new string('x', 30);
            string map = "(12|<9:>" + thirty + "<:#>|" + new string('x', 47) + "S0)";
            string keys = "9" + "123456789012345678901234567890";
            foreach (DigitMap compiled in new[] { DigitMap.CompileCompact(map, out int error), CompileFull(map) })
            {
                Assert.NotNull(compiled);
                foreach (var (dialled, expected) in new[] { ("12", "12"), (keys, keys.Substring(1) + "#"), ("5", null) })
                {
                    var m = new DigitMapMatcher(compiled);
                    m.Start(0);
                    DialResult r = DialResult.Incomplete;
                    long now = 0;
                    foreach (char k in dialled) r = m.Feed(k, now += 100);
                    if (m.Deadline >= 0) r = m.Poll(m.Deadline);
                    if (expected == null) continue;   // "5" only starts the 47-digit pattern: must not throw
                    Assert.Equal(DialResult.FullMatch, r);
                    Assert.Equal(expected, m.Number);
                }
            }
        }

        private static DigitMap CompileFull(string map)
        {
            var m = new DigitMap();
            Assert.True(DigitMap.TryCompile(map, m, out int err), "error at " + err);
            return m;
        }

        [Fact]
        public void TooManyKeysIsNoMatch()
        {
            var m = Matcher("x.");
            m.Start(0);
            DialResult r = DialResult.Incomplete;
            for (int i = 0; i <= DigitMapMatcher.MaxDigits; i++) r = m.Feed('5', i);
            Assert.Equal(DialResult.NoMatch, r);
        }

        [Fact]
        public void NamesForLogs()
        {
            Assert.Equal("PartialMatch", DialResultNames.Name(DialResult.PartialMatch));
            Assert.Equal("Blocked", DialResultNames.Name(DialResult.Blocked));
        }
    }
}
