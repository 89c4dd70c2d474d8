// Callback for SIP NOTIFY Event: check-sync / resync from the PBX (the composition hands it to provisioning).
namespace Phone.Core.Sip.Calls
{
    /// <summary>
    /// The PBX asked for a configuration resync (Event: check-sync, or resync). <paramref name="reboot"/> is true when
    /// the event carried reboot=true (Yealink/Polycom style). Hand it to ProvisioningClient.TryRequestResync.
    /// </summary>
    public delegate void CheckSyncHandler(bool reboot, long nowMs);
}
