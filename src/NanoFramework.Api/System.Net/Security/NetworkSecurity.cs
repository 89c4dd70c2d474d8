// Declares part of nanoFramework.System.Net 1.11.60; checked against nanoframework/System.Net tag v1.11.54 (713b02c; the newest source reachable, 1.11.60 is the version System.Net.Http 1.5.210 depends on), nanoFramework.System.Net/Security/NetworkSecurity.cs (all values copied).
namespace System.Net.Security
{
    [Flags]
    public enum SslProtocols // NetworkSecurity.cs:24
    {
        None = 0x00,
        [Obsolete("This value is obsolete and unsecured and will be removed in a future version.")]
        Tls = 192,
        [Obsolete("This value is obsolete and unsecured and will be removed in a future version.")]
        Tls11 = 768,
        Tls12 = 3072,
        Tls13 = 12288,
    }

    public enum SslVerification // NetworkSecurity.cs:63
    {
        NoVerification = 1, VerifyPeer = 2, CertificateRequired = 4, VerifyClientOnce = 8,
    }
}
