// The guard proves itself: each fixture does one forbidden thing and must be reported, naming the member.
namespace NanoGuard.Tests
{
    using System.Linq;

    public class GuardFixtureTests
    {
        private const string HotPathAttribute =
            "namespace Phone.Core { [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class HotPathAttribute : System.Attribute { } }\n";

        private static void AssertReported(string source, GuardRule rule, string member, string detail = null, bool allowUnsafe = false, bool hostCorlib = false)
        {
            var violations = NanoBuild.Guard().Check(NanoBuild.Compile(source, allowUnsafe, hostCorlib));
            Assert.Contains(violations, v => v.Rule == rule && v.Member == member && (detail == null || v.Detail.Contains(detail)));
        }

        [Fact]
        public void FuncInstantiationIsReported()
            => AssertReported("class C { int M() { System.Func<int,int> f = x => x; return f(1); } }",
                GuardRule.GenericInstantiation, "C::M", "Func");

        [Fact]
        public void ActionFieldIsReported()
            => AssertReported("class C { System.Action<int> _a; }", GuardRule.GenericInstantiation, "C::_a");

        [Fact]
        public void UserGenericTypeDefinitionAndUseAreReported()
        {
            const string source = "class Box<T> { public T V; } class C { object M() => new Box<int>(); }";
            AssertReported(source, GuardRule.GenericDefinition, "Box`1");
            AssertReported(source, GuardRule.GenericInstantiation, "C::M", "Box`1<System.Int32>");
        }

        [Fact]
        public void GenericMethodDefinitionAndCallAreReported()
        {
            const string source = "class C { static T Id<T>(T x) => x; int M() => Id(3); }";
            AssertReported(source, GuardRule.GenericDefinition, "C::Id");
            AssertReported(source, GuardRule.GenericInstantiation, "C::M", "C::Id");
        }

        [Fact]
        public void PointerIsReported()
            => AssertReported("unsafe class C { int M(int* p) => *p; }", GuardRule.PointerType, "C::M", allowUnsafe: true);

        [Fact]
        public void DefaultInterfaceMethodIsReported()
            => AssertReported("interface I { int M() => 1; }", GuardRule.DefaultInterfaceMethod, "I::M");

        [Fact]
        public void VolatileFieldIsReported()
            // nano mscorlib lacks IsVolatile (so volatile does not compile there today); the guard still catches it
            // should a future mscorlib add the modifier type, so the fixture is compiled against the host corelib.
            => AssertReported("class C { volatile int _x; }", GuardRule.VolatileField, "C::_x", hostCorlib: true);

        [Fact]
        public void EnumToStringIsReported()
            => AssertReported("enum E { A, B } class C { string M(E e) => e.ToString(); }", GuardRule.EnumToString, "C::M");

        [Fact]
        public void EnumInInterpolationIsReported()
            => AssertReported("enum E { A, B } class C { string M(E e) => $\"state {e}\"; }", GuardRule.EnumToString, "C::M");

        [Theory]
        [InlineData("byte[] b = new byte[4]; return b.Length;", "newarr System.Byte")]
        [InlineData("object o = new object(); return o.GetHashCode();", "newobj System.Object::.ctor")]
        [InlineData("object o = x; return o.GetHashCode();", "box System.Int32")]
        [InlineData("string s = \"n=\" + x.ToString(); return s.Length;", "System.String::Concat")]
        [InlineData("string s = string.Format(\"{0}\", \"a\"); return s.Length;", "System.String::Format")]
        [InlineData("string s = $\"n={x}\"; return s.Length;", "System.String::Format")]
        [InlineData("string s = \"literal\"; return s.Length;", "ldstr")]
        public void AllocationInHotPathIsReported(string body, string detail)
            => AssertReported(HotPathAttribute + "class C { [Phone.Core.HotPath] int M(int x) { " + body + " } }",
                GuardRule.HotPathAllocation, "C::M", detail);

        [Fact]
        public void AllocationOutsideHotPathIsAllowed()
        {
            var violations = NanoBuild.Guard().Check(NanoBuild.Compile(
                HotPathAttribute + "class C { int M(int x) { byte[] b = new byte[x]; return b.Length; } }"));
            Assert.Empty(violations);
        }

        [Fact]
        public void CleanHotCodeIsNotReported()
        {
            const string source = HotPathAttribute + @"
                delegate void PacketHandler(byte[] data, int length);
                enum State : byte { Idle, Busy }
                static class Names { static readonly string[] N = { ""Idle"", ""Busy"" }; public static string Of(State s) => N[(int)s]; }
                class C {
                    private readonly short[] _pcm = new short[160];
                    private State _state;
                    event PacketHandler Received;
                    [Phone.Core.HotPath] int Sum(byte[] data, int count) {
                        int sum = 0;
                        for (int i = 0; i < count; i++) { sum += data[i]; _pcm[i % 160] = (short)sum; }
                        if (_state == State.Idle) _state = State.Busy;
                        switch (count) { case 0: sum++; break; case 1: sum--; break; case 2: sum += 2; break; case 3: sum -= 3; break; }
                        Received?.Invoke(data, count);
                        return sum;
                    }
                    string Describe() => ""state "" + Names.Of(_state);
                }";
            Assert.Empty(NanoBuild.Guard().Check(NanoBuild.Compile(source)));
        }
    }
}
