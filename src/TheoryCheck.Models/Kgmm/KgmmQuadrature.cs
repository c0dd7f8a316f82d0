using TheoryCheck.Numerics.LinearAlgebra;
using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Models.Kgmm;

/// <summary>
/// The deterministic quadrature rules of the kgmm expectations (kgmm.md §6.2–6.3): tensor Gauss–Hermite in the
/// k − 1 Helmert dimensions with n = max(10, ⌈8σ_max⌉ + 4) nodes per axis (capped at 40), σ_max = √(λ_max(QᵀRQ)/λ);
/// for k − 1 ≥ 5 a Smolyak sparse grid over Genz–Keister rules (level 6 by default). The error estimate compares
/// the rule with its refinement (n + 4, or the next sparse level).
/// </summary>
public static class KgmmQuadrature
{
    /// <summary>Dimension from which the sparse grid replaces the tensor rule (k − 1 ≥ 5).</summary>
    public const int SparseFromDimension = 5;

    /// <summary>Default sparse-grid level (exact for total degree ≤ 11; measured RHS error ≈ 3e-7 at k = 6, λ = 5).</summary>
    public const int DefaultSparseLevel = 6;

    /// <summary>Gauss–Hermite order of §6.2 for a given σ_max: max(10, ⌈8σ_max⌉ + 4), capped at 40.</summary>
    public static int Order(double maxStandardDeviation) => GaussianExpectation.StartingOrder(maxStandardDeviation);

    /// <summary>σ_max = √(λ_max(QᵀRQ)/λ), the largest logit-difference standard deviation at R.</summary>
    public static double MaxStandardDeviation(KgmmParameters parameters, ReadOnlySpan<double> r)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int k = parameters.K, n = k - 1;
        if (r.Length != k * k) throw new ArgumentException("R must be k×k");
        var q = HelmertBasis.Create(k);
        var cov = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int c = 0; c < k; c++)
                    for (int e = 0; e < k; e++) s += q[c * n + i] * r[c * k + e] * q[e * n + j];
                cov[i * n + j] = s / parameters.Lambda;
            }
        var root = new double[n * n];
        var work = new double[SymmetricSquareRoot.WorkLength(n)];
        return Math.Sqrt(Math.Max(SymmetricSquareRoot.Compute(cov, n, root, work), 0));
    }

    /// <summary>
    /// The standard-normal rule in <paramref name="dimension"/> dimensions: tensor Gauss–Hermite with
    /// <paramref name="order"/> nodes per axis, or (dimension ≥ 5) the sparse grid of <paramref name="sparseLevel"/>.
    /// </summary>
    public static StandardNormalRule Rule(int dimension, int order, int sparseLevel = DefaultSparseLevel) =>
        dimension >= SparseFromDimension ? SparseGrid.GenzKeister(dimension, sparseLevel) : GaussHermite.Tensor(dimension, order);

    /// <summary>The Gaussian-moment evaluator of <paramref name="parameters"/> on a given (k − 1)-dimensional rule.</summary>
    public static KgmmGaussianMoments Moments(KgmmParameters parameters, StandardNormalRule rule)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Dimension != parameters.K - 1) throw new ArgumentException($"the rule must have dimension k − 1 = {parameters.K - 1}", nameof(rule));
        return new KgmmGaussianMoments(parameters, rule.Nodes, rule.Weights, rule.Name);
    }

    /// <summary>
    /// The evaluator with the §6.2 order for the state R (<paramref name="r"/> null: R = I, the initial condition),
    /// or a fixed <paramref name="order"/>.
    /// </summary>
    public static KgmmGaussianMoments Moments(KgmmParameters parameters, ReadOnlySpan<double> r = default, int? order = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int n = order ?? Order(MaxStandardDeviation(parameters, r.IsEmpty ? KgmmStatistics.Initial(parameters.K).R : r));
        return Moments(parameters, Rule(parameters.K - 1, n));
    }

    /// <summary>
    /// The observable evaluator (loss by the §6.2 rule chosen at the state R, default R = I) for one thread. The
    /// simulation uses it on its own iterate's (m, R).
    /// </summary>
    public static KgmmObservables Observables(KgmmParameters parameters, ReadOnlySpan<double> r = default, int? order = null) =>
        new(parameters, Moments(parameters, r, order));
}
