using TheoryCheck.Models.Kgmm;
using TheoryCheck.Models.Observables;
using TheoryCheck.Numerics.Gaussian;
using TheoryCheck.Numerics.Ode;

namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// Entry point of the kgmm d → ∞ theory (kgmm.md): the effective ODE (3.1)–(3.2) from m(0) = 0, R(0) = I on a time
/// grid with observables and diagnostics; its stationary state; population Hessian/G matrices and the effective
/// spectral prediction at a state, each with its quadrature chosen by the §6.2 rule and an error estimate.
/// </summary>
public static class KgmmTheory
{
    /// <summary>
    /// Solves the effective ODE (kgmm.md §5.2) on <paramref name="grid"/> and evaluates the observables (m, R, R⊥,
    /// population loss and accuracy) at every grid time. Integration failures are reported in the status (the
    /// solution then ends at the last grid time reached), never thrown.
    /// </summary>
    public static KgmmOdeSolution Solve(KgmmParameters parameters, TimeGrid grid, KgmmTheoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(grid);
        options ??= KgmmTheoryOptions.Default;
        int k = parameters.K;
        bool sparse = k - 1 >= KgmmQuadrature.SparseFromDimension;
        int order = options.QuadratureOrder ?? KgmmQuadrature.Order(KgmmQuadrature.MaxStandardDeviation(parameters, KgmmStatistics.Initial(k).R));
        var attempt = Integrate(parameters, grid, options, order, sparse);
        if (options.QuadratureOrder is null && !sparse)
        {
            int needed = KgmmQuadrature.Order(attempt.SigmaMax);
            if (needed > order) attempt = Integrate(parameters, grid, options, needed, sparse);
        }
        return Finish(parameters, options, attempt, grid);
    }

    /// <summary>The ODE solution as the command-line trajectory document (engine "ode").</summary>
    public static Trajectory Trajectory(KgmmParameters parameters, TimeGrid grid, KgmmTheoryOptions? options = null,
        System.Text.Json.Nodes.JsonObject? parameterJson = null) =>
        Solve(parameters, grid, options).ToTrajectory(parameterJson);

    /// <summary>The state (m, R) of the ODE at time <paramref name="time"/> (throws if the integration fails).</summary>
    public static KgmmStatistics StateAt(KgmmParameters parameters, double time, KgmmTheoryOptions? options = null)
    {
        var solution = Solve(parameters, TimeGrid.FromPoints(time > 0 ? [0, time] : [0]), options);
        if (solution.Status.Diverged) throw new InvalidOperationException($"the kgmm ODE failed: {solution.OdeMessage}");
        return solution.FinalState;
    }

    /// <summary>The right-hand side evaluator of (3.1)–(3.2) with the quadrature of order n (sparse level for k − 1 ≥ 5).</summary>
    public static KgmmEffectiveOde RightHandSide(KgmmParameters parameters, int order, bool corrector = true, int sparseLevel = KgmmQuadrature.DefaultSparseLevel,
        KgmmTheoryPerturbation? perturbation = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new KgmmEffectiveOde(parameters, KgmmQuadrature.Moments(parameters, KgmmQuadrature.Rule(parameters.K - 1, order, sparseLevel)), corrector, perturbation);
    }

