// Declares part of nanoFramework.System.Net.Http 1.5.210; checked against nanoframework/System.Net.Http tag v1.5.210 (a37532d), nanoFramework.System.Net.Http/Http/System.Net.WebRequest.cs and System.Net.HttpWebRequest.cs.
// HttpWebRequest, not HttpClient: nanoFramework's HttpResponseHeaders exposes no way to read a header
// (HttpResponseHeaders.cs:12 has only the inherited Add), and the core needs ETag, WWW-Authenticate and Location.
// HttpWebRequest overrides Method, Headers, ContentType, ContentLength, Timeout, GetRequestStream and GetResponse
// (HttpWebRequest.cs:618, 727, 865, 542, 348, 1867, 1782); C# calls an override through the base member, so only the
// WebRequest virtuals are declared.
namespace System.Net
{
    using System.IO;
    using System.Net.Security;
    using System.Security.Cryptography.X509Certificates;

    public abstract class WebRequest : MarshalByRefObject, IDisposable // System.Net.WebRequest.cs:22
    {
        protected WebRequest() { } // System.Net.WebRequest.cs:39
        public void Dispose() => throw new NotImplementedException(); // System.Net.WebRequest.cs:69
        public virtual string Method { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // System.Net.WebRequest.cs:89
        public virtual WebHeaderCollection Headers { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // System.Net.WebRequest.cs:148
        public virtual long ContentLength { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // System.Net.WebRequest.cs:172
        public virtual string ContentType { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // System.Net.WebRequest.cs:195
        public virtual int Timeout { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // System.Net.WebRequest.cs:216
        public virtual Stream GetRequestStream() => throw new NotImplementedException(); // System.Net.WebRequest.cs:273
        public virtual WebResponse GetResponse() => throw new NotImplementedException(); // System.Net.WebRequest.cs:290
        public static WebRequest Create(string requestUriString) => throw new NotImplementedException(); // System.Net.WebRequest.cs:309
    }

    public class HttpWebRequest : WebRequest // System.Net.HttpWebRequest.cs:50
    {
        internal HttpWebRequest() { } // (the real constructor is internal too: instances come from WebRequest.Create)
        public X509Certificate HttpsAuthentCert { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // System.Net.HttpWebRequest.cs:380
        public SslVerification SslVerification { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // System.Net.HttpWebRequest.cs:389
        public SslProtocols SslProtocols { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // System.Net.HttpWebRequest.cs:406
        public int ReadWriteTimeout { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // System.Net.HttpWebRequest.cs:426
        public bool KeepAlive { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // System.Net.HttpWebRequest.cs:647
    }
}
