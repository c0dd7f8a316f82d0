namespace TheoryCheck.Theory.Cws;

/// <summary>
/// The per-mode state of the <c>cws</c> ODE at one time (docs/theory/cws.md §3.1): x̄_i, the deterministic mean
/// coordinate (A_{c,i} = m_{c,i} x̄_i for every class), and V_i, the projected squared norm (the ODE's E X_i²).
/// </summary>
/// <param name="MeanCoordinates">x̄_i, i = 0..d−1.</param>
/// <param name="ProjectedNorms">V_i, i = 0..d−1.</param>
public sealed record CwsModeState(double[] MeanCoordinates, double[] ProjectedNorms)
{
    /// <summary>d.</summary>
    public int Dimension => MeanCoordinates.Length;
}
