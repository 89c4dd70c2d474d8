// Indicator (LED / lamp) patterns a line board can show.
namespace Phone.Core.Ports
{
    /// <summary>Pattern for <see cref="ILineHardware.SetIndicator"/>; the board does the blinking.</summary>
    public enum IndicatorPattern : byte
    {
        /// <summary>Dark.</summary>
        Off = 0,

        /// <summary>Steady on.</summary>
        On = 1,

        /// <summary>About 0.5 s on, 0.5 s off (message waiting).</summary>
        SlowBlink = 2,

        /// <summary>About 0.1 s on, 0.1 s off (incoming call).</summary>
        FastBlink = 3,
    }
}
