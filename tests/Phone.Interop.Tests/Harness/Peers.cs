// Locations of the peer templates/scenarios copied next to the test assembly, and per-test scratch directories.
namespace Phone.Interop.Tests.Harness
{
    using System;
    using System.IO;

    /// <summary>Paths of files under peers/ and fresh scratch directories.</summary>
    public static class Peers
    {
        /// <summary>Full path of a file under peers/.</summary>
        public static string File(string name) => Path.Combine(AppContext.BaseDirectory, "peers", name);

        /// <summary>A new empty directory under the system temp directory.</summary>
        public static string ScratchDir(string prefix)
        {
            string dir = Path.Combine(Path.GetTempPath(), "phone-interop-" + prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            return dir;
        }

        /// <summary>Removes a scratch directory, ignoring failures (a peer may still hold a file for a moment).</summary>
        public static void RemoveDir(string dir)
        {
            try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
