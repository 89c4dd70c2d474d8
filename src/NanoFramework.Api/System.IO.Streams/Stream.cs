// Declares part of nanoFramework.System.IO.Streams 1.1.96; checked against nanoframework/System.IO.Streams tag v1.1.96 (e6d0ae8), System.IO.Streams/Stream.cs.
namespace System.IO
{
    public abstract class Stream : MarshalByRefObject, IDisposable // Stream.cs:13
    {
        public virtual void Close() => throw new NotImplementedException(); // Stream.cs:120
        public void Dispose() => throw new NotImplementedException(); // Stream.cs:188
        public abstract int Read(byte[] buffer, int offset, int count); // Stream.cs:250
        public abstract void Write(byte[] buffer, int offset, int count); // Stream.cs:275
    }
}
