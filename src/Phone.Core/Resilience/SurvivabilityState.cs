// Whether the phone runs with its PBX or on local survivability (calls between desks over the LAN).
namespace Phone.Core.Resilience
{
    /// <summary>Mode of the <see cref="SurvivabilityController"/>; names in <see cref="SurvivabilityStateNames"/>.</summary>
    public enum SurvivabilityState : byte
    {
        /// <summary>A registrar is reachable: calls go through the PBX.</summary>
        Normal = 0,

        /// <summary>No registrar answers: office extensions are called directly, emergency numbers go to the emergency route.</summary>
        Local = 1,
    }
}
