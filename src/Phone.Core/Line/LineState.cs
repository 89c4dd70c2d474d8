// States of the analog line (FXS loop-start line, ITU-T Q.552-style supervision).
namespace Phone.Core.Line
{
    /// <summary>State of <see cref="LineController"/>.</summary>
    public enum LineState : byte
    {
        /// <summary>On-hook, not ringing.</summary>
        Idle = 0,

        /// <summary>Line reversed, caller ID being sent before the first ring (ETSI before-ring methods).</summary>
        CallerIdBeforeRing = 1,

        /// <summary>Ringing cadence running (caller ID may follow the first ring).</summary>
        Ringing = 2,

        /// <summary>Off-hook.</summary>
        OffHook = 3,

        /// <summary>On-hook during a call: a dial pulse, a flash or a hang-up, decided by its length.</summary>
        Break = 4,
    }
}
