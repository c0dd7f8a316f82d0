using TheoryCheck.Models.Observables;
using TheoryCheck.Models.Xor;

namespace TheoryCheck.Theory.Xor;

/// <summary>
/// The λ → ∞ xor dynamics and its fixed points (xor.md §7.1–§7.2, §9.1, §9.3) [derived; K = 2 binary case and the
/// K = 4 fixed-point structure: paper]. With s(ϑ) = Σ_j v_j g(W_j·ϑ) (noiseless cluster outputs):
/// <code>
/// dm^μ_i/dt = (v_i/4)[1{m^μ_i&gt;0}σ(−s(μ)) − 1{m^μ_i&lt;0}σ(−s(−μ))] − β m^μ_i
/// dm^ν_i/dt = −(v_i/4)[1{m^ν_i&gt;0}σ(s(ν)) − 1{m^ν_i&lt;0}σ(s(−ν))] − β m^ν_i
/// dv_i/dt   = (1/4)[g(m^μ_i)σ(−s(μ)) + g(−m^μ_i)σ(−s(−μ)) − g(m^ν_i)σ(s(ν)) − g(−m^ν_i)σ(s(−ν))] − β v_i
/// dR⊥/dt    = −2β R⊥
/// </code>
/// Fixed points for 0 &lt; β &lt; 1/8: every neuron is unused or serves one cluster, Σ_{group} v_i² = C = log((1 − 4β)/(4β)).
/// </summary>
public static class XorLargeLambda
{
    /// <summary>C = log((1 − 4β)/(4β)) for 0 &lt; β &lt; 1/8 (xor.md §7.2): σ(−C) = 4β.</summary>
    /// <exception cref="ArgumentOutOfRangeException">β outside (0, 1/8) (then the only fixed point is 0).</exception>
    public static double FixedPointRadius(double beta)
    {
        if (!(beta > 0 && beta < 0.125)) throw new ArgumentOutOfRangeException(nameof(beta), $"C exists for 0 < β < 1/8 (got {beta})");
        return Math.Log((1 - 4 * beta) / (4 * beta));
    }

    /// <summary>The reduced right-hand side (xor.md §7.1) for the packed state [v; m^μ; m^ν; R⊥ upper] with penalty β.</summary>
    public static void Derivative(double beta, ReadOnlySpan<double> state, Span<double> derivative)
    {
        int k = XorStatistics.WidthOfPacked(state.Length);
        if (derivative.Length != state.Length) throw new ArgumentException("derivative must have the state's length", nameof(derivative));
        var v = state[..k];
        var mmu = state.Slice(k, k);
        var mnu = state.Slice(2 * k, k);
        double sPlusMu = 0, sMinusMu = 0, sPlusNu = 0, sMinusNu = 0;
        for (int j = 0; j < k; j++)
        {
            sPlusMu += v[j] * XorSample.Relu(mmu[j]);
            sMinusMu += v[j] * XorSample.Relu(-mmu[j]);
            sPlusNu += v[j] * XorSample.Relu(mnu[j]);
            sMinusNu += v[j] * XorSample.Relu(-mnu[j]);
        }
        double aPlusMu = XorSample.Sigmoid(-sPlusMu), aMinusMu = XorSample.Sigmoid(-sMinusMu);
        double aPlusNu = XorSample.Sigmoid(sPlusNu), aMinusNu = XorSample.Sigmoid(sMinusNu);
        for (int i = 0; i < k; i++)
        {
            double mu = mmu[i], nu = mnu[i];
            derivative[i] = 0.25 * (XorSample.Relu(mu) * aPlusMu + XorSample.Relu(-mu) * aMinusMu
                                    - XorSample.Relu(nu) * aPlusNu - XorSample.Relu(-nu) * aMinusNu) - beta * v[i];
            derivative[k + i] = 0.25 * v[i] * ((mu > 0 ? aPlusMu : 0) - (mu < 0 ? aMinusMu : 0)) - beta * mu;
            derivative[2 * k + i] = -0.25 * v[i] * ((nu > 0 ? aPlusNu : 0) - (nu < 0 ? aMinusNu : 0)) - beta * nu;
        }
        for (int index = 3 * k; index < state.Length; index++) derivative[index] = -2 * beta * state[index];
    }

    /// <summary>The reduced derivative at a statistics value (a new packed array).</summary>
    public static double[] Derivative(double beta, XorStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var state = statistics.ToPacked();
        var derivative = new double[state.Length];
        Derivative(beta, state, derivative);
        return derivative;
    }

