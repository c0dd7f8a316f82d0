using System.Buffers;

namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// Entry point for Gaussian expectations E f(x), x ~ N(m, Σ), Σ symmetric PSD (possibly singular): x = m + C z with
/// C Cᵀ = Σ (<see cref="PsdSquareRoot"/>) and z integrated by a <see cref="StandardNormalRule"/>.
/// </summary>
/// <remarks>
/// <see cref="Evaluate(StandardNormalRule, ReadOnlySpan{double}, PsdSquareRoot, GaussianIntegrand, int)"/> returns the
/// rule's value with an error estimate (deterministic rules: κ·|Q − Q_refined| plus a round-off floor
/// 8ε·Σ_j|w_j f(x_j)|, κ ≥ 2 grown when the observed convergence is slow; randomised rules: one standard error over
/// replicates). <see cref="Integrate"/> is the
/// allocation-free hot path without an estimate; <see cref="StandardNormalRule.Transform(ReadOnlySpan{double}, PsdSquareRoot, Span{double})"/>
/// gives callers the transformed nodes to loop over themselves.
/// </remarks>
public static class GaussianExpectation
{
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Largest tensor Gauss–Hermite order <see cref="Auto"/> starts from (kgmm.md §6.2).</summary>
    public const int AutoMaxGaussHermiteOrder = 40;

