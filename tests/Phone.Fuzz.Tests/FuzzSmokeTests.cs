// CI fuzz smoke: a deterministic, coverage-less mutation run over every parser target and its committed seeds, plus
// a replay of every input AFL ever found crashing (tools/fuzz/crashes/<target>/). Long coverage-guided runs: tools/fuzz/run.sh.
namespace Phone.Fuzz.Tests
{
    using System;
    using System.Diagnostics;
    using System.IO;

    public class FuzzSmokeTests
    {
        // 100 000 mutants per parser target keeps the whole smoke to about ten seconds on a loaded 2-core machine.
        private const int Iterations = 100000;
        // siptx runs a whole phone per input (a CallManager built, up to 16 datagrams, five simulated minutes of
        // timers): about 100 times a parser input, so a tenth of the mutants keeps it to a few seconds.
        private const int SiptxIterations = 10000;
        // A parser that takes this long on one input of at most a few KiB has a loop bug; the real figure is microseconds.
        // Generous against scheduler stalls on a loaded CI machine; an endless loop still fails (via the hang timeout).
        private const long MaxMsPerInput = 1000;
        private const int MaxInput = 8192;

        public static TheoryData<string> Targets()
        {
            var data = new TheoryData<string>();
            foreach (string name in FuzzTargets.Names) data.Add(name);
            return data;
        }

        [Theory]
        [MemberData(nameof(Targets))]
        public void MutatedSeedsNeverThrowAndReturnPromptly(string target)
        {
            byte[][] seeds = Load(Path.Combine(RepoRoot(), "tools", "fuzz", "seeds", target));
            Assert.NotEmpty(seeds);
            var targets = new FuzzTargets();
            var mutator = new Mutator(Array.IndexOf(FuzzTargets.Names, target) + 4711);
            var watch = new Stopwatch();
            long slowest = 0;
            int iterations = target == "siptx" ? SiptxIterations : Iterations;
            for (int i = 0; i < iterations; i++)
            {
                byte[] input = mutator.Mutate(seeds[i % seeds.Length], seeds[(i * 7 + 3) % seeds.Length], MaxInput);
                // Parse at a non-zero offset inside a larger buffer: bounds must come from offset/count, not the array.
                byte[] framed = new byte[input.Length + 16];
                Array.Copy(input, 0, framed, 8, input.Length);
                watch.Restart();
                try
                {
                    targets.Run(target, framed, 8, input.Length);
                }
                catch (Exception e)
                {
                    Assert.Fail(target + " iteration " + i + " threw " + e.GetType().Name + ": " + e.Message +
                        "\ninput (base64, save it under tools/fuzz/crashes/" + target + "/): " + Convert.ToBase64String(input));
                }
                slowest = Math.Max(slowest, watch.ElapsedMilliseconds);
            }
            Assert.True(slowest <= MaxMsPerInput, target + ": slowest input took " + slowest + " ms");
        }

        [Theory]
        [MemberData(nameof(Targets))]
        public void SeedsAndRecordedCrashesParseWithoutThrowing(string target)
        {
            string root = RepoRoot();
            byte[][] seeds = Load(Path.Combine(root, "tools", "fuzz", "seeds", target));
            byte[][] crashes = Load(Path.Combine(root, "tools", "fuzz", "crashes", target));
            var targets = new FuzzTargets();
            foreach (byte[] input in seeds) targets.Run(target, input, 0, input.Length);
            foreach (byte[] input in crashes) targets.Run(target, input, 0, input.Length);
            Assert.True(seeds.Length >= 2, target + " needs at least two seeds");
        }

        [Fact]
        public void SiptxSeedsDriveThePhoneIntoCalls()
        {
            // The siptx seeds answer the INVITE the fuzzed phone sends (same seed every run): they must really reach
            // a connected call and an incoming call, or mutants of them explore nothing beyond the first response.
            string dir = Path.Combine(RepoRoot(), "tools", "fuzz", "seeds", "siptx");
            var target = new SipTransactionTarget();
            byte[] answered = File.ReadAllBytes(Path.Combine(dir, "ringing-answered-bye"));
            target.Run(answered, 0, answered.Length);
            Assert.Equal(1, target.Connected);
            byte[] incoming = File.ReadAllBytes(Path.Combine(dir, "office-incoming"));
            target.Run(incoming, 0, incoming.Length);
            Assert.Equal(1, target.Incoming);
            Assert.True(target.Connected >= 1, "the office INVITE was answered");
        }

        private static byte[][] Load(string dir)
        {
            if (!Directory.Exists(dir)) return new byte[0][];
            string[] files = Directory.GetFiles(dir);
            Array.Sort(files, StringComparer.Ordinal);
            byte[][] r = new byte[files.Length][];
            for (int i = 0; i < files.Length; i++) r[i] = File.ReadAllBytes(files[i]);
            return r;
        }

        private static string RepoRoot()
        {
            string dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "Firmware.sln"))) dir = Path.GetDirectoryName(dir);
            Assert.NotNull(dir);
            return dir;
        }
    }
}
