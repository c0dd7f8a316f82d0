namespace TheoryCheck.Models.Cws;

/// <summary>
/// The closure statistics of one state (cws.md §2; docs/theory/cws.md §2): per class c the mean and variance of
/// r = ⟨X, a⟩ given c, M_c = ⟨X, m_c⟩ and S_c = Σ_i λ_i^{(c)} X_i², plus ‖X‖², ⟨X, μ⟩ and the clean part
/// Σ_{i∈𝒞} X_i μ_i. Exact at every d: given c and X, r ~ N(M_c, S_c). The theory forms them from the per-mode state
/// (X_i² → V_i, X_i m_{c,i} → A_{c,i}), the simulation from the iterate; the observables are functions of them only.
/// </summary>
public sealed record CwsStatistics
{
    private readonly double[] _means;
    private readonly double[] _variances;

    /// <param name="classMeans">M_c (length C).</param>
    /// <param name="classVariances">S_c ≥ 0 (length C).</param>
    /// <param name="norm2">‖X‖².</param>
    /// <param name="overlap">⟨X, μ⟩.</param>
    /// <param name="cleanOverlap">Σ_{i∈𝒞} X_i μ_i.</param>
    public CwsStatistics(ReadOnlySpan<double> classMeans, ReadOnlySpan<double> classVariances, double norm2, double overlap, double cleanOverlap)
    {
        if (classMeans.Length != classVariances.Length || classMeans.Length < 2)
            throw new ArgumentException("M and S must both have C ≥ 2 entries");
        _means = classMeans.ToArray();
        _variances = classVariances.ToArray();
        Norm2 = norm2;
        Overlap = overlap;
        CleanOverlap = cleanOverlap;
    }

    /// <summary>The statistics of X = 0 with C classes.</summary>
    public static CwsStatistics Zero(int classes) => new(new double[classes], new double[classes], 0, 0, 0);

    /// <summary>C.</summary>
    public int Classes => _means.Length;

    /// <summary>M_c = ⟨X, m_c⟩.</summary>
    public ReadOnlySpan<double> ClassMeans => _means;

    /// <summary>S_c = Σ_i λ_i^{(c)} X_i².</summary>
    public ReadOnlySpan<double> ClassVariances => _variances;

    /// <summary>‖X‖².</summary>
    public double Norm2 { get; }

    /// <summary>⟨X, μ⟩.</summary>
    public double Overlap { get; }

    /// <summary>Σ_{i∈𝒞} X_i μ_i.</summary>
    public double CleanOverlap { get; }

    /// <summary>True when every number is finite.</summary>
    public bool IsFinite
    {
        get
        {
            foreach (double x in _means) if (!double.IsFinite(x)) return false;
            foreach (double x in _variances) if (!double.IsFinite(x)) return false;
            return double.IsFinite(Norm2) && double.IsFinite(Overlap) && double.IsFinite(CleanOverlap);
        }
    }

    /// <summary>Value equality including M and S.</summary>
    public bool Equals(CwsStatistics? other) =>
        other is not null && _means.AsSpan().SequenceEqual(other._means) && _variances.AsSpan().SequenceEqual(other._variances) &&
        Norm2.Equals(other.Norm2) && Overlap.Equals(other.Overlap) && CleanOverlap.Equals(other.CleanOverlap);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Norm2, Overlap, CleanOverlap, _means.Length > 0 ? _means[0] : 0);
}
