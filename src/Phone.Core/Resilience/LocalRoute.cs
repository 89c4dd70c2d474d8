// How a dialled number is routed by the survivability controller.
namespace Phone.Core.Resilience
{
    /// <summary>Result of <see cref="SurvivabilityController.Route"/>.</summary>
    public enum LocalRoute : byte
    {
        /// <summary>Normal mode: dial through the PBX as usual.</summary>
        ViaPbx = 0,

        /// <summary>Local mode: an office extension, called directly at its LAN address.</summary>
        Direct = 1,

        /// <summary>An emergency number, sent to the configured emergency route (local mode).</summary>
        Emergency = 2,

        /// <summary>Local mode and neither an extension nor an emergency number (or no route configured): reorder.</summary>
        Unreachable = 3,
    }
}
