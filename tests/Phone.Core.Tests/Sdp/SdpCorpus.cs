// Reads SDP bodies out of the conformance corpus messages (the body starts after the first blank line).
namespace Phone.Core.Tests.Sdp
{
    using System;
    using System.IO;

    internal static class SdpCorpus
    {
        public static byte[] Body(string corpus, string name)
        {
            string dir = AppContext.BaseDirectory;
            while (dir != null && !Directory.Exists(Path.Combine(dir, "tests", "Phone.Core.Tests", "Conformance"))) dir = Path.GetDirectoryName(dir);
            Assert.NotNull(dir);
            byte[] msg = File.ReadAllBytes(Path.Combine(dir, "tests", "Phone.Core.Tests", "Conformance", corpus, name));
            for (int i = 0; i + 1 < msg.Length; i++)
            {
                if (msg[i] == '\n' && (msg[i + 1] == '\n' || (msg[i + 1] == '\r' && i + 2 < msg.Length && msg[i + 2] == '\n')))
                {
                    int start = msg[i + 1] == '\n' ? i + 2 : i + 3;
                    return msg[start..];
                }
            }
            throw new InvalidDataException("no body in " + name);
        }
    }
}
