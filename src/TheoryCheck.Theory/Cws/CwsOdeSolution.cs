using System.Text.Json.Nodes;
using TheoryCheck.Models.Cws;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Theory.Cws;

/// <summary>
/// Solution of a <c>cws</c> ODE (per-mode, cws.md §3, or binned, §9) on a time grid at dimension d: the closure
/// statistics and the observable vectors (names of <see cref="CwsModel.ObservableNames"/>, the simulation's order)
/// at the grid times reached, the final per-mode state (per-mode system only), and diagnostics: integrator, status
/// and work, the quadrature rule and the largest S_c met, the system (state length, bins).
/// </summary>
public sealed record CwsOdeSolution
{
    /// <summary>The data model.</summary>
    public required CwsMixture Mixture { get; init; }

    /// <summary>The loss.</summary>
    public required CwsLoss Loss { get; init; }

    /// <summary>γ(t).</summary>
    public required CwsSchedule Schedule { get; init; }

    /// <summary>Options used.</summary>
    public required CwsTheoryOptions Options { get; init; }

    /// <summary>The parameters as recorded in the trajectory document.</summary>
    public required JsonObject ParametersJson { get; init; }

    /// <summary>d.</summary>
    public int Dimension => Mixture.Dimension;

    /// <summary>Grid times reached (all of them unless the integration failed).</summary>
    public required double[] Times { get; init; }

    /// <summary>Closure statistics at each time.</summary>
    public required CwsStatistics[] Statistics { get; init; }

    /// <summary>Observable names.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>Observable vectors, one per time.</summary>
    public required double[][] Values { get; init; }

    /// <summary>Completed, or failed (non-finite state, step size or budget) with the time reached.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>Outcome of the last integration segment.</summary>
    public required OdeStatus OdeStatus { get; init; }

    /// <summary>Message of the last integration segment.</summary>
    public required string OdeMessage { get; init; }

    /// <summary>Integrator name.</summary>
    public required string Solver { get; init; }

    /// <summary>RHS evaluations, accepted and rejected steps, summed over segments.</summary>
    public required OdeStatistics Work { get; init; }

    /// <summary>Number of integration segments (restarts at schedule breakpoints and memory chunks).</summary>
    public required int Segments { get; init; }

    /// <summary>The system integrated (per-mode or binned, state length).</summary>
    public required string System { get; init; }

    /// <summary>Length of the integrated state.</summary>
    public required int StateLength { get; init; }

    /// <summary>The binning, or null for the per-mode ODE.</summary>
    public CwsBinning? Binning { get; init; }

    /// <summary>Quadrature rule description.</summary>
    public required string QuadratureRule { get; init; }

    /// <summary>Largest S_c met by the right-hand side.</summary>
    public required double MaxVariance { get; init; }

    /// <summary>The per-mode state (x̄, V) at the last time reached (per-mode ODE only).</summary>
    public CwsModeState? FinalModeState { get; init; }

    /// <summary>Wall-clock seconds of the integration.</summary>
    public required double Seconds { get; init; }

    /// <summary>The values of one observable along the grid.</summary>
    public double[] Series(string name)
    {
        int index = Names.ToList().IndexOf(name);
        if (index < 0) throw new KeyNotFoundException($"no observable '{name}'");
        return Values.Select(v => v[index]).ToArray();
    }

    /// <summary>The value of one observable at grid time <paramref name="time"/> (must be a grid time reached).</summary>
    public double At(string name, double time)
    {
        int j = Array.FindIndex(Times, t => Math.Abs(t - time) <= 1e-9 * Math.Max(1, Math.Abs(time)));
        if (j < 0) throw new KeyNotFoundException($"t = {time} is not a grid time of this solution");
        return Series(name)[j];
    }

    /// <summary>Diagnostics as JSON (solver, tolerances, work, segments, system, quadrature, refinement, timing).</summary>
    public JsonObject Diagnostics() => new()
    {
        ["solver"] = Solver,
        ["rtol"] = Options.FixedStep is null ? Options.RelativeTolerance : null,
        ["atol"] = Options.FixedStep is null ? Options.AbsoluteTolerance : null,
        ["fixed_step"] = Options.FixedStep,
        ["rhs_evaluations"] = Work.RhsEvaluations,
        ["accepted_steps"] = Work.AcceptedSteps,
        ["rejected_steps"] = Work.RejectedSteps,
        ["segments"] = Segments,
        ["ode_status"] = OdeStatus.ToString(),
        ["system"] = System,
        ["state_length"] = StateLength,
        ["binning_exact"] = Binning?.IsExact,
        ["zero_variance_noise"] = Options.ZeroVarianceNoise,
        ["perturbation"] = Options.Perturbation.IsNone ? null : Options.Perturbation.ToString(),
        ["quadrature"] = QuadratureRule,
        ["max_variance_s"] = MaxVariance,
        ["means"] = Mixture.MeanSource,
        ["schedule"] = Schedule.ToString(),
        ["time_convention"] = "t = ℓ/d, step γ(t)/d",
        ["seconds"] = Seconds,
    };

    /// <summary>The command-line trajectory document: engine "ode", d = <see cref="Dimension"/> (the theory depends on d), seed null.</summary>
    public Trajectory ToTrajectory()
    {
        var observables = new List<KeyValuePair<string, double[]>>(Names.Count);
        for (int i = 0; i < Names.Count; i++) observables.Add(new(Names[i], Values.Select(v => v[i]).ToArray()));
        return new Trajectory(CwsModel.Id, "ode", (JsonObject)ParametersJson.DeepClone(), Dimension, null, Times, observables, Status, Diagnostics());
    }
}
