// The status report the device POSTs to prov.status_url (format in docs/CONFIGURATION.md, "Status report").
namespace Phone.Core.Provisioning
{
    /// <summary>Fields of one status report; never contains a secret.</summary>
    public sealed class StatusReport
    {
        /// <summary>Firmware version text.</summary>
        public string FirmwareVersion = "";

        /// <summary>Registration state per account, e.g. "1=registered,2=disabled".</summary>
        public string Registration = "";

        /// <summary>MOS estimate of the last call × 100 (e.g. 421 for 4.21), or -1 when there was no call.</summary>
        public int LastCallMosX100 = -1;

        /// <summary>Interarrival jitter of the last call in ms (RFC 3550 §6.4.1), or -1.</summary>
        public int LastCallJitterMs = -1;

        /// <summary>Packets lost in the last call per thousand, or -1.</summary>
        public int LastCallLossPermille = -1;

        /// <summary>Resets every field to "unknown".</summary>
        public void Clear()
        {
            FirmwareVersion = "";
            Registration = "";
            LastCallMosX100 = -1;
            LastCallJitterMs = -1;
            LastCallLossPermille = -1;
        }
    }
}
