namespace TheoryCheck.Theory.Cws;

/// <summary>
/// A deliberate change of the <c>cws</c> theory for negative controls (docs/theory/claims.md §0.7): each factor
/// multiplies one term of the per-mode ODE (docs/theory/cws.md §3, §3.1, and the binned form of §9) or of the exact
/// least-squares recursion (§5.1); all 1 is the derived theory.
/// </summary>
/// <param name="Noise">Factor on the SGD-noise term (γ²/d) Σ_c p_c λ_i^{(c)} I_c of dV_i/dt (ODE), and on every η² term of
/// P' (the exact recursion).</param>
/// <param name="Drift">Factor on the mean term f_i = Σ_c p_c m_{c,i} E1_c of dx̄_i/dt and of dV_i/dt (ODE only).</param>
/// <param name="Curvature">Factor on the curvature κ_i = Σ_c p_c λ_i^{(c)} E2_c of dx̄_i/dt and dV_i/dt (ODE only).</param>
public sealed record CwsTheoryPerturbation(double Noise = 1, double Drift = 1, double Curvature = 1)
{
    /// <summary>No change.</summary>
    public static CwsTheoryPerturbation None { get; } = new();

    /// <summary>True when every factor is 1.</summary>
    public bool IsNone => Noise == 1 && Drift == 1 && Curvature == 1;

    /// <summary>One line for diagnostics, e.g. "noise term (γ²/d)Σ p λ I × 1.2".</summary>
    public override string ToString() =>
        IsNone ? "none" : string.Join("; ", new[]
        {
            Noise != 1 ? FormattableString.Invariant($"noise term (γ²/d)Σ_c p_c λ_i I_c (recursion: η² terms) × {Noise:G4}") : null,
            Drift != 1 ? FormattableString.Invariant($"mean term f_i × {Drift:G4}") : null,
            Curvature != 1 ? FormattableString.Invariant($"curvature κ_i × {Curvature:G4}") : null,
        }.Where(s => s is not null));
}
