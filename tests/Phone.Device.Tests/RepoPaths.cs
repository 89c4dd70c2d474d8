// Locates the repository root from the test's output folder.
namespace Phone.Device.Tests
{
    using System.IO;

    /// <summary>Paths inside the repository.</summary>
    internal static class RepoPaths
    {
        /// <summary>The folder holding Firmware.sln.</summary>
        public static string Root
        {
            get
            {
                string dir = System.AppContext.BaseDirectory;
                while (dir != null && !File.Exists(Path.Combine(dir, "Firmware.sln"))) dir = Path.GetDirectoryName(dir);
                return dir ?? throw new DirectoryNotFoundException("Firmware.sln not found above " + System.AppContext.BaseDirectory);
            }
        }

        public static string Of(params string[] parts) => Path.Combine(Root, Path.Combine(parts));
    }
}
