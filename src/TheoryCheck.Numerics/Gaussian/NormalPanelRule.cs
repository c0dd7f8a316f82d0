using MathNet.Numerics.Integration;

namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// A one-dimensional Gaussian expectation E f(r), r ~ N(M, S), by composite Gauss–Legendre panels in r, for
/// integrands f that vary on a unit scale only inside a bounded <i>feature interval</i> [a, b] and are smooth and
/// slowly varying (e.g. polynomial up to exponentially small terms) outside it — logistic-type functions σ(r),
/// log(1 + eʳ) with [a, b] = [−40, 40]. Unlike Gauss–Hermite in z = (r − M)/√S, whose error grows quickly with S
/// when f has a kink-like transition, the panels resolve the transition at its own scale for any S &gt; 0.
/// </summary>
/// <remarks>
/// <para>Construction of the rule for (M, S), σ = √S: the window W = [M − Lσ, M + Lσ] (L = <see cref="WindowHalfWidth"/>
/// standard deviations; the Gaussian mass outside is 2Φ(−L), 1.5e-23 for L = 10) is cut at a and b; the part inside
/// [a, b] is split into equal panels of width at most min(h, σ) (h = <see cref="PanelWidth"/>), the parts outside into
/// equal panels of width at most σ. Each panel gets the n-point Gauss–Legendre rule (n = <see cref="Order"/>) and the
/// weights carry the density φ((r − M)/σ)/σ, so Σ_j w_j f(r_j) ≈ E f(r). The weights are not renormalised.</para>
/// <para>Accuracy: for f analytic in the strip |Im r| &lt; τ, a panel of half-width ≤ h/2 with n nodes converges like
/// ρ^{−2n}, ρ = 2τ/h + √(1 + (2τ/h)²); for the logistic family (τ = π), h = 2 and n = 10 this is below 1e-16
/// relative. The Gaussian factor is entire and is resolved by panels no wider than σ.</para>
/// <para>Immutable and thread-safe; <see cref="Build"/> writes into caller-owned spans and does not allocate.</para>
/// </remarks>
public sealed class NormalPanelRule
{
    private readonly double[] _abscissas;
    private readonly double[] _weights;

    /// <param name="featureLow">a: lower end of the feature interval (finite).</param>
    /// <param name="featureHigh">b: upper end, &gt; a (finite).</param>
    /// <param name="panelWidth">h: largest panel width inside [a, b], &gt; 0.</param>
    /// <param name="order">n: Gauss–Legendre nodes per panel, 2 ≤ n ≤ 64.</param>
    /// <param name="windowHalfWidth">L: half-width of the integration window in standard deviations, 4 ≤ L ≤ 40.</param>
    public NormalPanelRule(double featureLow, double featureHigh, double panelWidth = 2, int order = 10, double windowHalfWidth = 10)
    {
        if (!double.IsFinite(featureLow) || !double.IsFinite(featureHigh) || !(featureHigh > featureLow))
            throw new ArgumentException($"the feature interval must be finite with a < b (got [{featureLow}, {featureHigh}])");
        if (!double.IsFinite(panelWidth) || !(panelWidth > 0)) throw new ArgumentException($"the panel width must be > 0 (got {panelWidth})", nameof(panelWidth));
        if (order is < 2 or > 64) throw new ArgumentException($"the order must lie in [2, 64] (got {order})", nameof(order));
        if (!(windowHalfWidth >= 4 && windowHalfWidth <= 40)) throw new ArgumentException($"the window half-width must lie in [4, 40] (got {windowHalfWidth})", nameof(windowHalfWidth));
        FeatureLow = featureLow;
        FeatureHigh = featureHigh;
        PanelWidth = panelWidth;
        Order = order;
        WindowHalfWidth = windowHalfWidth;
        var rule = new GaussLegendreRule(-1, 1, order);
        _abscissas = (double[])rule.Abscissas.Clone();
        _weights = (double[])rule.Weights.Clone();
    }

    /// <summary>a: lower end of the feature interval.</summary>
    public double FeatureLow { get; }

    /// <summary>b: upper end of the feature interval.</summary>
    public double FeatureHigh { get; }

    /// <summary>h: largest panel width inside the feature interval.</summary>
    public double PanelWidth { get; }

    /// <summary>n: Gauss–Legendre nodes per panel.</summary>
    public int Order { get; }

    /// <summary>L: window half-width in standard deviations.</summary>
    public double WindowHalfWidth { get; }

    /// <summary>
    /// Largest number of nodes <see cref="Build"/> can produce: n·(⌈(b − a)/h⌉ + 2⌈2L⌉ + 4) (the feature part has at
    /// most ⌈(b − a)/h⌉ panels when σ ≥ h and at most ⌈2L⌉ + 1 when σ &lt; h; each outer part at most ⌈2L⌉ + 1).
    /// </summary>
    public int MaxNodeCount => Order * ((int)Math.Ceiling((FeatureHigh - FeatureLow) / PanelWidth) + 2 * (int)Math.Ceiling(2 * WindowHalfWidth) + 4);

    /// <summary>
    /// Writes the nodes r_j and weights w_j of the rule for r ~ N(<paramref name="mean"/>, <paramref name="variance"/>)
    /// and returns their number m (Σ_j w_j f(r_j) ≈ E f(r)). For variance 0 the rule is the single node M, weight 1.
    /// </summary>
    /// <exception cref="ArgumentException">Non-finite mean, negative or non-finite variance, or spans shorter than
    /// <see cref="MaxNodeCount"/>.</exception>
    public int Build(double mean, double variance, Span<double> nodes, Span<double> weights)
    {
        if (!double.IsFinite(mean) || !double.IsFinite(variance) || variance < 0)
            throw new ArgumentException($"mean and variance must be finite with variance ≥ 0 (got {mean}, {variance})");
        if (nodes.Length < MaxNodeCount || weights.Length < MaxNodeCount)
            throw new ArgumentException($"node and weight spans need {MaxNodeCount} entries");
        if (variance == 0)
        {
            nodes[0] = mean;
            weights[0] = 1;
            return 1;
        }
        double sigma = Math.Sqrt(variance);
        double lo = mean - WindowHalfWidth * sigma, hi = mean + WindowHalfWidth * sigma;
        int count = 0;
        double a = Math.Clamp(FeatureLow, lo, hi), b = Math.Clamp(FeatureHigh, lo, hi);
        count = AddPanels(lo, a, sigma, mean, sigma, nodes, weights, count);
        count = AddPanels(a, b, Math.Min(PanelWidth, sigma), mean, sigma, nodes, weights, count);
        count = AddPanels(b, hi, sigma, mean, sigma, nodes, weights, count);
        return count;
    }

    private int AddPanels(double from, double to, double width, double mean, double sigma, Span<double> nodes, Span<double> weights, int count)
    {
        double length = to - from;
        if (!(length > 0)) return count;
        int panels = Math.Max(1, (int)Math.Ceiling(length / width * (1 - 1e-12)));
        double h = length / panels;
        double half = 0.5 * h;
        double density = half / (sigma * Math.Sqrt(2 * Math.PI));
        for (int p = 0; p < panels; p++)
        {
            double centre = from + (p + 0.5) * h;
            for (int j = 0; j < _abscissas.Length; j++)
            {
                double r = centre + half * _abscissas[j];
                double z = (r - mean) / sigma;
                nodes[count] = r;
                weights[count] = _weights[j] * density * Math.Exp(-0.5 * z * z);
                count++;
            }
        }
        return count;
    }
}
