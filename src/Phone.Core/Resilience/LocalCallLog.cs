// Bounded log of calls in local survivability (oldest overwritten), reported to the PBX when it returns.
namespace Phone.Core.Resilience
{
    using Phone.Core.Text;

    /// <summary>
    /// A ring of call records sized at start-up. When full the oldest record is overwritten and counted in
    /// <see cref="Overwritten"/>, so a long outage costs memory once. <see cref="WriteReport"/> renders the text/plain
    /// body the <see cref="LocalCallReporter"/> sends. The records are parallel arrays (time, peer, kind, duration), not
    /// an object each: on nanoCLR an object costs a 12-byte block per field. The arrays exist only while records are held:
    /// made at the first call logged in local survivability and let go when the PBX accepted the report
    /// (<see cref="Clear"/>), so a phone that never lost its PBX holds none of them.
    /// </summary>
    public sealed class LocalCallLog
    {
        private const byte IncomingFlag = 1;
        private const byte AnsweredFlag = 2;
        private const byte EmergencyFlag = 4;

        private readonly int _capacity;
        private long[] _atMs;
        private string[] _peer;
        private byte[] _flags;
        private long[] _durationMs;
        private int _first;

        /// <summary>Creates a log of <paramref name="capacity"/> records (their storage is made with the first one).</summary>
        public LocalCallLog(int capacity)
        {
            _capacity = capacity;
        }

        /// <summary>Records held.</summary>
        public int Count { get; private set; }

        /// <summary>Records the log can hold.</summary>
        public int Capacity => _capacity;

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
                    if (Incoming(i) && !Answered(i)) n++;
                }
                return n;
            }
        }

        /// <summary>When record <paramref name="index"/> (oldest first) started, ms on the phone's clock.</summary>
        public long AtMs(int index) => _atMs[Slot(index)];

        /// <summary>The other party of record <paramref name="index"/> (extension or number), or null.</summary>
        public string Peer(int index) => _peer[Slot(index)];

        /// <summary>Record <paramref name="index"/> was a call to us.</summary>
        public bool Incoming(int index) => (_flags[Slot(index)] & IncomingFlag) != 0;

        /// <summary>Record <paramref name="index"/> was answered (an incoming call that was not is missed).</summary>
        public bool Answered(int index) => (_flags[Slot(index)] & AnsweredFlag) != 0;

        /// <summary>Record <paramref name="index"/> was a call to an emergency number.</summary>
        public bool Emergency(int index) => (_flags[Slot(index)] & EmergencyFlag) != 0;

        /// <summary>Talk time of record <paramref name="index"/>, ms (0 when not answered).</summary>
        public long DurationMs(int index) => _durationMs[Slot(index)];

        /// <summary>Adds a record (overwriting the oldest when full).</summary>
        public void Add(long atMs, string peer, bool incoming, bool answered, bool emergency, long durationMs)
        {
            if (_capacity == 0) return;
            if (_peer == null)
            {
                _atMs = new long[_capacity];
                _peer = new string[_capacity];
                _flags = new byte[_capacity];
                _durationMs = new long[_capacity];
            }
            int slot;
            if (Count < _capacity)
            {
                slot = (_first + Count) % _capacity;
                Count++;
            }
            else
            {
                slot = _first;
                _first = (_first + 1) % _capacity;
                Overwritten++;
            }
            _atMs[slot] = atMs;
            _peer[slot] = peer;
            _flags[slot] = (byte)((incoming ? IncomingFlag : 0) | (answered ? AnsweredFlag : 0) | (emergency ? EmergencyFlag : 0));
            _durationMs[slot] = answered ? durationMs : 0;
        }

        /// <summary>Empties the log (after the PBX accepted the report).</summary>
        public void Clear()
        {
            _atMs = null;
            _peer = null;
            _flags = null;
            _durationMs = null;
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
                w.Text(Emergency(i) ? "emergency " : !Incoming(i) ? "out " : Answered(i) ? "in " : "missed ");
                w.Text(Peer(i) ?? "?");
                w.Text(" at=");
                w.Decimal(AtMs(i) / 1000);
                w.Text(" dur=");
                w.Decimal(DurationMs(i) / 1000);
                w.Text("\r\n");
            }
            return w.Overflow ? -1 : w.Length;
        }

        private int Slot(int index) => (_first + index) % _capacity;
    }
}
