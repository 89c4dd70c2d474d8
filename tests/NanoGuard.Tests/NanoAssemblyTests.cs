// Runs the IL guard over every device assembly of the core, so nothing that would crash nanoCLR, or not fit in a
// nanoFramework assembly, lands.
namespace NanoGuard.Tests
{
    using System.IO;
    using System.Linq;
    using System.Reflection.Metadata;
    using System.Reflection.PortableExecutable;

    public class NanoAssemblyTests
    {
        private static readonly string[] Groups = { "Base", "Media", "Sip", "Provisioning", "Calls" };

        public static TheoryData<string> NanoAssemblies()
        {
            var data = new TheoryData<string>();
            foreach (string g in Groups) data.Add("Phone.Core." + g);
            return data;
        }

        private static string PathOf(string assembly)
        {
            string path = NanoBuild.Setting(assembly);
            Assert.True(File.Exists(path), "nano build output missing: " + path);
            return path;
        }

        private static NanoIlGuard GuardWithCoreReferences()
            => new NanoIlGuard(new[] { NanoBuild.MscorlibPath }.Concat(Groups.Select(g => PathOf("Phone.Core." + g))));

        [Theory]
        [MemberData(nameof(NanoAssemblies))]
        public void HasNothingNanoClrCannotRun(string assembly)
        {
            string path = PathOf(assembly);
            var violations = GuardWithCoreReferences().Check(path);
            Assert.True(violations.Count == 0,
                Path.GetFileName(path) + " has " + violations.Count + " construct(s) nanoCLR 1.17 cannot run or hot-path allocations:\n  "
                + string.Join("\n  ", violations.Select(v => v.ToString())));
        }

        [Theory]
        [MemberData(nameof(NanoAssemblies))]
        public void FitsTheByteCodeLimitOfOneNanoAssembly(string assembly)
        {
            int il = NanoIlGuard.IlBytes(File.ReadAllBytes(PathOf(assembly)));
            Assert.True(il <= NanoIlGuard.MaxIlBytesPerAssembly,
                assembly + " has " + il + " bytes of IL; at nanoFramework's ~0.76 byte code per IL byte that is over the 64 KB "
                + "a .pe assembly can address (limit kept here: " + NanoIlGuard.MaxIlBytesPerAssembly + " bytes of IL). "
                + "Move a folder to another device assembly in src/Phone.Core.Nano.");
        }

        [Theory]
        [MemberData(nameof(NanoAssemblies))]
        public void ReferencesOnlyNanoMscorlibAndOtherCoreAssemblies(string assembly)
        {
            using var pe = new PEReader(File.OpenRead(PathOf(assembly)));
            MetadataReader md = pe.GetMetadataReader();
            foreach (var h in md.AssemblyReferences)
            {
                string name = md.GetString(md.GetAssemblyReference(h).Name);
                Assert.True(name == "mscorlib" || Groups.Any(g => name == "Phone.Core." + g), assembly + " references " + name);
            }
        }
    }
}
