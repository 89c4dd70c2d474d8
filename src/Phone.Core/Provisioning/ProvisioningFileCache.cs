// The two parsed files kept between resyncs with their ETags, so an unchanged file costs one 304 (RFC 9110 §13.1.2).
namespace Phone.Core.Provisioning
{
    /// <summary>
    /// What the server sent last time (the parsed common and device files, their ETags and URLs). Held only while
    /// <see cref="ProvisioningClient.KeepFileLayers"/> is true; the device keeps none and fetches both files whole.
    /// </summary>
    internal sealed class ProvisioningFileCache
    {
        /// <summary>The common file's layer, or null (none named, or 404).</summary>
        public ProvisioningConfig Common;

        /// <summary>ETag of the common file, or null.</summary>
        public string CommonTag;

        /// <summary>URL the common file came from.</summary>
        public string CommonUrl;

        /// <summary>The device file's layer.</summary>
        public ProvisioningConfig Device;

        /// <summary>ETag of the device file, or null.</summary>
        public string DeviceTag;

        /// <summary>URL the device file came from.</summary>
        public string DeviceUrl;
    }
}
