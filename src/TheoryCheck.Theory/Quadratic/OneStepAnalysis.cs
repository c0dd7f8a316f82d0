namespace TheoryCheck.Theory.Quadratic;

/// <summary>
/// Exact one-step predictions from a state described by its block moments (quadratic.md §4, §5): the critical
/// step size η*_t and its regime, the Dom-SGD / Bulk-SGD loss thresholds η_dom and η_bulk, the suspicious
/// interval, and the expected one-step changes of χ²_RE and of the loss. Exact for the expected recursion (it is
/// linear in v), also for a step-dependent η.
/// </summary>
public sealed record OneStepAnalysis
{
    /// <summary>Analysis of the state with dominant moments <paramref name="dominant"/> and bulk moments <paramref name="bulk"/>.</summary>
    public OneStepAnalysis(BlockMoments dominant, BlockMoments bulk)
    {
        Dominant = dominant;
        Bulk = bulk;
    }

    /// <summary>Moments of the dominant block D.</summary>
    public BlockMoments Dominant { get; }

    /// <summary>Moments of the bulk block B.</summary>
    public BlockMoments Bulk { get; }

    /// <summary>χ²_RE = G_D/(G_D + G_B), the alignment as a ratio of expectations (§3).</summary>
    public double Alignment => Dominant.G / (Dominant.G + Bulk.G);

    /// <summary>λ̄_D = F_D/G_D (gradient-weighted curvature of the dominant block).</summary>
    public double CurvatureDominant => Dominant.F / Dominant.G;

    /// <summary>λ̄_B = F_B/G_B (gradient-weighted curvature of the bulk).</summary>
    public double CurvatureBulk => Bulk.F / Bulk.G;

    /// <summary>Δ_t = (κ_D + ν_D) − (κ_B + ν_B) with κ_S = J_S/G_S, ν_S = N_S/G_S (§4).</summary>
    public double Delta => (Dominant.J + Dominant.N) / Dominant.G - (Bulk.J + Bulk.N) / Bulk.G;

    /// <summary>Low-alignment regime when Δ_t &gt; 0, high-alignment (self-correcting) otherwise.</summary>
    public AlignmentRegime Regime => Delta > 0 ? AlignmentRegime.LowAlignment : AlignmentRegime.HighAlignment;

    /// <summary>η*_t = 2(λ̄_D − λ̄_B)/Δ_t in the low-alignment regime, +∞ in the high-alignment regime (§4).</summary>
    public double EtaStar => Delta > 0 ? 2 * (CurvatureDominant - CurvatureBulk) / Delta : double.PositiveInfinity;

    /// <summary>η_dom = 2G_D/(F_D + T_D): one Dom-SGD step increases the expected loss iff η &gt; η_dom (§5).</summary>
    public double EtaDom => 2 * Dominant.G / (Dominant.F + Dominant.T);

    /// <summary>η_bulk = 2G_B/(F_B + T_B): one Bulk-SGD step decreases the expected loss iff η &lt; η_bulk (§5).</summary>
    public double EtaBulk => 2 * Bulk.G / (Bulk.F + Bulk.T);

    /// <summary>The suspicious interval I_t = (η_dom, η_bulk) is non-empty (§5).</summary>
    public bool HasSuspiciousInterval => EtaDom < EtaBulk;

    /// <summary>Expected change of χ²_RE in one SGD step of size η: G_D'/(G_D' + G_B') − χ²_RE with E[G_S'] = G_S − 2ηF_S + η²(J_S + N_S).</summary>
    public double AlignmentChange(double eta)
    {
        double gd = Dominant.NextG(eta), gb = Bulk.NextG(eta);
        return gd / (gd + gb) - Alignment;
    }

    /// <summary>ΔL_dom(η) = −ηG_D + ½η²(F_D + T_D): expected loss change of one Dom-SGD step (§5).</summary>
    public double LossChangeDominant(double eta) => Dominant.LossChange(eta);

    /// <summary>ΔL_bulk(η) = −ηG_B + ½η²(F_B + T_B): expected loss change of one Bulk-SGD step (§5).</summary>
    public double LossChangeBulk(double eta) => Bulk.LossChange(eta);

    /// <summary>Expected loss change of one SGD step: ΔL_dom(η) + ΔL_bulk(η).</summary>
    public double LossChange(double eta) => Dominant.LossChange(eta) + Bulk.LossChange(eta);
}
