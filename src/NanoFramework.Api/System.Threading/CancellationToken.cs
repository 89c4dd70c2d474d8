// Declares part of nanoFramework.System.Threading 1.1.52; checked against nanoframework/System.Threading tag v1.1.52 (866134e), nanoFramework.System.Threading/Threading/CancellationToken.cs.
namespace System.Threading
{
    public struct CancellationToken // CancellationToken.cs:26
    {
        public bool IsCancellationRequested => throw new NotImplementedException(); // CancellationToken.cs:64
    }
}
