// A realistic office configuration (common file + per-device file) as a provisioning server sends it.
namespace Phone.Core.Tests.Device
{
    using System;
    using System.Text;

    /// <summary>
    /// What a desk phone of a 24-desk office receives: two accounts, a dial plan, the office directory (24 desks),
    /// 12 programmable keys, a CA certificate of a real size (an RSA-2048 CA in PEM is about 1.3 KB) and a signing
    /// secret. Used by the whole-firmware memory measurement.
    /// </summary>
    internal static class OfficeConfig
    {
        public static readonly string Common = BuildCommon();

        public static readonly string Device =
            "config.version = 1\n" +
            "account.1.user = 201\n" +
            "account.1.auth_user = 201\n" +
            "account.1.password = Acc1-Secret-Pw-7731\n" +
            "account.1.display_name = Anna Weber\n" +
            "account.1.registrar = 192.168.1.2\n" +
            "account.1.backup_registrar = 192.168.1.3\n" +
            "account.1.expires = 600\n" +
            "account.2.enabled = false\n" +
            "account.2.user = 299\n" +
            "account.2.password = Acc2-Secret-Pw-1184\n" +
            "account.2.registrar = pbx.example.com\n" +
            "prov.user = 240ac4123456\n" +
            "prov.password = k9-Lm2-Qx-Rt\n" +
            "security.signing_secret = 8f1e0a23b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f\n" +
            "key.1 = line, 1, Anna\n" +
            "key.2 = blf, 202, Ben\n" +
            "key.3 = blf, 203, Carla\n" +
            "key.4 = blf, 204, Dieter\n" +
            "key.5 = speed, 0301234567, Service desk\n" +
            "key.6 = speed, 0307654321, Facilities\n" +
            "key.7 = blf, 205, Eva\n" +
            "key.8 = blf, 206, Frank\n" +
            "key.9 = blf, 207, Greta\n" +
            "key.10 = blf, 208, Hans\n" +
            "key.11 = speed, 112, Emergency\n" +
            "key.12 = blf, 200, Reception\n";

        private static string BuildCommon()
        {
            var s = new StringBuilder();
            s.Append("config.version = 1\n# office-wide settings\n");
            s.Append("tones.country = de\nmedia.codecs = pcma,pcmu\nmedia.dtmf_mode = rfc4733\n");
            s.Append("dialplan.map = (*xx|#xx|2xx|0x.|112)\ndialplan.interdigit_ms = 3000\n");
            s.Append("time.server = ntp.example.com\ntime.zone = CET-1CEST,M3.5.0,M10.5.0/3\n");
            s.Append("syslog.server = 10.0.0.5:514\nsyslog.level = warn\n");
            s.Append("prov.resync_s = 3600\nprov.resync_jitter_s = 300\nprov.status_url = https://prov.example.com/status\n");
            s.Append("fxs.ring_cadence = 1000,4000\nfxs.caller_id = v23\n");
            string[] names = { "Reception", "Anna Weber", "Ben Schulz", "Carla Roth", "Dieter Lang", "Eva Brandt", "Frank Vogel", "Greta Sommer",
                "Hans Becker", "Ida Krause", "Jonas Wolf", "Karin Neumann", "Lars Fischer", "Mia Hoffmann", "Nils Richter", "Olga Koch",
                "Paul Wagner", "Rita Schmitt", "Sven Meyer", "Tina Schäfer", "Uwe Zimmermann", "Vera Braun", "Wim Hartmann", "Xenia Lange" };
            for (int i = 0; i < names.Length; i++) s.Append($"directory.{200 + i} = {names[i]}, 192.168.1.{20 + i}\n");
            // A CA certificate of a real RSA-2048 CA's size: 950 DER bytes, base64 in 64-character lines.
            var der = new byte[950];
            var rng = new Random(2048);
            rng.NextBytes(der);
            string b64 = Convert.ToBase64String(der);
            s.Append("security.ca_pem = -----BEGIN CERTIFICATE-----\n");
            for (int i = 0; i < b64.Length; i += 64) s.Append(b64, i, Math.Min(64, b64.Length - i)).Append('\n');
            s.Append("-----END CERTIFICATE-----\n");
            return s.ToString();
        }
    }
}
