// The firmware assembly passes the same IL guard as the core: nothing nanoCLR 1.17 cannot run, no [HotPath] allocation.
namespace Phone.Device.Tests
{
    using System.IO;
    using System.Linq;
    using System.Reflection;
    using NanoGuard;

    public class DeviceIlGuardTests
    {
        internal static string Configuration
            => new DirectoryInfo(System.AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent.Name;

        internal static string DeviceAssembly
            => RepoPaths.Of("src", "Phone.Device.Ci", "bin", Configuration, "netstandard2.0", "Phone.Device.dll");

        [Fact]
        public void Device_assembly_has_nothing_nanoclr_cannot_run()
        {
            string output = Path.GetDirectoryName(DeviceAssembly);
            string mscorlib = typeof(DeviceIlGuardTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "NanoMscorlib").Value;
            // Enums of the declaration assemblies matter too: boxing or ToString() of, say, I2sMode is the same bug.
            var references = Directory.GetFiles(output, "*.dll").Where(f => Path.GetFileName(f) != "Phone.Device.dll").Append(mscorlib).ToArray();
            Assert.Contains(references, r => Path.GetFileName(r) == "System.Device.I2s.dll");

            var violations = new NanoIlGuard(references).Check(DeviceAssembly);

            Assert.True(violations.Count == 0, string.Join("\n", violations.Select(v => v.ToString())));
        }
    }
}
