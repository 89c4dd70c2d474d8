// Declares part of nanoFramework.System.Net.Http 1.5.210; checked against nanoframework/System.Net.Http tag v1.5.210 (a37532d), nanoFramework.System.Net.Http/Http/System.Net.WebHeaders.cs.
namespace System.Net
{
    public class WebHeaderCollection // System.Net.WebHeaders.cs:131
    {
        public void Add(string name, string value) => throw new NotImplementedException(); // System.Net.WebHeaders.cs:384
        public string this[string header] => throw new NotImplementedException(); // System.Net.WebHeaders.cs:673
    }
}
