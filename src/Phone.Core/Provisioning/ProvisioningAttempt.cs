// What one provisioning attempt (RFC 9110 requests for the common and the per-device file) holds while it runs.
namespace Phone.Core.Provisioning
{
    using Phone.Core.Ports;

    /// <summary>
    /// The state of the attempt in progress: URLs, redirect and challenge counts, credentials, the files fetched so far
    /// and the HTTPS request. <see cref="ProvisioningClient"/> builds one when an attempt starts and lets it go when Poll
    /// returns idle, so an idle client (and so a call) holds none of it.
    /// </summary>
    internal sealed class ProvisioningAttempt
    {
        /// <summary>Server base URL the files are fetched from.</summary>
        public string BaseUrl;

        /// <summary>Name of the file being fetched.</summary>
        public string FileName;

        /// <summary>URL of the current request (after redirects).</summary>
        public string Url;

        /// <summary>Redirects followed for this file.</summary>
        public int Hops;

        /// <summary>A challenge of this file was answered; the next one (unless stale) means wrong credentials.</summary>
        public bool AuthTried;

        /// <summary>A stale challenge was answered once already.</summary>
        public bool StaleRetried;

        /// <summary>Authorization value of the next request, or null.</summary>
        public string Authorization;

        /// <summary>The configuration names a common file, fetched before the device file.</summary>
        public bool CommonFetched;

        /// <summary>The common file's layer and ETag, once fetched.</summary>
        public ProvisioningConfig Common;

        /// <summary>ETag of <see cref="Common"/>.</summary>
        public string CommonTag;

        /// <summary>The device file's layer and ETag, once fetched.</summary>
        public ProvisioningConfig Device;

        /// <summary>ETag of <see cref="Device"/>.</summary>
        public string DeviceTag;

        /// <summary>Every file so far was answered 304.</summary>
        public bool AllNotModified;

        /// <summary>The request handed to the HTTPS port (reused for each request of the attempt).</summary>
        public readonly HttpsRequest Request = new HttpsRequest();
    }
}
