// Benchmark entry point: `dotnet run -c Release --project tools/Phone.Bench -- --filter '*'`.
namespace Phone.Bench
{
    using BenchmarkDotNet.Running;

    public static class Program
    {
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
