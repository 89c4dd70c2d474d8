// Declares part of nanoFramework.System.Device.Wifi 1.5.149; checked against nanoframework/System.Device.Wifi main 282a906 (two commits after tag v1.5.147, i.e. height 1.5.149), System.Device.Wifi/NetworkHelper/WifiNetworkHelper.cs and WifiReconnectionKind.cs.
namespace nanoFramework.Networking
{
    using System;
    using System.Device.Wifi;
    using System.Threading;

    public static class WifiNetworkHelper // WifiNetworkHelper.cs:17
    {
        public static NetworkHelperStatus Status => throw new NotImplementedException(); // WifiNetworkHelper.cs:56
        public static bool ConnectDhcp(string ssid, string password, WifiReconnectionKind reconnectionKind = WifiReconnectionKind.Automatic, bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default) => throw new NotImplementedException(); // WifiNetworkHelper.cs:155
        public static bool Reconnect(bool requiresDateTime = false, int wifiAdapterId = 0, CancellationToken token = default) => throw new NotImplementedException(); // WifiNetworkHelper.cs:248
    }
}

namespace System.Device.Wifi
{
    public enum WifiReconnectionKind // WifiReconnectionKind.cs:11
    {
        Automatic, Manual,
    }
}
