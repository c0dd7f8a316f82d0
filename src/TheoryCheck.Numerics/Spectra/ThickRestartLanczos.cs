using System.Numerics.Tensors;

namespace TheoryCheck.Numerics.Spectra;

/// <summary>
/// One run of thick-restart Lanczos (Wu–Simon 2000) for the largest algebraic eigenpairs; see <see cref="Lanczos"/>.
/// </summary>
/// <remarks>
/// State: an orthonormal basis V = [v_0 … v_{m−1}] with the residual direction in slot m, and the projected
/// matrix T = VᵀAV (m×m). Column j of T is the vector of Gram–Schmidt coefficients of A·v_j, so T is the actual
/// Rayleigh quotient of the basis whatever its history (Lanczos steps, thick restarts, random continuations):
/// A V = V T + β_m v_m e_{m−1}ᵀ. The residual estimate of the Ritz pair (θ_i, V y_i) is |β_m · y_i[m−1]|.
/// </remarks>
internal sealed class ThickRestartLanczos
{
    /// <summary>‖w‖ ≤ BreakdownRatio·max(‖A v_j‖, ‖A‖_est) after orthogonalisation counts as an invariant subspace.</summary>
    private const double BreakdownRatio = 1e-13;

    private const int RotationChunk = 128;

    /// <summary>The fresh-start check runs at least this many Lanczos steps (or m − count if larger).</summary>
    private const int MinimumCheckSteps = 30;

    private readonly ILinearOperator _op;
    private readonly int _n;
    private readonly int _count;
    private readonly int _m;
    private readonly double _tolerance;
    private readonly LanczosOptions _options;
    private readonly int _checkSteps;

    private readonly double[] _basis;        // (m + 1)·n, vector j at [j·n, (j+1)·n)
    private readonly double[] _projected;    // m·m row-major, symmetric
    private readonly double[] _work;         // n
    private readonly double[] _coefficients; // m + 1
    private readonly double[] _scratch;      // 2·(m + 1)
    private readonly double[] _rotation;     // m·RotationChunk

    private long _matvecs;
    private int _steps;
    private int _restarts;
    private ulong _randomStream;
    private double _normEstimate;

    public ThickRestartLanczos(ILinearOperator op, int count, int krylovDimension, LanczosOptions options)
    {
        _op = op;
        _n = op.Dimension;
        _count = count;
        _m = krylovDimension;
        _tolerance = options.Tolerance;
        _options = options;
        _checkSteps = Math.Max(krylovDimension - count, MinimumCheckSteps);
        _basis = new double[(long)(_m + 1) * _n <= Array.MaxLength ? (_m + 1) * _n : throw new ArgumentException("Krylov basis does not fit in one array.")];
        _projected = new double[_m * _m];
        _work = new double[_n];
        _coefficients = new double[_m + 1];
        _scratch = new double[2 * (_m + 1)];
        _rotation = new double[_m * RotationChunk];
    }

    private Span<double> Vector(int j) => _basis.AsSpan(j * _n, _n);

