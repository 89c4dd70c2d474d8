// Declares part of nanoFramework.System.Net 1.11.60; checked against nanoframework/System.Net tag v1.11.54 (713b02c; the newest source reachable, 1.11.60 is the version System.Net.Http 1.5.210 depends on), nanoFramework.System.Net/NetworkInformation/NetworkChange.cs.
namespace System.Net.NetworkInformation
{
    public class NetworkAvailabilityEventArgs : EventArgs // NetworkChange.cs:14
    {
        internal NetworkAvailabilityEventArgs() { } // (the real constructor is internal too)
        public bool IsAvailable => throw new NotImplementedException(); // NetworkChange.cs:28
    }

    public delegate void NetworkAddressChangedEventHandler(object sender, EventArgs e); // NetworkChange.cs:62

    public delegate void NetworkAvailabilityChangedEventHandler(object sender, NetworkAvailabilityEventArgs e); // NetworkChange.cs:69

    public static class NetworkChange // NetworkChange.cs:81
    {
        public static event NetworkAddressChangedEventHandler NetworkAddressChanged; // NetworkChange.cs:150
        public static event NetworkAvailabilityChangedEventHandler NetworkAvailabilityChanged; // NetworkChange.cs:162
    }
}
