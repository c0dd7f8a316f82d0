using BenchmarkDotNet.Attributes;
using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Bench;

/// <summary>
/// The ODE solvers on Lorenz-96 with n = 12, F = 8 (dxᵢ/dt = (xᵢ₊₁ − xᵢ₋₂) xᵢ₋₁ − xᵢ + F, cyclic indices; chaotic),
/// from xᵢ = F + 0.01·i to t = 8 at rtol = 1e−8, atol = 1e−10, output on a 17-point grid (SaveAt every 0.5).
/// The right-hand side is cheap, so this measures the integrator's own overhead per step.
/// </summary>
[MemoryDiagnoser]
public class OdeBenchmarks
{
    private const int Dimension = 12;
    private const double Forcing = 8.0;

    private readonly DormandPrince54 dormandPrince54 = new();
    private readonly DormandPrince853 dormandPrince853 = new();
    private OdeProblem problem = null!;
    private OdeOptions gridOptions = null!;
    private OdeOptions denseOptions = null!;

    [GlobalSetup]
    public void Setup()
    {
        double[] initial = new double[Dimension];
        for (int i = 0; i < Dimension; i++)
        {
            initial[i] = Forcing + 0.01 * i;
        }

        problem = new OdeProblem(Lorenz96, initial, 0, 8);
        gridOptions = new OdeOptions
        {
            RelativeTolerance = 1e-8,
            AbsoluteTolerance = 1e-10,
            SaveAt = Enumerable.Range(0, 17).Select(k => 0.5 * k).ToArray(),
        };
        denseOptions = new OdeOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10, DenseOutput = true };
    }

    [Benchmark(Baseline = true)]
    public OdeSolution DormandPrince54OnGrid() => dormandPrince54.Solve(problem, gridOptions);

    [Benchmark]
    public OdeSolution DormandPrince853OnGrid() => dormandPrince853.Solve(problem, gridOptions);

    [Benchmark]
    public OdeSolution DormandPrince54EveryStepWithDenseOutput() => dormandPrince54.Solve(problem, denseOptions);

    [Benchmark]
    public OdeSolution DormandPrince853EveryStepWithDenseOutput() => dormandPrince853.Solve(problem, denseOptions);

    /// <summary>
    /// Thread-CPU time per solve (best of 7 repeats of about 0.5 s), RHS evaluations and steps of DP5 and DOP853 at
    /// rtol = 1e−8, atol = 1e−10 on the grid, and their error on the grid against a reference (our DOP853 at
    /// rtol = 1e−13, atol = 1e−15): <c>dotnet run -c Release --project bench/TheoryCheck.Bench -- --ode-cputime
    /// [--json PATH]</c>. The JSON holds the grid states, which bench/peers/ode_solve_ivp.py (<c>--ours PATH</c>)
    /// compares with scipy's solve_ivp and its own reference.
    /// </summary>
    public static void RunCpuTimeProbe(TextWriter output, string? jsonPath = null)
    {
        var bench = new OdeBenchmarks();
        bench.Setup();
        var referenceOptions = bench.gridOptions with { RelativeTolerance = 1e-13, AbsoluteTolerance = 1e-15 };
        OdeSolution reference = bench.dormandPrince853.Solve(bench.problem, referenceOptions);
        Measurement referenceTime = CpuTime.Measure(() => bench.dormandPrince853.Solve(bench.problem, referenceOptions), targetSeconds: 0.5);
        output.WriteLine($"Lorenz-96 n = {Dimension}, F = {Forcing}, t in [0, 8], {bench.gridOptions.SaveAt!.Length}-point grid; thread CPU time: {CpuTime.HasThreadClock}");
        output.WriteLine(Describe("DOP853 reference", reference, referenceOptions, referenceTime, null));
        var solves = new List<object>();
        foreach ((string name, IOdeSolver solver) in new (string, IOdeSolver)[] { ("DP5", bench.dormandPrince54), ("DOP853", bench.dormandPrince853) })
        {
            OdeSolution solution = solver.Solve(bench.problem, bench.gridOptions);
            Measurement time = CpuTime.Measure(() => solver.Solve(bench.problem, bench.gridOptions), targetSeconds: 0.5);
            output.WriteLine(Describe(name, solution, bench.gridOptions, time, reference));
            solves.Add(Record(name, solution, bench.gridOptions, time));
        }

        CpuTime.WriteJson(jsonPath, new
        {
            dimension = Dimension,
            forcing = Forcing,
            initial = bench.problem.InitialState,
            grid = bench.gridOptions.SaveAt,
            reference = Record("DOP853", reference, referenceOptions, referenceTime),
            solves,
        });
    }

    private static object Record(string name, OdeSolution solution, OdeOptions options, Measurement time) => new
    {
        solver = name,
        status = solution.Status.ToString(),
        rtol = options.RelativeTolerance,
        atol = options.AbsoluteTolerance,
        seconds_wall = time.WallSeconds,
        seconds_cpu = time.CpuSeconds,
        rhs_evaluations = solution.Statistics.RhsEvaluations,
        accepted_steps = solution.Statistics.AcceptedSteps,
        rejected_steps = solution.Statistics.RejectedSteps,
        states = solution.States,
    };

    private static string Describe(string name, OdeSolution solution, OdeOptions options, Measurement time, OdeSolution? reference)
    {
        string error = "";
        if (reference is not null)
        {
            double gridMax = 0;
            for (int i = 0; i < solution.States.Count; i++)
                for (int j = 0; j < Dimension; j++)
                    gridMax = Math.Max(gridMax, Math.Abs(solution.States[i][j] - reference.States[i][j]));
            double final = 0;
            for (int j = 0; j < Dimension; j++) final = Math.Max(final, Math.Abs(solution.FinalState[j] - reference.FinalState[j]));
            error = $"; max |error| on grid {gridMax:E2}, at t = 8 {final:E2}";
        }

        OdeStatistics s = solution.Statistics;
        return $"{name,-16} rtol {options.RelativeTolerance:E0}: {solution.Status}, {time.CpuSeconds * 1e6,9:F1} µs cpu, " +
            $"{time.WallSeconds * 1e6,9:F1} µs wall per solve; {s.RhsEvaluations} RHS evaluations, {s.AcceptedSteps} accepted, " +
            $"{s.RejectedSteps} rejected steps{error}";
    }

    private static void Lorenz96(double t, ReadOnlySpan<double> x, Span<double> dx)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            double next = x[i + 1 < n ? i + 1 : i + 1 - n];
            double previous = x[i >= 1 ? i - 1 : i - 1 + n];
            double secondPrevious = x[i >= 2 ? i - 2 : i - 2 + n];
            dx[i] = (next - secondPrevious) * previous - x[i] + Forcing;
        }
    }
}
