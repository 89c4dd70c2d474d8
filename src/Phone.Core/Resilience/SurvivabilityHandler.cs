// Callback type of the survivability controller's events (non-generic: nanoFramework 1.17 has no generic delegates).
namespace Phone.Core.Resilience
{
    /// <summary>Entered / Left local mode at <paramref name="nowMs"/>.</summary>
    public delegate void SurvivabilityHandler(SurvivabilityController sender, long nowMs);
}
