// Declares part of nanoFramework.System.Net 1.11.60; checked against nanoframework/System.Net tag v1.11.54 (713b02c; the newest source reachable, 1.11.60 is the version System.Net.Http 1.5.210 depends on), nanoFramework.System.Net/EndPoint.cs and IPEndPoint.cs.
namespace System.Net
{
    public abstract class EndPoint // EndPoint.cs:17 (its abstract Serialize/Create are not called by the device code)
    {
    }

    public class IPEndPoint : EndPoint // IPEndPoint.cs:15
    {
        public IPEndPoint(long address, int port) => throw new NotImplementedException(); // IPEndPoint.cs:38
        public IPAddress Address => throw new NotImplementedException(); // IPEndPoint.cs:59
        public int Port => throw new NotImplementedException(); // IPEndPoint.cs:83
    }
}
