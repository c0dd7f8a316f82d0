namespace TheoryCheck.Numerics.Gaussian;

/// <summary>
/// A vector-valued integrand f: R^k → R^p for Gaussian expectations; writes f(x) into <paramref name="output"/>
/// (length p, caller-owned). Must not keep references to either span.
/// </summary>
/// <param name="x">The point x ∈ R^k (length k).</param>
/// <param name="output">Destination for f(x) (length p); every component must be written.</param>
public delegate void GaussianIntegrand(ReadOnlySpan<double> x, Span<double> output);
