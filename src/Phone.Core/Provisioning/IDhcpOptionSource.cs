// Hook for DHCP options 66/43 (RFC 2132 §9.4, §8.4) where the network stack exposes them.
namespace Phone.Core.Provisioning
{
    /// <summary>
    /// Gives the provisioning client the DHCP options that name a provisioning server. nanoFramework's
    /// System.Net.NetworkInformation.NetworkInterface exposes addresses, gateway and DNS servers but no DHCP options,
    /// so on the ESP32 there is no implementation and this source is empty; a host or a future stack can provide one.
    /// </summary>
    public interface IDhcpOptionSource
    {
        /// <summary>Option 66 (TFTP server name) as text, or null: a URL or a bare host name.</summary>
        string GetOption66();

        /// <summary>Option 43 (vendor-specific information) raw bytes, or null; sub-option 1 holds a URL.</summary>
        byte[] GetOption43();
    }
}
