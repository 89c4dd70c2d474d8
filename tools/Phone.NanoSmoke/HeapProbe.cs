// Measures on nanoCLR itself what objects hold on its heap, to check the model the firmware memory test uses.
namespace Phone.NanoSmoke
{
    using System;

    /// <summary>
    /// Forces a garbage collection before and after building each object. A nanoCLR built with
    /// NANOCLR_TRACE_MEMORY_STATS prints "GC: … N bytes used" at every collection, so an object's size is the
    /// difference between the last figures printed between its marks (docs/MEMORY.md, "Checked on nanoCLR").
    /// Without that trace only the marks are printed.
    /// </summary>
    internal static class HeapProbe
    {
        /// <summary>Builds the object to be measured.</summary>
        public delegate object Builder();

        private static object _held;
        private static byte[] _junk;

        /// <summary>The shapes of <see cref="HeapShapes"/>, arrays, strings and a few core objects.</summary>
        public static void Run()
        {
            Measure("nothing", () => null);
            Measure("object", () => new object());
            Measure("class{}", () => new HeapShapes.Empty());
            Measure("class{int}", () => new HeapShapes.OneInt());
            Measure("class{10 int}", () => new HeapShapes.TenInts());
            Measure("class{long}", () => new HeapShapes.OneLong());
            Measure("class{object}", () => new HeapShapes.OneRef());
            Measure("class{struct{int,int}}", () => new HeapShapes.OneStruct());
            Measure("class{struct{struct,struct,int}}", () => new HeapShapes.OneNested());
            Measure("byte[0]", () => new byte[0]);
            Measure("byte[1]", () => new byte[1]);
            Measure("byte[100]", () => new byte[100]);
            Measure("byte[1000]", () => new byte[1000]);
            Measure("int[100]", () => new int[100]);
            Measure("object[10]", () => new object[10]);
            Measure("struct{int,int}[10]", () => new HeapShapes.TwoInts[10]);
            Measure("string of 100 chars built at run time", () => new string('x', 100));
            Measure("string literal", () => "a literal held");
            Measure("Sip.SipMessage()", () => new Phone.Core.Sip.SipMessage());
            Measure("Crypto.Md5", () => new Phone.Core.Crypto.Md5());
            Measure("Crypto.Sha256", () => new Phone.Core.Crypto.Sha256());
            Measure("Media.Jitter.JitterBuffer(10, 240)", () => new Phone.Core.Media.Jitter.JitterBuffer(10, 240));
            Measure("Dsp.DtmfDetector", () => new Phone.Core.Dsp.DtmfDetector());
        }

        /// <summary>Runs at least one collection with nothing but the program's objects alive.</summary>
        public static void Collect()
        {
            // More garbage than the posix build's 10 MB heap holds, one array at a time (an array is at most 64K blocks):
            // at least one collection runs, and at the last one nothing but the program's own objects is alive.
            for (int i = 0; i < 9; i++)
            {
                _junk = null;
                _junk = new byte[1400000];
            }
            _junk = null;
        }

        private static void Measure(string name, Builder build)
        {
            _held = null;
            Console.WriteLine("HEAPMARK begin " + name);
            Collect();
            Console.WriteLine("HEAPMARK built " + name);
            _held = build();
            Collect();
            Console.WriteLine("HEAPMARK end " + name);
            _held = null;
        }
    }
}
