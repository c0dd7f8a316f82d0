namespace TheoryCheck.Models.Xor;

/// <summary>
/// Per-sample quantities of the xor network (xor.md §2), shared by both sides: output s = Σ_j v_j g(u_j) with
/// u_j = W_j·X and g the ReLU, prediction σ(s), error e = σ(s) − y, loss log(1 + e^s) − y s, and the Hessian/G
/// weights. Autograd convention for the ReLU: g′(u) = 1{u &gt; 0}, g″ = 0 (xor.md §2). All functions are
/// overflow-free for any finite s.
/// </summary>
public static class XorSample
{
    /// <summary>g(u) = max(u, 0).</summary>
    public static double Relu(double u) => u > 0 ? u : 0;

    /// <summary>s = Σ_j v_j g(u_j) (xor.md §2).</summary>
    public static double Output(ReadOnlySpan<double> v, ReadOnlySpan<double> u)
    {
        if (u.Length != v.Length) throw new ArgumentException("v and u must have the same length");
        double s = 0;
        for (int j = 0; j < v.Length; j++) if (u[j] > 0) s += v[j] * u[j];
        return s;
    }

    /// <summary>σ(s) = 1/(1 + e^{−s}), evaluated as e^{s}/(1 + e^{s}) for s &lt; 0.</summary>
    public static double Sigmoid(double s)
    {
        if (s >= 0) return 1 / (1 + Math.Exp(-s));
        double e = Math.Exp(s);
        return e / (1 + e);
    }

    /// <summary>σ′(s) = σ(s)σ(−s).</summary>
    public static double SigmoidDerivative(double s) => Sigmoid(s) * Sigmoid(-s);

    /// <summary>e = σ(s) − y: −σ(−s) for y = 1 (no cancellation), σ(s) for y = 0 (xor.md §0, sign trap).</summary>
    public static double Error(double s, int label) => label == 1 ? -Sigmoid(-s) : Sigmoid(s);

    /// <summary>log(1 + e^{s}) = max(s, 0) + log1p(e^{−|s|}).</summary>
    public static double Softplus(double s) => Math.Max(s, 0) + Math.Log(1 + Math.Exp(-Math.Abs(s)));

    /// <summary>Data loss L = log(1 + e^{s}) − y s: softplus(−s) for y = 1, softplus(s) for y = 0 (xor.md §2).</summary>
    public static double Loss(double s, int label) => label == 1 ? Softplus(-s) : Softplus(s);

    /// <summary>Predicted label: 1 iff s &gt; 0 (xor.md §2, convention; s = 0 predicts 0).</summary>
    public static int Predict(double s) => s > 0 ? 1 : 0;

    /// <summary>
    /// Weight of the first-layer block (i, i) (xor.md §2, §9.1; β excluded): v_i² σ′(s) 1{u_i &gt; 0} (Hessian) or
    /// v_i² e² 1{u_i &gt; 0} (G), so that the block is E[h XXᵀ].
    /// </summary>
    public static double FirstLayerWeight(XorMatrixKind kind, double vi, double ui, double s, int label)
    {
        if (!(ui > 0)) return 0;
        double w = kind == XorMatrixKind.Hessian ? SigmoidDerivative(s) : Square(Error(s, label));
        return vi * vi * w;
    }

    /// <summary>
    /// Weight of the second-layer matrix (xor.md §2, §9.3; β excluded): σ′(s) (Hessian) or e² (G), so that the K×K
    /// matrix is E[w g(u) g(u)ᵀ].
    /// </summary>
    public static double SecondLayerWeight(XorMatrixKind kind, double s, int label) =>
        kind == XorMatrixKind.Hessian ? SigmoidDerivative(s) : Square(Error(s, label));

    private static double Square(double x) => x * x;
}
