using System.Numerics.Tensors;
using TheoryCheck.Numerics.LinearAlgebra;
using TheoryCheck.Numerics.Roots;

namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Effective spectral prediction for a weighted sample second-moment matrix M̂ = (1/M) Σ_j h_j Y_jY_jᵀ with M = φd
/// samples as d → ∞ (kgmm.md §11, in model-independent form): Y = L v + λ^{-1/2} L⊥ w with L an orthonormal basis of a
/// fixed q-dimensional subspace S, w ~ N(0, I_{d−q}) independent, and (h, v) drawn from a discrete mixture of nodes:
/// node j has probability p_j, weight h_j ≥ 0 and v | j ~ N(c_j, Σ) with a common residual covariance Σ. (This is
/// exact when h depends on v only through a statistic that the nodes resolve, e.g. a quadrature rule over the
/// directions of v that h sees, Σ being the covariance of the others.) Then, with E[·] = Σ_j p_j(·):
/// <list type="bullet">
/// <item>bulk: z(S) = φE[h/(λφ + Sh)] − 1/S; right edge z₊ = min of z on (−λφ/h_sup, 0) (dense log grid + golden
/// section, never sign changes of z′), or the boundary value when z increases on the whole interval;</item>
/// <item>outliers: z &gt; z₊ with det(zI − F(S(z))) = 0, F(S) = λφE[h/(λφ + Sh)(vvᵀ)], E[vvᵀ | j] = c_jc_jᵀ + Σ;</item>
/// <item>eigenvector limits: r̃ = r/√(rᵀ(I − F′)r), F′ = (dF/dS)/z′(S), dF/dS = −λφE[h²/(λφ + Sh)² vvᵀ].</item>
/// </list>
/// zI − F(S(z)) is increasing in S on (S_*, 0) (z′ &gt; 0 there, dF/dS ≼ 0), so each ordered eigenvalue crosses 0 at
/// most once: the number of outliers is the number of eigenvalues of F(S_*) above z₊, each root refined by Brent's
/// method on its own eigenvalue index. Nodes with h = 0 are dropped (they only enter through the φ·P(h &gt; 0) atom).
/// </summary>
public sealed class EffectiveSpectrumPrediction
{
    private readonly int _q;
    private readonly int _n;
    private readonly double[] _p;       // n
    private readonly double[] _h;       // n
    private readonly double[] _c;       // q × n, axis-major
    private readonly double[] _sigma;   // q × q
    private readonly double[] _w;       // n scratch
    private readonly double[] _wc;      // n scratch
    private readonly double _lambdaPhi;
    private readonly double _positiveMass;
    private readonly double _hMax;

