// States of the provisioning client (names for logs in ProvisioningStateNames).
namespace Phone.Core.Provisioning
{
    /// <summary>Where the provisioning client is. Each Poll performs at most one HTTPS exchange.</summary>
    public enum ProvisioningState : byte
    {
        /// <summary>Configuration current; waiting for the periodic resync, a check-sync or a status report.</summary>
        Idle = 0,
        /// <summary>No provisioning URL from settings, setup, factory default or DHCP; waiting for a setup entry.</summary>
        WaitingForServer = 1,
        /// <summary>Fetching the common file (optional: 404 is fine).</summary>
        FetchingCommon = 2,
        /// <summary>Fetching the per-device file &lt;mac&gt;.cfg.</summary>
        FetchingDevice = 3,
        /// <summary>POSTing the status report.</summary>
        Reporting = 4,
        /// <summary>The last attempt failed; waiting for the jittered exponential backoff to expire.</summary>
        Backoff = 5,
    }
}
