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
