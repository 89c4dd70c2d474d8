// Entry point of the nanoCLR smoke run: self-checks of the portable core, then hot-path timings.
namespace Phone.NanoSmoke
{
    using System;

    /// <summary>Prints "PASS …"/"FAIL …"/"TIME …" lines and a final summary line.</summary>
    public static class Program
    {
        /// <summary>Runs checks then timings; the summary line is the last thing printed.</summary>
        public static void Main()
        {
            Console.WriteLine("Phone.NanoSmoke: portable core on nanoCLR");
            CoreChecks.Run();
            CryptoChecks.Run();
            SipChecks.Run();
            AuthChecks.Run();
            MediaChecks.Run();
            DspChecks.Run();
            ReferenceChecks.Run();
            Bench.Run();
            MediaBench.Run();
            HeapProbe.Run();
            FirmwareProbe.Run();
            Console.WriteLine("SMOKE " + (Report.Failed == 0 ? "OK" : "FAILED") + " passed=" + Report.Passed.ToString()
                + " failed=" + Report.Failed.ToString());
        }
    }
}
