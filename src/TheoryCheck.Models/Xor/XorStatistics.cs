namespace TheoryCheck.Models.Xor;

/// <summary>
/// The xor summary statistics (xor.md §4): v_i, m^μ_i = W_i·μ, m^ν_i = W_i·ν and R⊥_ij = W_i⊥·W_j⊥ with
/// W_i⊥ = W_i − m^μ_i μ − m^ν_i ν (i, j = 1..K; 0-based here), 3K + K(K+1)/2 numbers. By the closure of xor.md §4 the
/// population loss, accuracy, ODE right-hand side and population Hessian/G are exact functions of them at every d.
/// R⊥ is symmetrised on construction. Immutable.
/// </summary>
public sealed class XorStatistics
{
    private readonly double[] _v;
    private readonly double[] _mmu;
    private readonly double[] _mnu;
    private readonly double[] _rperp;

    /// <summary>Copies v, m^μ, m^ν (length K each) and R⊥ (K×K row-major; symmetrised as (R⊥ + R⊥ᵀ)/2).</summary>
    /// <exception cref="ArgumentException">Wrong lengths or non-finite entries.</exception>
    public XorStatistics(ReadOnlySpan<double> v, ReadOnlySpan<double> mmu, ReadOnlySpan<double> mnu, ReadOnlySpan<double> rperp)
    {
        int k = v.Length;
        if (k < 1) throw new ArgumentException("v must have at least one entry", nameof(v));
        if (mmu.Length != k || mnu.Length != k) throw new ArgumentException($"m^μ and m^ν must have K = {k} entries");
        if (rperp.Length != k * k) throw new ArgumentException($"R⊥ must have K² = {k * k} entries (got {rperp.Length})", nameof(rperp));
        CheckFinite(v, "v");
        CheckFinite(mmu, "mmu");
        CheckFinite(mnu, "mnu");
        CheckFinite(rperp, "Rperp");
        Width = k;
        _v = v.ToArray();
        _mmu = mmu.ToArray();
        _mnu = mnu.ToArray();
        _rperp = new double[k * k];
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++) _rperp[i * k + j] = 0.5 * (rperp[i * k + j] + rperp[j * k + i]);
    }

    /// <summary>Hidden width K.</summary>
    public int Width { get; }

    /// <summary>v (length K).</summary>
    public ReadOnlySpan<double> V => _v;

    /// <summary>m^μ_i = W_i·μ (length K).</summary>
    public ReadOnlySpan<double> Mmu => _mmu;

    /// <summary>m^ν_i = W_i·ν (length K).</summary>
    public ReadOnlySpan<double> Mnu => _mnu;

    /// <summary>R⊥, K×K row-major, symmetric.</summary>
    public ReadOnlySpan<double> Rperp => _rperp;

    /// <summary>R⊥_ij (0-based).</summary>
    public double RperpAt(int i, int j) => _rperp[i * Width + j];

    /// <summary>
    /// Q = m^μ m^μᵀ + m^ν m^νᵀ + R⊥ (K×K row-major): the Gram matrix W Wᵀ, so that given the cluster ϑ the
    /// pre-activations are u = a_ϑ m^μ + b_ϑ m^ν + N(0, Q/λ) (xor.md §4).
    /// </summary>
    public void Gram(Span<double> destination) => Gram(_mmu, _mnu, _rperp, destination);

    /// <summary>Q = m^μ m^μᵀ + m^ν m^νᵀ + R⊥ from its parts (K×K row-major).</summary>
    public static void Gram(ReadOnlySpan<double> mmu, ReadOnlySpan<double> mnu, ReadOnlySpan<double> rperp, Span<double> destination)
    {
        int k = mmu.Length;
        if (mnu.Length != k || rperp.Length != k * k || destination.Length < k * k) throw new ArgumentException("Q needs K, K, K² and a K² destination");
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                destination[i * k + j] = mmu[i] * mmu[j] + mnu[i] * mnu[j] + 0.5 * (rperp[i * k + j] + rperp[j * k + i]);
    }

    /// <summary>
    /// The noiseless network output on cluster ϑ: s(ϑ) = Σ_j v_j g(W_j·ϑ) = Σ_j v_j g(a_ϑ m^μ_j + b_ϑ m^ν_j)
    /// (xor.md §7.1), ϑ = 0..3 for +μ, −μ, +ν, −ν.
    /// </summary>
    public double ClusterScore(int cluster)
    {
        double a = XorClusters.MuCoordinate(cluster), b = XorClusters.NuCoordinate(cluster);
        double s = 0;
        for (int j = 0; j < Width; j++) s += _v[j] * Math.Max(a * _mmu[j] + b * _mnu[j], 0);
        return s;
    }

    /// <summary>Squared norms: ‖v‖² + Σ_i (‖W_i‖² = (m^μ_i)² + (m^ν_i)² + R⊥_ii), the argument of the penalty (β/2)(·).</summary>
    public double SquaredNorm()
    {
        double s = 0;
        for (int i = 0; i < Width; i++) s += _v[i] * _v[i] + _mmu[i] * _mmu[i] + _mnu[i] * _mnu[i] + _rperp[i * Width + i];
        return s;
    }

    /// <summary>Length of the packed ODE state: v (K), m^μ (K), m^ν (K), then the K(K+1)/2 upper-triangle entries of R⊥.</summary>
    public static int PackedLength(int width) => 3 * width + width * (width + 1) / 2;

    /// <summary>The width K of a packed state of the given length (inverse of <see cref="PackedLength"/>).</summary>
    public static int WidthOfPacked(int length)
    {
        for (int k = 1; PackedLength(k) <= length; k++)
            if (PackedLength(k) == length) return k;
        throw new ArgumentException($"{length} is not a packed xor state length 3K + K(K+1)/2", nameof(length));
    }

    /// <summary>Writes the packed state [v; m^μ; m^ν; R⊥ upper triangle (i ≤ j, row by row)]; also the statistics part of the observables.</summary>
    public void Pack(Span<double> state)
    {
        int k = Width;
        if (state.Length != PackedLength(k)) throw new ArgumentException($"packed state must have {PackedLength(k)} entries", nameof(state));
        _v.CopyTo(state);
        _mmu.CopyTo(state[k..]);
        _mnu.CopyTo(state[(2 * k)..]);
        int index = 3 * k;
        for (int i = 0; i < k; i++)
            for (int j = i; j < k; j++) state[index++] = _rperp[i * k + j];
    }

    /// <summary>The packed state as a new array.</summary>
    public double[] ToPacked()
    {
        var state = new double[PackedLength(Width)];
        Pack(state);
        return state;
    }

    /// <summary>Unpacks [v; m^μ; m^ν; R⊥ upper triangle].</summary>
    public static XorStatistics FromPacked(ReadOnlySpan<double> state)
    {
        int k = WidthOfPacked(state.Length);
        var rperp = new double[k * k];
        UnpackUpper(k, state[(3 * k)..], rperp);
        return new XorStatistics(state[..k], state.Slice(k, k), state.Slice(2 * k, k), rperp);
    }

    /// <summary>Expands an upper triangle (i ≤ j, row by row) into a full symmetric K×K row-major matrix.</summary>
    public static void UnpackUpper(int width, ReadOnlySpan<double> upper, Span<double> full)
    {
        if (upper.Length < width * (width + 1) / 2 || full.Length < width * width) throw new ArgumentException("spans too short");
        int index = 0;
        for (int i = 0; i < width; i++)
            for (int j = i; j < width; j++)
            {
                double x = upper[index++];
                full[i * width + j] = x;
                full[j * width + i] = x;
            }
    }

    /// <summary>
    /// The warm start of xor.md §3: (v0, mmu0, mnu0, rperp0·I_K) — the ODE's initial condition and, exactly, the SGD
    /// statistics at t = 0 for <c>init = warm</c> at every d ≥ K + 2.
    /// </summary>
    public static XorStatistics WarmStart(XorParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int k = parameters.Width;
        var rperp = new double[k * k];
        for (int i = 0; i < k; i++) rperp[i * k + i] = parameters.Rperp0;
        return new XorStatistics(parameters.V0.ToArray(), parameters.Mmu0.ToArray(), parameters.Mnu0.ToArray(), rperp);
    }

    /// <summary>A copy with v, m^μ, m^ν replaced where given (null keeps the current value).</summary>
    public XorStatistics With(double[]? v = null, double[]? mmu = null, double[]? mnu = null, double[]? rperp = null) =>
        new(v ?? _v, mmu ?? _mmu, mnu ?? _mnu, rperp ?? _rperp);

    /// <summary>True when every entry of <paramref name="values"/> is finite.</summary>
    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double x in values) if (!double.IsFinite(x)) return false;
        return true;
    }

    private static void CheckFinite(ReadOnlySpan<double> values, string name)
    {
        foreach (double x in values) if (!double.IsFinite(x)) throw new ArgumentException($"{name} has a non-finite entry", name);
    }
}
