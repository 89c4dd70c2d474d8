// Counters of the provisioning client, for the status report and for tests.
namespace Phone.Core.Provisioning
{
    /// <summary>What the provisioning client has done since boot.</summary>
    public sealed class ProvisioningStats
    {
        // The counters in one array: on nanoCLR a field costs a 12-byte heap block, an int[] element 4 bytes.
        private readonly int[] _counts = new int[11];

        /// <summary>Provisioning attempts started.</summary>
        public int Attempts { get => _counts[0]; set => _counts[0] = value; }
        /// <summary>Attempts that ended with a valid configuration (changed or not).</summary>
        public int Successes { get => _counts[1]; set => _counts[1] = value; }
        /// <summary>Attempts that failed (network, HTTP status, bad file, signature …).</summary>
        public int Failures { get => _counts[2]; set => _counts[2] = value; }
        /// <summary>Configurations applied that differed from the running one.</summary>
        public int Applied { get => _counts[3]; set => _counts[3] = value; }
        /// <summary>Files answered 304 Not Modified.</summary>
        public int NotModified { get => _counts[4]; set => _counts[4] = value; }
        /// <summary>HTTPS requests sent (all files, redirects, auth retries, status reports).</summary>
        public int Requests { get => _counts[5]; set => _counts[5] = value; }
        /// <summary>Status reports accepted by the server (2xx).</summary>
        public int StatusReportsSent { get => _counts[6]; set => _counts[6] = value; }
        /// <summary>Status reports that failed.</summary>
        public int StatusReportsFailed { get => _counts[7]; set => _counts[7] = value; }
        /// <summary>Saves to the last-known-good store that failed.</summary>
        public int SaveFailures { get => _counts[8]; set => _counts[8] = value; }
        /// <summary>Times the parked configuration in force could not be read back from the store (HoldConfiguration false).</summary>
        public int ReloadFailures { get => _counts[10]; set => _counts[10] = value; }
        /// <summary>Network resync requests (check-sync) refused by the once-per-minute limit.</summary>
        public int ResyncsRateLimited { get => _counts[9]; set => _counts[9] = value; }
        /// <summary>Reason of the last failure, or null (no secrets).</summary>
        public string LastError;
    }
}
