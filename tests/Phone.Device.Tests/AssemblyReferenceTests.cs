// The CI device assembly references only nano mscorlib, the core's device assemblies and the declaration assemblies.
namespace Phone.Device.Tests
{
    using System.IO;
    using System.Linq;
    using System.Reflection.Metadata;
    using System.Reflection.PortableExecutable;

    public class AssemblyReferenceTests
    {
        private static readonly string[] CoreAssemblies = TwoWorldsTests.CoreGroups.Select(g => "Phone.Core." + g).ToArray();

        [Fact]
        public void Ci_device_assembly_references_only_mscorlib_core_and_declarations()
        {
            // The test's own output path names the configuration (…/bin/Release/net10.0/).
            string dll = DeviceIlGuardTests.DeviceAssembly;
            Assert.True(File.Exists(dll), dll + " not built");

            var declared = TwoWorldsTests.DeclarationProjects().ToDictionary(
                p => TwoWorldsTests.Property(p, "AssemblyName"), p => TwoWorldsTests.Property(p, "NanoPackageVersion"));
            using var pe = new PEReader(File.OpenRead(dll));
            var md = pe.GetMetadataReader();
            var refs = md.AssemblyReferences.Select(h => md.GetAssemblyReference(h)).ToList();
            Assert.Contains(refs, r => md.GetString(r.Name) == "mscorlib");
            foreach (var r in refs)
            {
                string name = md.GetString(r.Name);
                if (name == "mscorlib")
                {
                    Assert.Equal("1.17.11.0", r.Version.ToString());
                }
                else if (name.StartsWith("Phone.Core.") && CoreAssemblies.Contains(name))
                {
                    continue;
                }
                else
                {
                    Assert.True(declared.ContainsKey(name), "unexpected reference " + name);
                    Assert.Equal(declared[name] + ".0", r.Version.ToString());
                }
            }
            Assert.Equal("Phone.Device", md.GetString(md.GetAssemblyDefinition().Name));
        }
    }
}
