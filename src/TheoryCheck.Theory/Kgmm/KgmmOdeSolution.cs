using System.Text.Json.Nodes;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// Solution of the kgmm effective ODE on a time grid (kgmm.md §5): the states (m, R) at the grid times, the
/// observable vectors (names of <see cref="KgmmModel.ObservableNames"/>) and the diagnostics (integrator status and
/// counts, quadrature rule and its error estimate).
/// </summary>
public sealed record KgmmOdeSolution
{
    /// <summary>Model parameters.</summary>
    public required KgmmParameters Parameters { get; init; }

    /// <summary>Options used.</summary>
    public required KgmmTheoryOptions Options { get; init; }

    /// <summary>Grid times reached (all of them unless the integration failed).</summary>
    public required double[] Times { get; init; }

    /// <summary>(m, R) at each time.</summary>
    public required KgmmStatistics[] States { get; init; }

    /// <summary>Observable names.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>Observable vectors, one per time (same order as <see cref="Names"/>).</summary>
    public required double[][] Values { get; init; }

    /// <summary>Completed, or diverged/failed with the time reached.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>Integrator outcome.</summary>
    public required OdeStatus OdeStatus { get; init; }

    /// <summary>Integrator message.</summary>
    public required string OdeMessage { get; init; }

    /// <summary>Integrator name.</summary>
    public required string Solver { get; init; }

    /// <summary>RHS evaluations, accepted and rejected steps.</summary>
    public required OdeStatistics Statistics { get; init; }

    /// <summary>Quadrature rule description.</summary>
    public required string QuadratureRule { get; init; }

    /// <summary>Gauss–Hermite order n per axis (sparse: the level).</summary>
    public required int QuadratureOrder { get; init; }

    /// <summary>Number of quadrature nodes per class.</summary>
    public required int QuadratureNodes { get; init; }

    /// <summary>Largest σ_max = √(λ_max(QᵀRQ)/λ) along the solution.</summary>
    public required double MaxStandardDeviation { get; init; }

    /// <summary>max |f_n − f_{refined}| over the RHS entries at t = 0 and at the final state (NaN if not estimated).</summary>
    public required double RhsQuadratureError { get; init; }

    /// <summary>|loss_n − loss_refined| at the final state (NaN if not estimated).</summary>
    public required double LossQuadratureError { get; init; }

    /// <summary>Largest standard error of the accuracy lattice rule (k ≥ 4; 0 otherwise).</summary>
    public required double AccuracyStandardError { get; init; }

    /// <summary>The values of one observable along the grid.</summary>
    public double[] Series(string name)
    {
        int index = Names.ToList().IndexOf(name);
        if (index < 0) throw new KeyNotFoundException($"no observable '{name}'");
        return Values.Select(v => v[index]).ToArray();
    }

    /// <summary>The final state.</summary>
    public KgmmStatistics FinalState => States[^1];

    /// <summary>Faults that did not stop the solve: the accuracy's QMC error above its tolerance (<see cref="KgmmObservables.AccuracyTolerance"/>).</summary>
    public IReadOnlyList<NumericalFault> Faults =>
        KgmmObservables.AccuracyFault(AccuracyStandardError, "kgmm ODE observables") is { } fault ? [fault] : [];

    /// <summary>Diagnostics as JSON (solver, tolerances, counts, quadrature and its error estimate).</summary>
    public JsonObject Diagnostics() => new()
    {
        ["solver"] = Solver,
        ["rtol"] = Options.RelativeTolerance,
        ["atol"] = Options.AbsoluteTolerance,
        ["rhs_evaluations"] = Statistics.RhsEvaluations,
        ["accepted_steps"] = Statistics.AcceptedSteps,
        ["rejected_steps"] = Statistics.RejectedSteps,
        ["ode_status"] = OdeStatus.ToString(),
        ["max_steps"] = Options.MaxSteps,
        ["corrector"] = Options.Corrector,
        ["perturbation"] = Options.Perturbation.IsNone ? null : Options.Perturbation.ToString(),
        ["quadrature"] = new JsonObject
        {
            ["rule"] = QuadratureRule,
            ["order"] = QuadratureOrder,
            ["nodes"] = QuadratureNodes,
            ["sigma_max"] = MaxStandardDeviation,
            ["rhs_error_estimate"] = Finite(RhsQuadratureError),
            ["loss_error_estimate"] = Finite(LossQuadratureError),
        },
        ["accuracy_standard_error"] = AccuracyStandardError,
    };

    /// <summary>
    /// The command-line trajectory document (engine "ode", d and seed null). <paramref name="parameters"/> defaults to
    /// <see cref="KgmmParameters.ToJson"/>.
    /// </summary>
    public Trajectory ToTrajectory(JsonObject? parameters = null)
    {
        var observables = new List<KeyValuePair<string, double[]>>(Names.Count);
        for (int i = 0; i < Names.Count; i++) observables.Add(new(Names[i], Values.Select(v => v[i]).ToArray()));
        return new Trajectory(KgmmModel.Id, "ode", parameters ?? Parameters.ToJson(), null, null, Times, observables, Status, Diagnostics())
        {
            Faults = Faults,
        };
    }

    private static JsonNode? Finite(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;
}
