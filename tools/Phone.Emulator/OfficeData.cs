// Writes the emulated office's provisioning data: one device record per desk, the template, and the common file
// with the office directory that local calls use.
namespace Phone.Emulator
{
    using System.Collections.Generic;
    using System.IO;
    using System.Security.Cryptography;
    using System.Text;
    using Phone.ProvisioningServer;

    internal sealed class OfficeDevice
    {
        public string Mac;
        public int Extension;
        public string Name;
        public string Token;
        public int SipPort;
    }

    internal static class OfficeData
    {
        private static readonly string[] Names = { "Front Desk", "Sales", "Support", "Accounts", "Warehouse", "Manager", "Meeting Room", "Lab", "Kitchen" };

        /// <summary>Writes the data for <paramref name="count"/> desks; desk i listens for SIP on 127.0.0.1:<paramref name="sipPorts"/>[i].</summary>
        /// <remarks>With <paramref name="pbx"/> (host:port) every desk registers there; else the registrar is a name with
        /// no address here and the desks run in direct mode. <paramref name="password"/> null: one generated per desk.</remarks>
        public static List<OfficeDevice> Write(string dataDir, int count, int[] sipPorts, string pbx = null, string password = null, int firstExtension = 201)
        {
            Directory.CreateDirectory(Path.Combine(dataDir, "templates"));
            File.WriteAllText(Path.Combine(dataDir, "templates", "default.cfg.tpl"),
                "# Desk %%ext%% (%%mac%%), rendered by the provisioning server\n" +
                "config.version = 1\n" +
                "account.1.enabled = true\n" +
                "account.1.user = %%ext%%\n" +
                "account.1.password = %%sip_password%%\n" +
                "account.1.display_name = \"%%display_name%%\"\n" +
                "account.1.registrar = " + (pbx ?? "pbx.example.com") + "\n");
            var devices = new List<OfficeDevice>();
            var table = new DeviceTable();
            var common = new StringBuilder("# Shared by every desk of the emulated office\nconfig.version = 1\ntones.country = us\n");
            for (int i = 0; i < count; i++)
            {
                var d = new OfficeDevice
                {
                    Mac = "02005e0000" + (i + 1).ToString("x2"),
                    Extension = firstExtension + i,
                    Name = Names[i],
                    SipPort = sipPorts[i],
                    Token = "tok-" + System.Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant(),
                };
                devices.Add(d);
                table.Devices.Add(new DeviceRecord
                {
                    Mac = d.Mac,
                    Token = d.Token,
                    Variables = new Dictionary<string, string>
                    {
                        ["ext"] = d.Extension.ToString(),
                        ["sip_password"] = password ?? System.Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(),
                        ["display_name"] = d.Name,
                    },
                });
                // Each desk's SIP port on the office LAN (127.0.0.1 here); used by local calls when the PBX is unreachable.
                common.Append("directory.").Append(d.Extension).Append(" = ").Append(d.Name).Append(", 127.0.0.1:").Append(sipPorts[i]).Append('\n');
            }
            table.Save(dataDir);
            File.WriteAllText(Path.Combine(dataDir, ProvisioningEndpoints.CommonFile), common.ToString());
            return devices;
        }
    }
}
