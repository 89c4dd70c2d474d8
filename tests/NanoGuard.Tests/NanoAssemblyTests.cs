// Runs the IL guard over every assembly built for the device, so nothing that would crash nanoCLR lands.
namespace NanoGuard.Tests
{
    using System.IO;
    using System.Linq;

    public class NanoAssemblyTests
    {
        public static TheoryData<string> NanoAssemblies => new TheoryData<string> { "NanoCore" };

        [Theory]
        [MemberData(nameof(NanoAssemblies))]
        public void HasNothingNanoClrCannotRun(string setting)
        {
            string path = NanoBuild.Setting(setting);
            Assert.True(File.Exists(path), "nano build output missing: " + path);
            var violations = NanoBuild.Guard().Check(path);
            Assert.True(violations.Count == 0,
                Path.GetFileName(path) + " has " + violations.Count + " construct(s) nanoCLR 1.17 cannot run or hot-path allocations:\n  "
                + string.Join("\n  ", violations.Select(v => v.ToString())));
        }

        [Fact]
        public void ReferencesOnlyNanoMscorlib()
        {
            using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(NanoBuild.Setting("NanoCore")));
            var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            var refs = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToArray();
            Assert.Equal(new[] { "mscorlib" }, refs);
        }
    }
}
