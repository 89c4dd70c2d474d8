// Scripted line hardware for tests: hook edges at given times, records ringing / polarity / indicator calls.
namespace Phone.Core.Tests.Line
{
    using System.Collections.Generic;
    using Phone.Core.Ports;

    internal sealed class FakeLineHardware : ILineHardware
    {
        private readonly List<(long At, bool OffHook)> _script = new List<(long, bool)>();
        private readonly Queue<(bool, long)> _captured = new Queue<(bool, long)>();
        private int _next;

        public long Now { get; private set; }

        public bool EdgeCapture { get; set; } = true;

        public bool Raw { get; private set; }

        public List<(long At, bool On)> Ringing { get; } = new List<(long, bool)>();

        public List<(long At, bool Reversed)> Polarity { get; } = new List<(long, bool)>();

        public Queue<char> Keys { get; } = new Queue<char>();

        public IndicatorPattern Indicator { get; private set; }

        public bool IsOffHook => Raw;

        /// <summary>Schedules a raw hook change at an absolute time (edges must be added in time order).</summary>
        public void At(long atMs, bool offHook) => _script.Add((atMs, offHook));

        /// <summary>Advances the fake clock, applying scripted edges up to it.</summary>
        public void AdvanceTo(long now)
        {
            while (_next < _script.Count && _script[_next].At <= now)
            {
                Raw = _script[_next].OffHook;
                if (EdgeCapture)
                {
                    _captured.Enqueue((Raw, _script[_next].At));
                }

                _next++;
            }

            Now = now;
        }

        public long NextScripted => _next < _script.Count ? _script[_next].At : long.MaxValue;

        public bool TryReadHookEdge(out bool offHook, out long atMs)
        {
            if (_captured.Count == 0)
            {
                offHook = false;
                atMs = 0;
                return false;
            }

            (offHook, atMs) = _captured.Dequeue();
            return true;
        }

        public void SetRinging(bool on) => Ringing.Add((Now, on));

        public void SetReversedPolarity(bool reversed) => Polarity.Add((Now, reversed));

        public bool TryReadKey(out char key)
        {
            if (Keys.Count == 0)
            {
                key = '\0';
                return false;
            }

            key = Keys.Dequeue();
            return true;
        }

        public void SetIndicator(int indicator, IndicatorPattern pattern) => Indicator = pattern;
    }
}
