using System.Numerics.Tensors;
using TheoryCheck.Models.Kgmm;
using TheoryCheck.Numerics.Spectra;

namespace TheoryCheck.Theory.Kgmm;

/// <summary>
/// A kgmm population matrix as a matrix-free operator on ℝ^d (one block (c, c)) or ℝ^{kd} (the full matrix,
/// stacked x = (x^1; …; x^k), index c·d + i), through the low-rank + bulk identity with an explicit orthonormal
/// basis L of S (kgmm.md §9.1, §9.4–9.5):
/// <code>
/// block:  y = L K_c Lᵀ x + b_c (x − L Lᵀ x)
/// full:   y^c = Σ_{c'} [ L 𝒦_{cc'} Lᵀ x^{c'} + B_{cc'} (x^{c'} − L Lᵀ x^{c'}) ]
/// </code>
/// (B = H̄/λ or Ḡ/λ, b_c = B_cc) plus an optional shift (e.g. β for the Hessian; empirical matrices exclude β).
/// L must be the basis that matches the coordinates of the <see cref="KgmmPopulationMatrices"/>
/// (<see cref="KgmmSubspaceCoordinates.Basis"/>), so population and empirical matrices of the same finite-d state
/// compare operator to operator. Cost per product O(k·q·d + k²·d). Not thread-safe (scratch buffers).
/// </summary>
public sealed class KgmmPopulationOperator : ILinearOperator
{
    private readonly int _k;
    private readonly int _q;
    private readonly int _d;
    private readonly int? _block;
    private readonly double[] _basis;   // q × d
    private readonly double[] _reduced; // full: (kq)×(kq) of 𝒦 − B⊗I_q; block: q×q of K_c − b_c I
    private readonly double[] _bulk;    // k×k (full) or 1×1 (block)
    private readonly double _shift;
    private readonly double[] _s;       // k·q
    private readonly double[] _t;       // k·q

    /// <param name="matrices">Population matrices at the state.</param>
    /// <param name="kind">Hessian or G.</param>
    /// <param name="basis">L, q×d row-major (basis vector i at [i·d, (i+1)·d)), orthonormal, matching the coordinates.</param>
    /// <param name="d">Data dimension d ≥ q.</param>
    /// <param name="block">0-based class c for the block (c, c) on ℝ^d; null for the full matrix on ℝ^{kd}.</param>
    /// <param name="shift">Added multiple of the identity (β to include the penalty in the Hessian; default 0).</param>
    public KgmmPopulationOperator(KgmmPopulationMatrices matrices, KgmmMatrixKind kind, ReadOnlySpan<double> basis, int d, int? block = null,
        double shift = 0)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        _k = matrices.Parameters.K;
        _q = matrices.Q;
        if (d < _q) throw new ArgumentException($"d must be at least q = {_q}", nameof(d));
        if (basis.Length != _q * d) throw new ArgumentException($"basis must be q×d = {_q}×{d} row-major", nameof(basis));
        if (block is int b && (uint)b >= (uint)_k) throw new ArgumentOutOfRangeException(nameof(block), "block must lie in [0, k)");
        if (!double.IsFinite(shift)) throw new ArgumentException("shift must be finite", nameof(shift));
        _d = d;
        _block = block;
        _basis = basis.ToArray();
        _shift = shift;
        Kind = kind;
        int q = _q;
        if (block is int c)
        {
            double level = matrices.BlockBulkLevel(kind, c);
            _bulk = [level];
            _reduced = matrices.Block(kind, c);
            for (int i = 0; i < q; i++) _reduced[i * q + i] -= level;
        }
        else
        {
            _bulk = matrices.BulkMatrix(kind);
            _reduced = matrices.Full(kind);
            int n = _k * q;
            for (int c1 = 0; c1 < _k; c1++)
                for (int c2 = 0; c2 < _k; c2++)
                    for (int i = 0; i < q; i++) _reduced[(c1 * q + i) * n + c2 * q + i] -= _bulk[c1 * _k + c2];
        }
        _s = new double[_k * q];
        _t = new double[_k * q];
    }

    /// <summary>Hessian or G.</summary>
    public KgmmMatrixKind Kind { get; }

    /// <summary>d for a block, k·d for the full matrix.</summary>
    public int Dimension => _block is null ? _k * _d : _d;

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        if (x.Length != Dimension || y.Length != Dimension) throw new ArgumentException($"x and y must have length {Dimension}");
        int q = _q, d = _d;
        int blocks = _block is null ? _k : 1;
        int n = blocks * q;
        // s^{c'} = L x^{c'}.
        for (int c = 0; c < blocks; c++)
        {
            var xc = x.Slice(c * d, d);
            for (int i = 0; i < q; i++) _s[c * q + i] = TensorPrimitives.Dot(_basis.AsSpan(i * d, d), xc);
        }
        // t = (𝒦 − B ⊗ I) s.
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++) sum += _reduced[i * n + j] * _s[j];
            _t[i] = sum;
        }
        // y^c = Σ_{c'} B_{cc'} x^{c'} + Lᵀ t^c + shift·x^c.
        for (int c = 0; c < blocks; c++)
        {
            var yc = y.Slice(c * d, d);
            x.Slice(c * d, d).CopyTo(yc);
            TensorPrimitives.Multiply(yc, _bulk[c * blocks + c] + _shift, yc);
            for (int c2 = 0; c2 < blocks; c2++)
                if (c2 != c) TensorPrimitives.MultiplyAdd(x.Slice(c2 * d, d), _bulk[c * blocks + c2], yc, yc);
            for (int i = 0; i < q; i++) TensorPrimitives.MultiplyAdd(_basis.AsSpan(i * d, d), _t[c * q + i], yc, yc);
        }
    }
}
