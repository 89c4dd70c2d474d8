// The heap model checked against nanoCLR itself: bytes measured by tools/Phone.NanoSmoke's HeapProbe on the posix build.
#pragma warning disable CS0649
namespace Phone.Core.Tests.Device
{
    using System;
    using System.Reflection;

    /// <summary>
    /// Each figure was measured on nanoCLR (nf-interpreter posix target, 64-bit: 24-byte heap blocks, built with
    /// NANOCLR_TRACE_MEMORY_STATS) as the difference of "bytes used" after a collection with and without the object
    /// held (docs/MEMORY.md, "Checked on nanoCLR"). The model, given the same block size, must predict each exactly: the
    /// rules it applies to the ESP32's 12-byte blocks are the ones these shapes exercise.
    /// </summary>
    public class NanoHeapModelTests
    {
        private sealed class Empty
        {
        }

        private sealed class OneInt
        {
            public int A;
        }

        private sealed class TenInts
        {
            public int A, B, C, D, E, F, G, H, I, J;
        }

        private sealed class OneLong
        {
            public long A;
        }

        private sealed class OneRef
        {
            public object R;
        }

        private struct TwoInts
        {
            public int Start;
            public int Length;
        }

        private sealed class OneStruct
        {
            public TwoInts S;
        }

        private struct Nested
        {
            public TwoInts X;
            public TwoInts Y;
            public int Z;
        }

        private sealed class OneNested
        {
            public Nested N;
        }

        public static TheoryData<string, int> Measured => new TheoryData<string, int>
        {
            { "class{}", 24 },
            { "class{int}", 48 },
            { "class{10 int}", 264 },
            { "class{long}", 48 },
            { "class{object}", 48 },
            { "class{struct{int,int}}", 120 },
            { "class{struct{struct,struct,int}}", 288 },
            { "byte[0]", 48 },
            { "byte[1]", 48 },
            { "byte[100]", 144 },
            { "byte[1000]", 1032 },
            { "int[100]", 432 },
            { "object[10]", 288 },
            { "struct{int,int}[10]", 1008 },
            { "string of 100 chars built at run time", 144 },
            { "string literal", 24 },
        };

        private static object Build(string shape) => shape switch
        {
            "class{}" => new Empty(),
            "class{int}" => new OneInt(),
            "class{10 int}" => new TenInts(),
            "class{long}" => new OneLong(),
            "class{object}" => new OneRef(),
            "class{struct{int,int}}" => new OneStruct(),
            "class{struct{struct,struct,int}}" => new OneNested(),
            "byte[0]" => new byte[0],
            "byte[1]" => new byte[1],
            "byte[100]" => new byte[100],
            "byte[1000]" => new byte[1000],
            "int[100]" => new int[100],
            "object[10]" => new object[10],
            "struct{int,int}[10]" => new TwoInts[10],
            "string of 100 chars built at run time" => new string('x', 100),
            "string literal" => "a literal held",
            _ => throw new ArgumentException(shape),
        };

        [Theory]
        [MemberData(nameof(Measured))]
        public void The_model_predicts_what_nanoCLR_holds_for_each_shape(string shape, int measuredBytes)
        {
            var model = new NanoHeapModel(typeof(Phone.Core.Sip.SipMessage).Assembly, Assembly.GetExecutingAssembly(), 24);
            Assert.Equal(measuredBytes, model.Add(Build(shape)));
        }

        [Fact]
        public void On_the_ESP32_the_same_rules_use_12_byte_blocks_and_a_20_byte_array_header()
        {
            var model = new NanoHeapModel(typeof(Phone.Core.Sip.SipMessage).Assembly, Assembly.GetExecutingAssembly(), 12);
            Assert.Equal(12 + 10 * 12, model.Add(new TenInts()));
            Assert.Equal(12 + 12 + (12 + 2 * 12), model.Add(new OneStruct()));
            Assert.Equal(1020, model.Add(new byte[1000]));   // 20 + 1000 rounded up to a whole block
        }
    }
}
