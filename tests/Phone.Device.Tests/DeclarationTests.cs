// Every declared nanoFramework API member says where in the real sources it was checked, and never has a body.
namespace Phone.Device.Tests
{
    using System.IO;
    using System.Linq;
    using System.Text.RegularExpressions;

    public class DeclarationTests
    {
        private static readonly Regex Declaration = new Regex(@"^\s*(public|protected|internal)\s.*(class|struct|enum|delegate|event|\(|=>|\{ get|;)");
        private static readonly Regex SourceComment = new Regex(@"// [A-Za-z0-9.]+\.cs:\d+");

        private static string[] DeclarationFiles()
            => Directory.GetFiles(RepoPaths.Of("src", "NanoFramework.Api"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)).OrderBy(f => f).ToArray();

        [Fact]
        public void Every_declared_type_and_member_cites_its_source_line()
        {
            int members = 0;
            foreach (var file in DeclarationFiles())
            {
                foreach (var line in File.ReadLines(file))
                {
                    if (!Declaration.IsMatch(line)) continue;
                    // A non-public constructor added only to suppress the compiler's implicit public one says why instead.
                    bool ctorNote = line.Contains("// (") && line.Contains("constructor");
                    Assert.True(SourceComment.IsMatch(line) || ctorNote,
                        Path.GetFileName(file) + ": no source comment on: " + line.Trim());
                    members++;
                }
            }
            Assert.True(members > 80, "only " + members + " declarations found");
        }

        [Fact]
        public void Declared_bodies_only_throw()
        {
            foreach (var file in DeclarationFiles())
            {
                foreach (var line in File.ReadLines(file))
                {
                    string code = line.Split("//")[0];
                    if (code.Contains("=>")) Assert.Contains("throw new NotImplementedException()", code);
                    Assert.DoesNotContain("return ", code);
                }
            }
        }
    }
}
