// Faults set per served file name, plus the per-file request counters that FailHalf alternates on.
namespace Phone.ProvisioningServer
{
    using System.Collections.Concurrent;

    /// <summary>Thread-safe map from file name (e.g. "001122aabbcc.cfg") to the fault injected for it.</summary>
    public sealed class FaultTable
    {
        private readonly ConcurrentDictionary<string, FaultKind> _faults = new ConcurrentDictionary<string, FaultKind>();
        private readonly ConcurrentDictionary<string, int> _counters = new ConcurrentDictionary<string, int>();

        /// <summary>Sets (or with <see cref="FaultKind.None"/> clears) the fault of <paramref name="file"/>.</summary>
        public void Set(string file, FaultKind kind)
        {
            if (kind == FaultKind.None) _faults.TryRemove(file, out _);
            else _faults[file] = kind;
            _counters.TryRemove(file, out _);
        }

        /// <summary>Clears every fault.</summary>
        public void Clear()
        {
            _faults.Clear();
            _counters.Clear();
        }

        /// <summary>The fault to apply to this request for <paramref name="file"/> (FailHalf resolved to 500 or none).</summary>
        public FaultKind Next(string file)
        {
            if (!_faults.TryGetValue(file, out FaultKind kind)) return FaultKind.None;
            if (kind != FaultKind.FailHalf) return kind;
            int n = _counters.AddOrUpdate(file, 1, (_, old) => old + 1);
            return (n & 1) == 1 ? FaultKind.ServerError : FaultKind.None;
        }
    }
}
