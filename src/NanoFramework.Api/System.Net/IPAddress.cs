// Declares part of nanoFramework.System.Net 1.11.60; checked against nanoframework/System.Net tag v1.11.54 (713b02c; the newest source reachable, 1.11.60 is the version System.Net.Http 1.5.210 depends on), nanoFramework.System.Net/IPAddress.cs.
namespace System.Net
{
    public class IPAddress // IPAddress.cs:17
    {
        internal IPAddress() { } // (no public parameterless constructor in the real type)
        public byte[] GetAddressBytes() => throw new NotImplementedException(); // IPAddress.cs:279
    }
}
