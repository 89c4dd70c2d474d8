// What a newly applied configuration changed, so each layer reacts to its own part only (no reboot).
namespace Phone.Core.Provisioning
{
    using System;

    /// <summary>
    /// Areas of the configuration that differ between two configurations. The SIP layer re-registers only on
    /// <see cref="Account"/>; the media layer reloads codecs on <see cref="Media"/>; and so on.
    /// </summary>
    [Flags]
    public enum ConfigChanges
    {
        /// <summary>Nothing changed.</summary>
        None = 0,
        /// <summary>An account.* key (use <see cref="ProvisioningConfig.AccountDiffers"/> to know which one).</summary>
        Account = 0x0001,
        /// <summary>media.* (codec order, DTMF mode, RTP ports).</summary>
        Media = 0x0002,
        /// <summary>dialplan.*.</summary>
        DialPlan = 0x0004,
        /// <summary>directory.*.</summary>
        Directory = 0x0008,
        /// <summary>tones.*.</summary>
        Tones = 0x0010,
        /// <summary>time.*.</summary>
        Time = 0x0020,
        /// <summary>syslog.*.</summary>
        Syslog = 0x0040,
        /// <summary>prov.* (server, credentials, resync timing, status report).</summary>
        Provisioning = 0x0080,
        /// <summary>security.* (CA, signing, call filtering).</summary>
        Security = 0x0100,
        /// <summary>fxs.* (ring cadence, caller-ID standard, hook-flash window).</summary>
        Fxs = 0x0200,
        /// <summary>key.* (desk-phone programmable keys).</summary>
        Keys = 0x0400,
        /// <summary>config.version.</summary>
        Version = 0x0800,
    }
}
