// Counters of the provisioning client, for the status report and for tests.
namespace Phone.Core.Provisioning
{
    /// <summary>What the provisioning client has done since boot.</summary>
    public sealed class ProvisioningStats
    {
        /// <summary>Provisioning attempts started.</summary>
        public int Attempts;
        /// <summary>Attempts that ended with a valid configuration (changed or not).</summary>
        public int Successes;
        /// <summary>Attempts that failed (network, HTTP status, bad file, signature …).</summary>
        public int Failures;
        /// <summary>Configurations applied that differed from the running one.</summary>
        public int Applied;
        /// <summary>Files answered 304 Not Modified.</summary>
        public int NotModified;
        /// <summary>HTTPS requests sent (all files, redirects, auth retries, status reports).</summary>
        public int Requests;
        /// <summary>Status reports accepted by the server (2xx).</summary>
        public int StatusReportsSent;
        /// <summary>Status reports that failed.</summary>
        public int StatusReportsFailed;
        /// <summary>Saves to the last-known-good store that failed.</summary>
        public int SaveFailures;
        /// <summary>Times the parked configuration in force could not be read back from the store (HoldConfiguration false).</summary>
        public int ReloadFailures;
        /// <summary>Network resync requests (check-sync) refused by the once-per-minute limit.</summary>
        public int ResyncsRateLimited;
        /// <summary>Reason of the last failure, or null (no secrets).</summary>
        public string LastError;
    }
}
