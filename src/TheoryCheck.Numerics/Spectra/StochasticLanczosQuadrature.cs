using System.Globalization;
using System.Numerics.Tensors;

namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// Stochastic Lanczos quadrature (Golub–Meurant; Ubaru–Chen–Saad 2017) for the spectral density of a symmetric
/// operator: for each Rademacher probe z (z_i = ±1), m Lanczos steps from v = z/√n with full re-orthogonalisation
/// give the Gauss quadrature (θ_j, τ_j²) of the measure Σ_i (u_iᵀv)² δ(λ_i), whose expectation is
/// ν = (1/n) Σ_i δ(λ_i) because E[zzᵀ] = I.
/// </summary>
public static class StochasticLanczosQuadrature
{
    private const double BreakdownRatio = 1e-13;

    /// <summary>Estimates the spectral density of <paramref name="op"/>; see <see cref="SpectralDensity"/>.</summary>
    public static SpectralDensity Density(ILinearOperator op, SlqOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        options ??= SlqOptions.Default;
        int n = op.Dimension;
        if (n < 1) throw new ArgumentException($"Operator dimension must be ≥ 1, got {n}.", nameof(op));
        int m = Math.Min(options.Steps, n);

        var basis = new double[m * n];
        var w = new double[n];
        var coefficients = new double[m];
        var scratch = new double[m];
        var alpha = new double[m];
        var beta = new double[m];
        var quadratures = new SpectralQuadrature[options.Probes];
        long matvecs = 0;
        double normEstimate = 0;
        for (int probe = 0; probe < options.Probes; probe++)
        {
            Span<double> v0 = basis.AsSpan(0, n);
            SpectraRandom.FillRademacher(options.Seed, (ulong)probe, v0);
            TensorPrimitives.Multiply(v0, 1.0 / Math.Sqrt(n), v0);
            int steps = 0;
            for (int j = 0; j < m; j++)
            {
                op.Apply(basis.AsSpan(j * n, n), w);
                matvecs++;
                steps = j + 1;
                double applied = TensorPrimitives.Norm(w);
                if (!double.IsFinite(applied))
                    throw new InvalidOperationException($"The operator returned a non-finite vector (‖A v‖ = {applied}) for probe {probe}, step {j}.");
                normEstimate = Math.Max(normEstimate, applied);
                coefficients.AsSpan(0, j + 1).Clear();
                double norm = GramSchmidt.OrthogonalizeTwice(basis, n, j + 1, w, coefficients, scratch);
                alpha[j] = coefficients[j];
                if (j + 1 == m || norm <= BreakdownRatio * normEstimate) break; // invariant subspace: quadrature exact
                beta[j] = norm;
                TensorPrimitives.Multiply(w, 1.0 / norm, basis.AsSpan((j + 1) * n, n));
            }
            quadratures[probe] = Quadrature(alpha, beta, steps);
        }

        var nodes = new List<double>();
        var weights = new List<double>();
        foreach (SpectralQuadrature q in quadratures)
        {
            nodes.AddRange(q.Nodes);
            weights.AddRange(q.Weights.Select(t => t / options.Probes));
        }
        double lowest = nodes.Min(), highest = nodes.Max();
        double sigma = options.KernelWidth
            ?? (highest > lowest ? (highest - lowest) / 100 : Math.Max(Math.Abs(highest), 1.0) / 100);
        double gridLower = options.GridLower ?? lowest - 5 * sigma;
        double gridUpper = options.GridUpper ?? highest + 5 * sigma;
        if (!(gridUpper > gridLower))
            throw new ArgumentException($"Grid upper end {gridUpper} must exceed the lower end {gridLower}.", nameof(options));
        int points = options.GridPoints;
        var grid = new double[points];
        var density = new double[points];
        double spacing = (gridUpper - gridLower) / (points - 1);
        double normalisation = 1.0 / (sigma * Math.Sqrt(2 * Math.PI));
        for (int i = 0; i < points; i++)
        {
            double x = gridLower + i * spacing;
            double sum = 0;
            for (int j = 0; j < nodes.Count; j++)
            {
                double z = (x - nodes[j]) / sigma;
                sum += weights[j] * Math.Exp(-0.5 * z * z);
            }
            grid[i] = x;
            density[i] = sum * normalisation;
        }
        double integral = 0;
        for (int i = 0; i + 1 < points; i++) integral += 0.5 * (density[i] + density[i + 1]) * spacing;

        return new SpectralDensity
        {
            Dimension = n,
            Probes = options.Probes,
            Steps = m,
            Seed = options.Seed,
            MatvecCount = matvecs,
            ProbeQuadratures = quadratures,
            Nodes = nodes.ToArray(),
            Weights = weights.ToArray(),
            Grid = grid,
            Density = density,
            KernelWidth = sigma,
            SmoothingConvention = string.Create(CultureInfo.InvariantCulture,
                $"Gaussian kernel, σ = {sigma:G6}: ρ(x) = Σ_j w_j N(x; θ_j, σ²), weights w_j = τ_j²/P summing to 1 (normalised spectral measure (1/n) Σ_i δ(λ_i))"),
            DensityIntegral = integral,
        };
    }

    /// <summary>Gauss quadrature of the symmetric tridiagonal T (diagonal α, off-diagonal β) of size <paramref name="size"/>.</summary>
    private static SpectralQuadrature Quadrature(double[] alpha, double[] beta, int size)
    {
        var t = new double[size * size];
        for (int i = 0; i < size; i++)
        {
            t[i * size + i] = alpha[i];
            if (i + 1 < size)
            {
                t[i * size + i + 1] = beta[i];
                t[(i + 1) * size + i] = beta[i];
            }
        }
        (double[] values, double[] vectors) = SmallSymmetricEigen.Decompose(t, size, size);
        var nodes = new double[size];
        var weights = new double[size];
        for (int r = 0; r < size; r++)
        {
            // Descending from the solver; store ascending.
            int source = size - 1 - r;
            nodes[r] = values[source];
            double first = vectors[source * size];
            weights[r] = first * first;
        }
        return new SpectralQuadrature { Nodes = nodes, Weights = weights, Steps = size };
    }
}
