// Declares part of nanoFramework.System.Net.Http 1.5.210; checked against nanoframework/System.Net.Http tag v1.5.210 (a37532d), nanoFramework.System.Net.Http/Http/System.Net.WebException.cs and System.Net.WebStatus.cs (all values copied).
namespace System.Net
{
    public class WebException : InvalidOperationException // System.Net.WebException.cs:22
    {
        public WebExceptionStatus Status => throw new NotImplementedException(); // System.Net.WebException.cs:97
    }

    public enum WebExceptionStatus // System.Net.WebStatus.cs:13
    {
        Success = 0, NameResolutionFailure = 1, ConnectFailure = 2, ReceiveFailure = 3, SendFailure = 4,
        PipelineFailure = 5, RequestCanceled = 6, ProtocolError = 7, ConnectionClosed = 8, TrustFailure = 9,
        SecureChannelFailure = 10, ServerProtocolViolation = 11, KeepAliveFailure = 12, Pending = 13, Timeout = 14,
        ProxyNameResolutionFailure = 15,
    }
}
