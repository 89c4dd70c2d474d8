// Expands MSBuild Compile items (Include/Exclude with ** and *) the way MSBuild does for these simple patterns.
namespace Phone.Device.Tests
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using System.Linq;
    using System.Text.RegularExpressions;
    using System.Xml.Linq;

    /// <summary>Minimal evaluation of Compile items: literal paths and ** / * wildcards, ';'-separated lists.</summary>
    internal static class MsBuildGlob
    {
        /// <summary>Full paths of every file the project's Compile items include.</summary>
        public static SortedSet<string> CompileFiles(string projectPath)
        {
            string dir = Path.GetDirectoryName(projectPath);
            var doc = XDocument.Load(projectPath);
            var result = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var item in doc.Descendants().Where(e => e.Name.LocalName == "Compile"))
            {
                string include = (string)item.Attribute("Include");
                if (include == null) continue;
                var excluded = Expand(dir, (string)item.Attribute("Exclude") ?? "");
                foreach (var f in Expand(dir, include))
                {
                    if (!excluded.Contains(f)) result.Add(f);
                }
            }
            return result;
        }

        private static HashSet<string> Expand(string dir, string patterns)
        {
            var files = new HashSet<string>(StringComparer.Ordinal);
            foreach (var raw in patterns.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                string pattern = raw.Replace('\\', '/');
                if (!pattern.Contains('*'))
                {
                    string p = Path.GetFullPath(Path.Combine(dir, pattern));
                    if (File.Exists(p)) files.Add(p);
                    continue;
                }
                int star = pattern.IndexOf('*');
                int slash = pattern.LastIndexOf('/', star);
                string baseDir = Path.GetFullPath(Path.Combine(dir, slash < 0 ? "." : pattern.Substring(0, slash)));
                string rest = slash < 0 ? pattern : pattern.Substring(slash + 1);
                if (!Directory.Exists(baseDir)) continue;
                var regex = new Regex("^" + Regex.Escape(rest).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*") + "$");
                foreach (var f in Directory.EnumerateFiles(baseDir, "*", SearchOption.AllDirectories))
                {
                    string rel = Path.GetRelativePath(baseDir, f).Replace('\\', '/');
                    if (regex.IsMatch(rel)) files.Add(Path.GetFullPath(f));
                }
            }
            return files;
        }
    }
}
