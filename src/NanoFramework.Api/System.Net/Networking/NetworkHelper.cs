// Declares part of nanoFramework.System.Net 1.11.60; checked against nanoframework/System.Net tag v1.11.54 (713b02c; the newest source reachable, 1.11.60 is the version System.Net.Http 1.5.210 depends on), nanoFramework.System.Net/NetworkHelper/NetworkHelper.cs and NetworkHelperStatus.cs.
namespace nanoFramework.Networking
{
    using System;
    using System.Threading;

    public static class NetworkHelper // NetworkHelper.cs:16
    {
        public static NetworkHelperStatus Status => throw new NotImplementedException(); // NetworkHelper.cs:54
        public static bool SetupAndConnectNetwork(CancellationToken token = default, bool requiresDateTime = false) => throw new NotImplementedException(); // NetworkHelper.cs:108
    }

    public enum NetworkHelperStatus // NetworkHelperStatus.cs:8
    {
        None, Started, NetworkIsReady, FailedNoNetworkInterface, TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime, ErrorConnetingToWiFiWhileScanning, ExceptionOccurred, Reconnecting,
    }
}
