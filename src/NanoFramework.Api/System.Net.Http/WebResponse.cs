// Declares part of nanoFramework.System.Net.Http 1.5.210; checked against nanoframework/System.Net.Http tag v1.5.210 (a37532d), nanoFramework.System.Net.Http/Http/System.Net.WebResponse.cs and System.Net.HttpWebResponse.cs.
namespace System.Net
{
    using System.IO;

    // HttpWebResponse overrides Headers, GetResponseStream and Close (HttpWebResponse.cs:73, 213, 331); C# calls them
    // through the WebResponse virtuals, so only those are declared.
    public abstract class WebResponse : MarshalByRefObject, IDisposable // System.Net.WebResponse.cs:20
    {
        protected WebResponse() { } // System.Net.WebResponse.cs:26
        public virtual Stream GetResponseStream() => throw new NotImplementedException(); // System.Net.WebResponse.cs:74
        public virtual WebHeaderCollection Headers => throw new NotImplementedException(); // System.Net.WebResponse.cs:105
        public virtual void Close() => throw new NotImplementedException(); // System.Net.WebResponse.cs:121
        public void Dispose() => throw new NotImplementedException(); // System.Net.WebResponse.cs:127
    }

    public class HttpWebResponse : WebResponse // System.Net.HttpWebResponse.cs:20
    {
        internal HttpWebResponse() { } // (the real constructor is internal: instances come from GetResponse)
        public HttpStatusCode StatusCode => throw new NotImplementedException(); // System.Net.HttpWebResponse.cs:178
    }
}
