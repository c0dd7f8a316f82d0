using BenchmarkDotNet.Running;

namespace TheoryCheck.Bench;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/TheoryCheck.Bench -- --filter '*Random*' --job short</c>
/// (add <c>--inProcess</c> when a loaded machine makes the generated-project build time out), or one of the
/// thread-CPU-time probes <c>--random-cputime</c>, <c>--ode-cputime</c>, <c>--gaussian-cputime</c>,
/// <c>--spectra-cputime</c>, <c>--quadratic-cputime</c>, <c>--cws-cputime</c>, each with an optional <c>--json PATH</c> for the peer
/// scripts in bench/peers (run all pairs back to back with bench/peers/compare.sh), or the kgmm peer commands
/// <c>-- kgmm-sgd-rate</c> and <c>-- kgmm-export DIR</c> of <see cref="KgmmBenchmarks.RunCommand"/>, or the subspace-engine
/// commands of <see cref="KgmmSubspaceBenchmarks.RunCommand"/> and <see cref="XorSubspaceBenchmarks.RunCommand"/>.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        int jsonIndex = Array.IndexOf(args, "--json");
        string? json = jsonIndex >= 0 && jsonIndex + 1 < args.Length ? args[jsonIndex + 1] : null;
        var probes = new (string Flag, Action<TextWriter, string?> Run)[]
        {
            ("--random-cputime", RandomBenchmarks.RunCpuTimeProbe),
            ("--ode-cputime", OdeBenchmarks.RunCpuTimeProbe),
            ("--gaussian-cputime", GaussianBenchmarks.RunCpuTimeProbe),
            ("--spectra-cputime", SpectraBenchmarks.RunCpuTimeProbe),
            ("--quadratic-cputime", QuadraticBenchmarks.RunCpuTimeProbe),
            ("--cws-cputime", CwsBenchmarks.RunCpuTimeProbe),
            ("--xor-cputime", XorBenchmarks.RunCpuTimeProbe),
        };
        foreach ((string flag, Action<TextWriter, string?> run) in probes)
        {
            if (args.Contains(flag))
            {
                run(Console.Out, json);
                return 0;
            }
        }

        if (KgmmBenchmarks.RunCommand(args) is int code) return code;
        if (KgmmSubspaceBenchmarks.RunCommand(args) is int subspaceCode) return subspaceCode;
        if (XorSubspaceBenchmarks.RunCommand(args) is int xorSubspaceCode) return xorSubspaceCode;
        if (CwsSubspaceBenchmarks.RunCommand(args) is int cwsSubspaceCode) return cwsSubspaceCode;
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
