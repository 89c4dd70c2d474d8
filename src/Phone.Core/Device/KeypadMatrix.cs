// Debounce and decoding of a row/column key matrix; the device only drives rows and reads column levels.
namespace Phone.Core.Device
{
    /// <summary>
    /// A key matrix of up to 8 rows × 8 columns. The device drives one row active, reads the columns as a bit mask
    /// (bit c set = column c sees the key closed) and passes it to <see cref="ScanRow"/>; after the last row the
    /// matrix is debounced: a key is pressed after <see cref="StableScans"/> identical full scans with it closed,
    /// released after as many with it open. Presses go into a fixed queue read by <see cref="TryReadKey"/>; a full
    /// queue drops the press and counts it. Nothing here allocates after construction.
    /// </summary>
    public sealed class KeypadMatrix
    {
        /// <summary>Full scans a change must persist before it counts (at a 10 ms scan period: 20 ms).</summary>
        public const int StableScans = 2;

        private const int QueueSize = 16;

        private readonly int _rows;
        private readonly int _columns;
        private readonly string _keys;
        private readonly int[] _raw;
        private readonly int[] _candidate;
        private readonly int[] _stable;
        private readonly int[] _agreeing;
        private readonly char[] _queue = new char[QueueSize];
        private int _queueHead;
        private int _queueCount;

        /// <summary>Presses lost because the queue was full.</summary>
        public int Dropped;

        /// <summary>
        /// Creates a matrix. <paramref name="keys"/> lists the key characters row by row (rows × columns of them),
        /// e.g. "123456789*0#" for a 4 × 3 phone keypad.
        /// </summary>
        public KeypadMatrix(int rows, int columns, string keys)
        {
            _rows = rows < 1 ? 1 : (rows > 8 ? 8 : rows);
            _columns = columns < 1 ? 1 : (columns > 8 ? 8 : columns);
            _keys = keys ?? string.Empty;
            _raw = new int[_rows];
            _candidate = new int[_rows];
            _stable = new int[_rows];
            _agreeing = new int[_rows];
        }

        /// <summary>Rows of the matrix.</summary>
        public int Rows => _rows;

        /// <summary>Columns of the matrix.</summary>
        public int Columns => _columns;

        /// <summary>Records the column mask read while <paramref name="row"/> was driven; the last row completes a scan.</summary>
        [HotPath]
        public void ScanRow(int row, int closedColumns)
        {
            if (row < 0 || row >= _rows) return;
            _raw[row] = closedColumns & ((1 << _columns) - 1);
            if (row == _rows - 1) CompleteScan();
        }

        /// <summary>True while the debounced key at (row, column) is down.</summary>
        public bool IsDown(int row, int column)
            => row >= 0 && row < _rows && column >= 0 && column < _columns && (_stable[row] & (1 << column)) != 0;

        /// <summary>Takes the oldest debounced press; false when none is waiting.</summary>
        [HotPath]
        public bool TryReadKey(out char key)
        {
            key = '\0';
            if (_queueCount == 0) return false;
            key = _queue[_queueHead];
            _queueHead = (_queueHead + 1) % QueueSize;
            _queueCount--;
            return true;
        }

        [HotPath]
        private void CompleteScan()
        {
            for (int r = 0; r < _rows; r++)
            {
                if (_raw[r] != _candidate[r])
                {
                    _candidate[r] = _raw[r];
                    _agreeing[r] = 1;
                }
                else if (_agreeing[r] < StableScans)
                {
                    _agreeing[r]++;
                }
                if (_agreeing[r] < StableScans || _candidate[r] == _stable[r]) continue;
                int pressed = _candidate[r] & ~_stable[r];
                _stable[r] = _candidate[r];
                for (int c = 0; c < _columns; c++)
                {
                    if ((pressed & (1 << c)) != 0) Enqueue(r * _columns + c);
                }
            }
        }

        private void Enqueue(int index)
        {
            if (index >= _keys.Length) return;
            if (_queueCount == QueueSize)
            {
                Dropped++;
                return;
            }
            _queue[(_queueHead + _queueCount) % QueueSize] = _keys[index];
            _queueCount++;
        }
    }
}
