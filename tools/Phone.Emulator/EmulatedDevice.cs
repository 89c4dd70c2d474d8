// One emulated device: the portable core's provisioning client with host adapters (HTTPS, file store, log file).
namespace Phone.Emulator
{
    using System;
    using System.Diagnostics;
    using System.IO;
    using Phone.Core.Ports;
    using Phone.Core.Provisioning;
    using Phone.Host.Net;
    using Phone.Host.Storage;

    /// <summary>A device with its own MAC, flash (a directory) and log; boots by provisioning itself over HTTPS.</summary>
    internal sealed class EmulatedDevice : IDisposable
    {
        private readonly DeviceLog _log;
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public EmulatedDevice(string mac, string directory, string factoryCaPem, string factoryUrl, int seed)
        {
            Mac = mac;
            Directory.CreateDirectory(directory);
            _log = new DeviceLog(Path.Combine(directory, "device.log"));
            var store = new FileSettingsStore(Path.Combine(directory, "flash"));
            // The factory CA is what a real box has burnt in: it trusts only the provider's provisioning server.
            var fetcher = new HostHttpsFetcher(factoryCaPem, _log);
            Provisioning = new ProvisioningClient(fetcher, store, _log, seed, mac, factoryUrl);
        }

        public string Mac { get; }

        public ProvisioningClient Provisioning { get; }

        public ILog Log => _log;

        /// <summary>Milliseconds from boot to the first applied configuration, or -1.</summary>
        public long ProvisionedAtMs { get; private set; } = -1;

        public long NowMs => _clock.ElapsedMilliseconds;

        /// <summary>The one-time setup an IT person types on the keypad: server URL and the device's token.</summary>
        public bool EnterSetup(string url, string token, out string error) => Provisioning.EnterSetup(url, null, null, token, out error);

        /// <summary>Polls provisioning until a configuration with an account is applied or <paramref name="timeoutMs"/> passes.</summary>
        public bool BootUntilProvisioned(int timeoutMs, ProgressReport report = null)
        {
            while (NowMs < timeoutMs)
            {
                Provisioning.Poll(NowMs);
                report?.Invoke(ProvisioningStateNames.Of(Provisioning.State), 0, 0);
                if (!Provisioning.IsBusy && Provisioning.Current.GetString("account.1.user").Length > 0)
                {
                    ProvisionedAtMs = NowMs;
                    return true;
                }
                System.Threading.Thread.Sleep(5);
            }
            return false;
        }

        public void Dispose() => _log.Dispose();
    }
}
