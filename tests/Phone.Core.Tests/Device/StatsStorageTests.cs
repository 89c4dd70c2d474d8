// The statistics classes keep their counters in one int array (docs/MEMORY.md: on nanoCLR a field costs a 12-byte heap block).
namespace Phone.Core.Tests.Device
{
    using System;
    using System.Linq;
    using System.Reflection;
    using Phone.Core.Sip;

    public class StatsStorageTests
    {
        private static readonly Assembly Core = typeof(SipMessage).Assembly;

        /// <summary>Every class of the core named *Stats.</summary>
        public static TheoryData<string> StatsTypes()
        {
            var data = new TheoryData<string>();
            foreach (Type t in Core.GetTypes().Where(t => t.IsClass && t.IsPublic && t.Name.EndsWith("Stats")).OrderBy(t => t.FullName))
            {
                data.Add(t.FullName);
            }
            return data;
        }

        private static PropertyInfo[] Counters(Type t)
            => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType == typeof(int) && p.CanRead && p.CanWrite).ToArray();

        [Fact]
        public void The_core_has_the_statistics_classes_this_test_is_about()
        {
            // A rename must not leave the checks below running over nothing.
            int n = Core.GetTypes().Count(t => t.IsClass && t.IsPublic && t.Name.EndsWith("Stats"));
            Assert.True(n >= 13, "only " + n + " *Stats classes found");
        }

        [Theory]
        [MemberData(nameof(StatsTypes))]
        public void Each_counter_has_a_slot_of_its_own(string typeName)
        {
            Type t = Core.GetType(typeName);
            PropertyInfo[] counters = Counters(t);
            Assert.NotEmpty(counters);
            object stats = Activator.CreateInstance(t);
            foreach (PropertyInfo p in counters) Assert.Equal(0, (int)p.GetValue(stats));
            // Distinct values in every counter: a slot shared by two names, or an index past the array, shows here.
            for (int i = 0; i < counters.Length; i++) counters[i].SetValue(stats, 1000 + i);
            for (int i = 0; i < counters.Length; i++) Assert.True(1000 + i == (int)counters[i].GetValue(stats), typeName + "." + counters[i].Name);
        }

        [Theory]
        [MemberData(nameof(StatsTypes))]
        public void Counters_are_not_fields_each_costing_a_heap_block(string typeName)
        {
            Type t = Core.GetType(typeName);
            FieldInfo[] numbers = t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Where(f => f.FieldType.IsPrimitive).ToArray();
            Assert.True(numbers.Length == 0, typeName + " has counter fields: " + string.Join(", ", numbers.Select(f => f.Name)));
            // On nanoCLR: a header block, one block per field (the int[] and any reference), the array at 4 B a counter.
            object stats = Activator.CreateInstance(t);
            FieldInfo[] fields = t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance);
            FieldInfo counts = fields.Single(f => f.FieldType == typeof(int[]));
            int slots = ((int[])counts.GetValue(stats)).Length;
            Assert.True(slots >= Counters(t).Length, typeName + ": " + slots + " slots for " + Counters(t).Length + " counters");
            Assert.Equal(12 + 12 * fields.Length + (20 + 4 * slots + 11) / 12 * 12, new NanoHeapModel(Core).Add(stats));
        }

        [Fact]
        public void Increments_in_place_read_back_as_with_fields()
        {
            var calls = new Phone.Core.Sip.Calls.CallStats();
            calls.Placed++;
            calls.Placed += 2;
            calls.TransportErrors++;
            Assert.Equal(3, calls.Placed);
            Assert.Equal(1, calls.TransportErrors);
            Assert.Equal(0, calls.Received);

            var rtp = new Phone.Core.Media.Rtp.RtpStats();
            rtp.TooShort++;
            rtp.EventTooShort += 4;
            rtp.PacketsAccepted = 7;
            Assert.Equal(5, rtp.RtpDropped);
            Assert.Equal(7, rtp.PacketsAccepted);
        }

        [Fact]
        public void The_parse_counters_keep_accepted_rejected_and_each_reason_apart()
        {
            var stats = new SipParseStats();
            stats.Count(SipParseError.None);
            stats.Count(SipParseError.None);
            stats.Count(SipParseError.BadCSeq);
            stats.Count(SipParseError.TooLarge);
            stats.Count(SipParseError.ValueOutOfRange);
            Assert.Equal(2, stats.Accepted);
            Assert.Equal(3, stats.Rejected);
            Assert.Equal(0, stats.RejectedFor(SipParseError.None));
            Assert.Equal(1, stats.RejectedFor(SipParseError.BadCSeq));
            Assert.Equal(1, stats.RejectedFor(SipParseError.TooLarge));
            Assert.Equal(1, stats.RejectedFor(SipParseError.ValueOutOfRange));
            Assert.Equal(0, stats.RejectedFor(SipParseError.BadHeader));
            // Every reason has a slot of its own, so the sum over them is every rejection.
            foreach (SipParseError e in Enum.GetValues<SipParseError>()) Assert.NotEqual("?", SipParseStats.ErrorName(e));
            // 48 B for Accepted, Rejected and the array field before, plus the 13-entry array of 72 B: now 24 + 72 = 96 B.
            Assert.Equal(96, new NanoHeapModel(Core).Add(new SipParseStats()));
        }

        [Fact]
        public void The_largest_statistics_objects_shrank_on_nanoCLR()
        {
            var model = new NanoHeapModel(Core);
            // Before: 12 + 12 per field (27, 19 and 17 counters): 336, 240 and 216 B.
            Assert.Equal(12 + 12 + 132, model.Add(new Phone.Core.Sip.Calls.CallStats()));
            Assert.Equal(12 + 12 + 96, model.Add(new Phone.Core.Media.Rtp.RtpStats()));
            Assert.Equal(12 + 12 + 96, model.Add(new Phone.Core.Agent.AgentStats()));
        }
    }
}
