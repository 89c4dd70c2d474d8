// Network bring-up: Wi-Fi or Ethernet with DHCP, wait for SNTP time, and report address changes to the core.
namespace Phone.Device.Net
{
    using System;
    using System.Net.NetworkInformation;
    using System.Threading;
    using nanoFramework.Networking;
    using Phone.Core.Net;
    using Phone.Core.Ports;

    /// <summary>Called with the new IPv4 address (0 when the link is gone).</summary>
    public delegate void AddressChangedHandler(uint address);

    /// <summary>
    /// Thin wrapper over nanoFramework's NetworkHelper (Ethernet) and WifiNetworkHelper (Wi-Fi). SNTP runs in the
    /// ESP32 firmware itself; requiresDateTime makes the helpers wait until the clock is past 2021.
    /// </summary>
    public sealed class NetworkBringUp
    {
        private readonly ILog _log;
        private AddressChangedHandler _handler;
        private bool _subscribed;

        /// <summary>Creates the bring-up helper.</summary>
        public NetworkBringUp(ILog log) => _log = log;

        /// <summary>
        /// Connects and waits up to <paramref name="timeoutMs"/>. <paramref name="kind"/> is "wifi" or "ethernet".
        /// For Wi-Fi, a null <paramref name="ssid"/> reuses the credentials stored in the device's network
        /// configuration block (set with the Visual Studio Device Explorer). True when an address and a valid time exist.
        /// </summary>
        public bool Connect(string kind, string ssid, string password, int timeoutMs)
        {
            bool ok;
            string status;
            CancellationTokenSource cts = new CancellationTokenSource(timeoutMs);
            try
            {
                if (kind == "ethernet")
                {
                    ok = NetworkHelper.SetupAndConnectNetwork(cts.Token, true);
                    status = StatusName(NetworkHelper.Status);
                }
                else if (ssid != null)
                {
                    ok = WifiNetworkHelper.ConnectDhcp(ssid, password, System.Device.Wifi.WifiReconnectionKind.Automatic, true, 0, cts.Token);
                    status = StatusName(WifiNetworkHelper.Status);
                }
                else
                {
                    ok = WifiNetworkHelper.Reconnect(true, 0, cts.Token);
                    status = StatusName(WifiNetworkHelper.Status);
                }
            }
            catch (Exception ex)
            {
                ok = false;
                status = ex.Message;
            }
            finally
            {
                cts.Dispose();
            }
            _log.Write(ok ? LogLevel.Info : LogLevel.Error, "net", kind + (ok ? " up, address " + NetEndPoint.AddressToString(CurrentAddress()) : " failed: " + status));
            return ok;
        }

        /// <summary>Registers the single handler for address changes (DHCP renewal, link loss).</summary>
        public void OnAddressChanged(AddressChangedHandler handler)
        {
            _handler = handler;
            if (_subscribed) return;
            _subscribed = true;
            NetworkChange.NetworkAddressChanged += AddressChanged;
            NetworkChange.NetworkAvailabilityChanged += AvailabilityChanged;
        }

        /// <summary>The first interface's MAC as "00:11:22:33:44:55", or "00:00:00:00:00:00" when none can be read.</summary>
        public static string MacAddress()
        {
            try
            {
                NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
                if (all.Length > 0)
                {
                    byte[] mac = all[0].PhysicalAddress;
                    if (mac != null && mac.Length == 6)
                    {
                        string text = mac[0].ToString("X2");
                        for (int i = 1; i < 6; i++) text += ":" + mac[i].ToString("X2");
                        return text;
                    }
                }
            }
            catch (Exception)
            {
            }
            return "00:00:00:00:00:00";
        }

        /// <summary>
        /// The first DNS server the network gave (DHCP or static), 0 when none: our own DNS client asks it for the
        /// registrar's SRV and A records (the device's Dns API resolves only A records).
        /// </summary>
        public static uint DnsServerAddress()
        {
            try
            {
                NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < all.Length; i++)
                {
                    string[] servers = all[i].IPv4DnsAddresses;
                    if (servers == null) continue;
                    for (int k = 0; k < servers.Length; k++)
                    {
                        if (NetEndPoint.TryParseAddress(servers[k], out uint a) && a != 0) return a;
                    }
                }
            }
            catch (Exception)
            {
                // No interface information yet: the caller logs that no DNS server is known.
            }
            return 0;
        }

        /// <summary>The first interface's IPv4 address, or 0.</summary>
        public static uint CurrentAddress()
        {
            try
            {
                NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < all.Length; i++)
                {
                    if (NetEndPoint.TryParseAddress(all[i].IPv4Address, out uint a) && a != 0) return a;
                }
            }
            catch (Exception)
            {
            }
            return 0;
        }

        private void AddressChanged(object sender, EventArgs e)
        {
            uint a = CurrentAddress();
            _log.Write(LogLevel.Info, "net", "address now " + NetEndPoint.AddressToString(a));
            AddressChangedHandler h = _handler;
            if (h != null) h(a);
        }

        private void AvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            _log.Write(e.IsAvailable ? LogLevel.Info : LogLevel.Warning, "net", e.IsAvailable ? "link up" : "link down");
            if (!e.IsAvailable)
            {
                AddressChangedHandler h = _handler;
                if (h != null) h(0);
            }
        }

        private static readonly string[] StatusNames =
        {
            "None", "Started", "NetworkIsReady", "FailedNoNetworkInterface", "TokenExpiredWaitingIPAddress",
            "TokenExpiredWaitingDateTime", "ErrorConnetingToWiFiWhileScanning", "ExceptionOccurred", "Reconnecting",
        };

        private static string StatusName(NetworkHelperStatus s)
        {
            int i = (int)s;
            return i >= 0 && i < StatusNames.Length ? StatusNames[i] : i.ToString();
        }
    }
}
