namespace TheoryCheck.Theory.Quadratic;

/// <summary>
/// Gradient moments of one block S ∈ {D, B} (quadratic.md §2): G_S = Σ_S λ_i²v_i (= E‖P_S∇L‖²),
/// F_S = Σ_S λ_i³v_i, J_S = Σ_S λ_i⁴v_i, N_S = Σ_S λ_i²s̄_i, T_S = Σ_S λ_i s̄_i, with v_i = E[e_i²] (or e_i² for
/// one state) and s̄_i the conditional noise variance. One step gives E[G_S'] = G_S − 2ηF_S + η²(J_S + N_S).
/// </summary>
/// <param name="G">Σ_S λ_i² v_i.</param>
/// <param name="F">Σ_S λ_i³ v_i.</param>
/// <param name="J">Σ_S λ_i⁴ v_i.</param>
/// <param name="N">Σ_S λ_i² s̄_i.</param>
/// <param name="T">Σ_S λ_i s̄_i.</param>
public readonly record struct BlockMoments(double G, double F, double J, double N, double T)
{
    /// <summary>Moments of |S| = <paramref name="count"/> coordinates sharing λ, v and s̄ (two-level spectrum).</summary>
    public static BlockMoments Uniform(double count, double lambda, double secondMoment, double noiseVariance)
    {
        double l2 = lambda * lambda;
        return new(count * l2 * secondMoment, count * l2 * lambda * secondMoment, count * l2 * l2 * secondMoment,
            count * l2 * noiseVariance, count * lambda * noiseVariance);
    }

    /// <summary>Moments of a block given per-coordinate λ_i, v_i and s̄_i (equal lengths).</summary>
    public static BlockMoments Of(ReadOnlySpan<double> lambda, ReadOnlySpan<double> secondMoments, ReadOnlySpan<double> noiseVariances)
    {
        if (lambda.Length != secondMoments.Length || lambda.Length != noiseVariances.Length)
            throw new ArgumentException("lambda, second moments and noise variances must have the same length");
        double g = 0, f = 0, j = 0, n = 0, t = 0;
        for (int i = 0; i < lambda.Length; i++)
        {
            double l = lambda[i], l2 = l * l, v = secondMoments[i], s = noiseVariances[i];
            g += l2 * v; f += l2 * l * v; j += l2 * l2 * v; n += l2 * s; t += l * s;
        }
        return new(g, f, j, n, t);
    }

    /// <summary>E[G_S'] after one step of size η that moves this block: G − 2ηF + η²(J + N).</summary>
    public double NextG(double eta) => G - 2 * eta * F + eta * eta * (J + N);

    /// <summary>Expected change of the block's loss ½Σ_S λ_i v_i in one step that moves it: −ηG + ½η²(F + T) (§5).</summary>
    public double LossChange(double eta) => -eta * G + 0.5 * eta * eta * (F + T);
}
