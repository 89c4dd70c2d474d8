// Declares part of nanoFramework.System.Net 1.11.60; checked against nanoframework/System.Net tag v1.11.54 (713b02c; the newest source reachable, 1.11.60 is the version System.Net.Http 1.5.210 depends on), nanoFramework.System.Net/Sockets/AddressFamily.cs, SocketType.cs, ProtocolType.cs, SocketFlags.cs, SelectMode.cs (all values copied).
namespace System.Net.Sockets
{
    public enum AddressFamily // AddressFamily.cs:16
    {
        Unknown = -1, Unspecified = 0, Unix = 1, InterNetwork = 2, ImpLink = 3, Pup = 4, Chaos = 5, NS = 6, Ipx = NS,
        Iso = 7, Osi = Iso, Ecma = 8, DataKit = 9, Ccitt = 10, Sna = 11, DecNet = 12, DataLink = 13, Lat = 14,
        HyperChannel = 15, AppleTalk = 16, NetBios = 17, VoiceView = 18, FireFox = 19, Banyan = 21, Atm = 22,
        InterNetworkV6 = 23, Cluster = 24, Ieee12844 = 25, Irda = 26, NetworkDesigners = 28, Max = 29,
    }

    public enum SocketType // SocketType.cs:17
    {
        Stream = 1, Dgram = 2, Raw = 3, Rdm = 4, Seqpacket = 5, Unknown = -1,
    }

    public enum ProtocolType // ProtocolType.cs:12
    {
        IP = 0, IPv6HopByHopOptions = 0, Icmp = 1, Igmp = 2, Ggp = 3, IPv4 = 4, Tcp = 6, Pup = 12, Udp = 17, Idp = 22,
        IPv6 = 41, IPv6RoutingHeader = 43, IPv6FragmentHeader = 44, IPSecEncapsulatingSecurityPayload = 50,
        IPSecAuthenticationHeader = 51, IcmpV6 = 58, IPv6NoNextHeader = 59, IPv6DestinationOptions = 60, ND = 77,
        Raw = 255, Unspecified = 0, Ipx = 1000, Spx = 1256, SpxII = 1257, Unknown = -1,
    }

    [Flags]
    public enum SocketFlags // SocketFlags.cs:15
    {
        None = 0x0000, OutOfBand = 0x0001, Peek = 0x0002, DontRoute = 0x0004, MaxIOVectorLength = 0x0010,
        Truncated = 0x0100, ControlDataTruncated = 0x0200, Broadcast = 0x0400, Multicast = 0x0800, Partial = 0x8000,
    }

    public enum SelectMode // SelectMode.cs:12
    {
        SelectRead = 0, SelectWrite = 1, SelectError = 2,
    }
}
