// Host settings store: one file per record in a directory (the emulator's stand-in for ESP32 flash).
namespace Phone.Host.Storage
{
    using System;
    using System.IO;
    using Phone.Core.Ports;

    /// <summary>
    /// Keeps each record in "&lt;directory&gt;/&lt;name&gt;.bin". Writes go straight to the file (truncate, then write),
    /// exactly as non-atomic as the port allows, so the core's own power-cut protection is what keeps data safe.
    /// </summary>
    public sealed class FileSettingsStore : ISettingsStore
    {
        private readonly string _directory;

        /// <summary>Creates the store over <paramref name="directory"/>, creating the directory if needed.</summary>
        public FileSettingsStore(string directory)
        {
            _directory = directory;
            Directory.CreateDirectory(directory);
        }

        /// <inheritdoc/>
        public int Read(string name, byte[] buffer, int offset, int max)
        {
            string path = PathOf(name);
            if (path == null) return -1;
            try
            {
                if (!File.Exists(path)) return -1;
                using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
                {
                    long length = file.Length;
                    if (length > int.MaxValue) return -1;
                    int want = (int)Math.Min(length, max);
                    int done = 0;
                    while (done < want)
                    {
                        int n = file.Read(buffer, offset + done, want - done);
                        if (n <= 0) return -1;
                        done += n;
                    }
                    return (int)length;
                }
            }
            catch (IOException) { return -1; }
            catch (UnauthorizedAccessException) { return -1; }
        }

        /// <inheritdoc/>
        public bool Write(string name, byte[] data, int offset, int count)
        {
            string path = PathOf(name);
            if (path == null) return false;
            try
            {
                using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read))
                {
                    file.Write(data, offset, count);
                    file.Flush(true);
                }
                return true;
            }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        }

        /// <inheritdoc/>
        public bool Delete(string name)
        {
            string path = PathOf(name);
            if (path == null) return false;
            try
            {
                File.Delete(path);
                return true;
            }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        }

        // Only the port's name alphabet reaches the file system, so a name can never escape the directory.
        private string PathOf(string name)
        {
            if (string.IsNullOrEmpty(name) || name.Length > 64 || name[0] == '.') return null;
            foreach (char c in name)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
                if (!ok) return null;
            }
            return Path.Combine(_directory, name + ".bin");
        }
    }
}
