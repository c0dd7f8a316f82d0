using TheoryCheck.Numerics.Kernels;
using System.Diagnostics;
using System.Globalization;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Random;
using TheoryCheck.Simulation.Engines;

namespace TheoryCheck.Simulation.Xor;

/// <summary>
/// The full-vector online-SGD engine of xor (xor.md §3; engine name "full", trajectory engine "sgd"): runs
/// <see cref="XorSgdSimulation"/> over the output grid, records the statistics (v, W·μ, W·ν, R⊥) at the step ℓ nearest
/// to t/δ of every grid time t (claims.md §0), and evaluates the observable vector (statistics, population loss and
/// accuracy — exact functions of the statistics, xor.md §4, §6 — and the covered-cluster count, §7.3) with the
/// Models/Xor observables. The trajectory carries the grid times; the steps actually recorded are in the diagnostics.
/// </summary>
/// <remarks>Thread-safe: every call builds its own simulation and observable evaluator.</remarks>
public sealed class XorSgd : ISimulationEngine<XorSimulationProblem, XorRun>
{
    /// <summary>How μ, ν and the warm-start directions are drawn, written to the diagnostics.</summary>
    public const string FrameConvention =
        "random orthonormal frame: Gram–Schmidt QR of a d×(K+2) standard Gaussian matrix; μ, ν = columns 1, 2, warm-start directions = columns 3..K+2 (xor.md §3)";

    private readonly XorPopulationRule? _rule;

    /// <summary>The engine with the default population rule of the loss/accuracy (<see cref="XorPopulationRule.Default"/>).</summary>
    public XorSgd()
    {
    }

    /// <summary>The engine with a given population rule (it fixes the QMC of the loss and accuracy observables).</summary>
    public XorSgd(XorPopulationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rule = rule;
    }

    /// <inheritdoc />
    public string Name => EngineNames.Full;

    /// <inheritdoc />
    public XorRun Run(XorSimulationProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var parameters = problem.Parameters;
        var total = Stopwatch.StartNew();
        var simulation = new XorSgdSimulation(parameters, problem.Dimension, problem.Seed);
        double setupSeconds = total.Elapsed.TotalSeconds;

        var description = new XorTrajectoryRecorder.EngineDescription(
            Name,
            FrameConvention,
            parameters.Init == XorInitialisation.Warm
                ? "warm: W_i = mmu0_i μ + mnu0_i ν + √rperp0 u_i, v = v0 (statistics at t = 0 exact, xor.md §3)"
                : "random: v_i ~ N(0, 1), W_i ~ N(0, I_d/d), independent",
            "Philox4x32-10 streams xor.frame / xor.init / xor.sgd keyed by (seed, d)",
            string.Create(CultureInfo.InvariantCulture, $"random {RandomStream.BestPath}, kernels {FixedOrderKernels.Path}"));
        return XorTrajectoryRecorder.Record(problem, simulation, simulation.Snapshot, _rule, description, total, setupSeconds,
            cancellationToken);
    }
}
