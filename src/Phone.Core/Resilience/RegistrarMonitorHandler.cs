// Callback type of the registrar monitor's events (non-generic: nanoFramework 1.17 has no generic delegates).
namespace Phone.Core.Resilience
{
    /// <summary>
    /// Dead / FailedOver / FailedBack / AllDown / Recovered. targetIndex is the registrar target the event is about
    /// (the one that died, or the one now in use); nowMs the time of the event.
    /// </summary>
    public delegate void RegistrarMonitorHandler(RegistrarMonitor sender, int targetIndex, long nowMs);
}
