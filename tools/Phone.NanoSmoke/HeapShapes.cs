// Object shapes whose nanoCLR heap cost the firmware memory model predicts (tests/Phone.Core.Tests/Device/NanoHeapModelTests.cs has the same shapes).
#pragma warning disable CS0649
namespace Phone.NanoSmoke
{
    /// <summary>Classes and structs of one kind of field each, measured by <see cref="HeapProbe"/>.</summary>
    internal static class HeapShapes
    {
        internal sealed class Empty
        {
        }

        internal sealed class OneInt
        {
            public int A;
        }

        internal sealed class TenInts
        {
            public int A, B, C, D, E, F, G, H, I, J;
        }

        internal sealed class OneLong
        {
            public long A;
        }

        internal sealed class OneRef
        {
            public object R;
        }

        internal struct TwoInts
        {
            public int Start;
            public int Length;
        }

        internal sealed class OneStruct
        {
            public TwoInts S;
        }

        internal struct Nested
        {
            public TwoInts X;
            public TwoInts Y;
            public int Z;
        }

        internal sealed class OneNested
        {
            public Nested N;
        }
    }
}
