using System.Runtime.CompilerServices;
using TheoryCheck.Numerics.Gaussian;

namespace TheoryCheck.Models.Cws;

/// <summary>
/// E ℓ, E ℓ′, E ℓ″ and E ℓ′² at r ~ N(M, S) for the <c>cws</c> losses (cws.md §2, §5, §10; docs/theory/cws.md §2.1).
/// Least squares: closed forms E ℓ = ½((M − y)² + S), E1 = M − y, E2 = 1, I = (M − y)² + S. Logistic: E σ(r), E σ(r)²
/// and E log(1 + eʳ) by probabilists' Gauss–Hermite in z = (r − M)/√S with <see cref="HermiteOrder"/> nodes (80)
/// while S ≤ <see cref="HermiteMaxVariance"/> (4; error below 1e-11 there, docs/theory/cws.md §10), and by
/// composite Gauss–Legendre panels in r (<see cref="NormalPanelRule"/>, feature interval [−40, 40], panel width 2,
/// 10 nodes) for larger S, where Gauss–Hermite loses accuracy (3e-7 at S = 10, 1e-4 at S = 30); S = 0 is the point
/// mass at M. Then E1 = Eσ − y, E2 = Eσ − Eσ², I = Eσ² − 2yEσ + y², E ℓ = E log(1 + eʳ) − yM.
/// </summary>
/// <remarks>Immutable and thread-safe; no allocation per call (the panel nodes live on the stack).</remarks>
public sealed class CwsGaussianLoss
{
    /// <summary>Default Gauss–Hermite order (cws.md §2).</summary>
    public const int DefaultHermiteOrder = 80;

    /// <summary>Default largest variance S handled by Gauss–Hermite.</summary>
    public const double DefaultHermiteMaxVariance = 4;

    private readonly double[] _nodes;
    private readonly double[] _weights;
    private readonly NormalPanelRule _panels = new(-40, 40, panelWidth: 2, order: 10, windowHalfWidth: 10);

    /// <param name="loss">The loss.</param>
    /// <param name="hermiteOrder">Gauss–Hermite nodes, 2 ≤ n ≤ 256.</param>
    /// <param name="hermiteMaxVariance">Largest S for Gauss–Hermite; above it the panel rule (≥ 0; +∞ = Gauss–Hermite always).</param>
    public CwsGaussianLoss(CwsLoss loss, int hermiteOrder = DefaultHermiteOrder, double hermiteMaxVariance = DefaultHermiteMaxVariance)
    {
        if (hermiteOrder is < 2 or > GaussHermite.MaxOrder) throw new ArgumentException($"the Gauss–Hermite order must lie in [2, {GaussHermite.MaxOrder}]", nameof(hermiteOrder));
        if (double.IsNaN(hermiteMaxVariance) || hermiteMaxVariance < 0) throw new ArgumentException("the Gauss–Hermite variance limit must be ≥ 0", nameof(hermiteMaxVariance));
        Loss = loss;
        HermiteOrder = hermiteOrder;
        HermiteMaxVariance = hermiteMaxVariance;
        var rule = GaussHermite.Rule1D(hermiteOrder);
        _nodes = rule.Nodes.ToArray();
        _weights = rule.Weights.ToArray();
    }

    /// <summary>The loss.</summary>
    public CwsLoss Loss { get; }

    /// <summary>Gauss–Hermite order n.</summary>
    public int HermiteOrder { get; }

    /// <summary>Largest S handled by Gauss–Hermite.</summary>
    public double HermiteMaxVariance { get; }

    /// <summary>One line describing the rule, recorded in diagnostics.</summary>
    public string RuleDescription => Loss == CwsLoss.Squares
        ? "closed forms (least squares)"
        : $"Gauss–Hermite n={HermiteOrder} for S ≤ {HermiteMaxVariance:G}; Gauss–Legendre panels (10 nodes, width ≤ min(2, √S) on [−40, 40], ≤ √S outside, ±10√S window) above";

    /// <summary>E ℓ, E ℓ′, E ℓ″, E ℓ′² at r ~ N(<paramref name="mean"/>, <paramref name="variance"/>) for label <paramref name="label"/>.</summary>
    public CwsLossMoments Moments(double label, double mean, double variance) => Evaluate(label, mean, variance, withLoss: true);

    /// <summary>E ℓ′, E ℓ″, E ℓ′² only (the ODE right-hand side; <see cref="CwsLossMoments.Loss"/> is NaN).</summary>
    public CwsLossMoments Derivatives(double label, double mean, double variance) => Evaluate(label, mean, variance, withLoss: false);

    /// <summary>E ℓ(r, y) at r ~ N(M, S).</summary>
    public double Risk(double label, double mean, double variance) => Evaluate(label, mean, variance, withLoss: true).Loss;

    private CwsLossMoments Evaluate(double y, double mean, double variance, bool withLoss)
    {
        if (variance < 0) variance = 0; // only rounding makes S negative
        if (Loss == CwsLoss.Squares)
        {
            double e = mean - y;
            double i = e * e + variance;
            return new CwsLossMoments(0.5 * i, e, 1, i);
        }
        var (s1, s2, softplus) = LogisticIntegrals(mean, variance, withLoss);
        return new CwsLossMoments(withLoss ? softplus - y * mean : double.NaN, s1 - y, s1 - s2, s2 - 2 * y * s1 + y * y);
    }

    /// <summary>E σ(r), E σ(r)², E log(1 + eʳ) (the last only when asked) for r ~ N(M, S).</summary>
    [SkipLocalsInit]
    private (double Sigma, double SigmaSquare, double Softplus) LogisticIntegrals(double mean, double variance, bool withLoss)
    {
        if (!double.IsFinite(mean) || !double.IsFinite(variance) || variance < 0) return (double.NaN, double.NaN, double.NaN);
        double s1 = 0, s2 = 0, sp = 0;
        if (variance == 0)
        {
            Accumulate(mean, 1, withLoss, ref s1, ref s2, ref sp);
            return (s1, s2, sp);
        }
        if (variance <= HermiteMaxVariance)
        {
            double sd = Math.Sqrt(variance);
            for (int j = 0; j < _nodes.Length; j++) Accumulate(Math.FusedMultiplyAdd(sd, _nodes[j], mean), _weights[j], withLoss, ref s1, ref s2, ref sp);
            return (s1, s2, sp);
        }
        int capacity = _panels.MaxNodeCount;
        Span<double> nodes = stackalloc double[capacity];
        Span<double> weights = stackalloc double[capacity];
        int count = _panels.Build(mean, variance, nodes, weights);
        for (int j = 0; j < count; j++) Accumulate(nodes[j], weights[j], withLoss, ref s1, ref s2, ref sp);
        return (s1, s2, sp);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(double r, double w, bool withLoss, ref double s1, ref double s2, ref double sp)
    {
        double e = Math.Exp(-Math.Abs(r));
        double sigma = r >= 0 ? 1 / (1 + e) : e / (1 + e);
        s1 += w * sigma;
        s2 += w * sigma * sigma;
        if (withLoss) sp += w * (Math.Max(r, 0) + (e < 1e-4 ? e * (1 - e * (0.5 - e / 3)) : Math.Log(1 + e)));
    }
}
