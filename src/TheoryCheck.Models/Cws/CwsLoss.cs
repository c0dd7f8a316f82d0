namespace TheoryCheck.Models.Cws;

/// <summary>
/// The per-sample loss of the <c>cws</c> linear model, r = ⟨X, a⟩ (cws.md §1; parameter <c>loss</c>).
/// </summary>
public enum CwsLoss
{
    /// <summary><c>logistic</c>: ℓ(r, y) = log(1 + eʳ) − y r, ℓ′ = σ(r) − y, ℓ″ = σ(r)σ(−r); labels y ∈ [0, 1] (default 1/0).</summary>
    Logistic,

    /// <summary><c>squares</c>: ℓ(r, y) = ½(r − y)², ℓ′ = r − y, ℓ″ = 1; any real labels (default ±1).</summary>
    Squares,
}
