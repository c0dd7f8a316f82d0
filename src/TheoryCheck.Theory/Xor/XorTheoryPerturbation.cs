namespace TheoryCheck.Theory.Xor;

/// <summary>
/// A deliberate change of the xor effective ODE (xor.md §5) for negative controls (docs/theory/claims.md §0.7): each
/// factor multiplies one term of the right-hand side; all 1 is the derived ODE.
/// </summary>
/// <param name="PenaltyDrift">Factor on the penalty terms −βm^μ_i and −βm^ν_i of dm^μ_i/dt and dm^ν_i/dt.</param>
/// <param name="Corrector">Factor on the corrector (c_δ/λ) v_i v_j B_ij of dR⊥_ij/dt.</param>
public sealed record XorTheoryPerturbation(double PenaltyDrift = 1, double Corrector = 1)
{
    /// <summary>No change.</summary>
    public static XorTheoryPerturbation None { get; } = new();

    /// <summary>True when every factor is 1.</summary>
    public bool IsNone => PenaltyDrift == 1 && Corrector == 1;

    /// <summary>One line for diagnostics, e.g. "−βm in dm/dt × 1.1".</summary>
    public override string ToString() =>
        IsNone ? "none" : string.Join("; ", new[]
        {
            PenaltyDrift != 1 ? FormattableString.Invariant($"−βm in dm^μ/dt, dm^ν/dt × {PenaltyDrift:G4}") : null,
            Corrector != 1 ? FormattableString.Invariant($"corrector (c_δ/λ)v_iv_jB_ij × {Corrector:G4}") : null,
        }.Where(s => s is not null));
}