    public LanczosResult Run()
    {
        NewRandomVector(0, 0);
        int start = 0;
        bool wholeSpace = _m == _n;
        Pairs? beforeCheck = null;
        int checkStartSteps = 0;
        while (true)
        {
            double residualNorm = Expand(start);
            (double[] theta, double[] ritz) = SmallSymmetricEigen.Decompose(_projected, _m, _m);
            for (int i = 0; i < _m; i++) _normEstimate = Math.Max(_normEstimate, Math.Abs(theta[i]));

            if (beforeCheck is not null)
            {
                // Fresh-start check: the converged vectors X stay in the basis; the Krylov part grown from a random
                // vector orthogonal to X probes the complement. A Ritz value rising above the count-th converged
                // value means a missed eigenvalue (e.g. another copy of a repeated one): back to normal restarts.
                // Otherwise the check passes once the top Ritz pair of the complement (index count) has converged,
                // or the complement has been probed by max(m − count, 30) Lanczos steps.
                double last = beforeCheck.Values[_count - 1];
                if (theta[_count - 1] > last + _tolerance * Math.Max(Math.Abs(last), _normEstimate))
                {
                    beforeCheck = null;
                }
                else
                {
                    if (_steps - checkStartSteps >= _checkSteps
                        || Math.Abs(residualNorm * ritz[_count * _m + _m - 1]) <= Bound(theta[_count]))
                        return Result(beforeCheck, converged: true, checkPassed: true);
                    if (_restarts >= _options.MaxRestarts)
                        return Result(beforeCheck, converged: true, checkPassed: false);
                    start = ThickRestart(theta, ritz, residualNorm, _count + 1);
                    continue;
                }
            }

            bool estimatesConverged = true;
            for (int i = 0; i < _count && estimatesConverged; i++)
                estimatesConverged = Math.Abs(residualNorm * ritz[i * _m + _m - 1]) <= Bound(theta[i]);

            bool outOfRestarts = _restarts >= _options.MaxRestarts;
            if (estimatesConverged || wholeSpace || outOfRestarts)
            {
                Pairs pairs = ExplicitPairs(ritz);
                bool converged = true;
                for (int i = 0; i < _count; i++) converged &= pairs.Residuals[i] <= Bound(pairs.Values[i]);
                if (wholeSpace) return Result(pairs, converged, checkPassed: true);
                if (converged && _options.FreshStartCheck && !outOfRestarts)
                {
                    beforeCheck = pairs;
                    checkStartSteps = _steps;
                    start = RestartFromConverged(pairs);
                    continue;
                }
                if (converged || outOfRestarts) return Result(pairs, converged, checkPassed: false);
            }

            start = ThickRestart(theta, ritz, residualNorm, _count);
        }
    }

    private double Bound(double theta) => _tolerance * Math.Max(Math.Abs(theta), _normEstimate);

    /// <summary>
    /// Lanczos steps for columns start..m−1 with full re-orthogonalisation; fills T's columns and stores the final
    /// residual direction in slot m. Returns β_m (0 after a breakdown at the last step).
    /// </summary>
    private double Expand(int start)
    {
        Span<double> w = _work;
        for (int j = start; j < _m; j++)
        {
            _op.Apply(Vector(j), w);
            _matvecs++;
            _steps++;
            double applied = TensorPrimitives.Norm(w);
            if (!double.IsFinite(applied))
                throw new InvalidOperationException($"The operator returned a non-finite vector (‖A v‖ = {applied}) at Lanczos step {_steps}.");
            Span<double> coefficients = _coefficients.AsSpan(0, j + 1);
            coefficients.Clear();
            double beta = GramSchmidt.OrthogonalizeTwice(_basis, _n, j + 1, w, coefficients, _scratch);
            for (int i = 0; i <= j; i++)
            {
                _projected[i * _m + j] = coefficients[i];
                _projected[j * _m + i] = coefficients[i];
            }
            bool breakdown = beta <= BreakdownRatio * Math.Max(applied, _normEstimate);
            if (j + 1 < _m)
            {
                if (breakdown)
                {
                    NewRandomVector(j + 1, j + 1);
                    beta = 0;
                }
                else
                {
                    TensorPrimitives.Multiply(w, 1.0 / beta, Vector(j + 1));
                }
                _projected[(j + 1) * _m + j] = beta;
                _projected[j * _m + j + 1] = beta;
            }
            else
            {
                if (breakdown) return 0;
                TensorPrimitives.Multiply(w, 1.0 / beta, Vector(_m));
                return beta;
            }
        }
        return 0;
    }

    /// <summary>
    /// Thick restart: keep the top l = wanted + ⌊(m − wanted)/2⌋ Ritz vectors and the residual direction
    /// (T becomes diag(θ) with the arrow β_m·y_i[m−1] in column l); returns the next column to expand.
    /// </summary>
    private int ThickRestart(double[] theta, double[] ritz, double residualNorm, int wanted)
    {
        int keep = wanted + (_m - wanted) / 2;
        RotateBasis(ritz, keep);
        Array.Clear(_projected);
        for (int i = 0; i < keep; i++) _projected[i * _m + i] = theta[i];
        if (residualNorm > 0)
        {
            _basis.AsSpan(_m * _n, _n).CopyTo(Vector(keep));
            for (int i = 0; i < keep; i++)
            {
                double coupling = residualNorm * ritz[i * _m + _m - 1];
                _projected[i * _m + keep] = coupling;
                _projected[keep * _m + i] = coupling;
            }
        }
        else
        {
            NewRandomVector(keep, keep);
        }
        _restarts++;
        return keep;
    }

