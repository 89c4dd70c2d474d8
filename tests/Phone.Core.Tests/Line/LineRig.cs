// Test rig: a LineController on fake hardware, polled like the protocol thread (every 20 ms or at its deadline).
namespace Phone.Core.Tests.Line
{
    using System;
    using System.Collections.Generic;
    using Phone.Core.Line;

    internal sealed class LineRig
    {
        public LineRig(int pollPeriodMs = 20)
        {
            PollPeriodMs = pollPeriodMs;
            Controller = new LineController(Hw);
            Controller.EventRaised += (kind, digit, at) =>
                Events.Add(digit == '\0' ? $"{LineStateNames.Name(kind)}@{at}" : $"{LineStateNames.Name(kind)}:{digit}@{at}");
        }

        public FakeLineHardware Hw { get; } = new FakeLineHardware();

        public LineController Controller { get; }

        public List<string> Events { get; } = new List<string>();

        public int PollPeriodMs { get; }

        public long Now { get; private set; }

        /// <summary>Runs the clock to <paramref name="end"/>, polling every period or at the controller's deadline.</summary>
        public void RunTo(long end)
        {
            long deadline = Controller.Poll(Now);
            while (Now < end)
            {
                long next = Math.Min(end, Math.Min(Now + PollPeriodMs, Math.Max(deadline, Now + 1)));
                Now = next;
                Hw.AdvanceTo(Now);
                deadline = Controller.Poll(Now);
            }
        }

        /// <summary>Scripts pulse dialling of <paramref name="digit"/> starting at <paramref name="start"/>; returns the time of the last make.</summary>
        public long DialPulses(char digit, long start, double pps, double breakRatio, int bounceMs = 0)
        {
            int pulses = digit == '0' ? 10 : digit - '0';
            double period = 1000.0 / pps;
            long t = start;
            for (int i = 0; i < pulses; i++)
            {
                long breakAt = start + (long)Math.Round(i * period);
                long makeAt = breakAt + (long)Math.Round(period * breakRatio);
                Edge(breakAt, false, bounceMs);
                Edge(makeAt, true, bounceMs);
                t = makeAt;
            }

            return t;
        }

        /// <summary>A hook change at <paramref name="at"/>, with optional contact chatter over the following ms.</summary>
        public void Edge(long at, bool offHook, int bounceMs = 0)
        {
            if (bounceMs > 0)
            {
                // Chatter: new, old, new ... one change per ms, the last change (to the new state) at at + bounceMs (even).
                for (int b = 0; b < bounceMs; b++)
                {
                    Hw.At(at + b, (b & 1) == 0 ? offHook : !offHook);
                }

                Hw.At(at + bounceMs, offHook);
                return;
            }

            Hw.At(at, offHook);
        }
    }
}
