namespace Phone.Core.Tests.Dns
{
    using System;
    using Phone.Core.Dns;

    public class SrvOrderingTests
    {
        private static SrvRecord Rec(int priority, int weight, string target)
            => new SrvRecord { Priority = priority, Weight = weight, Target = target, Port = 5060 };

        [Fact]
        public void LowerPriorityAlwaysComesFirst()
        {
            var records = new[] { Rec(20, 100, "c"), Rec(10, 1, "a"), Rec(30, 5, "d"), Rec(10, 1, "b") };
            var order = new int[4];
            for (int seed = 0; seed < 100; seed++)
            {
                Assert.Equal(4, SrvOrdering.Order(records, 4, new Random(seed), order));
                Assert.Equal(10, records[order[0]].Priority);
                Assert.Equal(10, records[order[1]].Priority);
                Assert.Equal("c", records[order[2]].Target);
                Assert.Equal("d", records[order[3]].Target);
            }
        }

        [Fact]
        public void WeightsShareTheFirstChoice()
        {
            // RFC 2782: within a priority, the chance of being first is proportional to weight.
            var records = new[] { Rec(10, 60, "a"), Rec(10, 30, "b"), Rec(10, 10, "c") };
            var order = new int[3];
            var random = new Random(42);
            var first = new int[3];
            const int trials = 20000;
            for (int i = 0; i < trials; i++)
            {
                SrvOrdering.Order(records, 3, random, order);
                first[order[0]]++;
            }
            Assert.InRange(first[0] / (double)trials, 0.57, 0.63);
            Assert.InRange(first[1] / (double)trials, 0.27, 0.33);
            Assert.InRange(first[2] / (double)trials, 0.08, 0.12);
        }

        [Fact]
        public void EveryRecordAppearsExactlyOnce()
        {
            var records = new[] { Rec(1, 0, "a"), Rec(1, 0, "b"), Rec(1, 5, "c"), Rec(2, 0, "d"), Rec(2, 7, "e") };
            var order = new int[5];
            for (int seed = 0; seed < 200; seed++)
            {
                Assert.Equal(5, SrvOrdering.Order(records, 5, new Random(seed), order));
                Array.Sort(order);
                Assert.Equal(new[] { 0, 1, 2, 3, 4 }, order);
            }
        }

        [Fact]
        public void LoneDotTargetMeansServiceNotAvailable()
            => Assert.Equal(0, SrvOrdering.Order(new[] { Rec(0, 0, ".") }, 1, new Random(1), new int[1]));
    }
}
