// Locates the nano-built assemblies and compiles test fixtures against nanoFramework mscorlib.
namespace NanoGuard.Tests
{
    using System;
    using System.IO;
    using System.Linq;
    using System.Reflection;
    using Microsoft.CodeAnalysis;
    using Microsoft.CodeAnalysis.CSharp;

    internal static class NanoBuild
    {
        public static string Setting(string key)
            => typeof(NanoBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value;

        public static string MscorlibPath => Setting("NanoMscorlib");

        public static NanoIlGuard Guard() => new NanoIlGuard(new[] { MscorlibPath });

        /// <summary>
        /// Compiles C# source against nano mscorlib only, as the Nano projects do (or, for constructs nano mscorlib cannot
        /// even express, against the host corelib); fails the test on a compile error.
        /// </summary>
        public static byte[] Compile(string source, bool allowUnsafe = false, bool hostCorlib = false)
        {
            var compilation = CSharpCompilation.Create(
                "Fixture" + Guid.NewGuid().ToString("N"),
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
                new[] { MetadataReference.CreateFromFile(hostCorlib ? typeof(object).Assembly.Location : MscorlibPath) },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: allowUnsafe));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            Assert.True(result.Success, "fixture does not compile against nano mscorlib:\n"
                + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            return stream.ToArray();
        }
    }
}
