namespace TheoryCheck.Theory.Cws;

/// <summary>
/// Least-squares stability of the per-mode ODE at constant γ (cws.md §5; docs/theory/cws.md §5.2). The stationary
/// forcings I_c = (M_c − y_c)² + S_c obey I = b + T I with the noise-feedback matrix
/// T_{cc'} = (γ/(2d)) p_{c'} N_{cc'}, N_{cc'} = Σ_{i: λ̄_i &gt; 0} λ_i^{(c)} λ_i^{(c')}/λ̄_i; the risk stays bounded iff
/// ρ(T) &lt; 1, i.e. γ &lt; γ_c = 2d/ρ(N diag p). cws.md's γ·tr(K̄)/d &lt; 2 is the special case of equal traces tr K_c
/// (then ρ(T) = γ tr K̄/(2d)); with unequal traces ρ(T) is larger and the cws.md threshold is too optimistic.
/// </summary>
/// <param name="Gamma">γ.</param>
/// <param name="TraceRatio">γ·tr(K̄)/d (cws.md §5's criterion: stable iff &lt; 2).</param>
/// <param name="SpectralRadius">ρ(T) (exact criterion of the ODE: stable iff &lt; 1).</param>
/// <param name="Threshold">γ_c = 2d/ρ(N diag p).</param>
/// <param name="TraceThreshold">cws.md §5's threshold 2d/tr(K̄).</param>
/// <param name="FeedbackMatrix">T (row-major C×C).</param>
public sealed record CwsStability(double Gamma, double TraceRatio, double SpectralRadius, double Threshold, double TraceThreshold, double[] FeedbackMatrix)
{
    /// <summary>ρ(T) &lt; 1.</summary>
    public bool IsStable => SpectralRadius < 1;
}
