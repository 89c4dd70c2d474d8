// Events the line logic reports to the call layer.
namespace Phone.Core.Line
{
    /// <summary>Kind of <see cref="LineEventHandler"/> callback.</summary>
    public enum LineEvent : byte
    {
        /// <summary>Handset lifted (debounced); answers a ringing line.</summary>
        OffHook = 1,

        /// <summary>Hung up: on-hook longer than the flash window.</summary>
        OnHook = 2,

        /// <summary>Hook flash (register recall): on-hook within the flash window.</summary>
        Flash = 3,

        /// <summary>A pulse-dialled digit ('1'-'9', '0' for 10 pulses).</summary>
        Digit = 4,

        /// <summary>A keypad key of a desk phone.</summary>
        Key = 5,

        /// <summary>Start sending caller ID audio now (between rings, or after the line reversal before ringing).</summary>
        CallerIdStart = 6,
    }
}
