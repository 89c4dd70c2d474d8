// Status LED patterns as a table of on/off durations, so the device only switches a pin.
namespace Phone.Core.Device
{
    using Phone.Core.Ports;

    /// <summary>What the status LED shows.</summary>
    public enum LedPatternId : byte
    {
        /// <summary>Dark.</summary>
        Off = 0,
        /// <summary>Steady on: registered and idle.</summary>
        On = 1,
        /// <summary>Slow blink (500/500 ms): booting, waiting for the network.</summary>
        Booting = 2,
        /// <summary>Double blink every 2 s: provisioning or registration failing.</summary>
        ServiceFault = 3,
        /// <summary>Fast blink (100/100 ms): factory-reset key held.</summary>
        FactoryReset = 4,
        /// <summary>Ring cadence: incoming call.</summary>
        Ringing = 5,
        /// <summary>Slow blink (500/500 ms): message waiting (the line's IndicatorPattern.SlowBlink).</summary>
        MessageWaiting = 6,
        /// <summary>Fast blink (100/100 ms): the line's IndicatorPattern.FastBlink.</summary>
        LineFastBlink = 7,
    }

    /// <summary>Pattern table and lookup. Durations alternate on, off, on, off … and repeat.</summary>
    public static class LedPattern
    {
        private static readonly int[][] Steps =
        {
            new int[] { 0, 1000 },
            new int[] { 1000, 0 },
            new int[] { 500, 500 },
            new int[] { 150, 150, 150, 1550 },
            new int[] { 100, 100 },
            new int[] { 250, 250, 250, 1250 },
            new int[] { 500, 500 },
            new int[] { 100, 100 },
        };

        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.
        private const int NameCount = 8;

        private static string NameAt(int i)
        {
            switch (i)
            {
                case 0: return "off";
                case 1: return "on";
                case 2: return "booting";
                case 3: return "service-fault";
                case 4: return "factory-reset";
                case 5: return "ringing";
                case 6: return "message-waiting";
                case 7: return "line-fast-blink";
                default: return "?";
            }
        }

        /// <summary>True when the LED is lit <paramref name="elapsedMs"/> after the pattern started.</summary>
        [HotPath]
        public static bool IsOn(LedPatternId pattern, long elapsedMs)
        {
            int id = (int)pattern;
            if (id < 0 || id >= Steps.Length) return false;
            int[] steps = Steps[id];
            int period = 0;
            for (int i = 0; i < steps.Length; i++) period += steps[i];
            if (period == 0) return false;
            long t = elapsedMs < 0 ? 0 : elapsedMs % period;
            for (int i = 0; i < steps.Length; i++)
            {
                if (t < steps[i]) return (i & 1) == 0;
                t -= steps[i];
            }
            return false;
        }

        /// <summary>The LED pattern that shows a line indicator pattern (ILineHardware.SetIndicator).</summary>
        public static LedPatternId ForIndicator(IndicatorPattern pattern)
        {
            switch (pattern)
            {
                case IndicatorPattern.On: return LedPatternId.On;
                case IndicatorPattern.SlowBlink: return LedPatternId.MessageWaiting;
                case IndicatorPattern.FastBlink: return LedPatternId.LineFastBlink;
                default: return LedPatternId.Off;
            }
        }

        /// <summary>Printable name (enum.ToString() is a number on the device).</summary>
        public static string NameOf(LedPatternId pattern)
        {
            int id = (int)pattern;
            return id >= 0 && id < NameCount ? NameAt(id) : "?";
        }
    }
}
