// Declares part of nanoFramework.System.Threading 1.1.52; checked against nanoframework/System.Threading tag v1.1.52 (866134e), nanoFramework.System.Threading/Threading/CancellationToken.cs.
namespace System.Threading
{
    public struct CancellationToken // CancellationToken.cs:26
    {
        // No member is called: the device code only passes a token on (CancellationTokenSource.Token).
    }
}
