using BenchmarkDotNet.Running;

namespace TheoryCheck.Bench;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (KgmmBenchmarks.RunCommand(args) is int code) return code;
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
