// Settings-store port over files on the ESP32 internal flash drive (LittleFS, "I:\"), one file per record.
namespace Phone.Device.Storage
{
    using System;
    using System.IO;
    using Phone.Core.Ports;

    /// <summary>
    /// Each record is the file I:\&lt;name&gt;. Writes go through <see cref="FlashFiles.TryWrite"/> (new file, then
    /// rename), which is more than the port promises; Phone.Core.Provisioning.ConfigSlotStore adds its own A/B
    /// slots on top either way. Names outside letters, digits, '.', '-' and '_' are refused so that no record
    /// name can reach another directory. Calls never throw.
    /// </summary>
    public sealed class FlashSettingsStore : ISettingsStore
    {
        /// <inheritdoc/>
        public int Read(string name, byte[] buffer, int offset, int max)
        {
            if (!IsValidName(name) || buffer == null || offset < 0 || max < 0 || offset + max > buffer.Length) return -1;
            byte[] content = FlashFiles.TryRead(name);
            if (content == null) return -1;
            Array.Copy(content, 0, buffer, offset, content.Length < max ? content.Length : max);
            return content.Length;
        }

        /// <inheritdoc/>
        public bool Write(string name, byte[] data, int offset, int count)
        {
            if (!IsValidName(name) || data == null || offset < 0 || count < 0 || offset + count > data.Length) return false;
            byte[] copy = new byte[count];
            Array.Copy(data, offset, copy, 0, count);
            return FlashFiles.TryWrite(name, copy);
        }

        /// <inheritdoc/>
        public bool Delete(string name) => IsValidName(name) && FlashFiles.TryDelete(name);

        /// <summary>Deletes every file in the drive's root (factory reset); returns how many were deleted.</summary>
        public static int EraseAll()
        {
            int deleted = 0;
            try
            {
                string[] files = Directory.GetFiles(FlashFiles.Drive);
                for (int i = 0; i < files.Length; i++)
                {
                    try
                    {
                        File.Delete(files[i]);
                        deleted++;
                    }
                    catch (Exception)
                    {
                        // Keep going: erase as much as possible.
                    }
                }
            }
            catch (Exception)
            {
            }
            return deleted;
        }

        /// <summary>True for 1..32 characters of letters, digits, '.', '-' and '_' (and not "." or "..").</summary>
        public static bool IsValidName(string name)
        {
            if (name == null || name.Length == 0 || name.Length > 32 || name == "." || name == "..") return false;
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
                if (!ok) return false;
            }
            return true;
        }
    }
}
