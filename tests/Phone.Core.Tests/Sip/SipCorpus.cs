// Locates the conformance corpora copied into the test project (RFC 4475, RFC 5118, office traffic).
namespace Phone.Core.Tests.Sip
{
    using System;
    using System.IO;

    /// <summary>Finds tests/Phone.Core.Tests/Conformance by walking up from the test binary, so a clean clone works.</summary>
    internal static class SipCorpus
    {
        private static string s_root;

        public static string Root
        {
            get
            {
                if (s_root != null) return s_root;
                string dir = AppContext.BaseDirectory;
                while (dir != null)
                {
                    string candidate = Path.Combine(dir, "tests", "Phone.Core.Tests", "Conformance");
                    if (Directory.Exists(candidate)) return s_root = candidate;
                    candidate = Path.Combine(dir, "Conformance");
                    if (Directory.Exists(Path.Combine(candidate, "rfc4475"))) return s_root = candidate;
                    dir = Path.GetDirectoryName(dir);
                }
                throw new DirectoryNotFoundException("Conformance corpus not found above " + AppContext.BaseDirectory);
            }
        }

        public static byte[] Read(string corpus, string name) => File.ReadAllBytes(Path.Combine(Root, corpus, name));

        /// <summary>Rows of corpus/INDEX.tsv as (name, verdict).</summary>
        public static string[][] Index(string corpus)
        {
            string[] lines = File.ReadAllLines(Path.Combine(Root, corpus, "INDEX.tsv"));
            var rows = new System.Collections.Generic.List<string[]>();
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0) continue;
                string[] f = lines[i].Split('\t');
                rows.Add(new[] { f[0], f[1] });
            }
            return rows.ToArray();
        }

        /// <summary>Every file of every corpus (for the mutation test).</summary>
        public static byte[][] All()
        {
            var list = new System.Collections.Generic.List<byte[]>();
            foreach (string c in new[] { "rfc4475", "rfc5118", "office" })
            {
                foreach (string f in Directory.GetFiles(Path.Combine(Root, c)))
                {
                    if (f.EndsWith(".tsv", StringComparison.Ordinal)) continue;
                    list.Add(File.ReadAllBytes(f));
                }
            }
            return list.ToArray();
        }
    }
}
