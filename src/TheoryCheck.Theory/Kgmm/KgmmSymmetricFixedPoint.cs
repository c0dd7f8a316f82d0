using TheoryCheck.Numerics.Roots;

namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// The symmetric λ = ∞ fixed point for uniform p (kgmm.md §8.2): m_{cc} = α, m_{ca} = −α/(k−1) (a ≠ c), with
/// q = e^α/(e^α + (k−1)e^{−α/(k−1)}), r = (1 − q)/(k − 1), solving β α = (1 − q)/k. Also the λ = ∞ spectral values
/// at this point (§8.3, §9.4, §9.5), with p = 1/k.
/// </summary>
/// <param name="K">Number of classes k.</param>
/// <param name="Beta">Penalty β &gt; 0.</param>
/// <param name="Alpha">Root α of β α = (1 − q(α))/k.</param>
/// <param name="Q">Softmax probability of the own class, q = π_c(m_{·c}).</param>
/// <param name="R">Softmax probability of each other class, r = (1 − q)/(k − 1).</param>
/// <param name="Residual">|β α − (1 − q)/k| at the returned root.</param>
/// <param name="Evaluations">Function evaluations used by Brent's method.</param>
public sealed record KgmmSymmetricFixedPoint(int K, double Beta, double Alpha, double Q, double R, double Residual, int Evaluations)
{
    private double P => 1.0 / K;

    /// <summary>m at the fixed point, k×k row-major: α on the diagonal, −α/(k−1) off it.</summary>
    public double[] M()
    {
        var m = new double[K * K];
        for (int c = 0; c < K; c++)
            for (int a = 0; a < K; a++) m[c * K + a] = c == a ? Alpha : -Alpha / (K - 1);
        return m;
    }

    /// <summary>Ḡ_∞ (§8.3): diagonal ((1−q)² + (k−1)r²)/k, off-diagonal (2(q−1)r + (k−2)r²)/k.</summary>
    public double GInfinityDiagonal => ((1 - Q) * (1 - Q) + (K - 1) * R * R) / K;

    /// <summary>Off-diagonal entry of Ḡ_∞ (§8.3).</summary>
    public double GInfinityOffDiagonal => (2 * (Q - 1) * R + (K - 2) * R * R) / K;

    /// <summary>Large-λ stationary R⊥_cc ≈ c_δ Ḡ_∞,cc/(2βλ) (§8.3).</summary>
    public double StationaryPerpDiagonal(double cdelta, double lambda) => cdelta * GInfinityDiagonal / (2 * Beta * lambda);

    /// <summary>Large-λ stationary R⊥_ce (c ≠ e) ≈ c_δ Ḡ_∞,ce/(2βλ) (§8.3).</summary>
    public double StationaryPerpOffDiagonal(double cdelta, double lambda) => cdelta * GInfinityOffDiagonal / (2 * Beta * lambda);

    /// <summary>Hessian block c, λ = ∞ (β excluded): eigenvalue p q(1−q) along μ_c (§9.4).</summary>
    public double BlockHessianOwn => P * Q * (1 - Q);

    /// <summary>Hessian block c, λ = ∞: eigenvalue p r(1−r) along each μ_a, a ≠ c (§9.4).</summary>
    public double BlockHessianOther => P * R * (1 - R);

    /// <summary>G block c, λ = ∞: eigenvalue p(1−q)² along μ_c (§9.4).</summary>
    public double BlockGOwn => P * (1 - Q) * (1 - Q);

    /// <summary>G block c, λ = ∞: eigenvalue p r² along each μ_a, a ≠ c (§9.4).</summary>
    public double BlockGOther => P * R * R;

    /// <summary>Full kd×kd Hessian, λ = ∞: the k outliers p·q(1−q)k/(k−1) (§9.5).</summary>
    public double FullHessianOutlier => P * Q * (1 - Q) * K / (K - 1);

    /// <summary>Full Hessian, λ = ∞: the k(k−2) minibulk eigenvalues p·r (§9.5).</summary>
    public double FullHessianMinibulk => P * R;

    /// <summary>Full G, λ = ∞: the k outliers p[(1−q)² + (k−1)r²] (§9.5).</summary>
    public double FullGOutlier => P * ((1 - Q) * (1 - Q) + (K - 1) * R * R);

    /// <summary>
    /// Solves β α = (1 − q(α))/k by Brent's method on (0, (k−1)/(βk²)] (the right-hand side decreases in α, so the
    /// root is unique), to absolute accuracy 1e-15.
    /// </summary>
    /// <exception cref="ArgumentException">k &lt; 2 or β ≤ 0 (no fixed point without the penalty).</exception>
    public static KgmmSymmetricFixedPoint Solve(int k, double beta)
    {
        if (k < 2) throw new ArgumentException("k must be ≥ 2", nameof(k));
        if (!(beta > 0) || !double.IsFinite(beta)) throw new ArgumentException("the symmetric fixed point needs β > 0", nameof(beta));
        double F(double alpha) => beta * alpha - (1 - OwnProbability(k, alpha)) / k;
        double upper = (k - 1) / (beta * k * (double)k);
        ScalarRoot root = BrentRoot.Find(F, 0, upper, 1e-15);
        if (!root.Converged) throw new InvalidOperationException($"Brent did not converge for k = {k}, β = {beta}");
        double q = OwnProbability(k, root.Root);
        return new KgmmSymmetricFixedPoint(k, beta, root.Root, q, (1 - q) / (k - 1), Math.Abs(root.Value), root.Evaluations);
    }

    /// <summary>q(α) = 1/(1 + (k−1) exp(−αk/(k−1))), the softmax of the own class at m_{·c}.</summary>
    public static double OwnProbability(int k, double alpha) => 1 / (1 + (k - 1) * Math.Exp(-alpha * k / (k - 1)));
}
