// Declares part of nanoFramework.System.Net.Http 1.5.210; checked against nanoframework/System.Net.Http tag v1.5.210 (a37532d), nanoFramework.System.Net.Http/Http/System.Net.WebResponse.cs and System.Net.HttpWebResponse.cs.
namespace System.Net
{
    using System.IO;

    public abstract class WebResponse : MarshalByRefObject, IDisposable // System.Net.WebResponse.cs:20
    {
        protected WebResponse() { } // System.Net.WebResponse.cs:26
        public virtual long ContentLength { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // System.Net.WebResponse.cs:36
        public virtual string ContentType { get => throw new NotImplementedException(); set => throw new NotImplementedException(); } // System.Net.WebResponse.cs:55
        public virtual Stream GetResponseStream() => throw new NotImplementedException(); // System.Net.WebResponse.cs:74
        public virtual WebHeaderCollection Headers => throw new NotImplementedException(); // System.Net.WebResponse.cs:105
        public virtual void Close() => throw new NotImplementedException(); // System.Net.WebResponse.cs:121
        public void Dispose() => throw new NotImplementedException(); // System.Net.WebResponse.cs:127
    }

    public class HttpWebResponse : WebResponse // System.Net.HttpWebResponse.cs:20
    {
        internal HttpWebResponse() { } // (the real constructor is internal: instances come from GetResponse)
        public override WebHeaderCollection Headers => throw new NotImplementedException(); // System.Net.HttpWebResponse.cs:73
        public override long ContentLength => throw new NotImplementedException(); // System.Net.HttpWebResponse.cs:91
        public override string ContentType => throw new NotImplementedException(); // System.Net.HttpWebResponse.cs:128
        public HttpStatusCode StatusCode => throw new NotImplementedException(); // System.Net.HttpWebResponse.cs:178
        public override Stream GetResponseStream() => throw new NotImplementedException(); // System.Net.HttpWebResponse.cs:213
        public string GetResponseHeader(string headerName) => throw new NotImplementedException(); // System.Net.HttpWebResponse.cs:262
        public override void Close() => throw new NotImplementedException(); // System.Net.HttpWebResponse.cs:331
    }
}