    /// <param name="dimension">q = dim S ≥ 1.</param>
    /// <param name="probabilities">p_j ≥ 0 (summing to 1 over all nodes, those with h = 0 included).</param>
    /// <param name="weights">h_j ≥ 0, finite.</param>
    /// <param name="means">c_j, row-major (node j at [j·q, (j+1)·q)).</param>
    /// <param name="residualCovariance">Σ, q×q row-major, symmetric PSD.</param>
    /// <param name="lambda">λ &gt; 0: the noise in S⊥ has covariance I/λ.</param>
    /// <param name="samplesRatio">φ = M/d &gt; 0.</param>
    /// <param name="supportMaximum">h_sup = ess sup h over the data law (the bulk interval is (−λφ/h_sup, 0)); null uses
    /// the largest node weight, which is right only when the nodes reach the supremum.</param>
    public EffectiveSpectrumPrediction(int dimension, ReadOnlySpan<double> probabilities, ReadOnlySpan<double> weights, ReadOnlySpan<double> means,
        ReadOnlySpan<double> residualCovariance, double lambda, double samplesRatio, double? supportMaximum = null)
    {
        if (dimension < 1) throw new ArgumentException("q must be ≥ 1", nameof(dimension));
        int count = probabilities.Length;
        if (weights.Length != count || means.Length != (long)count * dimension) throw new ArgumentException("need one probability, weight and q-vector per node");
        if (residualCovariance.Length != dimension * dimension) throw new ArgumentException("Σ must be q×q", nameof(residualCovariance));
        if (!(lambda > 0) || !double.IsFinite(lambda)) throw new ArgumentException("λ must be a finite number > 0", nameof(lambda));
        if (!(samplesRatio > 0) || !double.IsFinite(samplesRatio)) throw new ArgumentException("φ must be a finite number > 0", nameof(samplesRatio));
        _q = dimension;
        Lambda = lambda;
        SamplesRatio = samplesRatio;
        _lambdaPhi = lambda * samplesRatio;
        int kept = 0;
        double hMax = 0, positive = 0, mean = 0, total = 0;
        for (int j = 0; j < count; j++)
        {
            double h = weights[j], p = probabilities[j];
            if (!(h >= 0) || !double.IsFinite(h)) throw new ArgumentException($"weight {j} must be finite and ≥ 0 (got {h})", nameof(weights));
            if (!(p >= 0) || !double.IsFinite(p)) throw new ArgumentException($"probability {j} must be finite and ≥ 0 (got {p})", nameof(probabilities));
            total += p;
            if (h > 0 && p > 0)
            {
                kept++;
                hMax = Math.Max(hMax, h);
                positive += p;
                mean += p * h;
            }
        }
        if (Math.Abs(total - 1) > 1e-9) throw new ArgumentException($"the node probabilities must sum to 1 (sum {total})", nameof(probabilities));
        if (kept == 0) throw new ArgumentException("the weight vanishes at every node: no bulk", nameof(weights));
        _n = kept;
        _p = new double[kept];
        _h = new double[kept];
        _c = new double[dimension * kept];
        for (int j = 0, m = 0; j < count; j++)
        {
            if (!(weights[j] > 0 && probabilities[j] > 0)) continue;
            _p[m] = probabilities[j];
            _h[m] = weights[j];
            for (int a = 0; a < dimension; a++) _c[a * kept + m] = means[j * dimension + a];
            m++;
        }
        _sigma = residualCovariance.ToArray();
        _w = new double[kept];
        _wc = new double[kept];
        _hMax = hMax;
        _positiveMass = positive;
        MeanWeight = mean;
        if (supportMaximum is double sup && !(sup >= hMax * (1 - 1e-12)))
            throw new ArgumentException($"the support maximum {sup} is below the largest node weight {hMax}", nameof(supportMaximum));
        SupportMaximum = supportMaximum ?? hMax;
    }

    /// <summary>q = dim S.</summary>
    public int Dimension => _q;

    /// <summary>λ.</summary>
    public double Lambda { get; }

    /// <summary>φ = M/d.</summary>
    public double SamplesRatio { get; }

    /// <summary>E[h].</summary>
    public double MeanWeight { get; }

    /// <summary>P(h &gt; 0).</summary>
    public double PositiveMass => _positiveMass;

    /// <summary>h_sup of the bulk interval.</summary>
    public double SupportMaximum { get; }

    /// <summary>z(S) = φE[h/(λφ + Sh)] − 1/S.</summary>
    public double Z(double s) => SamplesRatio * Moment(s, 1) - 1 / s;

    /// <summary>z′(S) = −φE[h²/(λφ + Sh)²] + 1/S².</summary>
    public double ZDerivative(double s) => -SamplesRatio * Moment(s, 2) + 1 / (s * s);

    /// <summary>F(S) = λφE[h/(λφ + Sh)(c cᵀ + Σ)] (q×q row-major).</summary>
    public double[] SpikeMatrix(double s) => Expectation(s, derivative: false);

    /// <summary>dF/dS = −λφE[h²/(λφ + Sh)²(c cᵀ + Σ)] (q×q row-major).</summary>
    public double[] SpikeMatrixDerivative(double s) => Expectation(s, derivative: true);

    /// <summary>E[h^power/(λφ + Sh)^power].</summary>
    private double Moment(double s, int power)
    {
        Span<double> ratio = _w;
        TensorPrimitives.Multiply(_h, s, ratio);
        TensorPrimitives.Add(ratio, _lambdaPhi, ratio);
        TensorPrimitives.Divide(_h, ratio, ratio);
        if (power == 2) TensorPrimitives.Multiply(ratio, ratio, ratio);
        return TensorPrimitives.Dot(_p, ratio);
    }

