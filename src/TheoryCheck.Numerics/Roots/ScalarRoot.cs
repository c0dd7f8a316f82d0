namespace TheoryCheck.Numerics.Roots;

/// <summary>A root x of a scalar function f found in a bracket, with its diagnostics.</summary>
/// <param name="Root">The returned abscissa x.</param>
/// <param name="Value">f(x) at the returned abscissa (0 when it was an end point with f = 0).</param>
/// <param name="Evaluations">Evaluations of f made by the root finder (end-point values passed in are not counted).</param>
/// <param name="Converged">True when the bracket shrank below the tolerance (or f(x) = 0) within the iteration cap.</param>
public readonly record struct ScalarRoot(double Root, double Value, int Evaluations, bool Converged);
