// devices.json of the data directory: the device rows and server-wide provisioning settings.
namespace Phone.ProvisioningServer
{
    using System.Collections.Generic;
    using System.IO;
    using System.Text.Json;

    /// <summary>Contents of devices.json; read again on every request so operators can edit it while the server runs.</summary>
    public sealed class DeviceTable
    {
        /// <summary>File name in the data directory.</summary>
        public const string FileName = "devices.json";

        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        };

        /// <summary>Digest realm (RFC 7616 §3.3).</summary>
        public string Realm { get; set; } = "provisioning";

        /// <summary>Status for a MAC not in the table: 404 (default) or 401 (challenge, so the table is not revealed).</summary>
        public int UnknownDeviceStatus { get; set; } = 404;

        /// <summary>Serve common.cfg without authentication (it is then unsigned).</summary>
        public bool CommonPublic { get; set; }

        /// <summary>The devices.</summary>
        public List<DeviceRecord> Devices { get; set; } = new List<DeviceRecord>();

        /// <summary>Reads devices.json from <paramref name="dataDir"/>; a missing file is an empty table.</summary>
        /// <exception cref="JsonException">The file is not valid JSON for this shape.</exception>
        public static DeviceTable Load(string dataDir)
        {
            string path = Path.Combine(dataDir, FileName);
            if (!File.Exists(path)) return new DeviceTable();
            DeviceTable table = JsonSerializer.Deserialize<DeviceTable>(File.ReadAllText(path), JsonOptions) ?? new DeviceTable();
            table.Devices ??= new List<DeviceRecord>();
            foreach (DeviceRecord device in table.Devices)
            {
                if (device.Mac != null) device.Mac = NormalizeMac(device.Mac);
            }

            return table;
        }

        /// <summary>Writes this table to devices.json in <paramref name="dataDir"/>.</summary>
        public void Save(string dataDir)
        {
            File.WriteAllText(Path.Combine(dataDir, FileName), JsonSerializer.Serialize(this, JsonOptions));
        }

        /// <summary>The device with this MAC, or null.</summary>
        public DeviceRecord FindByMac(string mac)
        {
            foreach (DeviceRecord device in Devices)
            {
                if (device.Mac == mac) return device;
            }

            return null;
        }

        /// <summary>The device whose Digest user name is <paramref name="user"/>, or null.</summary>
        public DeviceRecord FindByUser(string user)
        {
            foreach (DeviceRecord device in Devices)
            {
                if (!string.IsNullOrEmpty(device.Password) && device.DigestUser == user) return device;
            }

            return null;
        }

        /// <summary>Lower-case hex without ':' or '-' separators.</summary>
        public static string NormalizeMac(string mac)
        {
            return mac.Replace(":", string.Empty).Replace("-", string.Empty).ToLowerInvariant();
        }
    }
}
