// The Visual Studio firmware project and the Linux CI build compile the same files against the same package versions.
namespace Phone.Device.Tests
{
    using System.Collections.Generic;
    using System.IO;
    using System.Linq;
    using System.Text.RegularExpressions;
    using System.Xml.Linq;

    public class TwoWorldsTests
    {
        private static string Nfproj => RepoPaths.Of("src", "Phone.Device", "Phone.Device.nfproj");

        internal static Dictionary<string, string> PackagesConfig()
            => PackagesConfig(RepoPaths.Of("src", "Phone.Device", "packages.config"));

        /// <summary>The packages of the on-device unit-test project (tests/Phone.Core.DeviceTests).</summary>
        internal static Dictionary<string, string> DeviceTestPackagesConfig()
            => PackagesConfig(RepoPaths.Of("tests", "Phone.Core.DeviceTests", "packages.config"));

        private static Dictionary<string, string> PackagesConfig(string path)
            => XDocument.Load(path).Descendants("package")
                .ToDictionary(p => (string)p.Attribute("id"), p => (string)p.Attribute("version"));

        /// <summary>Every declaration project: the firmware's and the on-device tests' (nanoFramework.TestFramework).</summary>
        internal static IEnumerable<string> AllDeclarationProjects()
            => Directory.GetFiles(RepoPaths.Of("src", "NanoFramework.Api"), "*.csproj", SearchOption.AllDirectories).OrderBy(p => p);

        /// <summary>The declaration projects of the packages the firmware (src/Phone.Device/packages.config) uses.</summary>
        internal static IEnumerable<string> DeclarationProjects()
        {
            var firmware = PackagesConfig();
            return AllDeclarationProjects().Where(p => firmware.ContainsKey(Property(p, "NanoPackageId")));
        }

        /// <summary>The declaration projects used only by the on-device unit tests.</summary>
        internal static IEnumerable<string> DeviceTestDeclarationProjects()
        {
            var firmware = PackagesConfig();
            return AllDeclarationProjects().Where(p => !firmware.ContainsKey(Property(p, "NanoPackageId")));
        }

        internal static string Property(string project, string name)
            => XDocument.Load(project).Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

        /// <summary>The device assemblies of the portable core (src/Phone.Core.Nano/&lt;group&gt;), each under nanoFramework's 64 KB byte-code limit.</summary>
        internal static readonly string[] CoreGroups = { "Base", "Media", "Sip", "Provisioning", "Calls" };

        private static string CoreProject(string group, string extension)
            => RepoPaths.Of("src", "Phone.Core.Nano", group, "Phone.Core." + group + extension);

        [Fact]
        public void Nfproj_compiles_exactly_the_files_the_ci_build_compiles()
        {
            var device = MsBuildGlob.CompileFiles(Nfproj);
            var ci = MsBuildGlob.CompileFiles(RepoPaths.Of("src", "Phone.Device.Ci", "Phone.Device.Ci.csproj"));

            Assert.Contains(RepoPaths.Of("src", "Phone.Device", "Program.cs"), device);
            Assert.Empty(device.Except(ci));
            Assert.Empty(ci.Except(device));
        }

        [Theory]
        [InlineData("Base")]
        [InlineData("Media")]
        [InlineData("Sip")]
        [InlineData("Provisioning")]
        [InlineData("Calls")]
        public void Each_core_nfproj_compiles_exactly_the_files_of_its_ci_twin(string group)
        {
            var vs = MsBuildGlob.CompileFiles(CoreProject(group, ".nanoFramework.nfproj"));
            var ci = MsBuildGlob.CompileFiles(CoreProject(group, ".csproj"));
            Assert.Empty(vs.Except(ci));
            Assert.Empty(ci.Except(vs));
        }

