// Declares part of nanoFramework.System.Net 1.11.60; checked against nanoframework/System.Net tag v1.11.54 (713b02c; the newest source reachable, 1.11.60 is the version System.Net.Http 1.5.210 depends on), nanoFramework.System.Net/X509Certificates/X509Certificate.cs.
namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate // X509Certificate.cs:19
    {
        public X509Certificate(string certificate) => throw new NotImplementedException(); // X509Certificate.cs:82
    }
}
