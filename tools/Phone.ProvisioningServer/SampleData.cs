// Sample devices.json, template and common.cfg written into an empty data directory at first start.
namespace Phone.ProvisioningServer
{
    using System.Collections.Generic;
    using System.IO;

    /// <summary>Gives a new data directory one working device so the server is useful out of the box.</summary>
    public static class SampleData
    {
        /// <summary>Default template: the per-device part of the config (config format of docs/PROVISIONING-SERVER.md).</summary>
        public const string DefaultTemplate =
            "# Per-device configuration for %%mac%%, rendered by the provisioning server\n" +
            "config.version = 1\n" +
            "account.1.enabled = true\n" +
            "account.1.user = %%ext%%\n" +
            "account.1.password = %%sip_password%%\n" +
            "account.1.display_name = %%display_name%%\n" +
            "account.1.registrar = %%registrar%%\n";

        /// <summary>Default common.cfg: settings shared by every device.</summary>
        public const string DefaultCommon =
            "# Settings shared by every device\n" +
            "config.version = 1\n" +
            "tones.country = us\n" +
            "prov.resync_s = 3600\n";

        /// <summary>Writes the samples for every file that does not exist yet.</summary>
        public static void WriteIfMissing(string dataDir)
        {
            string templates = Path.Combine(dataDir, "templates");
            Directory.CreateDirectory(templates);
            string template = Path.Combine(templates, "default.cfg.tpl");
            if (!File.Exists(template)) File.WriteAllText(template, DefaultTemplate);
            string common = Path.Combine(dataDir, ProvisioningEndpoints.CommonFile);
            if (!File.Exists(common)) File.WriteAllText(common, DefaultCommon);
            if (File.Exists(Path.Combine(dataDir, DeviceTable.FileName))) return;

            DeviceTable table = new DeviceTable();
            table.Devices.Add(new DeviceRecord
            {
                Mac = "001122aabbcc",
                Password = "change-me-prov",
                Token = null,
                SigningKey = null,
                Variables = new Dictionary<string, string>
                {
                    ["ext"] = "201",
                    ["sip_password"] = "change-me-sip",
                    ["display_name"] = "Front Desk",
                    ["registrar"] = "pbx.example.com",
                },
            });
            table.Save(dataDir);
        }
    }
}
