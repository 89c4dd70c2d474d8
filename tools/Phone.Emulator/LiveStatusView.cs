// Status for a person at a terminal: a Spectre.Console live table of the devices, recent events, spinners.
namespace Phone.Emulator
{
    using System;
    using System.Collections.Generic;
    using System.Globalization;
    using Spectre.Console;
    using Spectre.Console.Rendering;

    /// <summary>A live table (registration, line, call, RTP sent/received, loss, jitter per device) with the last events under it.</summary>
    internal sealed class LiveStatusView : IStatusView
    {
        private const int EventLines = 8;
        private readonly IAnsiConsole _console;
        private readonly Queue<string> _events = new Queue<string>();
        private readonly object _gate = new object();
        private DeviceStatus[] _devices = new DeviceStatus[0];
        private bool _running;

        public LiveStatusView(IAnsiConsole console) => _console = console;

        /// <summary>A line under the table (e.g. the keypad's help and the number being entered).</summary>
        public string Footer { get; set; } = "";

        public bool IsLive => true;

        public void Event(string text)
        {
            lock (_gate)
            {
                string line = DateTime.Now.ToString("HH:mm:ss") + " " + text;
                if (!_running)
                {
                    _console.MarkupLine("[grey]" + Markup.Escape(line) + "[/]");
                    return;
                }
                _events.Enqueue(line);
                while (_events.Count > EventLines) _events.Dequeue();
            }
        }

        public void Update(DeviceStatus[] devices)
        {
            lock (_gate) _devices = devices;
        }

        public void Run(Func<bool> tick)
        {
            lock (_gate) _running = true;
            try
            {
                _console.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Start(ctx =>
                {
                    while (tick())
                    {
                        ctx.UpdateTarget(Render());
                    }
                    ctx.UpdateTarget(Render());
                });
            }
            finally
            {
                lock (_gate) _running = false;
            }
        }

        public T Progress<T>(string title, Func<ProgressReport, T> work)
        {
            T result = default(T);
            _console.Progress()
                .AutoClear(false)
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    ProgressTask task = ctx.AddTask(Markup.Escape(title));
                    task.IsIndeterminate = true;
                    result = work((text, done, total) =>
                    {
                        task.Description = Markup.Escape(title + ": " + text + (total > 0 ? " (" + done + "/" + total + ")" : ""));
                        if (total > 0)
                        {
                            task.IsIndeterminate = false;
                            task.MaxValue = total;
                            task.Value = done;
                        }
                    });
                    task.Value = task.MaxValue;
                    task.StopTask();
                });
            return result;
        }

        /// <summary>The table and the event lines as they are now.</summary>
        internal IRenderable Render()
        {
            lock (_gate)
            {
                var table = new Table().Border(TableBorder.Rounded).Title("emulated phones");
                foreach (string c in new[] { "device", "registration", "line", "call", "RTP tx", "RTP rx", "loss", "jitter" }) table.AddColumn(c);
                foreach (DeviceStatus d in _devices)
                {
                    string lineColour = d.Line.StartsWith("Talking") ? "green" : d.Line.StartsWith("Ringing") ? "yellow" : d.Line.StartsWith("Finished") ? "red" : "white";
                    table.AddRow(
                        Markup.Escape(d.Name),
                        Markup.Escape(d.Registration),
                        "[" + lineColour + "]" + Markup.Escape(d.Line) + "[/]",
                        Markup.Escape(d.Call),
                        d.RtpSent.ToString(CultureInfo.InvariantCulture),
                        d.RtpReceived.ToString(CultureInfo.InvariantCulture),
                        d.RtpLost.ToString(CultureInfo.InvariantCulture) + " (" + d.LossPercent.ToString("0.0", CultureInfo.InvariantCulture) + " %)",
                        d.JitterMs.ToString(CultureInfo.InvariantCulture) + " ms");
                }
                var rows = new List<IRenderable> { table };
                foreach (string e in _events) rows.Add(new Text(e));
                if (Footer.Length > 0) rows.Add(new Markup("[bold]" + Markup.Escape(Footer) + "[/]"));
                return new Rows(rows);
            }
        }
    }
}
