// The on-device unit-test project Visual Studio runs and its Linux CI build compile the same files against the same packages.
namespace Phone.Device.Tests
{
    using System.Collections.Generic;
    using System.IO;
    using System.Linq;
    using System.Text.RegularExpressions;
    using System.Xml.Linq;

    public class DeviceTestsTwoWorldsTests
    {
        private static string Nfproj => RepoPaths.Of("tests", "Phone.Core.DeviceTests", "Phone.Core.DeviceTests.nfproj");

        private static string CiProject => RepoPaths.Of("tests", "Phone.Core.DeviceTests", "Phone.Core.DeviceTests.Ci.csproj");

        private static List<string> Includes(string project, string item)
            => XDocument.Load(project).Descendants().Where(e => e.Name.LocalName == item)
                .Select(e => Path.GetFileName(((string)e.Attribute("Include")).Replace('\\', '/'))).OrderBy(n => n).ToList();

        private static List<string> HintPaths()
            => XDocument.Load(Nfproj).Descendants().Where(e => e.Name.LocalName == "HintPath").Select(e => e.Value).ToList();

        [Fact]
        public void Nfproj_compiles_exactly_the_files_the_ci_build_compiles()
        {
            var device = MsBuildGlob.CompileFiles(Nfproj);
            var ci = MsBuildGlob.CompileFiles(CiProject);

            Assert.Contains(RepoPaths.Of("tests", "Phone.Core.DeviceTests", "SipParseTests.cs"), device);
            Assert.True(device.Count >= 5, "only " + device.Count + " test files");
            Assert.Empty(device.Except(ci));
            Assert.Empty(ci.Except(device));
        }

        [Fact]
        public void Nfproj_is_an_nfunittest_project_with_its_runsettings()
        {
            var doc = XDocument.Load(Nfproj);
            string Prop(string name) => doc.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            Assert.Equal("NFUnitTest", Prop("AssemblyName"));
            Assert.Equal("true", Prop("IsTestProject"));
            Assert.Equal("UnitTest", Prop("TestProjectType"));
            Assert.Equal("Library", Prop("OutputType"));
            Assert.StartsWith("{11A8DD76-328B-46DF-9F39-F559912D0360}", Prop("ProjectTypeGuids"));
            Assert.Contains(doc.Descendants(), e => e.Name.LocalName == "ProjectCapability" && (string)e.Attribute("Include") == "TestContainer");
            Assert.Equal(@"$(MSBuildProjectDirectory)\nano.runsettings", Prop("RunSettingsFilePath"));

            var adapter = XDocument.Load(RepoPaths.Of("tests", "Phone.Core.DeviceTests", "nano.runsettings")).Descendants("nanoFrameworkAdapter").Single();
            Assert.Equal("True", (string)adapter.Element("IsRealHardware"));
            Assert.Equal("NFUnitTest", TwoWorldsTests.Property(CiProject, "AssemblyName"));
        }

        [Fact]
        public void Both_projects_reference_every_core_assembly()
        {
            Assert.Equal(TwoWorldsTests.CoreGroups.Select(g => "Phone.Core." + g + ".nanoFramework.nfproj").OrderBy(n => n).ToArray(),
                Includes(Nfproj, "ProjectReference").ToArray());
            var expectedCi = TwoWorldsTests.CoreGroups.Select(g => "Phone.Core." + g + ".csproj")
                .Concat(TwoWorldsTests.DeviceTestDeclarationProjects().Select(Path.GetFileName)).OrderBy(n => n).ToArray();
            Assert.Equal(expectedCi, Includes(CiProject, "ProjectReference").ToArray());
        }

        [Fact]
        public void Nfproj_references_every_package_of_packages_config_at_its_version_and_nothing_else()
        {
            var packages = TwoWorldsTests.DeviceTestPackagesConfig();
            Assert.Equal(new[] { "nanoFramework.CoreLibrary", "nanoFramework.TestFramework" }, packages.Keys.OrderBy(k => k).ToArray());
            Assert.Equal(TwoWorldsTests.PackagesConfig()["nanoFramework.CoreLibrary"], packages["nanoFramework.CoreLibrary"]);

            var referenced = new Dictionary<string, string>();
            foreach (var hint in HintPaths())
            {
                var m = Regex.Match(hint, @"^\.\.\\\.\.\\packages\\(?<id>[A-Za-z0-9.]+?)\.(?<v>\d+\.\d+\.\d+)\\lib\\(?<asm>[A-Za-z0-9.]+)\.(dll|exe)$");
                Assert.True(m.Success, "unexpected HintPath " + hint);
                referenced[m.Groups["id"].Value] = m.Groups["v"].Value;
            }
            Assert.Equal(packages.OrderBy(p => p.Key), referenced.OrderBy(p => p.Key));

            // The adapter deploys the launcher that ships in the same package as the framework.
            Assert.Contains(@"..\..\packages\nanoFramework.TestFramework." + packages["nanoFramework.TestFramework"]
                + @"\lib\nanoFramework.UnitTestLauncher.exe", HintPaths());
        }

        [Fact]
        public void Each_declared_test_assembly_is_referenced_by_the_nfproj_under_the_same_assembly_name()
        {
            var packages = TwoWorldsTests.DeviceTestPackagesConfig();
            int declared = 0;
            foreach (var project in TwoWorldsTests.DeviceTestDeclarationProjects())
            {
                string id = TwoWorldsTests.Property(project, "NanoPackageId");
                Assert.Equal(packages[id], TwoWorldsTests.Property(project, "NanoPackageVersion"));
                string expected = @"..\..\packages\" + id + "." + TwoWorldsTests.Property(project, "NanoPackageVersion")
                    + @"\lib\" + TwoWorldsTests.Property(project, "AssemblyName") + ".dll";
                Assert.Contains(expected, HintPaths());
                declared++;
            }
            Assert.Equal(1, declared);
        }
    }
}
