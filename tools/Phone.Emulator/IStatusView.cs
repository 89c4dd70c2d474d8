// How the emulator shows status to people: plain timestamped lines, or a live Spectre.Console table.
namespace Phone.Emulator
{
    using System;

    /// <summary>Reports progress of a step that takes seconds: a text and, when known, done of total.</summary>
    internal delegate void ProgressReport(string text, int done, int total);

    /// <summary>A status display; <see cref="StatusViews.Create"/> picks the plain or the live one.</summary>
    internal interface IStatusView
    {
        /// <summary>True for the live (terminal) display.</summary>
        bool IsLive { get; }

        /// <summary>Something happened (a command's answer, a state change): a log line.</summary>
        void Event(string text);

        /// <summary>The latest per-device snapshot; shown live, or as lines when a device's state changed.</summary>
        void Update(DeviceStatus[] devices);

        /// <summary>
        /// Runs <paramref name="tick"/> until it returns false, showing the devices' status meanwhile (a live table
        /// refreshed after every tick, or nothing extra in plain mode).
        /// </summary>
        void Run(Func<bool> tick);

        /// <summary>Runs a step that takes seconds under a spinner / progress bar (plain: a line per change).</summary>
        T Progress<T>(string title, Func<ProgressReport, T> work);
    }
}
