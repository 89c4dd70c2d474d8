// Fuzz harness entry point: AFL (SharpFuzz out-of-process), libFuzzer, corpus replay, and the seed generator.
namespace Phone.Fuzz
{
    using System;
    using System.IO;
    using SharpFuzz;

    /// <summary>Command line: afl|libfuzzer|replay &lt;target&gt; …, or seeds &lt;conformance-dir&gt; &lt;out-dir&gt;.</summary>
    public static class Program
    {
        /// <summary>Runs the selected mode; exit code 2 on bad usage, 1 when a replayed input breaks a target.</summary>
        public static int Main(string[] args)
        {
            if (args.Length == 3 && args[0] == "seeds")
            {
                int written = SeedGenerator.WriteAll(args[1], args[2]);
                Console.WriteLine("seeds: " + written + " files under " + args[2]);
                return 0;
            }
            if (args.Length < 2 || !FuzzTargets.IsTarget(args[1]))
            {
                Console.Error.WriteLine("usage: Phone.Fuzz afl|libfuzzer <target> | replay <target> <file-or-dir>... | seeds <conformance-dir> <out-dir>");
                Console.Error.WriteLine("targets: " + string.Join(", ", FuzzTargets.Names));
                return 2;
            }
            string target = args[1];
            // Instrumented core code may run only inside Fuzzer.*.Run (the coverage map exists from then on), so the
            // parsers are created lazily by the first input.
            FuzzTargets targets = null;
            switch (args[0])
            {
                case "afl":
                    // One input per iteration on stdin; SharpFuzz reports an escaping exception to afl-fuzz as a crash.
                    Fuzzer.OutOfProcess.Run(stream =>
                    {
                        using var copy = new MemoryStream();
                        stream.CopyTo(copy);
                        targets ??= new FuzzTargets();
                        targets.Run(target, copy.GetBuffer(), 0, (int)copy.Length);
                    });
                    return 0;
                case "libfuzzer":
                    Fuzzer.LibFuzzer.Run(span =>
                    {
                        byte[] data = span.ToArray();
                        targets ??= new FuzzTargets();
                        targets.Run(target, data, 0, data.Length);
                    });
                    return 0;
                case "replay":
                    return Replay(new FuzzTargets(), target, args);
                default:
                    Console.Error.WriteLine("unknown mode " + args[0]);
                    return 2;
            }
        }

        private static int Replay(FuzzTargets targets, string target, string[] args)
        {
            int files = 0, failures = 0;
            for (int i = 2; i < args.Length; i++)
            {
                string[] paths = Directory.Exists(args[i]) ? Directory.GetFiles(args[i]) : new[] { args[i] };
                foreach (string path in paths)
                {
                    byte[] data = File.ReadAllBytes(path);
                    files++;
                    try
                    {
                        targets.Run(target, data, 0, data.Length);
                    }
                    catch (Exception e)
                    {
                        failures++;
                        Console.WriteLine(path + ": " + e.GetType().Name + ": " + e.Message);
                    }
                }
            }
            Console.WriteLine("replay " + target + ": " + files + " inputs, " + failures + " failures");
            return failures == 0 ? 0 : 1;
        }
    }
}
