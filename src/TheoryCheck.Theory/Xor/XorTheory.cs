using System.Diagnostics;
using TheoryCheck.Models;
using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;
using TheoryCheck.Numerics.Gaussian;
using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Theory.Xor;

/// <summary>
/// Entry point of the xor d → ∞ theory (xor.md): the finite-λ effective ODE (§5) from the warm start (§3, §8) on a time
/// grid with observables and diagnostics, and the right-hand side itself.
/// </summary>
public static class XorTheory
{
    /// <summary>
    /// Solves the effective ODE (xor.md §5) on <paramref name="grid"/> from the warm start (xor.md §3; or from
    /// <paramref name="initial"/>) and evaluates the observables (statistics, population loss and accuracy, covered) at
    /// every grid time. Integration failures are reported in the status (the solution then ends at the last grid time
    /// reached), never thrown.
    /// </summary>
    /// <exception cref="InputException"><c>init = random</c> without an explicit initial state (xor.md §8: the d → ∞
    /// statistics of a random start sit on the m = 0 saddle), or width &gt; 16 (the Sobol' rule's dimension limit).</exception>
    public static XorOdeSolution Solve(XorParameters parameters, TimeGrid grid, XorTheoryOptions? options = null, XorStatistics? initial = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(grid);
        options ??= XorTheoryOptions.Default;
        if (initial is null && parameters.Init == XorInitialisation.Random)
            throw new InputException("parameter 'init' must be warm for the xor ODE: from a random start the d → ∞ statistics sit on the m = 0 saddle (xor.md §8)");
        if (initial is not null && initial.Width != parameters.Width) throw new ArgumentException("the initial state has another width", nameof(initial));
        var rhs = RightHandSide(parameters, options);
        var start = (initial ?? XorStatistics.WarmStart(parameters)).ToPacked();
        var times = grid.Times.ToArray();

        var clock = Stopwatch.StartNew();
        var main = Integrate(rhs.AsOdeFunction(), start, times, options);
        double solveSeconds = clock.Elapsed.TotalSeconds;
        var states = main.States.Select(s => XorStatistics.FromPacked(s)).ToArray();

        // QMC error estimate (xor.md §5.1): R one-scrambling solves; SD/√R per statistic and grid time.
        clock.Restart();
        double trajectoryError = double.NaN, rhsError = double.NaN;
        double[] byStatistic = [];
        long blockEvaluations = 0;
        if (rhs.Blocks >= 2)
        {
            rhsError = Math.Max(RhsBlockError(rhs, start), states.Length > 0 ? RhsBlockError(rhs, states[^1].ToPacked()) : 0);
            if (options.EstimateQmcError && states.Length > 0)
            {
                var blocks = new OdeSolution[rhs.Blocks];
                for (int b = 0; b < rhs.Blocks; b++)
                {
                    blocks[b] = Integrate(rhs.AsOdeFunction(b), start, times, options with { FixedStep = options.FixedStep ?? options.ErrorEstimateStep });
                    blockEvaluations += blocks[b].Statistics.RhsEvaluations;
                }
                byStatistic = BlockSpread(blocks, states.Length, rhs.StateLength);
                trajectoryError = byStatistic.Max();
            }
        }
        double errorSeconds = clock.Elapsed.TotalSeconds;

        var observables = new XorObservables(parameters, options.PopulationRule);
        var values = states.Select(observables.Evaluate).ToArray();
        var status = main.Succeeded
            ? RunStatus.Completed
            : RunStatus.DivergedAt(main.Statistics.AcceptedSteps, main.FinalTime, $"ODE integration stopped ({main.Status}): {main.Message}");
        return new XorOdeSolution
        {
            Parameters = parameters,
            Options = options,
            Times = main.Times.ToArray(),
            States = states,
            Names = observables.Names,
            Values = values,
            Status = status,
            OdeStatus = main.Status,
            OdeMessage = main.Message,
            Solver = main.SolverName,
            Statistics = main.Statistics,
            ErrorEstimateRhsEvaluations = blockEvaluations,
            QmcRule = rhs.Rule.Name,
            QmcErrorEstimate = trajectoryError,
            QmcErrorByStatistic = byStatistic,
            RhsQmcError = rhsError,
            LossStandardError = observables.LossStandardError,
            AccuracyStandardError = observables.AccuracyStandardError,
            LossRule = observables.Metrics.LossRuleName,
            AccuracyRule = observables.Metrics.AccuracyRuleName,
            SolveSeconds = solveSeconds,
            ErrorEstimateSeconds = errorSeconds,
        };
    }

