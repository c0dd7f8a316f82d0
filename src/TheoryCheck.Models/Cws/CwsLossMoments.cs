namespace TheoryCheck.Models.Cws;

/// <summary>
/// Gaussian expectations of the loss and its derivatives at r ~ N(M, S) for one label y (cws.md §2):
/// E ℓ(r, y), E1 = E ℓ′(r, y), E2 = E ℓ″(r, y), I = E ℓ′(r, y)².
/// </summary>
/// <param name="Loss">E ℓ(r, y) (NaN when not computed).</param>
/// <param name="Gradient">E1 = E ℓ′.</param>
/// <param name="Curvature">E2 = E ℓ″.</param>
/// <param name="GradientSquare">I = E ℓ′².</param>
public readonly record struct CwsLossMoments(double Loss, double Gradient, double Curvature, double GradientSquare);
