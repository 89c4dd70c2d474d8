// Declares part of nanoFramework.System.Net 1.11.60; checked against nanoframework/System.Net tag v1.11.54 (713b02c; the newest source reachable, 1.11.60 is the version System.Net.Http 1.5.210 depends on), nanoFramework.System.Net/SocketException.cs.
namespace System.Net.Sockets
{
    public class SocketException : Exception // SocketException.cs:15
    {
        internal SocketException() { } // (the real constructor is public with a SocketError; only the runtime throws these)
        public int ErrorCode => throw new NotImplementedException(); // SocketException.cs:35
    }
}
