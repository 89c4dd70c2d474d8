// In-memory settings store that can "cut the power" in the middle of a chosen write, for power-loss tests.
namespace Phone.Core.Tests.Provisioning
{
    using System;
    using System.Collections.Generic;
    using Phone.Core.Ports;

    /// <summary>How a write interrupted by a power cut leaves the record.</summary>
    public enum TornMode
    {
        /// <summary>Like a file rewritten from the start: the record becomes the first N new bytes.</summary>
        Truncate,
        /// <summary>Like flash rewritten in place: the first N new bytes, then whatever old bytes followed.</summary>
        InPlace,
    }

    /// <summary>
    /// A settings store in memory. Arm <see cref="CutAt"/> to stop the Nth write/delete step after a given number of
    /// bytes; from then on every call fails, as on a dead device, until <see cref="Reboot"/>.
    /// </summary>
    public sealed class FaultInjectingStore : ISettingsStore
    {
        private readonly Dictionary<string, byte[]> _records = new Dictionary<string, byte[]>();
        private int _cutStep = -1;
        private int _cutBytes;

        /// <summary>How torn writes look.</summary>
        public TornMode Mode = TornMode.Truncate;

        /// <summary>Write and delete steps performed since creation (or the last <see cref="ResetSteps"/>).</summary>
        public int Steps { get; private set; }

        /// <summary>Byte count of every write step, in order (a delete records 0).</summary>
        public List<int> StepSizes { get; } = new List<int>();

        /// <summary>True after the power was cut, until <see cref="Reboot"/>.</summary>
        public bool PoweredOff { get; private set; }

        /// <summary>Cuts the power during write step <paramref name="step"/> (0-based), after <paramref name="bytes"/> bytes land.</summary>
        public void CutAt(int step, int bytes)
        {
            _cutStep = step;
            _cutBytes = bytes;
        }

        /// <summary>Restores power; no cut is armed afterwards.</summary>
        public void Reboot()
        {
            PoweredOff = false;
            _cutStep = -1;
        }

        /// <summary>Restarts step counting.</summary>
        public void ResetSteps()
        {
            Steps = 0;
            StepSizes.Clear();
        }

        /// <summary>A copy of the raw record, or null.</summary>
        public byte[] Raw(string name) => _records.TryGetValue(name, out byte[] r) ? (byte[])r.Clone() : null;

        /// <inheritdoc/>
        public int Read(string name, byte[] buffer, int offset, int max)
        {
            if (PoweredOff || !_records.TryGetValue(name, out byte[] r)) return -1;
            Array.Copy(r, 0, buffer, offset, Math.Min(max, r.Length));
            return r.Length;
        }

        /// <inheritdoc/>
        public bool Write(string name, byte[] data, int offset, int count)
        {
            if (PoweredOff) return false;
            int step = Steps++;
            StepSizes.Add(count);
            if (step == _cutStep)
            {
                int landed = Math.Min(_cutBytes, count);
                byte[] old = _records.TryGetValue(name, out byte[] o) ? o : new byte[0];
                byte[] torn = new byte[Mode == TornMode.InPlace ? Math.Max(landed, old.Length) : landed];
                if (Mode == TornMode.InPlace) Array.Copy(old, torn, old.Length);
                Array.Copy(data, offset, torn, 0, landed);
                _records[name] = torn;
                PoweredOff = true;
                return false;
            }
            byte[] copy = new byte[count];
            Array.Copy(data, offset, copy, 0, count);
            _records[name] = copy;
            return true;
        }

        /// <inheritdoc/>
        public bool Delete(string name)
        {
            if (PoweredOff) return false;
            int step = Steps++;
            StepSizes.Add(0);
            if (step == _cutStep)
            {
                PoweredOff = true;
                return false;
            }
            _records.Remove(name);
            return true;
        }
    }
}
