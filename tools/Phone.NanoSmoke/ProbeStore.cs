// Settings store for the whole-firmware heap probe: up to eight named records in memory.
namespace Phone.NanoSmoke
{
    using System;
    using Phone.Core.Ports;

    /// <summary>Keeps each written record as a copy, as flash would.</summary>
    public sealed class ProbeStore : ISettingsStore
    {
        private readonly string[] _names = new string[8];
        private readonly byte[][] _records = new byte[8][];

        /// <inheritdoc/>
        public int Read(string name, byte[] buffer, int offset, int max)
        {
            int i = Find(name);
            if (i < 0) return -1;
            int n = _records[i].Length < max ? _records[i].Length : max;
            Array.Copy(_records[i], 0, buffer, offset, n);
            return n;
        }

        /// <inheritdoc/>
        public bool Write(string name, byte[] data, int offset, int count)
        {
            int i = Find(name);
            if (i < 0)
            {
                for (i = 0; i < _names.Length && _names[i] != null; i++)
                {
                }
                if (i == _names.Length) return false;
                _names[i] = name;
            }
            byte[] copy = new byte[count];
            Array.Copy(data, offset, copy, 0, count);
            _records[i] = copy;
            return true;
        }

        /// <inheritdoc/>
        public bool Delete(string name)
        {
            int i = Find(name);
            if (i < 0) return false;
            _names[i] = null;
            _records[i] = null;
            return true;
        }

        private int Find(string name)
        {
            for (int i = 0; i < _names.Length; i++) if (_names[i] != null && _names[i] == name) return i;   // nanoCLR posix: string == with a null crashes
            return -1;
        }
    }
}
