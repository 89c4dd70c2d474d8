// Whole-file reads and replace-by-rename writes on the ESP32 internal flash drive (SPIFFS/LittleFS, "I:\").
namespace Phone.Device.Storage
{
    using System;
    using System.IO;

    /// <summary>
    /// Small files on the internal drive. A write goes to "name.new" first and is renamed over the old file, so a
    /// power cut leaves either the old or the new content, never half of one. Failures return false, never throw.
    /// </summary>
    public static class FlashFiles
    {
        /// <summary>The ESP32 internal flash drive.</summary>
        public const string Drive = "I:\\";

        /// <summary>Reads a whole file; null when it is absent or unreadable.</summary>
        public static byte[] TryRead(string name)
        {
            try
            {
                string path = Drive + name;
                if (!File.Exists(path))
                {
                    // A crash between Delete and Move leaves only the new copy: use it.
                    path += ".new";
                    if (!File.Exists(path)) return null;
                }
                return File.ReadAllBytes(path);
            }
            catch (Exception)
            {
                return null;
            }
        }

        /// <summary>Replaces a file with <paramref name="content"/>; false on any failure.</summary>
        public static bool TryWrite(string name, byte[] content)
        {
            try
            {
                string path = Drive + name;
                string temp = path + ".new";
                File.WriteAllBytes(temp, content);
                if (File.Exists(path)) File.Delete(path);
                File.Move(temp, path);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <summary>Deletes a file and its pending copy; false on any failure.</summary>
        public static bool TryDelete(string name)
        {
            try
            {
                string path = Drive + name;
                if (File.Exists(path)) File.Delete(path);
                if (File.Exists(path + ".new")) File.Delete(path + ".new");
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <summary>True when the internal drive is mounted.</summary>
        public static bool DriveReady()
        {
            try
            {
                return Directory.Exists(Drive);
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