        [Fact]
        public void Every_core_source_file_is_in_exactly_one_device_assembly()
        {
            var all = Directory.GetFiles(RepoPaths.Of("src", "Phone.Core"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                         && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .Select(Path.GetFullPath).ToList();
            var owner = new Dictionary<string, string>();
            foreach (string group in CoreGroups)
            {
                foreach (string f in MsBuildGlob.CompileFiles(CoreProject(group, ".csproj")))
                {
                    Assert.False(owner.ContainsKey(f), f + " is in both " + (owner.TryGetValue(f, out var o) ? o : "") + " and " + group);
                    owner[f] = group;
                }
            }
            var orphans = all.Where(f => !owner.ContainsKey(f)).ToList();
            Assert.True(orphans.Count == 0, "core files in no device assembly (add their folder to a group in src/Phone.Core.Nano):\n" + string.Join("\n", orphans));
        }

        [Fact]
        public void Device_nfproj_references_every_core_assembly()
        {
            var refs = XDocument.Load(Nfproj).Descendants().Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => Path.GetFileName(((string)e.Attribute("Include")).Replace('\\', '/'))).OrderBy(n => n).ToArray();
            Assert.Equal(CoreGroups.Select(g => "Phone.Core." + g + ".nanoFramework.nfproj").OrderBy(n => n).ToArray(), refs);
        }

        [Fact]
        public void Every_declaration_project_names_the_package_version_of_packages_config()
        {
            // The firmware and the on-device tests share nano mscorlib, so the two packages.config must agree on it.
            var packages = PackagesConfig();
            foreach (var p in DeviceTestPackagesConfig())
            {
                if (packages.ContainsKey(p.Key)) Assert.Equal(packages[p.Key], p.Value);
                else packages[p.Key] = p.Value;
            }
            int checkedProjects = 0;
            foreach (var project in AllDeclarationProjects())
            {
                string id = Property(project, "NanoPackageId");
                string version = Property(project, "NanoPackageVersion");
                Assert.True(packages.ContainsKey(id), project + ": " + id + " missing from packages.config");
                Assert.Equal(packages[id], version);
                Assert.Equal(version, Property(project, "Version"));
                foreach (var file in Directory.GetFiles(Path.GetDirectoryName(project), "*.cs", SearchOption.AllDirectories))
                {
                    if (file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)) continue;
                    string header = File.ReadLines(file).First();
                    Assert.StartsWith("// Declares part of " + id + " " + version + "; checked against nanoframework/", header);
                }
                checkedProjects++;
            }
            Assert.Equal(12, checkedProjects);
        }

        [Fact]
        public void Nfproj_references_every_package_of_packages_config_at_its_version_and_nothing_else()
        {
            var packages = PackagesConfig();
            var hintPaths = XDocument.Load(Nfproj).Descendants().Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value).ToList();
            var referenced = new Dictionary<string, string>();
            foreach (var hint in hintPaths)
            {
                var m = Regex.Match(hint, @"^\.\.\\\.\.\\packages\\(?<id>[A-Za-z0-9.]+?)\.(?<v>\d+\.\d+\.\d+)\\lib\\(?<asm>[A-Za-z0-9.]+)\.dll$");
                Assert.True(m.Success, "unexpected HintPath " + hint);
                referenced[m.Groups["id"].Value] = m.Groups["v"].Value;
            }
            Assert.Equal(packages.OrderBy(p => p.Key), referenced.OrderBy(p => p.Key));
        }

        [Fact]
        public void Each_declared_assembly_is_referenced_by_the_nfproj_under_the_same_assembly_name()
        {
            var hintPaths = XDocument.Load(Nfproj).Descendants().Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value).ToList();
            foreach (var project in DeclarationProjects())
            {
                string expected = @"..\..\packages\" + Property(project, "NanoPackageId") + "." + Property(project, "NanoPackageVersion")
                    + @"\lib\" + Property(project, "AssemblyName") + ".dll";
                Assert.Contains(expected, hintPaths);
            }
        }
    }
}
