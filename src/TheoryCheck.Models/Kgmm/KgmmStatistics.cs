namespace TheoryCheck.Models.Kgmm;

/// <summary>
/// The kgmm summary statistics (kgmm.md §4): m_{ca} = x^c·μ_a and R_{ce} = x^c·x^e, both k×k and stored row-major
/// (m[c·k + a], R[c·k + e], 0-based). R is symmetrised on construction. Given (m, R) the population loss,
/// accuracy, ODE right-hand side and population Hessian/G are determined exactly (closure, §4). Immutable.
/// </summary>
public sealed class KgmmStatistics
{
    private readonly double[] _m;
    private readonly double[] _r;

    /// <summary>Copies m (k², row-major) and R (k², row-major; symmetrised as (R + Rᵀ)/2).</summary>
    /// <exception cref="ArgumentException">Wrong lengths or non-finite entries.</exception>
    public KgmmStatistics(int k, ReadOnlySpan<double> m, ReadOnlySpan<double> r)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), "k must be ≥ 2");
        if (m.Length != k * k) throw new ArgumentException($"m must have k² = {k * k} entries (got {m.Length})", nameof(m));
        if (r.Length != k * k) throw new ArgumentException($"R must have k² = {k * k} entries (got {r.Length})", nameof(r));
        foreach (double x in m) if (!double.IsFinite(x)) throw new ArgumentException("m has a non-finite entry", nameof(m));
        foreach (double x in r) if (!double.IsFinite(x)) throw new ArgumentException("R has a non-finite entry", nameof(r));
        K = k;
        _m = m.ToArray();
        _r = new double[k * k];
        for (int c = 0; c < k; c++)
            for (int e = 0; e < k; e++) _r[c * k + e] = 0.5 * (r[c * k + e] + r[e * k + c]);
    }

    /// <summary>Number of classes k.</summary>
    public int K { get; }

    /// <summary>m, k×k row-major: m[c·k + a] = x^c·μ_a.</summary>
    public ReadOnlySpan<double> M => _m;

    /// <summary>R, k×k row-major (symmetric): R[c·k + e] = x^c·x^e.</summary>
    public ReadOnlySpan<double> R => _r;

    /// <summary>m_{ca} (0-based).</summary>
    public double MAt(int c, int a) => _m[c * K + a];

    /// <summary>R_{ce} (0-based).</summary>
    public double RAt(int c, int e) => _r[c * K + e];

    /// <summary>R⊥_{ce} = R_{ce} − Σ_a m_{ca} m_{ea} (orthonormal means, §4).</summary>
    public double RperpAt(int c, int e)
    {
        double s = _r[c * K + e];
        for (int a = 0; a < K; a++) s -= _m[c * K + a] * _m[e * K + a];
        return s;
    }

    /// <summary>R⊥ = R − m mᵀ, k×k row-major (a new array).</summary>
    public double[] Rperp()
    {
        var p = new double[K * K];
        for (int c = 0; c < K; c++)
            for (int e = c; e < K; e++) p[c * K + e] = p[e * K + c] = RperpAt(c, e);
        return p;
    }

    /// <summary>The d → ∞ initial condition m(0) = 0, R(0) = I_k (kgmm.md §5.4).</summary>
    public static KgmmStatistics Initial(int k)
    {
        var r = new double[k * k];
        for (int c = 0; c < k; c++) r[c * k + c] = 1;
        return new KgmmStatistics(k, new double[k * k], r);
    }

    /// <summary>Length of the packed ODE state: k² entries of m, then the k(k+1)/2 upper-triangle entries of R.</summary>
    public static int PackedLength(int k) => k * k + k * (k + 1) / 2;

    /// <summary>Unpacks the ODE state layout [m (k², row-major); R upper triangle (c ≤ e, row by row)].</summary>
    public static KgmmStatistics FromPacked(int k, ReadOnlySpan<double> state)
    {
        if (state.Length != PackedLength(k)) throw new ArgumentException($"packed state must have {PackedLength(k)} entries (got {state.Length})", nameof(state));
        var r = new double[k * k];
        UnpackR(k, state[(k * k)..], r);
        return new KgmmStatistics(k, state[..(k * k)], r);
    }

    /// <summary>Writes the packed ODE state [m; R upper triangle] into <paramref name="state"/>.</summary>
    public void Pack(Span<double> state)
    {
        if (state.Length != PackedLength(K)) throw new ArgumentException($"packed state must have {PackedLength(K)} entries", nameof(state));
        _m.CopyTo(state);
        int i = K * K;
        for (int c = 0; c < K; c++)
            for (int e = c; e < K; e++) state[i++] = _r[c * K + e];
    }

    /// <summary>Expands the upper triangle (c ≤ e, row by row) into a full symmetric k×k row-major matrix.</summary>
    public static void UnpackR(int k, ReadOnlySpan<double> upper, Span<double> full)
    {
        int i = 0;
        for (int c = 0; c < k; c++)
            for (int e = c; e < k; e++)
            {
                double v = upper[i++];
                full[c * k + e] = v;
                full[e * k + c] = v;
            }
    }

    /// <summary>
    /// Statistics of a finite-d state: m_{ca} = x^c·μ_a and R_{ce} = x^c·x^e, with the k weight vectors stored
    /// contiguously in <paramref name="weights"/> (x^c at [c·d, (c+1)·d)) and the k means likewise in
    /// <paramref name="means"/>.
    /// </summary>
    public static KgmmStatistics FromVectors(int k, int d, ReadOnlySpan<double> means, ReadOnlySpan<double> weights)
    {
        if (means.Length != k * d || weights.Length != k * d) throw new ArgumentException("means and weights must have k·d entries");
        var m = new double[k * k];
        var r = new double[k * k];
        for (int c = 0; c < k; c++)
        {
            var x = weights.Slice(c * d, d);
            for (int a = 0; a < k; a++) m[c * k + a] = System.Numerics.Tensors.TensorPrimitives.Dot(x, means.Slice(a * d, d));
            for (int e = c; e < k; e++) r[c * k + e] = r[e * k + c] = System.Numerics.Tensors.TensorPrimitives.Dot(x, weights.Slice(e * d, d));
        }
        return new KgmmStatistics(k, m, r);
    }
}