    /// <summary>
    /// Integrates the reduced ODE from the warm start (or <paramref name="initial"/>) with fixed-step classical RK4 of step
    /// <paramref name="step"/> (xor.md §7.1: the RHS is discontinuous at m = 0, so no adaptive control); grid times are hit
    /// exactly (the last step before each is shortened).
    /// </summary>
    public static XorReducedSolution Solve(XorParameters parameters, TimeGrid grid, double step = 0.01, XorStatistics? initial = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(grid);
        if (!(step > 0) || !double.IsFinite(step)) throw new ArgumentOutOfRangeException(nameof(step), "the step must be > 0");
        double beta = parameters.Beta;
        var u = (initial ?? XorStatistics.WarmStart(parameters)).ToPacked();
        int n = u.Length;
        var k1 = new double[n];
        var k2 = new double[n];
        var k3 = new double[n];
        var k4 = new double[n];
        var probe = new double[n];
        var states = new List<XorStatistics>(grid.Times.Count);
        double t = 0;
        long steps = 0;
        foreach (double target in grid.Times)
        {
            while (t < target - 1e-12)
            {
                double h = Math.Min(step, target - t);
                Derivative(beta, u, k1);
                for (int i = 0; i < n; i++) probe[i] = u[i] + 0.5 * h * k1[i];
                Derivative(beta, probe, k2);
                for (int i = 0; i < n; i++) probe[i] = u[i] + 0.5 * h * k2[i];
                Derivative(beta, probe, k3);
                for (int i = 0; i < n; i++) probe[i] = u[i] + h * k3[i];
                Derivative(beta, probe, k4);
                for (int i = 0; i < n; i++) u[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
                t += h;
                steps++;
            }
            t = target;
            states.Add(XorStatistics.FromPacked(u));
        }
        return new XorReducedSolution(grid.Times.ToArray(), states.ToArray(), step, steps);
    }

    /// <summary>
    /// The fixed point with the given neuron roles (xor.md §7.2): within each non-empty group the C = log((1 − 4β)/(4β))
    /// is split equally (v_i² = C/|group|), signs as in the table of §7.2; R⊥ = 0.
    /// </summary>
    public static XorStatistics FixedPoint(double beta, IReadOnlyList<XorNeuronRole> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        double c = FixedPointRadius(beta);
        int k = roles.Count;
        if (k < 1) throw new ArgumentException("at least one neuron", nameof(roles));
        var v = new double[k];
        var mmu = new double[k];
        var mnu = new double[k];
        foreach (XorNeuronRole role in Enum.GetValues<XorNeuronRole>())
        {
            if (role == XorNeuronRole.Unused) continue;
            int size = roles.Count(r => r == role);
            if (size == 0) continue;
            double magnitude = Math.Sqrt(c / size);
            for (int i = 0; i < k; i++)
            {
                if (roles[i] != role) continue;
                switch (role)
                {
                    case XorNeuronRole.PlusMu: v[i] = magnitude; mmu[i] = magnitude; break;
                    case XorNeuronRole.MinusMu: v[i] = magnitude; mmu[i] = -magnitude; break;
                    case XorNeuronRole.PlusNu: v[i] = -magnitude; mnu[i] = magnitude; break;
                    case XorNeuronRole.MinusNu: v[i] = -magnitude; mnu[i] = -magnitude; break;
                }
            }
        }
        return new XorStatistics(v, mmu, mnu, new double[k * k]);
    }

    /// <summary>Number of fixed-point components for width K: 5^K (each neuron unused or in one of four groups).</summary>
    public static double ComponentCount(int width) => Math.Pow(5, width);

    /// <summary>
    /// Number of components with all four groups non-empty (optimal classifiers): Σ_{j=0}^{4} (−1)^j C(4,j)(5 − j)^K;
    /// for K = 4 the 4! = 24 stable ones of xor.md §7.2.
    /// </summary>
    public static double OptimalComponentCount(int width)
    {
        double[] binomial = [1, 4, 6, 4, 1];
        double sum = 0;
        for (int j = 0; j <= 4; j++) sum += (j % 2 == 0 ? 1 : -1) * binomial[j] * Math.Pow(5 - j, width);
        return sum;
    }

    /// <summary>First-layer Hessian outliers at the K = 4 optimum, λ = ∞ (xor.md §9.1): Cβ(1 − 4β), twice (span(μ, ν)).</summary>
    public static double FirstLayerHessianOutlier(double beta) => FixedPointRadius(beta) * beta * (1 - 4 * beta);

    /// <summary>First-layer Hessian bulk level at the K = 4 optimum, large λ (xor.md §9.1): 2Cβ(1 − 4β)/λ.</summary>
    public static double FirstLayerHessianBulk(double beta, double lambda) => 2 * FirstLayerHessianOutlier(beta) / lambda;

    /// <summary>First-layer G outliers at the K = 4 optimum, λ = ∞ (xor.md §9.1): 4Cβ², twice.</summary>
    public static double FirstLayerGOutlier(double beta) => 4 * FixedPointRadius(beta) * beta * beta;

    /// <summary>
    /// The λ = ∞ second-layer matrix (xor.md §9.3; β excluded): (1/4)Σ_ϑ w(s(ϑ)) g(Wϑ)g(Wϑ)ᵀ with w = σ′ (Hessian) or e²
    /// (G), g(Wϑ) = (g(a_ϑ m^μ_j + b_ϑ m^ν_j))_j. At the K = 4 optimum: β(1 − 4β)C·I (Hessian) and 4β²C·I (G).
    /// </summary>
    public static double[] SecondLayerMatrix(XorStatistics statistics, XorMatrixKind kind)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        int k = statistics.Width;
        var matrix = new double[k * k];
        var activations = XorSpectralPrediction.ClusterActivations(statistics);
        for (int cluster = 0; cluster < XorClusters.Count; cluster++)
        {
            double s = statistics.ClusterScore(cluster);
            double w = XorSample.SecondLayerWeight(kind, s, XorClusters.Label(cluster)) * XorClusters.Probability;
            var g = activations[cluster];
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++) matrix[i * k + j] += w * g[i] * g[j];
        }
        return matrix;
    }
}
