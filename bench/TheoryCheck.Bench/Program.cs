using BenchmarkDotNet.Running;

namespace TheoryCheck.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/TheoryCheck.Bench -- --filter '*Random*' --job short</c>
/// (add <c>--inProcess</c> when a loaded machine makes the generated-project build time out), or
/// <c>-- --random-cputime</c> for the thread-CPU-time probe of <see cref="RandomBenchmarks.RunCpuTimeProbe"/>, or the
/// kgmm peer commands <c>-- kgmm-sgd-rate</c> and <c>-- kgmm-export DIR</c> of <see cref="KgmmBenchmarks.RunCommand"/>.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Contains("--quadratic-cputime"))
        {
            QuadraticBenchmarks.RunCpuTimeProbe(Console.Out);
            return 0;
        }

        if (args.Contains("--random-cputime"))
        {
            RandomBenchmarks.RunCpuTimeProbe(Console.Out);
            return 0;
        }

        if (KgmmBenchmarks.RunCommand(args) is int code) return code;
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
