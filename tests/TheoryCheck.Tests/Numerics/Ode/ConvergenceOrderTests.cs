using TheoryCheck.Numerics.Ode;
using Xunit.Abstractions;

namespace TheoryCheck.Tests.Numerics.Ode;

/// <summary>
/// Observed order of every integration path, as the least-squares slope of log(error) against log(step) (or
/// log(tolerance)), on the Kepler problem with eccentricity 0.2 (nonlinear, exact solution by Kepler's equation).
/// Step ranges are chosen in the asymptotic regime and above rounding (every error is checked to exceed 1e−13).
/// </summary>
public sealed class ConvergenceOrderTests(ITestOutputHelper output)
{
    private const double Eccentricity = 0.2;

    public static TheoryData<string, int[], int> FixedStepCases => new()
    {
        // solver, steps per period, expected order p
        { "RungeKutta4", [160, 226, 320, 452, 640], 4 },
        { "DormandPrince54", [112, 160, 226, 320, 452], 5 },
        { "DormandPrince853", [40, 56, 80, 112], 8 },
    };

    /// <summary>Global error after one period with N fixed steps: slope of log err vs log h within ±0.3 of p.</summary>
    [Theory]
    [MemberData(nameof(FixedStepCases))]
    public void FixedStepGlobalErrorHasTheMethodOrder(string solverName, int[] stepCounts, int expectedOrder)
    {
        var solver = CreateSolver(solverName);
        double period = 2 * Math.PI;
        var problem = new OdeProblem(OdeTestProblems.Kepler, OdeTestProblems.KeplerExact(Eccentricity, 0), 0, period);
        var steps = new List<double>();
        var errors = new List<double>();
        foreach (int count in stepCounts)
        {
            double h = period / count;
            var solution = solver.Solve(problem, new OdeOptions { FixedStep = h });
            Assert.Equal(OdeStatus.Success, solution.Status);
            Assert.Equal(count, solution.Statistics.AcceptedSteps);
            double error = OdeTestProblems.MaxError(solution.FinalState, OdeTestProblems.KeplerExact(Eccentricity, period));
            Assert.True(error > 1e-13, $"error {error:E2} at N = {count} is at rounding level; the fit would be meaningless");
            steps.Add(h);
            errors.Add(error);
        }

        double slope = OdeTestProblems.LogLogSlope(steps, errors);
        output.WriteLine($"{solverName} fixed step: fitted order {slope:F3} (errors {string.Join(", ", errors.Select(e => e.ToString("E2")))})");
        Assert.InRange(slope, expectedOrder - 0.3, expectedOrder + 0.3);
    }

    public static TheoryData<string, double[], int> DenseOutputCases => new()
    {
        // solver, step sizes, expected slope q + 1 of the one-step interpolation error (q = interpolant order)
        { "RungeKutta4", [0.1, 0.07, 0.05, 0.035], 4 },
        { "DormandPrince54", [0.14, 0.1, 0.07, 0.05], 5 },
        { "DormandPrince853", [0.4, 0.28, 0.2, 0.14, 0.1], 8 },
    };

    /// <summary>
    /// Dense output of one step of size h from the exact state at t₀ = 1: max over θ ∈ {¼, ½, ¾} of
    /// |ũ(t₀ + θh) − u(t₀ + θh)| = O(h^(q+1)) for an interpolant of order q (cubic Hermite q = 3, DP5 q = 4,
    /// DOP853 q = 7). The fitted slope must be within ±0.3 of q + 1.
    /// </summary>
    [Theory]
    [MemberData(nameof(DenseOutputCases))]
    public void DenseOutputLocalErrorHasTheInterpolantOrder(string solverName, double[] stepSizes, int expectedSlope)
    {
        var solver = CreateSolver(solverName);
        const double start = 1.0;
        var errors = new List<double>();
        foreach (double h in stepSizes)
        {
            var problem = new OdeProblem(OdeTestProblems.Kepler, OdeTestProblems.KeplerExact(Eccentricity, start), start, start + h);
            var solution = solver.Solve(problem, new OdeOptions { FixedStep = h, DenseOutput = true });
            Assert.Equal(1, solution.Statistics.AcceptedSteps);
            double error = 0;
            foreach (double theta in new[] { 0.25, 0.5, 0.75 })
            {
                double t = start + theta * h;
                error = Math.Max(error, OdeTestProblems.MaxError(solution.Evaluate(t), OdeTestProblems.KeplerExact(Eccentricity, t)));
            }

            Assert.True(error > 1e-13, $"error {error:E2} at h = {h} is at rounding level");
            errors.Add(error);
        }

        double slope = OdeTestProblems.LogLogSlope(stepSizes, errors);
        output.WriteLine($"{solverName} dense output: fitted slope {slope:F3} → interpolant order {slope - 1:F2}");
        Assert.InRange(slope, expectedSlope - 0.3, expectedSlope + 0.3);
    }

