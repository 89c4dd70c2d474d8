// The on-device unit tests pass the same IL guard as the core: what the board's nanoCLR 1.17 cannot run fails here first.
namespace Phone.Device.Tests
{
    using System.IO;
    using System.Linq;
    using System.Reflection;
    using NanoGuard;

    public class DeviceTestsIlGuardTests
    {
        internal static string TestAssembly
            => RepoPaths.Of("tests", "Phone.Core.DeviceTests", "bin", DeviceIlGuardTests.Configuration, "netstandard2.0", "NFUnitTest.dll");

        [Fact]
        public void Device_test_assembly_has_nothing_nanoclr_cannot_run()
        {
            string output = Path.GetDirectoryName(TestAssembly);
            string mscorlib = typeof(DeviceTestsIlGuardTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "NanoMscorlib").Value;
            var references = Directory.GetFiles(output, "*.dll").Where(f => Path.GetFileName(f) != "NFUnitTest.dll").Append(mscorlib).ToArray();
            Assert.Contains(references, r => Path.GetFileName(r) == "nanoFramework.TestFramework.dll");

            var violations = new NanoIlGuard(references).Check(TestAssembly);

            Assert.True(violations.Count == 0, string.Join("\n", violations.Select(v => v.ToString())));
        }
    }
}
