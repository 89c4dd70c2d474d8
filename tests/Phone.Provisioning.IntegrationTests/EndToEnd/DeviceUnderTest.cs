// One simulated device: the core ProvisioningClient over the host HTTPS fetcher and a file settings store.
namespace Phone.Provisioning.IntegrationTests.EndToEnd
{
    using System;
    using System.Collections.Generic;
    using System.IO;
    using Phone.Core.Provisioning;
    using Phone.Host.Net;
    using Phone.Host.Storage;

    /// <summary>A device whose clock the test drives; <see cref="Reboot"/> makes a new client over the same flash.</summary>
    internal sealed class DeviceUnderTest : IDisposable
    {
        private readonly string _caPem;
        private readonly string _mac;

        public DeviceUnderTest(string caPem, string mac)
        {
            _caPem = caPem;
            _mac = mac;
            FlashDir = Path.Combine(Path.GetTempPath(), "provflash-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(FlashDir);
            Reboot();
        }

        public string FlashDir { get; }

        public ProvisioningClient Client { get; private set; }

        public HostHttpsFetcher Fetcher { get; private set; }

        public RecordingLog Log { get; private set; }

        public List<ConfigChanges> Applied { get; } = new List<ConfigChanges>();

        public long Now { get; set; } = 1000;

        public void Reboot()
        {
            Log = new RecordingLog();
            Fetcher = new HostHttpsFetcher(_caPem, Log);
            Client = new ProvisioningClient(Fetcher, new FileSettingsStore(FlashDir), Log, 4242, _mac, null);
            Client.ConfigApplied += (previous, current, changes) => Applied.Add(changes);
        }

        /// <summary>Polls until the client is idle again; returns the next deadline it asked for.</summary>
        public long Run()
        {
            long next = Client.Poll(Now);
            for (int i = 0; i < 50 && Client.IsBusy; i++) next = Client.Poll(Now);
            Assert.False(Client.IsBusy);
            return next;
        }

        /// <summary>Advances the clock to the client's own next deadline and runs it (a periodic resync or a retry).</summary>
        public void RunAtDeadline(long deadline)
        {
            Assert.True(deadline > Now && deadline < long.MaxValue, "no deadline ahead: " + deadline);
            Now = deadline;
            Run();
        }

        /// <summary>
        /// Follows the client's own deadlines (status reports come due too) until it has made one more provisioning
        /// attempt; returns how long after the start that attempt began.
        /// </summary>
        public long RunUntilNextAttempt()
        {
            long start = Now;
            int attempts = Client.Stats.Attempts;
            for (int i = 0; i < 5 && Client.Stats.Attempts == attempts; i++) RunAtDeadline(Client.Poll(Now));
            Assert.Equal(attempts + 1, Client.Stats.Attempts);
            return Now - start;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(FlashDir, true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }
}