    private double[] Expectation(double s, bool derivative)
    {
        int q = _q, n = _n;
        Span<double> w = _w;
        TensorPrimitives.Multiply(_h, s, w);
        TensorPrimitives.Add(w, _lambdaPhi, w);
        TensorPrimitives.Divide(_h, w, w);
        if (derivative)
        {
            TensorPrimitives.Multiply(w, w, w);
            TensorPrimitives.Multiply(w, -_lambdaPhi, w);
        }
        else TensorPrimitives.Multiply(w, _lambdaPhi, w);
        TensorPrimitives.Multiply(w, _p, w);
        double total = TensorPrimitives.Sum<double>(w);
        var matrix = new double[q * q];
        Span<double> wc = _wc;
        for (int a = 0; a < q; a++)
        {
            TensorPrimitives.Multiply(w, _c.AsSpan(a * n, n), wc);
            for (int b = a; b < q; b++)
            {
                double value = TensorPrimitives.Dot(wc, _c.AsSpan(b * n, n)) + total * _sigma[a * q + b];
                matrix[a * q + b] = value;
                matrix[b * q + a] = value;
            }
        }
        return matrix;
    }

    /// <summary>Edges, outliers and eigenvector limits.</summary>
    /// <param name="gridPoints">Points of the log grid used to locate S_* (≥ 100).</param>
    public EffectiveSpectrumResult Solve(int gridPoints = 800)
    {
        if (gridPoints < 100) throw new ArgumentOutOfRangeException(nameof(gridPoints), "use at least 100 grid points");
        double pole = -_lambdaPhi / SupportMaximum;
        var (sStar, edgeKind) = MinimiseOnPoleInterval(pole, gridPoints);
        double upperEdge = Z(sStar);
        double lowerEdge = LowerEdge(gridPoints);

        var (starValues, _) = Eigen(SpikeMatrix(sStar));
        int outlierCount = starValues.Count(v => upperEdge - v < 0);
        var roots = new double[outlierCount];
        if (outlierCount > 0)
        {
            double high = sStar / 2;
            for (int attempt = 0; attempt < 200; attempt++, high /= 2)
            {
                var (v, _) = Eigen(SpikeMatrix(high));
                if (Z(high) - v[0] > 0) break;
            }
            for (int i = 0; i < outlierCount; i++)
            {
                int index = i;
                double Mu(double x) => Z(x) - Eigen(SpikeMatrix(x)).Values[index];
                roots[i] = BrentRoot.Find(Mu, sStar, high, 1e-15 * Math.Abs(sStar)).Root;
            }
        }

        var outliers = new List<EffectiveSpectrumOutlier>();
        int q = _q;
        for (int i = 0; i < outlierCount;)
        {
            int end = i + 1;
            while (end < outlierCount && Math.Abs(roots[end] - roots[i]) <= 1e-8 * Math.Abs(roots[i])) end++;
            int multiplicity = end - i;
            double s = roots.Skip(i).Take(multiplicity).Average();
            var (_, vectors) = Eigen(SpikeMatrix(s));
            var derivative = SpikeMatrixDerivative(s);
            double zPrime = ZDerivative(s);
            // Gram of the kernel basis in the metric I − F′, F′ = (dF/dS)/z′.
            var gram = new double[multiplicity * multiplicity];
            for (int x = 0; x < multiplicity; x++)
                for (int y = 0; y < multiplicity; y++)
                {
                    double g = 0;
                    for (int a = 0; a < q; a++)
                        for (int b = 0; b < q; b++)
                        {
                            double metric = (a == b ? 1 : 0) - derivative[a * q + b] / zPrime;
                            g += vectors[a * q + i + x] * metric * vectors[b * q + i + y];
                        }
                    gram[x * multiplicity + y] = g;
                }
            var gramValues = new double[multiplicity];
            var gramVectors = new double[multiplicity * multiplicity];
            SymmetricJacobiEigen.Decompose(gram, multiplicity, gramValues, gramVectors);
            double z = Z(s);
            for (int col = 0; col < multiplicity; col++)
            {
                // Column col of K·G^{-1/2}, G^{-1/2} = U diag(1/√g) Uᵀ.
                var r = new double[q];
                for (int a = 0; a < q; a++)
                {
                    double sum = 0;
                    for (int x = 0; x < multiplicity; x++)
                    {
                        double inverseRoot = 0;
                        for (int l = 0; l < multiplicity; l++)
                            inverseRoot += gramVectors[x * multiplicity + l] * gramVectors[col * multiplicity + l] / Math.Sqrt(gramValues[l]);
                        sum += vectors[a * q + i + x] * inverseRoot;
                    }
                    r[a] = sum;
                }
                outliers.Add(new EffectiveSpectrumOutlier(z, s, r, multiplicity));
            }
            i = end;
        }
        return new EffectiveSpectrumResult(outliers, upperEdge, lowerEdge, sStar, edgeKind, MeanWeight, SupportMaximum, _n);
    }

