// Declares part of nanoFramework.System.Net 1.11.60; checked against nanoframework/System.Net tag v1.11.54 (713b02c; the newest source reachable, 1.11.60 is the version System.Net.Http 1.5.210 depends on), nanoFramework.System.Net/NetworkInformation/NetworkInterface.cs.
namespace System.Net.NetworkInformation
{
    public class NetworkInterface // NetworkInterface.cs:19
    {
        protected NetworkInterface(int interfaceIndex) { } // NetworkInterface.cs:72
        public static NetworkInterface[] GetAllNetworkInterfaces() => throw new NotImplementedException(); // NetworkInterface.cs:91
        public string IPv4Address => throw new NotImplementedException(); // NetworkInterface.cs:345
        public string[] IPv4DnsAddresses => throw new NotImplementedException(); // NetworkInterface.cs:378
        public byte[] PhysicalAddress => throw new NotImplementedException(); // NetworkInterface.cs:437
    }
}