    /// <summary>
    /// Dense output over a whole multi-step run: the max error at step midpoints is O(h^min(p, q+1)) — 5 for DP5,
    /// 8 for DOP853 — so the interpolant is as accurate as the steps themselves.
    /// </summary>
    [Theory]
    [InlineData("DormandPrince54", new[] { 112, 160, 226, 320 }, 5)]
    [InlineData("DormandPrince853", new[] { 40, 56, 80, 112 }, 8)]
    public void DenseOutputAcrossARunConvergesAtTheGlobalOrder(string solverName, int[] stepCounts, int expectedSlope)
    {
        var solver = CreateSolver(solverName);
        double period = 2 * Math.PI;
        var problem = new OdeProblem(OdeTestProblems.Kepler, OdeTestProblems.KeplerExact(Eccentricity, 0), 0, period);
        var steps = new List<double>();
        var errors = new List<double>();
        foreach (int count in stepCounts)
        {
            double h = period / count;
            var solution = solver.Solve(problem, new OdeOptions { FixedStep = h, DenseOutput = true });
            double error = 0;
            for (int k = 0; k < count; k++)
            {
                double t = (k + 0.5) * h;
                error = Math.Max(error, OdeTestProblems.MaxError(solution.Evaluate(t), OdeTestProblems.KeplerExact(Eccentricity, t)));
            }

            steps.Add(h);
            errors.Add(error);
        }

        double slope = OdeTestProblems.LogLogSlope(steps, errors);
        output.WriteLine($"{solverName} dense output over a run: fitted slope {slope:F3}");
        Assert.InRange(slope, expectedSlope - 0.3, expectedSlope + 0.3);
    }

    /// <summary>
    /// Adaptive solvers: global error at t = 4π (two periods) for rtol = atol ∈ {1e−7, …, 1e−12}. With error-per-step
    /// control and local extrapolation the global error is ∝ tol (h ∝ tol^(1/(p+1)) per step, N ∝ 1/h steps), so the
    /// fitted slope of log err vs log tol must lie in [0.7, 1.2].
    /// </summary>
    [Theory]
    [InlineData("DormandPrince54")]
    [InlineData("DormandPrince853")]
    public void AdaptiveGlobalErrorIsProportionalToTolerance(string solverName)
    {
        var solver = CreateSolver(solverName);
        double end = 4 * Math.PI;
        var problem = new OdeProblem(OdeTestProblems.Kepler, OdeTestProblems.KeplerExact(Eccentricity, 0), 0, end);
        double[] tolerances = [1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12];
        var errors = new List<double>();
        foreach (double tolerance in tolerances)
        {
            var solution = solver.Solve(problem, new OdeOptions { RelativeTolerance = tolerance, AbsoluteTolerance = tolerance });
            Assert.Equal(OdeStatus.Success, solution.Status);
            errors.Add(OdeTestProblems.MaxError(solution.FinalState, OdeTestProblems.KeplerExact(Eccentricity, end)));
        }

        double slope = OdeTestProblems.LogLogSlope(tolerances, errors);
        output.WriteLine($"{solverName} adaptive: slope of log err vs log tol = {slope:F3} (errors {string.Join(", ", errors.Select(e => e.ToString("E2")))})");
        Assert.InRange(slope, 0.7, 1.2);
    }

    internal static IOdeSolver CreateSolver(string name) => name switch
    {
        "RungeKutta4" => new RungeKutta4(),
        "DormandPrince54" => new DormandPrince54(),
        "DormandPrince853" => new DormandPrince853(),
        _ => throw new ArgumentException(name),
    };
}