    /// <summary>E f(x), x ~ N(m, Σ), with the rule's error estimate.</summary>
    /// <param name="rule">Rule of dimension k (= dim Σ) or r (= rank Σ, then the reduced root is used).</param>
    /// <param name="mean">m ∈ R^k.</param>
    /// <param name="covariance">Σ (k × k, symmetric PSD).</param>
    /// <param name="f">Integrand R^k → R^p.</param>
    /// <param name="outputLength">p ≥ 1.</param>
    public static GaussianExpectationResult Evaluate(StandardNormalRule rule, ReadOnlySpan<double> mean, double[,] covariance,
        GaussianIntegrand f, int outputLength)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var root = PsdSquareRoot.Compute(covariance);
        if (rule.Dimension == root.Columns) return Evaluate(rule, mean, root, f, outputLength);
        if (rule.Dimension == root.Rank) return Evaluate(rule, mean, root.Reduced(), f, outputLength);
        throw new ArgumentException(
            $"Rule dimension {rule.Dimension} matches neither dim Σ = {root.Columns} nor rank Σ = {root.Rank}.", nameof(rule));
    }

    /// <summary>E f(m + C z), z ~ N(0, I), with the rule's error estimate.</summary>
    /// <param name="rule">Rule of dimension c = root.Columns.</param>
    /// <param name="mean">m ∈ R^p, p = root.Rows.</param>
    /// <param name="root">C (p × c).</param>
    /// <param name="f">Integrand R^p → R^q.</param>
    /// <param name="outputLength">q ≥ 1.</param>
    public static GaussianExpectationResult Evaluate(StandardNormalRule rule, ReadOnlySpan<double> mean, PsdSquareRoot root,
        GaussianIntegrand f, int outputLength)
    {
        Validate(rule, mean, root, f, outputLength);
        if (rule.ErrorMethod == GaussianErrorMethod.Replicates)
        {
            var (value, error, evaluations) = ReplicateSums(rule, mean, root, f, outputLength);
            return new GaussianExpectationResult
            {
                Value = value,
                ErrorEstimate = error,
                RuleName = rule.Name,
                ErrorMethod = GaussianErrorMethod.Replicates,
                ErrorDescription = rule.ReplicateSize == 1 && rule.Family == StandardNormalRuleFamily.ScrambledSobol
                    ? "iid standard error over the points of one scrambling (usually pessimistic)"
                    : $"standard error over {rule.ReplicateCount} replicates of {rule.ReplicateSize} node(s)",
                Evaluations = evaluations,
                RuleDimension = rule.Dimension,
                CovarianceRank = root.Rank,
                ClippedEigenvalueSum = root.ClippedAmount,
            };
        }
        var refined = rule.Refinement ?? throw new ArgumentException(
            $"Rule '{rule.Name}' has no refinement within {StandardNormalRule.MaxNodeCount} nodes, so no error estimate; " +
            "use GaussianExpectation.Integrate for the bare value or a smaller rule.", nameof(rule));
        var coarser = rule.Coarsening;
        var own = WeightedSums(rule, mean, root, f, outputLength);
        var fine = WeightedSums(refined, mean, root, f, outputLength);
        Sums? previous = coarser is null ? null : WeightedSums(coarser, mean, root, f, outputLength);
        return new GaussianExpectationResult
        {
            Value = own.Sum,
            ErrorEstimate = RefinementError(previous, own, fine),
            RuleName = rule.Name,
            ErrorMethod = GaussianErrorMethod.Refinement,
            ErrorDescription = $"κ·|Q − Q({refined.Name})| + round-off, " + KappaDescription(coarser?.Name),
            Evaluations = (long)rule.Count + refined.Count + (coarser?.Count ?? 0),
            RuleDimension = rule.Dimension,
            CovarianceRank = root.Rank,
            ClippedEigenvalueSum = root.ClippedAmount,
        };
    }

    /// <summary>
    /// Hot path: destination ← Σ_j w_j f(m + C z_j), no error estimate, no allocation for p ≤ 64 and q ≤ 64.
    /// </summary>
    public static void Integrate(StandardNormalRule rule, ReadOnlySpan<double> mean, PsdSquareRoot root, GaussianIntegrand f,
        Span<double> destination)
    {
        Validate(rule, mean, root, f, destination.Length);
        int p = root.Rows, q = destination.Length, c = root.Columns;
        double[]? rentedX = null, rentedOut = null;
        Span<double> x = p <= 64 ? stackalloc double[p] : (rentedX = ArrayPool<double>.Shared.Rent(p)).AsSpan(0, p);
        Span<double> output = q <= 64 ? stackalloc double[q] : (rentedOut = ArrayPool<double>.Shared.Rent(q)).AsSpan(0, q);
        try
        {
            destination.Clear();
            var nodes = rule.Nodes;
            var weights = rule.Weights;
            var factor = root.Factor;
            for (int j = 0; j < rule.Count; j++)
            {
                MapNode(mean, factor, c, nodes.Slice(j * c, c), x);
                f(x, output);
                double w = weights[j];
                for (int i = 0; i < q; i++) destination[i] += w * output[i];
            }
        }
        finally
        {
            if (rentedX is not null) ArrayPool<double>.Shared.Return(rentedX);
            if (rentedOut is not null) ArrayPool<double>.Shared.Return(rentedOut);
        }
    }

    /// <summary>
    /// Adaptive convenience: picks tensor Gauss–Hermite for rank Σ ≤ 4 (starting at n = max(10, ⌈8σ_max⌉ + 4) capped at
    /// 40, kgmm.md §6.2) and Genz–Keister sparse grids for rank ≥ 5 (starting at level 2), refining (n + 4, level + 1)
    /// until the estimate κ·|Q_coarse − Q_fine| + round-off (κ as in Evaluate) is ≤ <paramref name="tolerance"/> in every component, or until
    /// the evaluation budget, <see cref="StandardNormalRule.MaxNodeCount"/> or the largest order/level stops it
    /// (then ToleranceMet = false). Reports the finer rule's value, whose error the estimate bounds under geometric
    /// convergence. Functions analytic only in a strip (logistic, softmax with wide Σ) converge more slowly than
    /// geometrically in n.
    /// </summary>
    /// <param name="mean">m ∈ R^k.</param>
    /// <param name="covariance">Σ (k × k, symmetric PSD, possibly singular: the rank-r reduction is integrated).</param>
    /// <param name="f">Integrand R^k → R^p.</param>
    /// <param name="outputLength">p ≥ 1.</param>
    /// <param name="tolerance">Absolute tolerance per component, &gt; 0.</param>
    /// <param name="maxEvaluations">Budget of integrand evaluations; refinement stops (ToleranceMet = false) beyond it.</param>
    public static GaussianExpectationResult Auto(ReadOnlySpan<double> mean, double[,] covariance, GaussianIntegrand f,
        int outputLength, double tolerance, long maxEvaluations = 4_000_000)
    {
        if (!(tolerance > 0)) throw new ArgumentException($"Tolerance must be > 0 (got {tolerance}).", nameof(tolerance));
        if (maxEvaluations < 1) throw new ArgumentException("Evaluation budget must be ≥ 1.", nameof(maxEvaluations));
        var full = PsdSquareRoot.Compute(covariance);
        if (mean.Length != full.Rows)
            throw new ArgumentException($"Mean has length {mean.Length} but Σ is {full.Rows}×{full.Rows}.", nameof(mean));
        ArgumentNullException.ThrowIfNull(f);
        if (outputLength < 1) throw new ArgumentException("Output length must be ≥ 1.", nameof(outputLength));
        int r = full.Rank;
        if (r == 0) return PointMass(mean, f, outputLength, full, tolerance);
        var root = full.Reduced();

        bool tensor = r <= 4;
        int order = tensor ? StartingOrder(full.MaxStandardDeviation) : 2; // n (tensor) or level (sparse)
        var coarseRule = tensor ? GaussHermite.Tensor(r, order) : SparseGrid.GenzKeister(r, order);
        var coarse = WeightedSums(coarseRule, mean, root, f, outputLength);
        long evaluations = coarseRule.Count;
        // The convergence ratio needs one earlier rule: evaluate the start rule's coarsening (cheap) if it exists.
        Sums? previous = null;
        var startCoarsening = coarseRule.Coarsening;
        if (startCoarsening is not null)
        {
            previous = WeightedSums(startCoarsening, mean, root, f, outputLength);
            evaluations += startCoarsening.Count;
        }
        double[]? lastError = null;
        string? lastComparison = null;
        while (true)
        {
            var fineRule = coarseRule.Refinement;
            if (fineRule is null || evaluations + fineRule.Count > maxEvaluations)
            {
                // Cannot refine further: the finest value computed, with the last comparison (if any).
                return new GaussianExpectationResult
                {
                    Value = coarse.Sum,
                    ErrorEstimate = lastError ?? Enumerable.Repeat(double.PositiveInfinity, outputLength).ToArray(),
                    RuleName = coarseRule.Name,
                    ErrorMethod = GaussianErrorMethod.Refinement,
                    ErrorDescription = lastComparison is null
                        ? "no refinement possible within the limits: error unknown"
                        : lastComparison + " (refinement limit reached)",
                    Evaluations = evaluations,
                    RuleDimension = r,
                    CovarianceRank = r,
                    ClippedEigenvalueSum = full.ClippedAmount,
                    ToleranceMet = false,
                };
            }
            var fine = WeightedSums(fineRule, mean, root, f, outputLength);
            evaluations += fineRule.Count;
            var error = RefinementError(previous, coarse, fine);
            string comparison = $"κ·|Q({coarseRule.Name}) − Q({fineRule.Name})| + round-off, " + KappaDescription(previous is null ? null : "the previous rule");
            if (error.Max() <= tolerance)
            {
                return new GaussianExpectationResult
                {
                    Value = fine.Sum,
                    ErrorEstimate = error,
                    RuleName = fineRule.Name,
                    ErrorMethod = GaussianErrorMethod.Refinement,
                    ErrorDescription = comparison,
                    Evaluations = evaluations,
                    RuleDimension = r,
                    CovarianceRank = r,
                    ClippedEigenvalueSum = full.ClippedAmount,
                    ToleranceMet = true,
                };
            }
            previous = coarse;
            coarseRule = fineRule;
            coarse = fine;
            lastError = error;
            lastComparison = comparison;
        }
    }

    /// <summary>kgmm.md §6.2: n = max(10, ⌈8σ_max⌉ + 4), capped at 40.</summary>
    public static int StartingOrder(double maxStandardDeviation) =>
        Math.Min(AutoMaxGaussHermiteOrder, Math.Max(10, (int)Math.Ceiling(8 * maxStandardDeviation) + 4));

    private static void Validate(StandardNormalRule rule, ReadOnlySpan<double> mean, PsdSquareRoot root, GaussianIntegrand f, int outputLength)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(f);
        if (mean.Length != root.Rows)
            throw new ArgumentException($"Mean has length {mean.Length} but the root has {root.Rows} rows.", nameof(mean));
        if (rule.Dimension != root.Columns)
            throw new ArgumentException($"Rule dimension {rule.Dimension} differs from the root's column count {root.Columns}.", nameof(rule));
        if (outputLength < 1) throw new ArgumentException($"Output length must be ≥ 1 (got {outputLength}).", nameof(outputLength));
        foreach (double m in mean)
            if (!double.IsFinite(m)) throw new ArgumentException("Mean entries must be finite.", nameof(mean));
    }

    /// <summary>x ← m + C z for one node.</summary>
    private static void MapNode(ReadOnlySpan<double> mean, ReadOnlySpan<double> factor, int columns, ReadOnlySpan<double> z, Span<double> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double s = mean[i];
            var row = factor.Slice(i * columns, columns);
            for (int l = 0; l < columns; l++) s += row[l] * z[l];
            x[i] = s;
        }
    }

    /// <summary>Compensated weighted sums Σ w_j f(x_j) and the magnitudes Σ |w_j f(x_j)|.</summary>
    private readonly record struct Sums(double[] Sum, double[] AbsoluteSum);

    private static Sums WeightedSums(StandardNormalRule rule, ReadOnlySpan<double> mean, PsdSquareRoot root, GaussianIntegrand f, int q)
    {
        int p = root.Rows, c = root.Columns;
        var x = new double[p];
        var output = new double[q];
        var sum = new double[q];
        var compensation = new double[q];
        var absolute = new double[q];
        var nodes = rule.Nodes;
        var weights = rule.Weights;
        var factor = root.Factor;
        for (int j = 0; j < rule.Count; j++)
        {
            MapNode(mean, factor, c, nodes.Slice(j * c, c), x);
            f(x, output);
            double w = weights[j];
            for (int i = 0; i < q; i++)
            {
                double term = w * output[i];
                double t = sum[i] + term; // Neumaier summation
                compensation[i] += Math.Abs(sum[i]) >= Math.Abs(term) ? (sum[i] - t) + term : (term - t) + sum[i];
                sum[i] = t;
                absolute[i] += Math.Abs(term);
            }
        }
        for (int i = 0; i < q; i++)
        {
            sum[i] += compensation[i];
            if (!double.IsFinite(sum[i]))
                throw new ArgumentException($"Integrand produced a non-finite weighted sum in component {i} with rule '{rule.Name}'.", nameof(f));
        }
        return new Sums(sum, absolute);
    }

    /// <summary>Largest error-inflation factor κ (convergence ratio ρ̂ ≥ 0.9 or no convergence).</summary>
    public const double MaxKappa = 20.0;

    /// <summary>
    /// Error of Q against its refinement Q': κ·|Q − Q'| + 8ε(Σ|w f|_Q + Σ|w f|_Q'), with κ = 2 when the observed
    /// convergence ratio ρ̂ = |Q − Q'| / |Q_coarser − Q| is ≤ 1/4 (or unknown, or at round-off level) and
    /// κ = min(20, 2/(1 − ρ̂)) otherwise: twice the geometric-tail sum Σ ρ̂ⁱ|Q − Q'|, so slowly converging integrands
    /// (e.g. analytic only in a strip, where Gauss–Hermite converges like exp(−c√n)) are not under-estimated.
    /// </summary>
    private static double[] RefinementError(Sums? coarser, Sums value, Sums fine)
    {
        var error = new double[value.Sum.Length];
        for (int i = 0; i < error.Length; i++)
        {
            double floor = 8.0 * MachineEpsilon * (value.AbsoluteSum[i] + fine.AbsoluteSum[i]);
            double delta = Math.Abs(value.Sum[i] - fine.Sum[i]);
            double kappa = 2.0;
            if (coarser is { } c && delta > floor)
            {
                double previousDelta = Math.Abs(c.Sum[i] - value.Sum[i]);
                double previousFloor = 8.0 * MachineEpsilon * (c.AbsoluteSum[i] + value.AbsoluteSum[i]);
                double ratio = previousDelta > previousFloor ? delta / previousDelta : 1.0;
                if (ratio > 0.25) kappa = ratio >= 0.9 ? MaxKappa : Math.Min(MaxKappa, 2.0 / (1.0 - ratio));
            }
            error[i] = kappa * delta + floor;
        }
        return error;
    }

    private static string KappaDescription(string? coarserName) => coarserName is null
        ? "κ = 2 (no coarser rule to measure the convergence ratio)"
        : $"κ = max(2, 2/(1 − ρ̂)) ≤ {MaxKappa} from ρ̂ = |Q − Q'|/|Q({coarserName}) − Q|";

    /// <summary>Mean over replicate blocks and its standard error (Welford over block means).</summary>
    private static (double[] Value, double[] Error, long Evaluations) ReplicateSums(StandardNormalRule rule, ReadOnlySpan<double> mean,
        PsdSquareRoot root, GaussianIntegrand f, int q)
    {
        int p = root.Rows, c = root.Columns;
        int blocks = rule.ReplicateCount, size = rule.ReplicateSize;
        var x = new double[p];
        var output = new double[q];
        var block = new double[q];
        var runningMean = new double[q];
        var m2 = new double[q];
        var absolute = new double[q];
        var nodes = rule.Nodes;
        var factor = root.Factor;
        for (int b = 0; b < blocks; b++)
        {
            Array.Clear(block);
            for (int s = 0; s < size; s++)
            {
                int j = b * size + s;
                MapNode(mean, factor, c, nodes.Slice(j * c, c), x);
                f(x, output);
                for (int i = 0; i < q; i++)
                {
                    block[i] += output[i];
                    absolute[i] += Math.Abs(output[i]);
                }
            }
            for (int i = 0; i < q; i++)
            {
                double v = block[i] / size;
                double delta = v - runningMean[i];
                runningMean[i] += delta / (b + 1);
                m2[i] += delta * (v - runningMean[i]);
            }
        }
        var error = new double[q];
        for (int i = 0; i < q; i++)
        {
            if (!double.IsFinite(runningMean[i]))
                throw new ArgumentException($"Integrand produced a non-finite mean in component {i} with rule '{rule.Name}'.", nameof(f));
            double variance = blocks > 1 ? m2[i] / (blocks - 1) : double.PositiveInfinity;
            error[i] = Math.Sqrt(variance / blocks) + 8.0 * MachineEpsilon * absolute[i] / rule.Count;
        }
        return (runningMean, error, rule.Count);
    }

    private static GaussianExpectationResult PointMass(ReadOnlySpan<double> mean, GaussianIntegrand f, int q, PsdSquareRoot full, double tolerance)
    {
        var value = new double[q];
        f(mean, value);
        var error = new double[q];
        for (int i = 0; i < q; i++)
        {
            if (!double.IsFinite(value[i])) throw new ArgumentException($"Integrand is not finite at the mean (component {i}).", nameof(f));
            error[i] = 8.0 * MachineEpsilon * Math.Abs(value[i]);
        }
        return new GaussianExpectationResult
        {
            Value = value,
            ErrorEstimate = error,
            RuleName = "point mass at the mean (Σ = 0)",
            ErrorMethod = GaussianErrorMethod.Exact,
            ErrorDescription = "exact: f(m); round-off only",
            Evaluations = 1,
            RuleDimension = 0,
            CovarianceRank = 0,
            ClippedEigenvalueSum = full.ClippedAmount,
            ToleranceMet = error.Max() <= tolerance,
        };
    }
}
