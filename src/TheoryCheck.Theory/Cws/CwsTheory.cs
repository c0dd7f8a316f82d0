using System.Diagnostics;
using System.Text.Json.Nodes;
using TheoryCheck.Models;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;

namespace TheoryCheck.Theory.Cws;

/// <summary>
/// Entry point of the <c>cws</c> theory (cws.md; docs/theory/cws.md). The theory depends on d (it is per mode):
/// <list type="bullet">
/// <item><see cref="Solve(CwsParameters, TimeGrid, CwsTheoryOptions?)"/>: the per-mode ODE (§3) at the parameters' d
/// on a grid, with the observables of the simulation in the same order;</item>
/// <item><see cref="SolveBinned(CwsParameters, int?, TimeGrid, CwsTheoryOptions?)"/>: the binned ODE (§9) — exact
/// for equal variances, approximate for power laws (d = 10⁶ in a few thousand bins);</item>
/// <item><see cref="ExactRecursion(CwsParameters, TimeGrid, CancellationToken, CwsTheoryPerturbation?)"/>: the exact finite-d least-squares moment
/// recursion (§5.1), equal to the SGD seed mean at every d;</item>
/// <item>closed forms in <see cref="CwsClosedForms"/>, the two-variable reductions in
/// <see cref="CwsLogisticReductions"/>.</item>
/// </list>
/// Numerical trouble is reported in the solutions' status, never thrown.
/// </summary>
public static class CwsTheory
{
    /// <summary>The per-mode ODE (cws.md §3) at d = <paramref name="parameters"/>.Dimension on <paramref name="grid"/>.</summary>
    public static CwsOdeSolution Solve(CwsParameters parameters, TimeGrid grid, CwsTheoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Solve(parameters.CreateMixture(), parameters.Loss, parameters.Schedule, grid, options, parameters.ToJson());
    }

