using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Roots;

namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// Effective spectral prediction for an empirical block M̂ = (1/M) Σ_j h_j Y_jY_jᵀ with M = φd fresh samples, as
/// d → ∞ (kgmm.md §11):
/// <list type="bullet">
/// <item>bulk: inverse Stieltjes map z(S) = φE[h/(λφ + Sh)] − 1/S; right edge z₊ = z(S_*), S_* = argmin of z on
/// (−λφ/h_max, 0), found on a dense log grid refined by golden section (never from sign changes of z′);</item>
/// <item>outliers: z &gt; z₊ with det(zI − F(S(z))) = 0, F(S) = λφE[h/(λφ + Sh) vvᵀ] (q×q, via §9.3);</item>
/// <item>eigenvectors: r̃ = r/√(rᵀ(I − F′(z))r), F′ = (dF/dS)/z′(S), dF/dS = −λφE[h²/(λφ + Sh)² vvᵀ];</item>
/// <item>alignment: err_pred,c² = 1 − X̃_{·c}ᵀ Π X̃_{·c}/‖X̃_{·c}‖², Π = Σ_{j≤n} r̃_j r̃_jᵀ.</item>
/// </list>
/// Root finding uses that z(S)I − F(S) is increasing in S on (S_*, 0) (z′ &gt; 0 there and dF/dS ≼ 0 for h ≥ 0), so each
/// of its ordered eigenvalues crosses 0 at most once: the number of outliers is the number of negative eigenvalues
/// at S_*, and each root is refined by bisection on its own eigenvalue index (docs/kgmm-notes.md).
/// Expectations over (b, g) use a k-dimensional standard-normal rule (g₁ = z/√λ, §9.3).
/// </summary>
public sealed class KgmmSpectralPrediction
{
    private readonly KgmmParameters _parameters;
    private readonly KgmmSubspaceCoordinates _coordinates;
    private readonly int _k;
    private readonly int _q;
    private readonly int _count;
    private readonly double[] _g1;      // k × N, axis-major: g₁ coordinate i of node j at [i·N + j]
    private readonly double[] _work;    // 3 × N scratch
    private readonly double[] _weights; // N (rule weights)
    private readonly double[] _h;       // k × N: h at class b, node j
    private readonly double _lambdaPhi;
    private readonly double _hMax;
    private readonly double _hMean;
    private readonly double _positiveMass;
    private readonly double[]? _eta;    // training: k × r × N, η_w coordinate r of node j at class b at [(b·r + r)·N + j]

    /// <summary>Prediction for the Hessian or G block (c, c) of the kgmm model (weights π_c(1−π_c) or (π_c − δ_{bc})²).</summary>
    public static KgmmSpectralPrediction ForBlock(KgmmParameters parameters, KgmmStatistics statistics, KgmmMatrixKind kind, int block,
        double samplesRatio, ReadOnlySpan<double> nodes, ReadOnlySpan<double> weights, string ruleName, KgmmTrainingShift? training = null, int ageNodes = 16)
    {
        KgmmBlockWeight weight = kind == KgmmMatrixKind.Hessian
            ? (pi, _) => pi[block] * (1 - pi[block])
            : (pi, b) => (pi[block] - (b == block ? 1.0 : 0.0)) * (pi[block] - (b == block ? 1.0 : 0.0));
        // sup h over all samples: π_c(1 − π_c) ≤ 1/4 (at π_c = 1/2), (π_c − δ_bc)² < 1 (approached as π_c → 0 for b = c).
        double supremum = kind == KgmmMatrixKind.Hessian ? 0.25 : 1.0;
        return new KgmmSpectralPrediction(parameters, statistics, weight, block, samplesRatio, nodes, weights, ruleName, supremum, training, ageNodes) { Kind = kind };
    }

