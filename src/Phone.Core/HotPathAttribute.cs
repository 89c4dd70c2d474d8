// Marks a method that runs on the 20 ms media path or per received packet.
namespace Phone.Core
{
    using System;

    /// <summary>
    /// A method marked hot must not allocate: the IL guard (tests/NanoGuard.Tests) fails the build's tests
    /// when such a method contains newobj, newarr, box, ldstr (a string object per execution on nanoCLR),
    /// string concatenation or string.Format.
    /// On the device the media loop runs every 20 ms forever; one allocation per frame is a GC every few seconds.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, AllowMultiple = false)]
    public sealed class HotPathAttribute : Attribute
    {
    }
}