    /// <summary>
    /// The stationary point of (3.1)–(3.2) (kgmm.md §8.3): the ODE is integrated to t = max(60, 40/β) and the point
    /// is polished by Newton's method on the packed right-hand side (finite-difference Jacobian). β &gt; 0 required.
    /// </summary>
    public static KgmmStationaryState Stationary(KgmmParameters parameters, KgmmTheoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(parameters.Beta > 0)) throw new ArgumentException("a stationary state needs β > 0", nameof(parameters));
        options ??= KgmmTheoryOptions.Default;
        double horizon = Math.Max(60, 40 / parameters.Beta);
        var solution = Solve(parameters, TimeGrid.FromPoints([0, horizon]), options);
        if (solution.Status.Diverged) throw new InvalidOperationException($"the kgmm ODE failed: {solution.OdeMessage}");
        var rhs = RightHandSide(parameters, solution.QuadratureOrder, options.Corrector, options.SparseLevel, options.Perturbation);
        int n = rhs.StateLength;
        var u = new double[n];
        solution.FinalState.Pack(u);
        var f = new double[n];
        var fp = new double[n];
        var fm = new double[n];
        var probe = new double[n];
        rhs.Derivative(u, f);
        double residual = f.Max(Math.Abs);
        double initialResidual = residual;
        int iterations = 0;
        for (; iterations < 20 && residual > 1e-14; iterations++)
        {
            var jacobian = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n);
            for (int j = 0; j < n; j++)
            {
                double h = 1e-6 * Math.Max(1, Math.Abs(u[j]));
                u.CopyTo(probe, 0);
                probe[j] = u[j] + h;
                rhs.Derivative(probe, fp);
                probe[j] = u[j] - h;
                rhs.Derivative(probe, fm);
                for (int i = 0; i < n; i++) jacobian[i, j] = (fp[i] - fm[i]) / (2 * h);
            }
            var step = jacobian.Solve(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(f));
            var trial = new double[n];
            for (int i = 0; i < n; i++) trial[i] = u[i] - step[i];
            rhs.Derivative(trial, fp);
            double trialResidual = fp.Max(Math.Abs);
            if (!(trialResidual < residual)) break;
            Array.Copy(trial, u, n);
            Array.Copy(fp, f, n);
            residual = trialResidual;
        }
        return new KgmmStationaryState(KgmmStatistics.FromPacked(parameters.K, u), residual, initialResidual, horizon, iterations,
            solution.QuadratureRule);
    }

    /// <summary>
    /// Population Hessian and G at the state (kgmm.md §9) with a k-dimensional rule: tensor Gauss–Hermite of order
    /// <paramref name="order"/> (default max(10, ⌈8σ⌉ + 4) with σ = σ_max(X̃)/√λ, lowered until nᵏ ≤ 2¹⁷), or the
    /// sparse grid for k ≥ 6.
    /// </summary>
    public static KgmmPopulationMatrices PopulationMatrices(KgmmParameters parameters, KgmmStatistics statistics, int? order = null)
    {
        var rule = SpectralRule(parameters, statistics, order, allowSparse: true);
        return new KgmmPopulationMatrices(parameters, statistics, rule.Nodes, rule.Weights, rule.Name);
    }

    /// <summary>
    /// Effective spectral prediction (kgmm.md §11) for the Hessian or G block (c, c) of an empirical test matrix with
    /// M = φd samples: outliers, edges, eigenvector limits and err_pred for the top-<paramref name="top"/> space (default
    /// k). The result records the quadrature error estimate (largest change of outliers, edge and err_pred when the
    /// tensor order is raised by 4, or lowered by 4 when nᵏ of the refined rule would exceed 2¹⁷).
    /// </summary>
    public static KgmmSpectralPredictionResult PredictSpectrum(KgmmParameters parameters, KgmmStatistics statistics, KgmmMatrixKind kind,
        int block, double samplesRatio, int? top = null, int? order = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var rule = SpectralRule(parameters, statistics, order, allowSparse: false);
        int n = top ?? parameters.K;
        var result = KgmmSpectralPrediction.ForBlock(parameters, statistics, kind, block, samplesRatio, rule.Nodes, rule.Weights, rule.Name).Solve(n);
        double estimate = double.NaN;
        // Compare with the refined rule (n + 4), or with the coarser one (n − 4) when the refinement is too large.
        var other = rule.Refinement is { } finer && finer.Count <= (1 << 17) ? finer : rule.Coarsening;
        if (other is { } fine)
        {
            var refined = KgmmSpectralPrediction.ForBlock(parameters, statistics, kind, block, samplesRatio, fine.Nodes, fine.Weights, fine.Name).Solve(n);
            estimate = Math.Max(Math.Abs(refined.UpperEdge - result.UpperEdge), Math.Abs(refined.AlignmentError - result.AlignmentError));
            if (refined.Outliers.Count == result.Outliers.Count)
                for (int j = 0; j < result.Outliers.Count; j++)
                    estimate = Math.Max(estimate, Math.Abs(refined.Outliers[j].Eigenvalue - result.Outliers[j].Eigenvalue));
            else estimate = double.PositiveInfinity;
        }
        return result with { QuadratureErrorEstimate = estimate };
    }

    /// <summary>
    /// Effective spectral prediction (kgmm.md §11) for block (c, c) of the empirical <b>training</b> matrix (kgmm.md §14.3):
    /// the last M = φd SGD samples, whose weights are those at the own-sample-shifted logits of
    /// <see cref="KgmmTrainingShift"/>. <paramref name="shiftScale"/> = 0 gives the test prediction with the same rule.
    /// Both parts of the shift enter: the weights at the shifted logits and the samples' own coordinates along x⊥ (§14.3).
    /// </summary>
    public static KgmmSpectralPredictionResult PredictTrainingSpectrum(KgmmParameters parameters, KgmmStatistics statistics, KgmmMatrixKind kind,
        int block, double samplesRatio, int? top = null, double shiftScale = 1, int? order = null, int ageNodes = 8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var rule = SpectralRule(parameters, statistics, order, allowSparse: false);
        var shift = new KgmmTrainingShift(parameters, statistics, samplesRatio, shiftScale);
        return KgmmSpectralPrediction.ForBlock(parameters, statistics, kind, block, samplesRatio, rule.Nodes, rule.Weights,
            rule.Name + $", window ages: {ageNodes}-point midpoint rule on [0, φc_δ)", shift, ageNodes).Solve(top ?? parameters.K);
    }

    private static StandardNormalRule SpectralRule(KgmmParameters parameters, KgmmStatistics statistics, int? order, bool allowSparse)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(statistics);
        int k = parameters.K;
        if (allowSparse && k >= 6 && order is null) return SparseGrid.GenzKeister(k, KgmmQuadrature.DefaultSparseLevel);
        var coordinates = new KgmmSubspaceCoordinates(statistics);
        int n = order ?? KgmmQuadrature.Order(coordinates.SingularValues[0] / Math.Sqrt(parameters.Lambda));
        while (n > 2 && Math.Pow(n, k) > (1 << 17)) n--;
        return GaussHermite.Tensor(k, n);
    }

    private sealed record Attempt(int Order, KgmmGaussianMoments Moments, KgmmEffectiveOde Rhs, OdeSolution Solution, double SigmaMax, string RuleName,
        StandardNormalRule Rule);

    private static Attempt Integrate(KgmmParameters parameters, TimeGrid grid, KgmmTheoryOptions options, int order, bool sparse)
    {
        int k = parameters.K;
        var rule = KgmmQuadrature.Rule(k - 1, order, options.SparseLevel);
        var moments = KgmmQuadrature.Moments(parameters, rule);
        var rhs = new KgmmEffectiveOde(parameters, moments, options.Corrector, options.Perturbation);
        var initial = new double[rhs.StateLength];
        KgmmStatistics.Initial(k).Pack(initial);
        var times = grid.Times.ToArray();
        OdeSolution solution;
        var odeOptions = new OdeOptions
        {
            RelativeTolerance = options.RelativeTolerance,
            AbsoluteTolerance = options.AbsoluteTolerance,
            SaveAt = times,
            MaxSteps = options.MaxSteps,
        };
        IOdeSolver solver = options.HighOrder ? new DormandPrince853() : new DormandPrince54();
        var problem = new OdeProblem(rhs.AsOdeFunction(), initial, 0.0, Math.Max(times[^1], 0.0));
        solution = solver.Solve(problem, odeOptions);
        double sigma = 0;
        foreach (var state in solution.States)
        {
            var s = KgmmStatistics.FromPacked(k, state);
            sigma = Math.Max(sigma, KgmmQuadrature.MaxStandardDeviation(parameters, s.R));
        }
        return new Attempt(sparse ? options.SparseLevel : order, moments, rhs, solution, sigma, rule.Name, rule);
    }

    private static KgmmOdeSolution Finish(KgmmParameters parameters, KgmmTheoryOptions options, Attempt attempt, TimeGrid grid)
    {
        int k = parameters.K;
        var solution = attempt.Solution;
        var observables = new KgmmObservables(parameters, attempt.Moments);
        int count = solution.States.Count;
        var times = solution.Times.ToArray();
        var states = new KgmmStatistics[count];
        var values = new double[count][];
        for (int i = 0; i < count; i++)
        {
            states[i] = KgmmStatistics.FromPacked(k, solution.States[i]);
            values[i] = observables.Evaluate(states[i]);
        }

        double rhsError = double.NaN, lossError = double.NaN;
        if (options.EstimateQuadratureError && attempt.Rule.Refinement is { } fine && count > 0)
        {
            var fineMoments = KgmmQuadrature.Moments(parameters, fine);
            var fineRhs = new KgmmEffectiveOde(parameters, fineMoments, options.Corrector, options.Perturbation);
            var coarse = new double[attempt.Rhs.StateLength];
            var refined = new double[attempt.Rhs.StateLength];
            rhsError = 0;
            foreach (var state in new[] { solution.States[0], solution.States[count - 1] })
            {
                attempt.Rhs.Derivative(state, coarse);
                fineRhs.Derivative(state, refined);
                for (int i = 0; i < coarse.Length; i++) rhsError = Math.Max(rhsError, Math.Abs(coarse[i] - refined[i]));
            }
            var last = states[count - 1];
            lossError = Math.Abs(attempt.Moments.Loss(last.M, last.R, parameters.Beta) - fineMoments.Loss(last.M, last.R, parameters.Beta));
        }

        var status = solution.Succeeded ? RunStatus.Completed
            : solution.Status == OdeStatus.MaxStepsExceeded
                ? RunStatus.StepBudgetExhaustedAt(solution.Statistics.AcceptedSteps, solution.FinalTime, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the ODE used its budget of {options.MaxSteps} step attempts before t = {grid.End:G6} (a stiff problem?): {solution.Message}"))
                : RunStatus.DivergedAt(solution.Statistics.AcceptedSteps, solution.FinalTime, $"ODE integration stopped ({solution.Status}): {solution.Message}");
        return new KgmmOdeSolution
        {
            Parameters = parameters,
            Options = options,
            Times = times,
            States = states,
            Names = observables.Names,
            Values = values,
            Status = status,
            OdeStatus = solution.Status,
            OdeMessage = solution.Message,
            Solver = solution.SolverName,
            Statistics = solution.Statistics,
            QuadratureRule = attempt.RuleName,
            QuadratureOrder = attempt.Order,
            QuadratureNodes = attempt.Moments.NodeCount,
            MaxStandardDeviation = attempt.SigmaMax,
            RhsQuadratureError = rhsError,
            LossQuadratureError = lossError,
            AccuracyStandardError = observables.AccuracyStandardError,
        };
    }
}