    /// <summary>The ODE solution as the command-line trajectory document (engine "ode").</summary>
    public static Trajectory Trajectory(XorParameters parameters, TimeGrid grid, XorTheoryOptions? options = null,
        System.Text.Json.Nodes.JsonObject? parameterJson = null) =>
        Solve(parameters, grid, options).ToTrajectory(parameterJson);

    /// <summary>The statistics of the ODE at time <paramref name="time"/> from the warm start (throws if the integration fails).</summary>
    public static XorStatistics StateAt(XorParameters parameters, double time, XorTheoryOptions? options = null)
    {
        options ??= XorTheoryOptions.Default;
        var solution = Solve(parameters, TimeGrid.FromPoints(time > 0 ? [0, time] : [0]), options with { EstimateQmcError = false });
        if (solution.Status.Diverged) throw new InvalidOperationException($"the xor ODE failed: {solution.OdeMessage}");
        return solution.FinalState;
    }

    /// <summary>The right-hand side of xor.md §5 with the QMC rule of <paramref name="options"/> (K-dimensional, R scramblings of n points).</summary>
    /// <exception cref="InputException">Width &gt; 16.</exception>
    public static XorEffectiveOde RightHandSide(XorParameters parameters, XorTheoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= XorTheoryOptions.Default;
        return new XorEffectiveOde(parameters, QmcRule(parameters.Width, options), options.Corrector, options.Perturbation);
    }

    /// <summary>The K-dimensional scrambled Sobol' rule of the theory (R scramblings of n points, fixed seed).</summary>
    /// <exception cref="InputException">Width &gt; 16 (Sobol' dimension limit of the theory).</exception>
    public static StandardNormalRule QmcRule(int width, XorTheoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!RandomizedQmcRule.IsQuasiRandom(width))
            throw new InputException($"parameter 'width' must be ≤ {SobolSequence.MaxDimension} for the xor theory (scrambled Sobol' dimension; got {width})");
        return SobolRule.Create(width, options.QmcPointsPerBlock, options.ScrambleSeed, options.QmcBlocks);
    }

    private static OdeSolution Integrate(OdeFunction f, double[] start, double[] times, XorTheoryOptions options)
    {
        var problem = new OdeProblem(f, start, 0.0, Math.Max(times[^1], 0.0));
        if (options.FixedStep is double h)
            return new RungeKutta4().Solve(problem, new OdeOptions { FixedStep = h, SaveAt = times });
        var odeOptions = new OdeOptions
        {
            RelativeTolerance = options.RelativeTolerance,
            AbsoluteTolerance = options.AbsoluteTolerance,
            SaveAt = times,
        };
        return new DormandPrince54().Solve(problem, odeOptions);
    }

    /// <summary>max over components of the standard error (SD/√R) of the R block right-hand sides at a state.</summary>
    private static double RhsBlockError(XorEffectiveOde rhs, double[] state)
    {
        int r = rhs.Blocks, n = rhs.StateLength;
        var values = new double[r][];
        for (int b = 0; b < r; b++)
        {
            values[b] = new double[n];
            rhs.Derivative(state, values[b], b);
        }
        double worst = 0;
        for (int j = 0; j < n; j++)
        {
            double mean = 0;
            for (int b = 0; b < r; b++) mean += values[b][j];
            mean /= r;
            double ss = 0;
            for (int b = 0; b < r; b++) ss += (values[b][j] - mean) * (values[b][j] - mean);
            worst = Math.Max(worst, Math.Sqrt(ss / (r - 1) / r));
        }
        return worst;
    }

    /// <summary>Per packed component, max over the grid times reached by every block of SD(block values)/√R.</summary>
    private static double[] BlockSpread(OdeSolution[] blocks, int times, int length)
    {
        int r = blocks.Length;
        int reached = Math.Min(times, blocks.Min(b => b.States.Count));
        var result = new double[length];
        for (int t = 0; t < reached; t++)
            for (int j = 0; j < length; j++)
            {
                double mean = 0;
                for (int b = 0; b < r; b++) mean += blocks[b].States[t][j];
                mean /= r;
                double ss = 0;
                for (int b = 0; b < r; b++) ss += (blocks[b].States[t][j] - mean) * (blocks[b].States[t][j] - mean);
                result[j] = Math.Max(result[j], Math.Sqrt(ss / (r - 1) / r));
            }
        return result;
    }
}
