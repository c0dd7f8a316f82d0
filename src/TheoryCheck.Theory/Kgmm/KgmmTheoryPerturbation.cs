namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// A deliberate change of the kgmm ODE (3.1)–(3.2) for negative controls (docs/theory/claims.md §0, "Negative
/// controls"): each factor multiplies one term of kgmm.md §5.2; all 1 is the derived ODE.
/// </summary>
/// <param name="PenaltyDrift">Factor on the penalty term −βm of dm/dt.</param>
/// <param name="Corrector">Factor on the corrector (c_δ/λ)Ḡ of dR/dt.</param>
public sealed record KgmmTheoryPerturbation(double PenaltyDrift = 1, double Corrector = 1)
{
    /// <summary>No change.</summary>
    public static KgmmTheoryPerturbation None { get; } = new();

    /// <summary>True when every factor is 1.</summary>
    public bool IsNone => PenaltyDrift == 1 && Corrector == 1;

    /// <summary>One line for diagnostics, e.g. "−βm in dm/dt × 1.1".</summary>
    public override string ToString() =>
        IsNone ? "none" : string.Join("; ", new[]
        {
            PenaltyDrift != 1 ? FormattableString.Invariant($"−βm in dm/dt × {PenaltyDrift:G4}") : null,
            Corrector != 1 ? FormattableString.Invariant($"corrector (c_δ/λ)Ḡ × {Corrector:G4}") : null,
        }.Where(s => s is not null));
}
