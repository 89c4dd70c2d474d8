// What devices report on POST /status/<mac>: the latest report per device, kept in memory and in status/<mac>.txt.
namespace Phone.ProvisioningServer
{
    using System;
    using System.Collections.Concurrent;
    using System.IO;

    /// <summary>Latest status report per MAC, for operators and tests.</summary>
    public sealed class StatusStore
    {
        private readonly ConcurrentDictionary<string, string> _latest = new ConcurrentDictionary<string, string>();
        private readonly string _dir;

        /// <summary>Stores files under <paramref name="dir"/> (created on demand).</summary>
        public StatusStore(string dir) => _dir = dir;

        /// <summary>Records <paramref name="report"/> as the latest from <paramref name="mac"/>.</summary>
        public void Record(string mac, string report)
        {
            _latest[mac] = report;
            Directory.CreateDirectory(_dir);
            File.WriteAllText(Path.Combine(_dir, mac + ".txt"),
                "# received " + DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ") + "\n" + report);
        }

        /// <summary>The latest report from <paramref name="mac"/> since start, or null.</summary>
        public string Latest(string mac) => _latest.TryGetValue(mac, out string report) ? report : null;
    }
}