    private (double[] Values, double[] Vectors) Eigen(double[] matrix)
    {
        var values = new double[_q];
        var vectors = new double[_q * _q];
        SymmetricJacobiEigen.Decompose(matrix, _q, values, vectors, new double[_q * _q]);
        return (values, vectors);
    }

    /// <summary>S_* = argmin of z on (pole, 0): log grids towards both ends, then golden-section refinement.</summary>
    private (double S, BulkEdgeKind Kind) MinimiseOnPoleInterval(double pole, int gridPoints)
    {
        int half = gridPoints / 2;
        var grid = new double[2 * half];
        for (int i = 0; i < half; i++)
        {
            double u = -10 + (Math.Log10(0.5) + 10) * i / (half - 1);
            grid[i] = pole * Math.Pow(10, u);
        }
        for (int i = 0; i < half; i++)
        {
            double u = Math.Log10(0.5) + (-13 - Math.Log10(0.5)) * i / (half - 1);
            grid[half + i] = pole * (1 - Math.Pow(10, u));
        }
        Array.Sort(grid);
        int best = 0;
        double bestValue = double.PositiveInfinity;
        for (int i = 0; i < grid.Length; i++)
        {
            double v = Z(grid[i]);
            if (v < bestValue) { bestValue = v; best = i; }
        }
        if (best == 0) return (grid[0], BulkEdgeKind.SupportBoundary);
        double a = grid[best - 1], b = grid[Math.Min(best + 1, grid.Length - 1)];
        return (GoldenSection(Z, a, b, minimise: true), BulkEdgeKind.Interior);
    }

    /// <summary>Left bulk edge: max of z on S &gt; 0, or 0 when φ·P(h &gt; 0) ≤ 1 or z has no interior maximum.</summary>
    private double LowerEdge(int gridPoints)
    {
        if (SamplesRatio * _positiveMass <= 1) return 0;
        double scale = _lambdaPhi / MeanWeight;
        var grid = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) grid[i] = scale * Math.Pow(10, -8 + 16.0 * i / (gridPoints - 1));
        int best = 0;
        double bestValue = double.NegativeInfinity;
        for (int i = 0; i < grid.Length; i++)
        {
            double v = Z(grid[i]);
            if (v > bestValue) { bestValue = v; best = i; }
        }
        if (best == 0 || best == grid.Length - 1) return 0;
        double s = GoldenSection(Z, grid[best - 1], grid[best + 1], minimise: false);
        return Math.Max(0, Z(s));
    }

    private static double GoldenSection(Func<double, double> f, double a, double b, bool minimise)
    {
        double sign = minimise ? 1 : -1;
        double ratio = (Math.Sqrt(5) - 1) / 2;
        double c = b - ratio * (b - a), d = a + ratio * (b - a);
        double fc = sign * f(c), fd = sign * f(d);
        for (int i = 0; i < 200 && Math.Abs(b - a) > 1e-15 * (Math.Abs(a) + Math.Abs(b)); i++)
        {
            if (fc < fd) { b = d; d = c; fd = fc; c = b - ratio * (b - a); fc = sign * f(c); }
            else { a = c; c = d; fc = fd; d = a + ratio * (b - a); fd = sign * f(d); }
        }
        return 0.5 * (a + b);
    }
}
