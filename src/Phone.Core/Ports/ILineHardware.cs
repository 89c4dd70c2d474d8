// Analog line hardware port: FXS SLIC (hook, ringing, polarity) or desk-phone hook switch, keypad and indicators.
namespace Phone.Core.Ports
{
    /// <summary>
    /// What the line logic (Phone.Core.Line.LineController) needs from the board. An FXS adapter implements it
    /// over its SLIC (loop-current detect, ring relay or ring generator, battery reversal); a desk phone over its
    /// hook switch GPIO, keypad matrix and LEDs. Methods are called only from the protocol thread.
    /// </summary>
    public interface ILineHardware
    {
        /// <summary>Raw, undebounced hook state: true when off-hook (loop current flows / handset lifted).</summary>
        bool IsOffHook { get; }

        /// <summary>
        /// Takes the oldest hook edge captured by the pin interrupt, with its time on the core's millisecond
        /// clock; false when none is queued (hardware without edge capture always returns false and the line
        /// logic samples <see cref="IsOffHook"/> instead).
        /// </summary>
        bool TryReadHookEdge(out bool offHook, out long atMs);

        /// <summary>Ringing voltage on or off.</summary>
        void SetRinging(bool on);

        /// <summary>Battery polarity: true = reversed (line reversal), false = normal.</summary>
        void SetReversedPolarity(bool reversed);

        /// <summary>Takes the oldest keypad key ('0'-'9', '*', '#', 'A'-'D' or a board-specific function key); false when none.</summary>
        bool TryReadKey(out char key);

        /// <summary>Sets indicator <paramref name="indicator"/> (0 = message waiting / line LED) to a pattern; boards without it ignore the call.</summary>
        void SetIndicator(int indicator, IndicatorPattern pattern);
    }
}