    /// <summary>Restart for the fresh-start check: basis = converged vectors + a random orthogonal vector.</summary>
    private int RestartFromConverged(Pairs pairs)
    {
        Array.Clear(_projected);
        for (int i = 0; i < _count; i++)
        {
            pairs.Vectors[i].CopyTo(Vector(i));
            _projected[i * _m + i] = pairs.Values[i];
        }
        NewRandomVector(_count, _count);
        _restarts++;
        return _count;
    }

    /// <summary>In place: v_i ← Σ_j y_i[j] v_j for i &lt; keep (chunked over coordinates, O(m·keep·n)).</summary>
    private void RotateBasis(double[] ritz, int keep)
    {
        for (int p0 = 0; p0 < _n; p0 += RotationChunk)
        {
            int width = Math.Min(RotationChunk, _n - p0);
            for (int j = 0; j < _m; j++)
                _basis.AsSpan(j * _n + p0, width).CopyTo(_rotation.AsSpan(j * RotationChunk, width));
            for (int i = 0; i < keep; i++)
            {
                Span<double> destination = _basis.AsSpan(i * _n + p0, width);
                destination.Clear();
                for (int j = 0; j < _m; j++)
                    TensorPrimitives.MultiplyAdd(_rotation.AsSpan(j * RotationChunk, width), ritz[i * _m + j], destination, destination);
            }
        }
    }

    /// <summary>Forms the top count Ritz vectors, their Rayleigh quotients and explicit residuals (count products).</summary>
    private Pairs ExplicitPairs(double[] ritz)
    {
        var vectors = new double[_count][];
        var values = new double[_count];
        var residuals = new double[_count];
        Span<double> product = _work;
        for (int i = 0; i < _count; i++)
        {
            var v = new double[_n];
            for (int j = 0; j < _m; j++)
                TensorPrimitives.MultiplyAdd(Vector(j), ritz[i * _m + j], v, v);
            TensorPrimitives.Multiply(v, 1.0 / TensorPrimitives.Norm(v), v);
            _op.Apply(v, product);
            _matvecs++;
            double rayleigh = TensorPrimitives.Dot(v, product);
            TensorPrimitives.MultiplyAdd(v, -rayleigh, product, product);
            vectors[i] = v;
            values[i] = rayleigh;
            residuals[i] = TensorPrimitives.Norm(product);
        }
        int[] order = Enumerable.Range(0, _count).OrderByDescending(i => values[i]).ToArray();
        return new Pairs(
            order.Select(i => values[i]).ToArray(),
            order.Select(i => vectors[i]).ToArray(),
            order.Select(i => residuals[i]).ToArray());
    }

    private void NewRandomVector(int slot, int orthogonalTo)
    {
        int draws = GramSchmidt.RandomOrthogonalUnit(
            _basis, _n, orthogonalTo, _options.Seed, _randomStream, Vector(slot), _scratch);
        _randomStream += (ulong)draws;
    }

    private LanczosResult Result(Pairs pairs, bool converged, bool checkPassed) => new()
    {
        Dimension = _n,
        Values = pairs.Values,
        Vectors = pairs.Vectors,
        ResidualNorms = pairs.Residuals,
        Converged = converged,
        FreshStartCheckPassed = checkPassed,
        MatvecCount = _matvecs,
        LanczosSteps = _steps,
        Restarts = _restarts,
        KrylovDimension = _m,
        Tolerance = _tolerance,
        NormEstimate = _normEstimate,
        StartVectorSeed = _options.Seed,
    };

    private sealed record Pairs(double[] Values, double[][] Vectors, double[] Residuals);
}
