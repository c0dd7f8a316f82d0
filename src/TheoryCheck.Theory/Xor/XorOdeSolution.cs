using System.Text.Json.Nodes;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Theory.Xor;

/// <summary>
/// Solution of the finite-λ xor effective ODE on a time grid (xor.md §5): the statistics (v, m^μ, m^ν, R⊥) at the grid
/// times, the observable vectors (names of <see cref="XorModel.ObservableNames"/>, the same order as the simulation)
/// and the diagnostics: integrator status and counts, the QMC rule (points, scramblings, seed) and its error estimates.
/// </summary>
public sealed record XorOdeSolution
{
    /// <summary>Model parameters.</summary>
    public required XorParameters Parameters { get; init; }

    /// <summary>Options used.</summary>
    public required XorTheoryOptions Options { get; init; }

    /// <summary>Grid times reached (all of them unless the integration failed).</summary>
    public required double[] Times { get; init; }

    /// <summary>The statistics at each time.</summary>
    public required XorStatistics[] States { get; init; }

    /// <summary>Observable names.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>Observable vectors, one per time (same order as <see cref="Names"/>).</summary>
    public required double[][] Values { get; init; }

    /// <summary>Completed, or failed with the time reached.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>Integrator outcome of the main solve.</summary>
    public required OdeStatus OdeStatus { get; init; }

    /// <summary>Integrator message.</summary>
    public required string OdeMessage { get; init; }

    /// <summary>Integrator name.</summary>
    public required string Solver { get; init; }

    /// <summary>RHS evaluations, accepted and rejected steps of the main solve.</summary>
    public required OdeStatistics Statistics { get; init; }

    /// <summary>RHS evaluations of the block solves of the error estimate (0 if not estimated).</summary>
    public required long ErrorEstimateRhsEvaluations { get; init; }

    /// <summary>Description of the QMC rule.</summary>
    public required string QmcRule { get; init; }

    /// <summary>
    /// Largest QMC error estimate of a statistic over the grid: the standard deviation of the R block trajectories
    /// divided by √R (NaN when not estimated).
    /// </summary>
    public required double QmcErrorEstimate { get; init; }

    /// <summary>Per statistic (the first <see cref="XorStatistics.PackedLength"/> observables) the largest estimate over the grid (empty if not estimated).</summary>
    public required double[] QmcErrorByStatistic { get; init; }

    /// <summary>Largest RHS standard error over the blocks at the initial and the final state (NaN if R = 1).</summary>
    public required double RhsQmcError { get; init; }

    /// <summary>Largest standard error of the loss observable along the grid.</summary>
    public required double LossStandardError { get; init; }

    /// <summary>Largest standard error of the accuracy observable along the grid.</summary>
    public required double AccuracyStandardError { get; init; }

    /// <summary>Description of the loss rule.</summary>
    public required string LossRule { get; init; }

    /// <summary>Description of the accuracy rule.</summary>
    public required string AccuracyRule { get; init; }

    /// <summary>Wall-clock seconds of the main solve.</summary>
    public required double SolveSeconds { get; init; }

    /// <summary>Wall-clock seconds of the error-estimate solves.</summary>
    public required double ErrorEstimateSeconds { get; init; }

    /// <summary>The final state.</summary>
    public XorStatistics FinalState => States[^1];

    /// <summary>The values of one observable along the grid.</summary>
    public double[] Series(string name)
    {
        int index = Names.ToList().IndexOf(name);
        if (index < 0) throw new KeyNotFoundException($"no observable '{name}'");
        return Values.Select(v => v[index]).ToArray();
    }

    /// <summary>The state at grid time <paramref name="time"/> (exact match within 1e-12).</summary>
    public XorStatistics StateAt(double time)
    {
        for (int i = 0; i < Times.Length; i++)
            if (Math.Abs(Times[i] - time) <= 1e-12 * Math.Max(1, Math.Abs(time))) return States[i];
        throw new KeyNotFoundException($"t = {time} is not a grid time of this solution");
    }

    /// <summary>Diagnostics as JSON (solver, tolerances, counts, QMC rule, scrambling seed and error estimates, timings).</summary>
    public JsonObject Diagnostics()
    {
        var diagnostics = DiagnosticsCore();
        if (Options.Perturbation is { IsNone: false } perturbation) diagnostics["perturbation"] = perturbation.ToString();
        return diagnostics;
    }

    private JsonObject DiagnosticsCore() => new()
    {
        ["solver"] = Solver,
        ["rtol"] = Options.FixedStep is null ? Options.RelativeTolerance : null,
        ["atol"] = Options.FixedStep is null ? Options.AbsoluteTolerance : null,
        ["fixed_step"] = Options.FixedStep,
        ["rhs_evaluations"] = Statistics.RhsEvaluations,
        ["accepted_steps"] = Statistics.AcceptedSteps,
        ["rejected_steps"] = Statistics.RejectedSteps,
        ["ode_status"] = OdeStatus.ToString(),
        ["corrector"] = Options.Corrector,
        ["qmc"] = new JsonObject
        {
            ["rule"] = QmcRule,
            ["dimension"] = Parameters.Width,
            ["reduction"] = "exact K-dimensional reduction of the K + 2 noise coordinates (docs/theory/xor.md §5.1)",
            ["points"] = Options.QmcPoints,
            ["points_per_scrambling"] = Options.QmcPointsPerBlock,
            ["scramblings"] = Options.QmcBlocks,
            ["scramble_seed"] = Options.ScrambleSeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["common_random_numbers"] = true,
            ["error_estimate"] = Finite(QmcErrorEstimate),
            ["error_estimate_method"] = double.IsFinite(QmcErrorEstimate)
                ? "standard deviation of the R one-scrambling trajectories / √R, max over statistics and grid"
                : "not estimated",
            ["error_estimate_rhs_evaluations"] = ErrorEstimateRhsEvaluations,
            ["error_estimate_step"] = double.IsFinite(QmcErrorEstimate) ? Options.FixedStep ?? Options.ErrorEstimateStep : null,
            ["rhs_standard_error"] = Finite(RhsQmcError),
        },
        ["population"] = new JsonObject
        {
            ["loss_rule"] = LossRule,
            ["accuracy_rule"] = AccuracyRule,
            ["loss_standard_error"] = LossStandardError,
            ["accuracy_standard_error"] = AccuracyStandardError,
        },
        ["solve_seconds"] = SolveSeconds,
        ["error_estimate_seconds"] = ErrorEstimateSeconds,
    };

    /// <summary>
    /// The command-line trajectory document (engine "ode", d and seed null), same observable names and order as the
    /// simulation. <paramref name="parameters"/> defaults to <see cref="XorParameters.ToJson"/>.
    /// </summary>
    public Trajectory ToTrajectory(JsonObject? parameters = null)
    {
        var observables = new List<KeyValuePair<string, double[]>>(Names.Count);
        for (int i = 0; i < Names.Count; i++) observables.Add(new(Names[i], Values.Select(v => v[i]).ToArray()));
        return new Trajectory(XorModel.Id, "ode", parameters ?? Parameters.ToJson(), null, null, Times, observables, Status, Diagnostics());
    }

    private static JsonNode? Finite(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;
}
