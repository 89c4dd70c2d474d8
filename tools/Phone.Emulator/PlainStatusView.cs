// Status as plain timestamped lines: for logs, CI and anything that is not a terminal (or --plain).
namespace Phone.Emulator
{
    using System;
    using System.Diagnostics;
    using System.IO;

    /// <summary>
    /// Each event is a line <c>HH:mm:ss.fff text</c>. A device's status line is written when its registration, line
    /// or call state changes, and every <see cref="CountersEveryMs"/> while its RTP counters move.
    /// </summary>
    internal sealed class PlainStatusView : IStatusView
    {
        private readonly TextWriter _out;
        private readonly Func<DateTime> _now;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private DeviceStatus[] _last = new DeviceStatus[0];
        private long[] _lastCountersAt = new long[0];

        public PlainStatusView(TextWriter output, Func<DateTime> now = null)
        {
            _out = output;
            _now = now ?? (() => DateTime.Now);
        }

        /// <summary>Interval of the counter lines while RTP moves, ms.</summary>
        public int CountersEveryMs { get; set; } = 5000;

        public bool IsLive => false;

        public void Event(string text)
        {
            lock (_out) _out.WriteLine(_now().ToString("HH:mm:ss.fff") + " " + text);
        }

        public void Update(DeviceStatus[] devices)
        {
            if (_last.Length != devices.Length)
            {
                _last = new DeviceStatus[devices.Length];
                _lastCountersAt = new long[devices.Length];
            }
            long now = _clock.ElapsedMilliseconds;
            for (int i = 0; i < devices.Length; i++)
            {
                DeviceStatus d = devices[i], before = _last[i];
                bool moved = before != null && (d.RtpSent != before.RtpSent || d.RtpReceived != before.RtpReceived);
                if (d.StateDiffers(before) || (moved && now - _lastCountersAt[i] >= CountersEveryMs))
                {
                    Event(d.ToLine());
                    _last[i] = d;
                    _lastCountersAt[i] = now;
                }
                else if (!moved)
                {
                    _last[i] = d;
                }
            }
        }

        public void Run(Func<bool> tick)
        {
            while (tick())
            {
            }
        }

        public T Progress<T>(string title, Func<ProgressReport, T> work)
        {
            string lastText = null;
            long lastAt = -10000;
            int lastDone = -1;
            Event(title);
            return work((text, done, total) =>
            {
                long now = _clock.ElapsedMilliseconds;
                // A line when the text changes, and for a count at most once a second (a fleet of 500 counts fast).
                if (text != lastText || (done != lastDone && now - lastAt >= 1000) || (total > 0 && done == total && lastDone != done))
                {
                    Event(title + ": " + text + (total > 0 ? " (" + done + "/" + total + ")" : ""));
                    lastText = text;
                    lastAt = now;
                    lastDone = done;
                }
            });
        }
    }
}
