// Declares part of nanoFramework.System.Threading 1.1.52; checked against nanoframework/System.Threading tag v1.1.52 (866134e), nanoFramework.System.Threading/Threading/CancellationTokenSource.cs.
namespace System.Threading
{
    public class CancellationTokenSource : IDisposable // CancellationTokenSource.cs:26
    {
        public CancellationTokenSource(int millisecondsDelay) => throw new NotImplementedException(); // CancellationTokenSource.cs:180
        public CancellationToken Token => throw new NotImplementedException(); // CancellationTokenSource.cs:113
        public void Dispose() => throw new NotImplementedException(); // CancellationTokenSource.cs:441
    }
}
