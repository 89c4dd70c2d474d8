// Last-known-good persistence: a power cut at every write step and at every byte of each write never loses the
// configuration and never mixes old and new.
namespace Phone.Core.Tests.Provisioning
{
    using System;
    using System.Text;
    using CsCheck;
    using Phone.Core.Provisioning;

    public class ConfigSlotStoreTests
    {
        private const int Max = 4096;

        private static byte[] Content(int generation)
            => Encoding.UTF8.GetBytes("config.version = 1\naccount.1.user = " + (200 + generation).ToString()
                + "\naccount.1.registrar = pbx.example.com\naccount.1.password = secret-" + generation.ToString() + "\n"
                + new string('#', 40 * generation) + "\n");

        private static byte[] Load(FaultInjectingStore store, out uint sequence)
        {
            var slots = new ConfigSlotStore(store, "cfg", Max);
            byte[] buffer = new byte[Max];
            int n = slots.Load(buffer, 0);
            sequence = slots.Sequence;
            if (n < 0) return null;
            byte[] result = new byte[n];
            Array.Copy(buffer, result, n);
            return result;
        }

        [Fact]
        public void Crc32MatchesTheStandardCheckValue()
            => Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789"), 0, 9));

        [Fact]
        public void Crc32FourBitsAtATimeEqualsTheBitwiseDefinitionForAnyBytes()
        {
            static uint Bitwise(byte[] d, int offset, int count)
            {
                uint c = 0xFFFFFFFF;
                for (int i = offset; i < offset + count; i++)
                {
                    c ^= d[i];
                    for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }
                return ~c;
            }
            Gen.Select(Gen.Byte.Array[0, 600], Gen.Int[0, 20], Gen.Int[0, 20]).Sample((data, a, b) =>
            {
                int offset = Math.Min(a, data.Length);
                int count = Math.Max(0, data.Length - offset - b);
                Assert.Equal(Bitwise(data, offset, count), Crc32.Compute(data, offset, count));
            });
        }

        [Fact]
        public void EmptyStoreLoadsNothingThenEachSaveBecomesActiveInTurn()
        {
            var store = new FaultInjectingStore();
            Assert.Null(Load(store, out _));
            var slots = new ConfigSlotStore(store, "cfg", Max);
            for (int g = 1; g <= 5; g++)
            {
                byte[] c = Content(g);
                Assert.True(slots.Save(c, 0, c.Length));
                Assert.Equal((g - 1) % 2, slots.ActiveSlot);
                Assert.Equal(c, Load(store, out uint seq));
                Assert.Equal((uint)g, seq);
            }
        }

        [Fact]
        public void BufferApiSavesAndLoadsWithoutASecondCopy()
        {
            var store = new FaultInjectingStore();
            var slots = new ConfigSlotStore(store, "cfg", Max);
            byte[] c = Content(3);
            Array.Copy(c, 0, slots.Buffer, ConfigSlotStore.HeaderLength, c.Length);
            Assert.True(slots.SaveBuffer(c.Length));
            var again = new ConfigSlotStore(store, "cfg", Max);
            int n = again.LoadBuffer();
            Assert.Equal(c, again.Buffer.AsSpan(ConfigSlotStore.HeaderLength, n).ToArray());
            // A second save through the copying API lands in the other slot and wins.
            byte[] d = Content(4);
            Assert.True(again.Save(d, 0, d.Length));
            Assert.Equal(1, again.ActiveSlot);
            var third = new ConfigSlotStore(store, "cfg", Max);
            n = third.LoadBuffer();
            Assert.Equal(d, third.Buffer.AsSpan(ConfigSlotStore.HeaderLength, n).ToArray());
            Assert.Equal(-1, new ConfigSlotStore(new FaultInjectingStore(), "cfg", Max).LoadBuffer());
        }

        [Fact]
        public void OversizedContentIsRefusedAndTheOldStays()
        {
            var store = new FaultInjectingStore();
            var slots = new ConfigSlotStore(store, "cfg", Max);
            byte[] c = Content(1);
            Assert.True(slots.Save(c, 0, c.Length));
            Assert.False(slots.Save(new byte[Max + 1], 0, Max + 1));
            Assert.Equal(c, Load(store, out _));
        }

        [Fact]
        public void ACorruptedActiveSlotFallsBackToTheOtherOne()
        {
            var store = new FaultInjectingStore();
            var slots = new ConfigSlotStore(store, "cfg", Max);
            byte[] c1 = Content(1), c2 = Content(2);
            slots.Save(c1, 0, c1.Length);
            slots.Save(c2, 0, c2.Length);
            byte[] raw = store.Raw("cfg.b");
            raw[ConfigSlotStore.HeaderLength + 5] ^= 0x01; // one bit flipped in flash
            store.Write("cfg.b", raw, 0, raw.Length);
            Assert.Equal(c1, Load(store, out uint seq));
            Assert.Equal(1u, seq);
        }

        [Theory]
        [InlineData(TornMode.Truncate, 0)]
        [InlineData(TornMode.InPlace, 0)]
        [InlineData(TornMode.Truncate, 1)]
        [InlineData(TornMode.InPlace, 1)]
        [InlineData(TornMode.Truncate, 2)]
        [InlineData(TornMode.InPlace, 2)]
        [InlineData(TornMode.InPlace, 3)]
        public void PowerCutAtEveryStepAndEveryByteKeepsOldOrNewNeverAMix(TornMode mode, int savedBefore)
        {
            // Dry run: how many write steps does the next save take, and how long is each?
            var dry = new FaultInjectingStore { Mode = mode };
            var drySlots = new ConfigSlotStore(dry, "cfg", Max);
            for (int g = 1; g <= savedBefore; g++) { byte[] c = Content(g); Assert.True(drySlots.Save(c, 0, c.Length)); }
            dry.ResetSteps();
            byte[] next = Content(savedBefore + 1);
            Assert.True(drySlots.Save(next, 0, next.Length));
            Assert.True(dry.Steps >= 1);
            int cases = 0;

            for (int step = 0; step < dry.Steps; step++)
            {
                for (int bytes = 0; bytes <= dry.StepSizes[step]; bytes++)
                {
                    var store = new FaultInjectingStore { Mode = mode };
                    var slots = new ConfigSlotStore(store, "cfg", Max);
                    for (int g = 1; g <= savedBefore; g++) { byte[] c = Content(g); slots.Save(c, 0, c.Length); }
                    store.ResetSteps();
                    store.CutAt(step, bytes);
                    bool saved = slots.Save(next, 0, next.Length);
                    Assert.False(saved && store.PoweredOff && bytes < dry.StepSizes[step]);
                    store.Reboot();

                    byte[] booted = Load(store, out _);
                    if (savedBefore == 0)
                    {
                        Assert.True(booted == null || Same(booted, next), $"step {step} byte {bytes}: mixed content");
                    }
                    else
                    {
                        Assert.NotNull(booted);
                        Assert.True(Same(booted, Content(savedBefore)) || Same(booted, next), $"step {step} byte {bytes}: mixed content");
                    }
                    if (bytes == dry.StepSizes[step] && step == dry.Steps - 1) Assert.Equal(next, booted);

                    // The device keeps working after the reboot: the following save succeeds and wins.
                    byte[] after = Content(savedBefore + 2);
                    var rebooted = new ConfigSlotStore(store, "cfg", Max);
                    rebooted.Load(new byte[Max], 0);
                    Assert.True(rebooted.Save(after, 0, after.Length));
                    Assert.Equal(after, Load(store, out _));
                    cases++;
                }
            }
            Assert.True(cases > next.Length);
        }

        private static bool Same(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);
    }
}
