namespace TheoryCheck.Theory.Quadratic;

/// <summary>
/// Exact per-run mean and spread of χ² = G_D/G (G = G_D + G_B) when the gradient coordinates λ_ie_i are
/// independent N(0, w_i) (additive and hessian noise with Gaussian e_0; quadratic.md §3). With
/// a_i(s) = w_i/(1 + 2sw_i) and P(s) = Π_i (1 + 2sw_i)^{−1/2}:
/// E[χ²] = ∫_0^∞ Σ_{i∈D} a_i(s) P(s) ds and E[(χ²)²] = ∫_0^∞ s[(Σ_{i∈D} a_i)² + 2Σ_{i∈D} a_i²] P(s) ds
/// (from 1/G = ∫e^{−sG}ds, 1/G² = ∫s e^{−sG}ds). Numerics: s = e^x, trapezoid rule in x, P evaluated as
/// exp(−½Σ m log1p(2sw)). Also the delta-method approximations of §3 with c_S = 2Σ_S w²/(Σ_S w)².
/// </summary>
public static class GaussianAlignment
{
    /// <summary>Default number of trapezoid points in x = log s (quadratic.md §3 asks for about 4000).</summary>
    public const int DefaultPoints = 4000;

    /// <summary>
    /// E[χ²], E[(χ²)²] and sd(χ²) by the s-integrals on <paramref name="points"/> trapezoid points over
    /// x ∈ [log(10⁻¹⁰/Σw), log(10¹⁰/min w)] (truncation below 10⁻¹⁰ relative). Groups of zero weight or
    /// multiplicity are ignored; at least one dominant and one bulk group of positive weight are required.
    /// </summary>
    public static AlignmentMoments Exact(ReadOnlySpan<WeightGroup> groups, int points = DefaultPoints)
    {
        if (points < 16) throw new ArgumentOutOfRangeException(nameof(points), "use at least 16 quadrature points");
        double total = 0, totalD = 0, minW = double.PositiveInfinity;
        foreach (var g in groups)
        {
            if (!(g.Weight >= 0) || !double.IsFinite(g.Weight) || !(g.Multiplicity >= 0))
                throw new ArgumentException("weights must be finite and ≥ 0, multiplicities ≥ 0");
            if (g.Weight == 0 || g.Multiplicity == 0) continue;
            total += g.Weight * g.Multiplicity;
            if (g.Dominant) totalD += g.Weight * g.Multiplicity;
            minW = Math.Min(minW, g.Weight);
        }
        if (totalD == 0) throw new ArgumentException("the dominant block needs a positive weight");
        if (totalD == total) throw new ArgumentException("the bulk block needs a positive weight");
        double ratio = totalD / total;

        double lo = Math.Log(1e-10 / total), hi = Math.Log(1e10 / minW);
        double h = (hi - lo) / (points - 1);
        double m1 = 0, m2 = 0;
        for (int n = 0; n < points; n++)
        {
            double s = Math.Exp(lo + n * h);
            double logP = 0, a = 0, a2 = 0;
            foreach (var g in groups)
            {
                if (g.Weight == 0 || g.Multiplicity == 0) continue;
                double twoSw = 2 * s * g.Weight;
                logP += g.Multiplicity * Log1P(twoSw);
                if (g.Dominant)
                {
                    double ai = g.Weight / (1 + twoSw);
                    a += g.Multiplicity * ai;
                    a2 += g.Multiplicity * ai * ai;
                }
            }
            double p = Math.Exp(-0.5 * logP);
            double weight = (n == 0 || n == points - 1) ? 0.5 : 1.0;
            m1 += weight * s * a * p;              // ds = s dx
            m2 += weight * s * s * (a * a + 2 * a2) * p;
        }
        m1 *= h;
        m2 *= h;
        double variance = Math.Max(0, m2 - m1 * m1);
        return new AlignmentMoments(ratio, m1, m2, Math.Sqrt(variance), "exact-gaussian", points);
    }

    /// <summary>
    /// Delta-method approximations (§3): E[χ²] − χ²_RE ≈ χ²(1 − χ²)[(1 − χ²)c_B − χ²c_D] and
    /// sd(χ²) ≈ χ²(1 − χ²)√(c_D + c_B), with c_S = Var(G_S)/G_S² = 2Σ_S w²/(Σ_S w)² for Gaussian coordinates.
    /// </summary>
    public static AlignmentMoments DeltaMethod(ReadOnlySpan<WeightGroup> groups)
    {
        double sumD = 0, sumB = 0, sqD = 0, sqB = 0;
        foreach (var g in groups)
        {
            if (g.Dominant) { sumD += g.Multiplicity * g.Weight; sqD += g.Multiplicity * g.Weight * g.Weight; }
            else { sumB += g.Multiplicity * g.Weight; sqB += g.Multiplicity * g.Weight * g.Weight; }
        }
        if (sumD <= 0 || sumB <= 0) throw new ArgumentException("both blocks need a positive weight");
        double cd = 2 * sqD / (sumD * sumD), cb = 2 * sqB / (sumB * sumB);
        double x = sumD / (sumD + sumB), q = x * (1 - x);
        return new AlignmentMoments(x, x + q * ((1 - x) * cb - x * cd), double.NaN, q * Math.Sqrt(cd + cb), "delta", 0);
    }

    /// <summary>log(1 + x) accurate for small x (Goldberg's trick: log(u)·x/(u − 1), u = 1 + x).</summary>
    private static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
