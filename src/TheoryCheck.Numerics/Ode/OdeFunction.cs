namespace TheoryCheck.Numerics.Ode;

/// <summary>
/// Right-hand side f of the first-order system u′(t) = f(t, u): writes f(t, u) into <paramref name="du"/>
/// (same length as <paramref name="u"/>). It must not keep references to the spans, which are solver-owned
/// buffers reused between calls. Non-finite outputs are allowed and reported by the solver as a status.
/// </summary>
/// <param name="t">Time t.</param>
/// <param name="u">State u(t), read only.</param>
/// <param name="du">Destination for the derivative f(t, u).</param>
public delegate void OdeFunction(double t, ReadOnlySpan<double> u, Span<double> du);