    /// <summary>Prediction for a block with a custom weight h(π, b) (h ≥ 0), e.g. h ≡ ω for Marchenko–Pastur checks.</summary>
    /// <param name="parameters">Model parameters (k, λ, p).</param>
    /// <param name="statistics">The state (m, R) (fixes S and the coordinates X̃).</param>
    /// <param name="weight">h(π, b) ≥ 0.</param>
    /// <param name="block">0-based class c whose weight vector x^c the alignment error refers to.</param>
    /// <param name="samplesRatio">φ = M/d &gt; 0.</param>
    /// <param name="nodes">k-dimensional standard-normal rule nodes, row-major.</param>
    /// <param name="weights">Rule weights (positive, sum 1).</param>
    /// <param name="ruleName">Rule description.</param>
    /// <param name="supportMaximum">h_sup = ess sup of h over the data distribution; the bulk interval is
    /// (−λφ/h_sup, 0). Null uses the largest weight among the quadrature nodes (kgmm.md §11 as written), which is
    /// only right when the nodes reach the supremum (e.g. a constant weight).</param>
    /// <param name="training">Null for test samples. Otherwise the own-sample shift law of a training window (kgmm.md
    /// §14.3): every node is split into <paramref name="ageNodes"/> ages a (midpoint rule on [0, φc_δ)); at age a the
    /// weight is h at the shifted logits ζ + s(a) and the sample's S-coordinates are v = ē_b + g + η with η = (0; F⁺s(a))
    /// along the x⊥ directions w (the own-sample part of w·Y).</param>
    /// <param name="ageNodes">Ages per node for a training window.</param>
    public KgmmSpectralPrediction(KgmmParameters parameters, KgmmStatistics statistics, KgmmBlockWeight weight, int block, double samplesRatio,
        ReadOnlySpan<double> nodes, ReadOnlySpan<double> weights, string ruleName, double? supportMaximum = null,
        KgmmTrainingShift? training = null, int ageNodes = 16)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(weight);
        int k = parameters.K;
        if (statistics.K != k) throw new ArgumentException("statistics and parameters have different k");
        if ((uint)block >= (uint)k) throw new ArgumentOutOfRangeException(nameof(block), "block must lie in [0, k)");
        if (!(samplesRatio > 0) || !double.IsFinite(samplesRatio)) throw new ArgumentException("φ must be a finite number > 0", nameof(samplesRatio));
        if (nodes.Length != weights.Length * k) throw new ArgumentException("the rule must be k-dimensional (nodes row-major)");
        foreach (double w in weights) if (!(w > 0)) throw new ArgumentException("the rule needs positive weights", nameof(weights));
        if (training is not null && (training.Parameters.K != k || training.SamplesRatio != samplesRatio))
            throw new ArgumentException("the training shift belongs to another k or φ", nameof(training));
        if (ageNodes < 1) throw new ArgumentOutOfRangeException(nameof(ageNodes), "use at least one age node");
        int ages = training is null ? 1 : ageNodes;
        _parameters = parameters;
        _coordinates = new KgmmSubspaceCoordinates(statistics);
        _k = k;
        _q = _coordinates.Q;
        _count = weights.Length * ages;
        Block = block;
        SamplesRatio = samplesRatio;
        RuleName = ruleName;
        Training = training;
        _lambdaPhi = parameters.Lambda * samplesRatio;
        _weights = new double[_count];
        _g1 = new double[_count * k];
        _work = new double[3 * _count];
        _h = new double[k * _count];
        int rank = _coordinates.PerpRank;
        _eta = training is null ? null : new double[k * rank * _count];
        double invSqrtLambda = 1 / Math.Sqrt(parameters.Lambda);
        var vs = _coordinates.VSigma;
        var f = _coordinates.F;
        var perpValues = _coordinates.PerpEigenvalues;
        var zeta = new double[k];
        var pi = new double[k];
        var shift = new double[k];
        for (int j = 0; j < weights.Length; j++)
            for (int a = 0; a < ages; a++)
            {
                int node = j * ages + a;
                _weights[node] = weights[j] / ages;
                for (int i = 0; i < k; i++) _g1[i * _count + node] = nodes[j * k + i] * invSqrtLambda;
            }
        double hMax = 0, hMean = 0, positive = 0;
        for (int b = 0; b < k; b++)
        {
            double pb = parameters.Probabilities[b];
            for (int j = 0; j < _count; j++)
            {
                for (int c = 0; c < k; c++)
                {
                    double s = statistics.MAt(c, b);
                    for (int i = 0; i < k; i++) s += vs[c * k + i] * _g1[i * _count + j];
                    zeta[c] = s;
                }
                KgmmSample.Softmax(zeta, pi);
                if (training is not null)
                {
                    // kgmm.md §14.3: the own-sample shift s(a) of the logits, and η = F⁺s in the x⊥ coordinates
                    // (F = E√Λ from R⊥ = FFᵀ, so F⁺s = Λ^{-1/2}Eᵀs).
                    double age = (j % ages + 0.5) * training.WindowLength / ages;
                    training.Shift(pi, b, age, shift);
                    for (int r = 0; r < rank; r++)
                    {
                        double dot = 0;
                        for (int c = 0; c < k; c++) dot += f[c * rank + r] * shift[c];
                        _eta![(b * rank + r) * _count + j] = dot / perpValues[r];
                    }
                    for (int c = 0; c < k; c++) zeta[c] += shift[c];
                    KgmmSample.Softmax(zeta, pi);
                }
                double h = weight(pi, b);
                if (!(h >= 0) || !double.IsFinite(h)) throw new ArgumentException($"the weight must be finite and ≥ 0 (got {h})", nameof(weight));
                _h[b * _count + j] = h;
                hMax = Math.Max(hMax, h);
                hMean += pb * _weights[j] * h;
                if (h > 0) positive += pb * _weights[j];
            }
        }
        if (!(hMax > 0)) throw new ArgumentException("the weight vanishes at every node: no bulk", nameof(weight));
        _hMax = hMax;
        if (supportMaximum is double sup && !(sup >= hMax * (1 - 1e-12)))
            throw new ArgumentException($"the support maximum {sup} is below the largest node weight {hMax}", nameof(supportMaximum));
        SupportMaximum = supportMaximum ?? hMax;
        _hMean = hMean;
        _positiveMass = positive;
    }

    /// <summary>The own-sample shift of a training window (kgmm.md §14.3), or null for test samples.</summary>
    public KgmmTrainingShift? Training { get; }

    /// <summary>Hessian or G when built by <see cref="ForBlock"/>, otherwise null (custom weight).</summary>
    public KgmmMatrixKind? Kind { get; private init; }

    /// <summary>0-based block c.</summary>
    public int Block { get; }

    /// <summary>φ = M/d.</summary>
    public double SamplesRatio { get; }

    /// <summary>Quadrature rule description.</summary>
    public string RuleName { get; }

    /// <summary>Coordinates of the state in S.</summary>
    public KgmmSubspaceCoordinates Coordinates => _coordinates;

    /// <summary>E[h] (the bulk variance is E[h]/λ).</summary>
    public double MeanWeight => _hMean;

    /// <summary>Largest weight among the quadrature nodes.</summary>
    public double MaxWeight => _hMax;

    /// <summary>h_sup: the bulk interval of S is (−λφ/h_sup, 0).</summary>
    public double SupportMaximum { get; }

    /// <summary>z(S) = φE[h/(λφ + Sh)] − 1/S (kgmm.md §11).</summary>
    public double Z(double s) => SamplesRatio * Moment(s, power: 1) - 1 / s;

    /// <summary>z′(S) = −φE[h²/(λφ + Sh)²] + 1/S².</summary>
    public double ZDerivative(double s) => -SamplesRatio * Moment(s, power: 2) + 1 / (s * s);

    /// <summary>E[(h/(λφ + Sh))^power] over classes and nodes (vectorised).</summary>
    private double Moment(double s, int power)
    {
        var ratio = _work.AsSpan(0, _count);
        double sum = 0;
        for (int b = 0; b < _k; b++)
        {
            var h = _h.AsSpan(b * _count, _count);
            TensorPrimitives.Multiply(h, s, ratio);
            TensorPrimitives.Add(ratio, _lambdaPhi, ratio);
            TensorPrimitives.Divide(h, ratio, ratio);
            if (power == 2) TensorPrimitives.Multiply(ratio, ratio, ratio);
            sum += _parameters.Probabilities[b] * TensorPrimitives.Dot(_weights, ratio);
        }
        return sum;
    }

    /// <summary>F(S) = λφE[h/(λφ + Sh) vvᵀ] (q×q row-major).</summary>
    public double[] SpikeMatrix(double s) => Expectation(s, derivative: false);

    /// <summary>dF/dS = −λφE[h²/(λφ + Sh)² vvᵀ] (q×q row-major).</summary>
    public double[] SpikeMatrixDerivative(double s) => Expectation(s, derivative: true);

    private double[] Expectation(double s, bool derivative)
    {
        int k = _k, n = _count;
        int moments = 1 + k + k * k;
        var matrix = new double[_q * _q];
        var acc = new double[moments];
        var w = _work.AsSpan(0, n);
        var wg = _work.AsSpan(n, n);
        for (int b = 0; b < k; b++)
        {
            var h = _h.AsSpan(b * n, n);
            // w_j = rule weight × λφh/(λφ + Sh)  (dF/dS: × −λφh²/(λφ + Sh)²).
            TensorPrimitives.Multiply(h, s, w);
            TensorPrimitives.Add(w, _lambdaPhi, w);
            TensorPrimitives.Divide(h, w, w);
            if (derivative)
            {
                TensorPrimitives.Multiply(w, w, w);
                TensorPrimitives.Multiply(w, -_lambdaPhi, w);
            }
            else TensorPrimitives.Multiply(w, _lambdaPhi, w);
            TensorPrimitives.Multiply(w, _weights, w);
            acc[0] = TensorPrimitives.Sum<double>(w);
            for (int i = 0; i < k; i++)
            {
                var gi = _g1.AsSpan(i * n, n);
                TensorPrimitives.Multiply(w, gi, wg);
                acc[1 + i] = TensorPrimitives.Sum<double>(wg);
                for (int l = i; l < k; l++)
                {
                    double v = TensorPrimitives.Dot(wg, _g1.AsSpan(l * n, n));
                    acc[1 + k + i * k + l] = v;
                    acc[1 + k + l * k + i] = v;
                }
            }
            _coordinates.AddClassExpectation(matrix, acc, b, _parameters.Probabilities[b], _parameters.Lambda);
            if (_eta is not null) AddTrainingTerms(matrix, w, b);
        }
        return matrix;
    }

    /// <summary>
    /// The terms of v = ē_b + g + η beyond ē_b + g (kgmm.md §14.3), η = (0; η_w) along the x⊥ coordinates k…q−1:
    /// ē_bE[wη]ᵀ + U E[w g₁ηᵀ] + their transposes + E[wηηᵀ] (g − Ug₁ is independent of (g₁, a) with mean 0), times p_b.
    /// <paramref name="w"/> holds rule weight × the F(S) (or dF/dS) factor per node.
    /// </summary>
    private void AddTrainingTerms(double[] matrix, ReadOnlySpan<double> w, int b)
    {
        int k = _k, q = _q, n = _count, rank = _coordinates.PerpRank;
        double pb = _parameters.Probabilities[b];
        var u = _coordinates.U;
        var eta = _eta!;
        var ewEta = new double[rank];
        var ewGEta = new double[k * rank];
        var ewEtaEta = new double[rank * rank];
        for (int r = 0; r < rank; r++)
        {
            var er = eta.AsSpan((b * rank + r) * n, n);
            ewEta[r] = TensorPrimitives.Dot(w, er);
            for (int l = 0; l < k; l++)
            {
                double sum = 0;
                var gl = _g1.AsSpan(l * n, n);
                for (int j = 0; j < n; j++) sum += w[j] * gl[j] * er[j];
                ewGEta[l * rank + r] = sum;
            }
            for (int r2 = r; r2 < rank; r2++)
            {
                var e2 = eta.AsSpan((b * rank + r2) * n, n);
                double sum = 0;
                for (int j = 0; j < n; j++) sum += w[j] * er[j] * e2[j];
                ewEtaEta[r * rank + r2] = ewEtaEta[r2 * rank + r] = sum;
            }
        }
        for (int r = 0; r < rank; r++)
        {
            int col = k + r;
            for (int i = 0; i < q; i++)
            {
                double value = 0;
                for (int l = 0; l < k; l++) value += u[i * k + l] * ewGEta[l * rank + r];
                if (i == b) value += ewEta[r];
                matrix[i * q + col] += pb * value;
                matrix[col * q + i] += pb * value;
            }
            for (int r2 = 0; r2 < rank; r2++) matrix[col * q + k + r2] += pb * ewEtaEta[r * rank + r2];
        }
    }

    /// <summary>
    /// Edges, outliers, eigenvector limits and the alignment error of x^c with the top-<paramref name="top"/> space.
    /// </summary>
    /// <param name="top">n, the size of the top eigenspace (kgmm blocks: n = k).</param>
    /// <param name="gridPoints">Points of the log grid for S_* (split between the ends of the interval; z is smooth on
    /// the interval, whose end is the continuous pole, so a few hundred points bracket the minimum).</param>
    public KgmmSpectralPredictionResult Solve(int top, int gridPoints = 800)
    {
        if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), "n must be ≥ 1");
        if (gridPoints < 100) throw new ArgumentOutOfRangeException(nameof(gridPoints), "use at least 100 grid points");
        double pole = -_lambdaPhi / SupportMaximum;
        var (sStar, edgeKind) = MinimiseOnPoleInterval(pole, gridPoints);
        double upperEdge = Z(sStar);
        double lowerEdge = LowerEdge(gridPoints);

        // Outliers: ordered eigenvalues of z(S)I − F(S) increase with S on (S_*, 0).
        var (fStarValues, _) = KgmmPopulationMatrices.SymmetricEigen(SpikeMatrix(sStar), _q);
        int outlierCount = fStarValues.Count(v => upperEdge - v < 0);
        var roots = new double[outlierCount];
        if (outlierCount > 0)
        {
            double high = sStar / 2;
            for (int attempt = 0; attempt < 200; attempt++, high /= 2)
            {
                var (v, _) = KgmmPopulationMatrices.SymmetricEigen(SpikeMatrix(high), _q);
                if (Z(high) - v[0] > 0) break;
            }
            for (int i = 0; i < outlierCount; i++)
            {
                int index = i;
                // i-th ascending eigenvalue of zI − F = z − (i-th descending eigenvalue of F); increasing in S.
                double Mu(double x) => Z(x) - KgmmPopulationMatrices.SymmetricEigen(SpikeMatrix(x), _q).Values[index];
                roots[i] = BrentRoot.Find(Mu, sStar, high, 1e-15 * Math.Abs(sStar)).Root;
            }
        }

        var outliers = new List<KgmmPredictedOutlier>();
        for (int i = 0; i < outlierCount;)
        {
            int end = i + 1;
            while (end < outlierCount && Math.Abs(roots[end] - roots[i]) <= 1e-8 * Math.Abs(roots[i])) end++;
            int multiplicity = end - i;
            double s = roots.Skip(i).Take(multiplicity).Average();
            var (_, vectors) = KgmmPopulationMatrices.SymmetricEigen(SpikeMatrix(s), _q);
            var kernel = Matrix<double>.Build.Dense(_q, multiplicity, (row, col) => vectors[row * _q + i + col]);
            var dF = SpikeMatrixDerivative(s);
            double zPrime = ZDerivative(s);
            var metric = Matrix<double>.Build.Dense(_q, _q, (row, col) => (row == col ? 1 : 0) - dF[row * _q + col] / zPrime);
            var gram = kernel.TransposeThisAndMultiply(metric * kernel);
            var evd = gram.Evd(Symmetricity.Symmetric);
            var inverseRoot = evd.EigenVectors * Matrix<double>.Build.DiagonalOfDiagonalArray(
                evd.EigenValues.Select(x => 1 / Math.Sqrt(x.Real)).ToArray()) * evd.EigenVectors.Transpose();
            var normalised = kernel * inverseRoot;
            double z = Z(s);
            for (int col = 0; col < multiplicity; col++)
                outliers.Add(new KgmmPredictedOutlier(z, s, normalised.Column(col).ToArray(), multiplicity));
            i = end;
        }

        var x = _coordinates.Weight(Block);
        double norm2 = x.Sum(t => t * t);
        double captured = 0;
        for (int j = 0; j < Math.Min(top, outliers.Count); j++)
        {
            double dot = 0;
            for (int i = 0; i < _q; i++) dot += outliers[j].Coordinates[i] * x[i];
            captured += dot * dot;
        }
        double error = Math.Sqrt(Math.Max(0, 1 - captured / norm2));
        return new KgmmSpectralPredictionResult(Kind, Block, SamplesRatio, outliers, upperEdge, lowerEdge, sStar, top, error,
            _k * _count, RuleName, gridPoints) { EdgeKind = edgeKind, SupportMaximum = SupportMaximum };
    }

    /// <summary>
    /// S_* = argmin of z on (pole, 0): log grids towards both ends, then golden-section refinement. When the minimum
    /// is at the grid point next to the pole (z increasing on the whole interval, finite at the pole), the edge is
    /// the support-boundary value z(pole⁺).
    /// </summary>
    private (double S, KgmmEdgeKind Kind) MinimiseOnPoleInterval(double pole, int gridPoints)
    {
        int half = gridPoints / 2;
        var grid = new double[2 * half];
        // x = S/pole ∈ (0, 1): x = 10^u on [1e-10, 0.5] and 1 − x = 10^u on [1e-13, 0.5].
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
        Array.Sort(grid); // ascending: from near the pole (most negative) to near 0
        int best = 0;
        double bestValue = double.PositiveInfinity;
        for (int i = 0; i < grid.Length; i++)
        {
            double v = Z(grid[i]);
            if (v < bestValue) { bestValue = v; best = i; }
        }
        if (best == 0) return (grid[0], KgmmEdgeKind.SupportBoundary);
        double a = grid[best - 1], b = grid[Math.Min(best + 1, grid.Length - 1)];
        return (GoldenSection(Z, a, b, minimise: true), KgmmEdgeKind.Interior);
    }

    /// <summary>Left bulk edge: max of z on S &gt; 0 (log grid + golden section), or 0 when z has no interior maximum.</summary>
    private double LowerEdge(int gridPoints)
    {
        if (SamplesRatio * _positiveMass <= 1) return 0;
        double scale = _lambdaPhi / _hMean;
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