    /// <summary>The per-mode ODE of a given mixture (any commuting spectra, C classes).</summary>
    public static CwsOdeSolution Solve(CwsMixture mixture, CwsLoss loss, CwsSchedule schedule, TimeGrid grid, CwsTheoryOptions? options = null,
        JsonObject? parametersJson = null)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(grid);
        options ??= CwsTheoryOptions.Default;
        var quadrature = options.Quadrature(loss);
        var system = new CwsModeOde(mixture, schedule, quadrature, options.ZeroVarianceNoise, options.Perturbation);
        return CwsOdeDriver.Run(system, mixture, loss, schedule, grid, options, quadrature, parametersJson ?? Describe(mixture, loss, schedule), null);
    }

    /// <summary>
    /// The binned ODE (cws.md §9): <see cref="CwsBinning.Geometric"/> with at most about <paramref name="bins"/> bins
    /// (default 2000; the exact binning whenever it is smaller, e.g. isotropic and zero-one).
    /// </summary>
    public static CwsOdeSolution SolveBinned(CwsParameters parameters, int? bins, TimeGrid grid, CwsTheoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var mixture = parameters.CreateMixture();
        return SolveBinned(mixture, parameters.Loss, parameters.Schedule, CwsBinning.Geometric(mixture, bins ?? DefaultBins), grid, options,
            parameters.ToJson());
    }

    /// <summary>Default bin target of <see cref="SolveBinned(CwsParameters, int?, TimeGrid, CwsTheoryOptions?)"/>.</summary>
    public const int DefaultBins = 2000;

    /// <summary>The binned ODE with given bins.</summary>
    public static CwsOdeSolution SolveBinned(CwsMixture mixture, CwsLoss loss, CwsSchedule schedule, CwsBinning binning, TimeGrid grid,
        CwsTheoryOptions? options = null, JsonObject? parametersJson = null)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentNullException.ThrowIfNull(binning);
        ArgumentNullException.ThrowIfNull(grid);
        if (!ReferenceEquals(binning.Mixture, mixture)) throw new ArgumentException("the bins partition another mixture", nameof(binning));
        options ??= CwsTheoryOptions.Default;
        var quadrature = options.Quadrature(loss);
        var system = new CwsBinnedOde(binning, schedule, quadrature, options.ZeroVarianceNoise, options.Perturbation);
        return CwsOdeDriver.Run(system, mixture, loss, schedule, grid, options, quadrature, parametersJson ?? Describe(mixture, loss, schedule), binning);
    }

    /// <summary>The per-mode ODE as the command-line trajectory document (engine "ode", d recorded).</summary>
    public static Trajectory Trajectory(CwsParameters parameters, TimeGrid grid, CwsTheoryOptions? options = null) =>
        Solve(parameters, grid, options).ToTrajectory();

    /// <summary>
    /// The exact least-squares moment recursion (cws.md §5.1) at d = <paramref name="parameters"/>.Dimension, recorded
    /// at the step nearest to t·d of every grid time.
    /// </summary>
    /// <exception cref="InputException">loss is not squares, or the cost O(T·d³) is beyond 10¹² operations.</exception>
    public static CwsRecursionSolution ExactRecursion(CwsParameters parameters, TimeGrid grid, CancellationToken cancellationToken = default,
        CwsTheoryPerturbation? perturbation = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Loss != CwsLoss.Squares) throw new InputException("parameter 'loss' must be squares for the exact moment recursion (cws.md §5.1)");
        return ExactRecursion(parameters.CreateMixture(), parameters.Schedule, grid, parameters.ToJson(), cancellationToken, perturbation);
    }

    /// <summary>The exact least-squares moment recursion of a given mixture (labels as given: squares loss).</summary>
    /// <exception cref="InputException">The cost is beyond 10¹² operations.</exception>
    /// <remarks>A <see cref="CwsTheoryPerturbation"/> (negative controls only) multiplies every η² term of P' by its noise factor.</remarks>
    public static CwsRecursionSolution ExactRecursion(CwsMixture mixture, CwsSchedule schedule, TimeGrid grid, JsonObject? parametersJson = null,
        CancellationToken cancellationToken = default, CwsTheoryPerturbation? perturbation = null)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(grid);
        int d = mixture.Dimension;
        long lastStep = StepAt(grid.End, d);
        double cost = (double)lastStep * d * d * (3.0 * mixture.Classes + mixture.VarianceGroupCount);
        if (cost > 1e12)
            throw new InputException($"parameter 'd' = {d} is too large for the exact recursion (O(T·d³): {cost:G3} operations; use d ≤ ~500)");
        var clock = Stopwatch.StartNew();
        var recursion = new CwsMomentRecursion(mixture, schedule, perturbation?.Noise ?? 1);
        var times = new List<double>();
        var steps = new List<long>();
        var risk = new List<double>();
        var overlap = new List<double>();
        var norm2 = new List<double>();
        var classMeans = new List<double[]>();
        var status = RunStatus.Completed;
        foreach (double t in grid.Times)
        {
            long step = StepAt(t, d);
            if (!recursion.AdvanceTo(step, cancellationToken))
            {
                status = RunStatus.DivergedAt(recursion.Step, recursion.Time, "non-finite moments in the exact recursion");
                break;
            }
            times.Add(t);
            steps.Add(step);
            risk.Add(recursion.ExpectedRisk());
            overlap.Add(recursion.ExpectedOverlap());
            norm2.Add(recursion.ExpectedNorm2());
            classMeans.Add(Enumerable.Range(0, mixture.Classes).Select(recursion.ExpectedClassMean).ToArray());
        }
        return new CwsRecursionSolution
        {
            Mixture = mixture,
            Schedule = schedule,
            ParametersJson = parametersJson ?? Describe(mixture, CwsLoss.Squares, schedule),
            Times = times.ToArray(),
            RecordSteps = steps.ToArray(),
            Risk = risk.ToArray(),
            Overlap = overlap.ToArray(),
            Norm2 = norm2.ToArray(),
            ClassMeans = classMeans.ToArray(),
            FinalMean = recursion.Mean.ToArray(),
            FinalProjectedNorms = recursion.ExpectedProjectedNorms(),
            Status = status,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>The SGD step nearest to t·d (halves up): the record rule shared with the simulation (claims.md §0).</summary>
    public static long StepAt(double time, int dimension) => (long)Math.Floor(time * dimension + 0.5);

    private static JsonObject Describe(CwsMixture mixture, CwsLoss loss, CwsSchedule schedule) => new()
    {
        ["loss"] = CwsModel.Name(loss),
        ["mixture"] = "custom",
        ["d"] = mixture.Dimension,
        ["classes"] = mixture.Classes,
        ["means"] = mixture.MeanSource,
        ["schedule"] = schedule.ToString(),
    };
}
