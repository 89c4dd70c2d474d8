// Bounded log of calls in local survivability (oldest overwritten), reported to the PBX when it returns.
namespace Phone.Core.Resilience
{
    using Phone.Core.Text;

    /// <summary>
    /// A ring of <see cref="LocalCallRecord"/> sized at start-up. When full the oldest record is overwritten and
    /// counted in <see cref="Overwritten"/>, so a long outage costs memory once. <see cref="WriteReport"/> renders the
    /// text/plain body the <see cref="LocalCallReporter"/> sends.
    /// </summary>
    public sealed class LocalCallLog
    {
        private readonly LocalCallRecord[] _records;
        private int _first;

        /// <summary>Creates a log of <paramref name="capacity"/> records.</summary>
        public LocalCallLog(int capacity)
        {
            _records = new LocalCallRecord[capacity];
            for (int i = 0; i < capacity; i++) _records[i] = new LocalCallRecord();
        }

        /// <summary>Records held.</summary>
        public int Count { get; private set; }

        /// <summary>Records the log can hold.</summary>
        public int Capacity => _records.Length;

        /// <summary>Records lost to overwriting since the last <see cref="Clear"/>.</summary>
        public int Overwritten { get; private set; }

        /// <summary>Incoming calls not answered among the records held.</summary>
        public int Missed
        {
            get
            {
                int n = 0;
                for (int i = 0; i < Count; i++)
                {
                    LocalCallRecord r = Get(i);
                    if (r.Incoming && !r.Answered) n++;
                }
                return n;
            }
        }

        /// <summary>Record <paramref name="index"/>, oldest first.</summary>
        public LocalCallRecord Get(int index) => _records[(_first + index) % _records.Length];

        /// <summary>Adds a record (overwriting the oldest when full).</summary>
        public void Add(long atMs, string peer, bool incoming, bool answered, bool emergency, long durationMs)
        {
            LocalCallRecord r;
            if (Count < _records.Length)
            {
                r = _records[(_first + Count) % _records.Length];
                Count++;
            }
            else
            {
                r = _records[_first];
                _first = (_first + 1) % _records.Length;
                Overwritten++;
            }
            r.AtMs = atMs;
            r.Peer = peer;
            r.Incoming = incoming;
            r.Answered = answered;
            r.Emergency = emergency;
            r.DurationMs = answered ? durationMs : 0;
        }

        /// <summary>Empties the log (after the PBX accepted the report).</summary>
        public void Clear()
        {
            for (int i = 0; i < _records.Length; i++) _records[i].Peer = null;
            _first = 0;
            Count = 0;
            Overwritten = 0;
        }

        /// <summary>
        /// Writes the report body: a header line "local-calls N missed M overwritten K" and one line per call,
        /// "&lt;kind&gt; &lt;peer&gt; at=&lt;s&gt; dur=&lt;s&gt;" with kind missed, in, out or emergency; times are
        /// seconds on the phone's clock (<paramref name="nowMs"/> is given so the PBX can relate them: "now=").
        /// Returns the length written, or -1 when it does not fit.
        /// </summary>
        public int WriteReport(byte[] buffer, int offset, int capacity, long nowMs)
        {
            var w = new ByteWriter(buffer, offset, capacity);
            w.Text("local-calls ");
            w.Decimal(Count);
            w.Text(" missed ");
            w.Decimal(Missed);
            w.Text(" overwritten ");
            w.Decimal(Overwritten);
            w.Text(" now=");
            w.Decimal(nowMs / 1000);
            w.Text("\r\n");
            for (int i = 0; i < Count; i++)
            {
                LocalCallRecord r = Get(i);
                w.Text(r.Emergency ? "emergency " : !r.Incoming ? "out " : r.Answered ? "in " : "missed ");
                w.Text(r.Peer ?? "?");
                w.Text(" at=");
                w.Decimal(r.AtMs / 1000);
                w.Text(" dur=");
                w.Decimal(r.DurationMs / 1000);
                w.Text("\r\n");
            }
            return w.Overflow ? -1 : w.Length;
        }
    }
}
