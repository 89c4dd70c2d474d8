// Declares part of nanoFramework.System.Net 1.11.60; checked against nanoframework/System.Net tag v1.11.54 (713b02c; the newest source reachable, 1.11.60 is the version System.Net.Http 1.5.210 depends on), nanoFramework.System.Net/Sockets/Socket.cs.
namespace System.Net.Sockets
{
    public class Socket : IDisposable // Socket.cs:16
    {
        public Socket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) => throw new NotImplementedException(); // Socket.cs:55
        public int Available => throw new NotImplementedException(); // Socket.cs:84
        public void Bind(EndPoint localEP) => throw new NotImplementedException(); // Socket.cs:283
        public void Close() => throw new NotImplementedException(); // Socket.cs:367
        public int SendTo(byte[] buffer, int offset, int size, SocketFlags socketFlags, EndPoint remoteEP) => throw new NotImplementedException(); // Socket.cs:584
        public int ReceiveFrom(byte[] buffer, int offset, int size, SocketFlags socketFlags, ref EndPoint remoteEP) => throw new NotImplementedException(); // Socket.cs:760
        public bool Poll(int microSeconds, SelectMode mode) => throw new NotImplementedException(); // Socket.cs:1049
        void IDisposable.Dispose() => throw new NotImplementedException(); // Socket.cs:1082
    }
}
