// Status LED patterns as on/off durations (code, not a heap table), so the device only switches a pin.
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
        private const int PatternCount = 8;

        // The durations as code, not a class-constructor int[][] (408 B of heap for the uptime on nanoCLR): step i of a
        // pattern, 0 past its last step. Every pattern has two or four steps.
        private static int Step(int pattern, int i)
        {
            switch (pattern * 4 + i)
            {
                case 0 * 4 + 1: return 1000;                       // Off: dark
                case 1 * 4 + 0: return 1000;                       // On: lit
                case 2 * 4 + 0: case 2 * 4 + 1: return 500;        // Booting: 500/500
                case 3 * 4 + 0: case 3 * 4 + 1: case 3 * 4 + 2: return 150;   // ServiceFault: 150/150/150/1550
                case 3 * 4 + 3: return 1550;
                case 4 * 4 + 0: case 4 * 4 + 1: return 100;        // FactoryReset: 100/100
                case 5 * 4 + 0: case 5 * 4 + 1: case 5 * 4 + 2: return 250;   // Ringing: 250/250/250/1250
                case 5 * 4 + 3: return 1250;
                case 6 * 4 + 0: case 6 * 4 + 1: return 500;        // MessageWaiting: 500/500
                case 7 * 4 + 0: case 7 * 4 + 1: return 100;        // LineFastBlink: 100/100
                default: return 0;
            }
        }

        private static int StepCount(int pattern) => pattern == 3 || pattern == 5 ? 4 : 2;

        // Names as code and literals (flash on nanoCLR) rather than a class-constructor array in the heap.

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
            if (id < 0 || id >= PatternCount) return false;
            int count = StepCount(id);
            int period = 0;
            for (int i = 0; i < count; i++) period += Step(id, i);
            if (period == 0) return false;
            long t = elapsedMs < 0 ? 0 : elapsedMs % period;
            for (int i = 0; i < count; i++)
            {
                int step = Step(id, i);
                if (t < step) return (i & 1) == 0;
                t -= step;
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
            return id >= 0 && id < PatternCount ? NameAt(id) : "?";
        }
    }
}
